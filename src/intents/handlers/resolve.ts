// Turning names in a message into records: found → go on; ambiguous → ask with buttons;
// nothing → say so, with what came close.
import type { ResolveCandidate } from '../../domain/resolution/index.ts';
import type { Locale } from '../../domain/shared/errors.ts';
import type { Entities, IntentName } from '../parser/index.ts';
import { formatDate } from '../format.ts';
import { READ_ONLY_INTENTS } from '../catalogue.ts';
import { L, type HandlerContext, type HandlerResult, type Pending, type Resolved } from './context.ts';

const HAN = /\p{Script=Han}/u;

/** A name in the reader's script where we have one: 市第一医院 → "City No.1 Hospital" in English. */
export function displayName(name: string, aliases: readonly string[], lang: Locale): string {
  const nameIsHan = HAN.test(name);
  if (lang === 'en' && nameIsHan) {
    const latin = aliases.filter((a) => !HAN.test(a));
    const titled = latin.find((a) => /^(Dr|Prof|Mr|Ms|Mrs)\.?\s/i.test(a));
    const full = latin.filter((a) => a !== titled && /^\S+\s+\S+$/.test(a)).sort((a, b) => b.length - a.length)[0];
    // "Dr. Wang" and "Wang Li": "Dr. Wang Li", which tells two Dr. Wangs apart.
    const t = titled ? /^((?:Dr|Prof|Mr|Ms|Mrs)\.?)\s+(\S+)$/i.exec(titled) : null;
    if (t && full && full.split(/\s+/)[0]!.toLowerCase() === t[2]!.toLowerCase()) return `${t[1]} ${full}`;
    return titled ?? latin.sort((a, b) => b.length - a.length)[0] ?? name;
  }
  if (lang === 'zh' && !nameIsHan) return aliases.find((a) => HAN.test(a)) ?? name;
  return name;
}

export interface Party {
  contactId?: string | undefined;
  accountId: string | undefined;
  /** "Dr. Li (City No.1 Hospital)" */
  label: string;
  contactName?: string | undefined;
  accountName?: string | undefined;
}

export type PartyOutcome = { ok: true; party: Party } | { ok: false; result: HandlerResult };

export async function describeParty(ctx: HandlerContext, ids: { contactId?: string | undefined; accountId?: string | undefined }): Promise<Party> {
  const { services, actor, lang } = ctx;
  let contactName: string | undefined;
  let accountId = ids.accountId;
  if (ids.contactId) {
    const c = await services.contacts.getContact(actor, ids.contactId);
    contactName = displayName(c.name, c.aliases, lang);
    accountId ??= c.accountId ?? undefined;
  }
  let accountName: string | undefined;
  if (accountId) {
    const a = await services.accounts.getAccount(actor, accountId);
    accountName = displayName(a.name, a.aliases, lang);
  }
  return party(ctx, ids.contactId, accountId, contactName, accountName);
}

/** "Dr. Li (City No.1 Hospital)" / "李明（市第一医院）". */
function party(
  ctx: HandlerContext,
  contactId: string | undefined,
  accountId: string | undefined,
  contactName: string | undefined,
  accountName: string | undefined,
): Party {
  const paren = (x: string) => (ctx.lang === 'zh' ? `（${x}）` : ` (${x})`);
  const label = contactName ? (accountName ? `${contactName}${paren(accountName)}` : contactName) : (accountName ?? '?');
  return { contactId, accountId, label, contactName, accountName };
}

/** The same Party as describeParty, from a resolution match (already within the actor's reach). */
function partyFromMatch(ctx: HandlerContext, m: ResolveCandidate): Party {
  const contactName = m.kind === 'contact' ? displayName(m.name, m.aliases, ctx.lang) : undefined;
  const accountId = m.kind === 'contact' ? (m.accountId ?? undefined) : m.id;
  const accountName = accountId && m.accountName ? displayName(m.accountName, m.accountAliases, ctx.lang) : undefined;
  return party(ctx, m.kind === 'contact' ? m.id : undefined, accountId, contactName, accountName);
}

function candidateLabel(c: ResolveCandidate, ctx: HandlerContext): { label: string; detail: string } {
  const parts = [c.title, c.accountName].filter(Boolean) as string[];
  if (c.lastInteractionAt) {
    parts.push(L(ctx.lang, 'last contact ', '上次联系 ') + formatDate(c.lastInteractionAt, ctx.tz, ctx.lang));
  }
  return { label: parts.length && c.kind === 'contact' ? `${c.name} · ${c.accountName ?? c.title ?? ''}`.replace(/ · $/, '') : c.name, detail: parts.join(' · ') };
}

/** Asks the user to pick one of several records; the buttons post back `choose:<index>`. */
export function askToChoose(
  ctx: HandlerContext,
  intent: IntentName,
  entities: Entities,
  resolved: Resolved,
  slot: Extract<Pending, { type: 'choose' }>['slot'],
  question: string,
  candidates: Extract<Pending, { type: 'choose' }>['candidates'],
): HandlerResult {
  const shown = candidates.slice(0, 8);
  const lines = shown.map((c, i) => `${i + 1}. ${c.label}${c.detail ? ` — ${c.detail}` : ''}`);
  return {
    replies: [
      {
        kind: 'choices',
        text: `${question}\n${lines.join('\n')}`,
        actions: [
          // (Two 李明 at 市第一医院: a label shared by two choices says what tells them apart.)
          shown.map((c, i) => ({ label: shown.filter((x) => x.label === c.label).length > 1 && c.detail ? `${c.label} · ${c.detail.split(/\s+·\s+/)[0]!.slice(0, 24)}` : c.label, value: `choose:${i}` })),
          [{ label: L(ctx.lang, 'Cancel', '取消'), value: 'cancel' }],
        ],
      },
    ],
    pending: { type: 'choose', intent, entities, resolved, slot, candidates: shown, lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
  };
}

/** The ways an account may be said in passing: its name, aliases, and the name without 医院/Corp. */
export function accountForms(name: string | null | undefined, aliases: readonly string[] = []): string[] {
  const out = new Set<string>();
  for (const n of [name, ...aliases]) {
    if (!n) continue;
    out.add(n.toLowerCase());
    const short = n.replace(/(?:大药房|药房|医院|诊所|卫生院|医疗中心|公司|集团)$/u, '').replace(/\s+(?:hospital|clinic|corp|corporation|inc|ltd|llc|group|pharmacy)\.?$/i, '');
    if (short !== n) out.add(short.toLowerCase());
  }
  return [...out].filter((f) => [...f].length >= 2);
}

/** Keeps asking for a name in the same dialog after one was not found (`attempts` counts the misses). */
function askAgain(
  ctx: HandlerContext,
  intent: IntentName,
  entities: Entities,
  resolved: Resolved,
  need: 'contact' | 'account' | 'any',
  _text: string,
): HandlerResult {
  return {
    replies: [],
    pending: { type: 'slot', intent, entities, resolved, slot: need === 'account' ? 'account' : 'contact', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId, attempts: 1 },
  };
}

/**
 * Finds the contact or account the message names. `need` says what the intent requires: a
 * contact, an account (a contact's account will do), or either. An account named with a person
 * (`Dr. Wang at Huashan`, `协和王主任`) narrows a choice among people; a person found at another
 * account than the one named is asked about, never taken.
 */
/** Words that are also first names but, in a message, are far more often something else. */
const NOT_A_FIRST_NAME = new Set(['will', 'may', 'can', 'mark', 'sue', 'rob', 'pat', 'grant', 'bob', 'june', 'april', 'august', 'rose', 'hope', 'joy', 'faith', 'summer', 'art', 'van', 'chase']);

/**
 * The one contact a message names by first name alone when the parser read no name ("met bill
 * today re budget", "actually it was bill"): each Latin word is looked up as a person; only a
 * name, alias or first-name match counts, and only when exactly one contact fits. A word that is
 * mostly something else (`will`, `may`) counts only when written with a capital.
 */
export async function firstNameMentioned(ctx: HandlerContext, text: string, exclude: readonly string[] = []): Promise<ResolveCandidate | null> {
  const found = new Map<string, ResolveCandidate>();
  const skip = new Set(exclude.map((x) => x.toLowerCase()));
  for (const w of new Set(text.match(/[A-Za-z][A-Za-z'-]{2,}/g) ?? [])) {
    const lower = w.toLowerCase();
    if (skip.has(lower) || (NOT_A_FIRST_NAME.has(lower) && w === lower)) continue;
    const r = await ctx.services.resolution.resolve(ctx.actor, w, { kind: 'contact', limit: 10 });
    if (r.status === 'ambiguous') return null;
    if (r.status === 'found' && ['exact', 'alias', 'name', 'surname'].includes(r.match.matchedBy)) found.set(r.match.id, r.match);
  }
  return found.size === 1 ? [...found.values()][0]! : null;
}

/** The one person at an account whose first name (or alias) is a word of the message: "peter" of "peter initech quote". */
export async function personAtAccount(ctx: HandlerContext, text: string, accountId: string, exclude: readonly string[]): Promise<ResolveCandidate | null> {
  const skip = new Set(exclude.map((x) => x.toLowerCase()));
  const found = new Map<string, ResolveCandidate>();
  for (const w of new Set(text.match(/[A-Za-z][A-Za-z'-]{2,}/g) ?? [])) {
    const lower = w.toLowerCase();
    if (skip.has(lower) || (NOT_A_FIRST_NAME.has(lower) && w === lower)) continue;
    const r = await ctx.services.resolution.resolve(ctx.actor, w, { kind: 'contact', limit: 10 });
    const all = r.status === 'found' ? [r.match] : r.status === 'ambiguous' ? r.candidates : [];
    for (const c of all) {
      const first = c.name.trim().split(/\s+/)[0]!.toLowerCase();
      if (c.accountId === accountId && (first === lower || c.aliases.some((a) => a.toLowerCase() === lower))) found.set(c.id, c);
    }
  }
  return found.size === 1 ? [...found.values()][0]! : null;
}

/** An account found where a person may be meant ("peter initech quote thurs"): one of its people named by first name, else the account. */
async function orPersonThere(ctx: HandlerContext, m: ResolveCandidate, need: 'contact' | 'account' | 'any'): Promise<ResolveCandidate> {
  if (m.kind !== 'account' || need === 'account' || !ctx.text) return m;
  const person = await personAtAccount(ctx, ctx.text, m.id, [...accountForms(m.name, m.aliases), ...m.matchedText.toLowerCase().split(/\s+/)]);
  return person ?? m;
}

/**
 * The ways `said` splits into a name and, at its end, one of the user's accounts ("lisa park
 * soylent" → "lisa park" + Soylent): its last word, then its last two, while two words are left.
 */
export async function accountEndings(ctx: HandlerContext, said: string, minWords = 3): Promise<Array<{ name: string; account: string; accountId: string }>> {
  const words = said.trim().split(/\s+/);
  // (`Sarah Acme`, `wei ling soylent`: a first name alone before the account's is a name too, for someone already known.)
  if (words.length < minWords || /\p{Script=Han}/u.test(said)) return [];
  const out: Array<{ name: string; account: string; accountId: string }> = [];
  for (let k = 1; k <= Math.min(2, words.length - 1); k++) {
    const account = words.slice(-k).join(' ');
    const a = await ctx.services.resolution.resolve(ctx.actor, account, { kind: 'account' });
    if (a.status === 'found' && a.match.score >= 0.9) out.push({ name: words.slice(0, -k).join(' '), account, accountId: a.match.id });
  }
  return out;
}

/** The contact named by all but the last word or two of `text` when those words are their account. */
async function personThenAccount(ctx: HandlerContext, text: string): Promise<ResolveCandidate | null> {
  for (const split of await accountEndings(ctx, text, 2)) {
    const p = await ctx.services.resolution.resolve(ctx.actor, split.name, { kind: 'contact', limit: 10 });
    const there = p.status === 'found' ? [p.match] : p.status === 'ambiguous' ? p.candidates : [];
    const one = there.filter((c) => c.accountId === split.accountId);
    if (one.length === 1) return one[0]!;
  }
  return null;
}

/** A person referred to, not named: her, him, 她, 他 (not 他们, 她们: several people; not 其他, other). */
const PRONOUN_RE = /\b(?:she|he|her|him|his|hers)\b|(?<!其)[他她佢伊](?![们地哋])/i;
/** How long after a write `her` still means the person it was about. */
const PRONOUN_WINDOW_MS = 30 * 60_000;

/** The person the user's last write was about, when it was made in the last half hour. */
async function lastPerson(ctx: HandlerContext): Promise<{ contactId: string; accountId?: string } | null> {
  const last = await ctx.services.undo.lastWrite(ctx.actor);
  if (!last || ctx.now.getTime() - last.at.getTime() > PRONOUN_WINDOW_MS) return null;
  const { services, actor } = ctx;
  const of = (r: { contactId?: string | null; accountId?: string | null }) =>
    (r.contactId ? { contactId: r.contactId, ...(r.accountId ? { accountId: r.accountId } : {}) } : null);
  switch (last.entityType) {
    case 'Contact': { const c = await services.contacts.getContact(actor, last.entityId); return { contactId: c.id, ...(c.accountId ? { accountId: c.accountId } : {}) }; }
    case 'Interaction': return of(await services.interactions.getInteraction(actor, last.entityId));
    case 'Task': return of(await services.tasks.getTask(actor, last.entityId));
    default: return null;
  }
}

export async function resolveParty(
  ctx: HandlerContext,
  intent: IntentName,
  entities: Entities,
  resolved: Resolved,
  need: 'contact' | 'account' | 'any',
  askWho: { en: string; zh: string },
): Promise<PartyOutcome> {
  if (resolved.contactId || resolved.accountId) {
    return { ok: true, party: await describeParty(ctx, { contactId: resolved.contactId, accountId: resolved.accountId }) };
  }
  const text = (need === 'account' ? entities.account ?? entities.contact : entities.contact ?? entities.account)?.trim();
  if (!text && ctx.text) {
    // The parser found no name ("called acme about the renewal"): look for one the actor knows;
    // when the words fit several people equally well, ask which.
    const m = await ctx.services.resolution.mentions(ctx.actor, ctx.text, { kind: need === 'contact' ? 'contact' : 'any' });
    if (m.status === 'found') return { ok: true, party: partyFromMatch(ctx, await orPersonThere(ctx, m.match, need)) };
    if (m.status === 'none' && need !== 'account') {
      // "met bill today re budget": one contact whose first name is a word of the message.
      const byFirst = await firstNameMentioned(ctx, ctx.text);
      if (byFirst) return { ok: true, party: partyFromMatch(ctx, byFirst) };
    }
    // `oh, and her mobile is …`, `她生日是3月5号`: said right after a write about someone, her is them.
    if (m.status === 'none' && need !== 'account' && PRONOUN_RE.test(ctx.text)) {
      const last = await lastPerson(ctx);
      if (last) return { ok: true, party: await describeParty(ctx, last) };
    }
    if (m.status === 'ambiguous') {
      const candidates = m.candidates.map((c) => ({ id: c.id, kind: c.kind, accountId: c.accountId, ...candidateLabel(c, ctx) }));
      return { ok: false, result: askToChoose(ctx, intent, entities, resolved, 'target', L(ctx.lang, 'Which one do you mean?', '你指的是哪一位？'), candidates) };
    }
  }
  if (!text) {
    return {
      ok: false,
      result: {
        replies: [{ kind: 'question', text: L(ctx.lang, askWho.en, askWho.zh) }],
        pending: { type: 'slot', intent, entities, resolved, slot: need === 'account' ? 'account' : 'contact', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
      },
    };
  }
  // The account named with the person, when both are: it narrows (or contradicts) the person.
  const personText = need === 'account' ? undefined : entities.contact?.trim();
  let namedAccount: ResolveCandidate | null = null;
  if (personText && entities.account?.trim()) {
    const a = await ctx.services.resolution.resolve(ctx.actor, entities.account.trim(), { kind: 'account' });
    if (a.status === 'found') namedAccount = a.match;
  }
  // The parser cannot always tell a person from a company ("called Tom Baker"): search both.
  const kind = need === 'contact' ? 'contact' : 'any';
  let result = await ctx.services.resolution.resolve(ctx.actor, text, { kind, limit: 10 });
  if (result.status === 'none' && kind === 'contact') result = await ctx.services.resolution.resolve(ctx.actor, text, { kind: 'any', limit: 10 });
  if (result.status === 'none') {
    // "王丽送", "赵敏退": a Chinese name read with the verb after it. Without that character it
    // must be exactly someone's name or alias; anything less is not found, as before.
    const cut = hanNameWithoutVerb(text);
    if (cut) {
      const r = await ctx.services.resolution.resolve(ctx.actor, cut, { kind, limit: 10 });
      if (r.status === 'found' && r.match.score >= 0.95 && ['exact', 'alias', 'name'].includes(r.match.matchedBy)) result = r;
    }
  }
  if (result.status === 'found') {
    const m = result.match;
    if (namedAccount && m.kind === 'contact' && m.accountId !== namedAccount.id) {
      // "Dr. Li at Huashan" but the only Dr. Li is at City No.1: ask, never guess.
      const candidates = [
        { id: m.id, kind: 'contact' as const, accountId: m.accountId, ...candidateLabel(m, ctx) },
        { id: namedAccount.id, kind: 'account' as const, accountId: namedAccount.id, label: displayName(namedAccount.name, namedAccount.aliases, ctx.lang), detail: L(ctx.lang, 'the account only', '只记到客户') },
      ];
      return {
        ok: false,
        result: askToChoose(ctx, intent, entities, resolved, 'target', L(ctx.lang, `"${text}" is not at ${displayName(namedAccount.name, namedAccount.aliases, ctx.lang)}. Which do you mean?`, `“${text}”不在${displayName(namedAccount.name, namedAccount.aliases, ctx.lang)}。你指的是哪一个？`), candidates),
      };
    }
    return { ok: true, party: partyFromMatch(ctx, await orPersonThere(ctx, m, need)) };
  }
  if (result.status === 'ambiguous') {
    // An account named in the same message settles it: "Dr. Wang at Huashan", "协和王主任".
    if (entities.account && entities.contact) {
      let narrowed = namedAccount ? result.candidates.filter((c) => c.accountId === namedAccount!.id) : [];
      if (!namedAccount) {
        const acct = entities.account.toLowerCase();
        narrowed = result.candidates.filter((c) =>
          [c.accountName, ...c.accountAliases].some((n) => n && (n.toLowerCase().includes(acct) || acct.includes(n.toLowerCase()))),
        );
      }
      if (narrowed.length === 1) return { ok: true, party: partyFromMatch(ctx, narrowed[0]!) };
      if (narrowed.length > 1) result = { status: 'ambiguous', candidates: narrowed };
    }
    // The message (or the answer) names the account of exactly one of them: "协和王主任".
    const said = `${ctx.text} ${resolved.mention ?? ''}`.toLowerCase();
    const mentioned = result.candidates.filter((c) => accountForms(c.accountName, c.accountAliases).some((f) => said.includes(f)));
    if (mentioned.length === 1 && new Set(result.candidates.map((c) => c.accountId)).size > 1) return { ok: true, party: partyFromMatch(ctx, mentioned[0]!) };
    const candidates = result.candidates.map((c) => ({ id: c.id, kind: c.kind, accountId: c.accountId, ...candidateLabel(c, ctx) }));
    return {
      ok: false,
      result: askToChoose(ctx, intent, entities, resolved, 'target', L(ctx.lang, `Which "${text}" do you mean?`, `你指的是哪一位“${text}”？`), candidates),
    };
  }
  if (result.status === 'none' && need !== 'account') {
    // "log a call with wei ling soylent wants…": a person's name run into their account's.
    const split = await personThenAccount(ctx, text);
    if (split) return { ok: true, party: partyFromMatch(ctx, split) };
  }
  if (result.status === 'none' && ctx.text) {
    // A reading cut across the words ("赵敏确" of "跟赵敏确认采购单", an account "chek" of "chek in
    // with umbrella"): the one record the message names near-exactly, when it overlaps the words
    // read, or when those words were read as an account and it is one.
    const m = await ctx.services.resolution.mentions(ctx.actor, ctx.text, { kind });
    if (m.status === 'found') {
      const said = m.match.matchedText.toLowerCase();
      const read = text.toLowerCase();
      if (read.includes(said) || said.includes(read) || (!entities.contact && m.match.kind === 'account')) return { ok: true, party: partyFromMatch(ctx, await orPersonThere(ctx, m.match, need)) };
    }
  }
  const close = result.suggestions?.slice(0, 3).map((s) => s.name) ?? [];
  const hint = close.length ? L(ctx.lang, ` Did you mean ${close.join(', ')}?`, ` 你是不是指：${close.join('、')}？`) : '';
  const create = L(
    ctx.lang,
    ` Say another name (or "name at account"), "cancel", or add them with "add contact ${text} at <account>".`,
    ` 请换个名字（或“某客户的某人”），回复“取消”，或说“新增联系人 ${text} <客户名>”来新增。`,
  );
  const notFound = L(ctx.lang, `I couldn't find "${text}" among your accounts and contacts.`, `在你的客户和联系人中没有找到“${text}”。`) + hint;
  // A write keeps asking (another name answers it); a question about the CRM just says so.
  if (READ_ONLY_INTENTS.has(intent)) return { ok: false, result: { replies: [{ kind: 'error', text: notFound }] } };
  const again = askAgain(ctx, intent, entities, resolved, need, text);
  return {
    ok: false,
    result: {
      // Shown as a failure (nothing was stored), yet the dialog stays open for another name.
      replies: [{ kind: 'error', text: notFound + create }],
      ...(again.pending ? { pending: again.pending } : {}),
    },
  };
}

/**
 * The further people of a logged interaction (`entities.others`): each found, asked about when
 * several fit, or — when nobody fits — the user is asked whether to go on without them.
 */
export async function resolveOthers(
  ctx: HandlerContext,
  intent: IntentName,
  entities: Entities,
  resolved: Resolved,
  mainContactId: string | undefined,
): Promise<{ ok: true; ids: string[]; left: string[] } | { ok: false; result: HandlerResult }> {
  const others = (entities.others ?? []).map((o) => o.trim()).filter(Boolean);
  const chosen: (string | null)[] = [...(resolved.otherIds ?? [])];
  for (let i = chosen.length; i < others.length; i++) {
    const name = others[i]!;
    const r = await ctx.services.resolution.resolve(ctx.actor, name, { kind: 'contact', limit: 10 });
    if (r.status === 'found') {
      chosen.push(r.match.id);
      continue;
    }
    if (r.status === 'ambiguous') {
      // Someone at the same account as the main contact is the likelier one.
      const main = mainContactId ? await ctx.services.contacts.getContact(ctx.actor, mainContactId).catch(() => null) : null;
      const same = main?.accountId ? r.candidates.filter((c) => c.accountId === main.accountId) : [];
      if (same.length === 1) {
        chosen.push(same[0]!.id);
        continue;
      }
      const candidates = (same.length > 1 ? same : r.candidates).map((c) => ({ id: c.id, kind: c.kind, accountId: c.accountId, ...candidateLabel(c, ctx) }));
      return { ok: false, result: askToChoose(ctx, intent, entities, { ...resolved, otherIds: chosen }, 'other', L(ctx.lang, `Which "${name}" was there too?`, `同时在场的是哪一位“${name}”？`), candidates) };
    }
    const skip = [...chosen, null];
    return {
      ok: false,
      result: {
        replies: [
          {
            kind: 'question',
            text: L(ctx.lang, `I couldn't find "${name}" among your contacts. Record it without them?`, `在你的联系人中没有找到“${name}”。不记录此人，继续保存吗？`),
            actions: [[{ label: L(ctx.lang, `Yes, without ${name}`, `是，不记录${name}`), value: 'confirm:yes', style: 'primary' }, { label: L(ctx.lang, 'Cancel', '取消'), value: 'confirm:no' }]],
          },
        ],
        pending: { type: 'confirm', intent, entities, resolved: { ...resolved, otherIds: skip }, lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
      },
    };
  }
  const ids = [...new Set(chosen.filter((x): x is string => !!x && x !== mainContactId))];
  const left = others.filter((_, i) => chosen[i] === null);
  return { ok: true, ids, left };
}

/** Applies a chosen candidate to the resolved ids. */
export function applyChoice(p: Extract<Pending, { type: 'choose' }>, index: number): Resolved | null {
  const c = p.candidates[index];
  if (!c) return null;
  const r: Resolved = { ...p.resolved };
  if (p.slot === 'other') r.otherIds = [...(r.otherIds ?? []), c.id];
  else if (p.slot === 'type') r.interactionType = c.id as Resolved['interactionType'];
  else if (p.slot === 'optout') r.optOut = c.id as Resolved['optOut'];
  else if (p.slot === 'duplicate') {
    if (c.kind === 'option') r.newAnyway = true;
    else r.duplicateOf = c.id;
  } else if (c.kind === 'user') r.userId = c.id;
  else if (c.kind === 'option') return r;
  else if (c.kind === 'contact') r.contactId = c.id;
  else if (c.kind === 'account') r.accountId = c.id;
  else if (c.kind === 'task') r.taskId = c.id;
  else r.opportunityId = c.id;
  return r;
}

/** Characters that follow a name in a sentence (送, 退, 说, 让…) and rarely end one. */
const VERB_AFTER_NAME = /^(\p{Script=Han}{2,3})[送退说让打给要约讲问提和跟在是也都又还就请已刚那这]$/u;

/** "王丽送" → "王丽": a Han name with one verb character read onto its end, else null. */
export function hanNameWithoutVerb(text: string): string | null {
  return VERB_AFTER_NAME.exec(text.trim())?.[1] ?? null;
}
