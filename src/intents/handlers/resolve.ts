// Turning names in a message into records: found → go on; ambiguous → ask with buttons;
// nothing → say so, with what came close.
import type { ResolveCandidate } from '../../domain/resolution/index.ts';
import type { Locale } from '../../domain/shared/errors.ts';
import type { Entities, IntentName } from '../parser/index.ts';
import { formatDate } from '../format.ts';
import { L, type HandlerContext, type HandlerResult, type Pending, type Resolved } from './context.ts';

const HAN = /\p{Script=Han}/u;

/** A name in the reader's script where we have one: 市第一医院 → "City No.1 Hospital" in English. */
export function displayName(name: string, aliases: readonly string[], lang: Locale): string {
  const nameIsHan = HAN.test(name);
  if (lang === 'en' && nameIsHan) {
    const latin = aliases.filter((a) => !HAN.test(a));
    return latin.find((a) => /^(Dr|Prof|Mr|Ms|Mrs)\.?\s/i.test(a)) ?? latin.sort((a, b) => b.length - a.length)[0] ?? name;
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
function party(ctx: HandlerContext, contactId: string | undefined, accountId: string | undefined, contactName: string | undefined, accountName: string | undefined): Party {
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
          shown.map((c, i) => ({ label: c.label, value: `choose:${i}` })),
          [{ label: L(ctx.lang, 'Cancel', '取消'), value: 'cancel' }],
        ],
      },
    ],
    pending: { type: 'choose', intent, entities, resolved, slot, candidates: shown, lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
  };
}

/**
 * Finds the contact or account the message names. `need` says what the intent requires: a
 * contact, an account (a contact's account will do), or either.
 */
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
    // The parser found no name ("called acme about the renewal"): look for one the actor knows.
    const m = await ctx.services.resolution.findMentioned(ctx.actor, ctx.text, { kind: need === 'contact' ? 'contact' : 'any' });
    if (m) return { ok: true, party: partyFromMatch(ctx, m) };
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
  // The parser cannot always tell a person from a company ("called Tom Baker"): search both.
  const kind = need === 'contact' ? 'contact' : 'any';
  let result = await ctx.services.resolution.resolve(ctx.actor, text, { kind });
  if (result.status === 'none' && kind === 'contact') result = await ctx.services.resolution.resolve(ctx.actor, text, { kind: 'any' });
  if (result.status === 'found') return { ok: true, party: partyFromMatch(ctx, result.match) };
  if (result.status === 'ambiguous') {
    // An account named in the same message settles it: "Dr. Wang at Huashan".
    if (entities.account && entities.contact) {
      const acct = entities.account.toLowerCase();
      const narrowed = result.candidates.filter((c) => c.accountName && (c.accountName.toLowerCase().includes(acct) || acct.includes(c.accountName.toLowerCase())));
      if (narrowed.length === 1) return { ok: true, party: partyFromMatch(ctx, narrowed[0]!) };
    }
    const candidates = result.candidates.map((c) => ({ id: c.id, kind: c.kind, accountId: c.accountId, ...candidateLabel(c, ctx) }));
    return {
      ok: false,
      result: askToChoose(ctx, intent, entities, resolved, 'target', L(ctx.lang, `Which "${text}" do you mean?`, `你指的是哪一位“${text}”？`), candidates),
    };
  }
  const close = result.suggestions?.slice(0, 3).map((s) => s.name) ?? [];
  const hint = close.length ? L(ctx.lang, ` Did you mean ${close.join(', ')}?`, ` 你是不是指：${close.join('、')}？`) : '';
  const create = L(
    ctx.lang,
    ` To add them, say "add contact ${text} at <account>".`,
    ` 如需新增，请说“新增联系人 ${text} <客户名>”。`,
  );
  return {
    ok: false,
    result: { replies: [{ kind: 'error', text: L(ctx.lang, `I couldn't find "${text}" among your accounts and contacts.`, `在你的客户和联系人中没有找到“${text}”。`) + hint + create }] },
  };
}

/** Applies a chosen candidate to the resolved ids. */
export function applyChoice(p: Extract<Pending, { type: 'choose' }>, index: number): Resolved | null {
  const c = p.candidates[index];
  if (!c) return null;
  const r: Resolved = { ...p.resolved };
  if (c.kind === 'contact') r.contactId = c.id;
  else if (c.kind === 'account') r.accountId = c.id;
  else if (c.kind === 'task') r.taskId = c.id;
  else r.opportunityId = c.id;
  return r;
}
