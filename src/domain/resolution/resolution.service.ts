// "Who do you mean?": turns a name as people type it (Dr. Li, 李医生, Li Wei, acme corp, Globx)
// into a contact or account the actor may see — one match, a short ranked list when several
// fit about equally well, or nothing with near misses as suggestions.
//
// Loading: a rep sees at most a few thousand contacts; we load only the columns we match on
// (id, name, aliases, title, account name), within the actor's scope, and keep pinyin per name in
// a process-wide cache. No SQL narrowing by name: pinyin ("Li Wei" ↔ 李伟) and typo matching
// ("Globx") cannot be expressed as ILIKE, and aliases are an array column. If tenants grow past
// ~20k visible rows, add a trigram/pinyin search column rather than narrowing here.
import type { Prisma, PrismaClient } from '../shared/db.ts';
import type { Clock } from '../shared/clock.ts';
import type { AnyActor } from '../shared/access.ts';
import { accountScope, requireStaff, visibleOwnerIds } from '../shared/access.ts';
import { ValidationError } from '../shared/errors.ts';
import {
  allowedTypos,
  compact,
  contactTitleIsDoctor,
  editDistance,
  hasHan,
  normalise,
  pinyinOf,
  stripCompany,
  stripTitles,
  titleLooksDoctor,
} from './name-forms.ts';

export type ResolveKind = 'contact' | 'account' | 'any';
export type MatchedBy = 'exact' | 'alias' | 'name' | 'pinyin' | 'surname' | 'prefix' | 'fuzzy';

export interface ResolveCandidate {
  kind: 'contact' | 'account';
  id: string;
  name: string;
  score: number;
  matchedBy: MatchedBy;
  /** The name or alias that matched. */
  matchedText: string;
  title: string | null;
  accountId: string | null;
  accountName: string | null;
  /** The record's other names (English and Chinese forms), and its account's. */
  aliases: string[];
  accountAliases: string[];
  lastInteractionAt: Date | null;
  /** What tells this one apart from the others, e.g. "主任医师 · 市第一医院 · last contact 2026-03-01". */
  distinguishing: string;
}

export type ResolveResult =
  | { status: 'found'; match: ResolveCandidate }
  | { status: 'ambiguous'; candidates: ResolveCandidate[] }
  | { status: 'none'; suggestions?: ResolveCandidate[] };

/** Below this a candidate is not a match at all. */
const MIN_SCORE = 0.6;
/** The best must lead the next by this much to be taken without asking. */
const CLEAR_LEAD = 0.15;

interface Row {
  kind: 'contact' | 'account';
  id: string;
  name: string;
  aliases: string[];
  title: string | null;
  accountId: string | null;
  accountName: string | null;
  accountAliases: string[];
  lastInteractionAt: Date | null;
  extra: string[];
}

interface Query {
  raw: string;
  full: string;
  core: string;
  coreTokens: string[];
  titles: string[];
  han: boolean;
  pinyin: string;
  company: string;
}

export class ResolutionService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
  ) {}

  async resolve(actor: AnyActor, text: string, opts: { kind?: ResolveKind; limit?: number } = {}): Promise<ResolveResult> {
    requireStaff(actor);
    const raw = (text ?? '').trim();
    if (!raw) throw new ValidationError('text', 'Who do you mean?', '你指的是谁？');
    const kind = opts.kind ?? 'any';
    const limit = Math.max(1, Math.min(opts.limit ?? 5, 20));
    const q = parseQuery(raw);
    const rows: Row[] = [];
    const scope = await accountScope(this.db, actor);
    if (kind !== 'account') rows.push(...(await this.loadContacts(actor, scope)));
    if (kind !== 'contact') rows.push(...(await this.loadAccounts(scope)));

    // "市一院的主任": a title said alone is whoever has it (the caller narrows by the account said).
    if (kind !== 'account' && BARE_ZH_TITLE.test(raw)) {
      const doctor = /^(?:医生|大夫)$/u.test(raw);
      const fits = rows.filter((r) => r.kind === 'contact' && r.title && (doctor ? contactTitleIsDoctor(r.title) : r.title.includes(raw)))
        .map((r) => toCandidate(r, { score: 0.6, matchedBy: 'surname', matchedText: raw, loose: 0 }));
      if (fits.length === 1) return { status: 'found', match: fits[0]! };
      return fits.length ? { status: 'ambiguous', candidates: fits.slice(0, Math.max(limit, 8)) } : { status: 'none' };
    }
    const scored: ResolveCandidate[] = [];
    const near: ResolveCandidate[] = [];
    for (const row of rows) {
      const best = scoreRow(q, row);
      if (best.score >= MIN_SCORE) scored.push(toCandidate(row, best));
      else if (best.loose >= 0.5) near.push(toCandidate(row, { ...best, score: round(best.loose * 0.5) }));
    }
    scored.sort(byScore);
    const [top, second] = scored;
    if (!top) {
      near.sort(byScore);
      return near.length ? { status: 'none', suggestions: near.slice(0, 3) } : { status: 'none' };
    }
    if (!second || top.score - second.score >= CLEAR_LEAD) return { status: 'found', match: top };
    return {
      status: 'ambiguous',
      candidates: scored.filter((c) => top.score - c.score < CLEAR_LEAD).slice(0, limit),
    };
  }

  /**
   * Names mentioned anywhere in free text, for messages where the parser found none
   * ("called acme about the renewal", "met tom baker today"): every run of one to three words
   * is scored against the actor's contacts and accounts, and only a near-exact match (a name or
   * alias, not a typo or a prefix) counts. Returns the best, or null.
   */
  async findMentioned(actor: AnyActor, text: string, opts: { kind?: ResolveKind } = {}): Promise<ResolveCandidate | null> {
    const r = await this.mentions(actor, text, opts);
    return r.status === 'found' ? r.match : null;
  }

  /**
   * Like findMentioned, but says when the name mentioned fits several records about equally well
   * ("Dr. Müller" with two doctors of that name): ambiguous, with them, so the caller asks.
   */
  async mentions(actor: AnyActor, text: string, opts: { kind?: ResolveKind } = {}): Promise<ResolveResult> {
    requireStaff(actor);
    const words = (text ?? '').normalize('NFKC').split(/[\s,;:!?，。；：！？、]+/).filter(Boolean).slice(0, 40);
    const grams = new Set<string>();
    for (let n = 3; n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const g = words.slice(i, i + n).join(' ');
        if (g.replace(/[^\p{L}\p{N}]/gu, '').length >= 2) grams.add(g);
      }
    }
    // Chinese is written without spaces ("提醒我周五给王丽送会议资料"): every run of two to four Han
    // characters inside a longer word is a candidate name too (王丽, 李主任, 华山医院).
    for (const w of words) {
      for (const run of w.match(/\p{Script=Han}{3,}/gu) ?? []) {
        const chars = [...run];
        for (let n = 4; n >= 2; n--) for (let i = 0; i + n <= chars.length; i++) grams.add(chars.slice(i, i + n).join(''));
      }
    }
    if (!grams.size) return { status: 'none' };
    const kind = opts.kind ?? 'any';
    const scope = await accountScope(this.db, actor);
    const rows: Row[] = [];
    if (kind !== 'account') rows.push(...(await this.loadContacts(actor, scope)));
    if (kind !== 'contact') rows.push(...(await this.loadAccounts(scope)));
    let best: ResolveCandidate | null = null;
    let bestGram: Query | null = null;
    let tie = false;
    for (const g of grams) {
      const q = parseQuery(g);
      for (const row of rows) {
        const b = scoreRow(q, row);
        if (b.score < 0.85 || !['exact', 'alias', 'name', 'pinyin'].includes(b.matchedBy)) continue;
        const c = toCandidate(row, b);
        if (!best || c.score > best.score) {
          best = c;
          bestGram = q;
          tie = false;
        } else if (c.score === best.score && c.id !== best.id) tie = true;
      }
    }
    if (!best || !bestGram) return { status: 'none' };
    // Others the same words fit about as well (a second Dr. Müller): not a guess to make.
    const close: ResolveCandidate[] = [];
    for (const row of rows) {
      const b = scoreRow(bestGram, row);
      if (b.score >= MIN_SCORE && best.score - b.score < CLEAR_LEAD) close.push(toCandidate(row, b));
    }
    close.sort(byScore);
    if (tie || close.filter((c) => c.id !== best!.id).length) {
      const all = close.some((c) => c.id === best!.id) ? close : [best, ...close];
      return { status: 'ambiguous', candidates: all.slice(0, 8) };
    }
    return { status: 'found', match: best };
  }

  /**
   * A colleague by name (`王芳`, `alex`, `Wang Fang`): the actor or someone they manage (admins:
   * anyone in the tenant). Found, ambiguous, or none. With `anyColleague`, anyone in the tenant:
   * to tell a colleague named in a message (`提醒我跟陈静过一下…`) from a customer.
   */
  async resolveUser(actor: AnyActor, text: string, opts: { anyColleague?: boolean } = {}): Promise<{ status: 'found'; user: { id: string; name: string } } | { status: 'ambiguous'; users: { id: string; name: string }[] } | { status: 'none' }> {
    requireStaff(actor);
    const raw = (text ?? '').trim();
    if (!raw) return { status: 'none' };
    const owners = opts.anyColleague ? 'all' : await visibleOwnerIds(this.db, actor);
    const users = await this.db.user.findMany({
      where: { tenantId: actor.tenantId, active: true, ...(owners === 'all' ? {} : { id: { in: owners } }) },
      select: { id: true, name: true },
      take: 5000,
    });
    const q = parseQuery(raw);
    const scored: { id: string; name: string; score: number }[] = [];
    for (const u of users) {
      // '陈静 Jing Chen': each script's part is a name of its own.
      const parts = u.name.split(/\s+/);
      const han = parts.filter((p) => hasHan(p)).join('');
      const latin = parts.filter((p) => !hasHan(p)).join(' ');
      const aliases = [han, latin].filter((x) => x && x !== u.name);
      const row: Row = { kind: 'contact', id: u.id, name: u.name, aliases, title: null, accountId: null, accountName: null, accountAliases: [], lastInteractionAt: null, extra: [] };
      const best = scoreRow(q, row);
      if (best.score >= MIN_SCORE) scored.push({ id: u.id, name: u.name, score: best.score });
    }
    scored.sort((a, b) => b.score - a.score);
    const [top, second] = scored;
    if (!top) return { status: 'none' };
    if (!second || top.score - second.score >= CLEAR_LEAD) return { status: 'found', user: { id: top.id, name: top.name } };
    return { status: 'ambiguous', users: scored.filter((c) => top.score - c.score < CLEAR_LEAD).map(({ id, name }) => ({ id, name })) };
  }

  /** A colleague the actor may ask about, by id (null when not in their team). */
  async resolveUserById(actor: AnyActor, userId: string): Promise<{ id: string; name: string } | null> {
    requireStaff(actor);
    const owners = await visibleOwnerIds(this.db, actor);
    if (owners !== 'all' && !owners.includes(userId)) return null;
    return this.db.user.findFirst({ where: { id: userId, tenantId: actor.tenantId }, select: { id: true, name: true } });
  }

  private async loadContacts(actor: AnyActor, scope: Prisma.AccountWhereInput): Promise<Row[]> {
    const where: Prisma.ContactWhereInput = {
      tenantId: actor.tenantId,
      mergedIntoId: null,
      erasedAt: null,
      OR: [{ account: { is: scope } }, { accountId: null }],
    };
    const rows = await this.db.contact.findMany({
      where,
      select: {
        id: true,
        name: true,
        aliases: true,
        title: true,
        accountId: true,
        lastInteractionAt: true,
        account: { select: { name: true, aliases: true } },
      },
      take: 20_000,
    });
    return rows.map((r) => ({
      kind: 'contact' as const,
      id: r.id,
      name: r.name,
      aliases: r.aliases,
      title: r.title,
      accountId: r.accountId,
      accountName: r.account?.name ?? null,
      accountAliases: r.account?.aliases ?? [],
      lastInteractionAt: r.lastInteractionAt,
      extra: [],
    }));
  }

  private async loadAccounts(scope: Prisma.AccountWhereInput): Promise<Row[]> {
    const rows = await this.db.account.findMany({
      where: scope,
      select: {
        id: true,
        name: true,
        aliases: true,
        industry: true,
        region: true,
        tier: true,
        lastInteractionAt: true,
        owner: { select: { name: true } },
      },
      take: 20_000,
    });
    return rows.map((r) => ({
      kind: 'account' as const,
      id: r.id,
      name: r.name,
      aliases: r.aliases,
      title: null,
      accountId: r.id,
      accountName: r.name,
      accountAliases: r.aliases,
      lastInteractionAt: r.lastInteractionAt,
      extra: [r.industry, r.region, `tier ${r.tier}`, r.owner ? `owner ${r.owner.name}` : null].filter(
        (x): x is string => !!x,
      ),
    }));
  }
}

/** A Chinese title said with no name (`主任`, `医生`). */
const BARE_ZH_TITLE = /^(?:主任|医生|大夫|经理|科长|院长|老师|老板|护士长|主管|总监|店长|处长|部长)$/u;

function parseQuery(raw: string): Query {
  const { core, titles } = stripTitles(raw);
  const han = hasHan(core);
  return {
    raw,
    full: compact(raw),
    core: compact(core),
    coreTokens: normalise(core).split(' ').filter(Boolean),
    titles,
    han,
    pinyin: han ? pinyinOf(core).full : '',
    company: compact(stripCompany(raw)),
  };
}

interface Best {
  score: number;
  matchedBy: MatchedBy;
  matchedText: string;
  loose: number;
}

function scoreRow(q: Query, row: Row): Best {
  let best: Best = { score: 0, matchedBy: 'fuzzy', matchedText: row.name, loose: 0 };
  const forms = [{ text: row.name, alias: false }, ...row.aliases.map((a) => ({ text: a, alias: true }))];
  for (const f of forms) {
    const r = scoreForm(q, f.text, f.alias, row);
    if (r.score > best.score) best = { ...r, loose: Math.max(best.loose, r.loose) };
    else best.loose = Math.max(best.loose, r.loose);
  }
  // "Dr. Li" / "李医生": prefer someone whose title says doctor.
  if (
    row.kind === 'contact' &&
    best.score > 0 &&
    isSurnameQuery(q) &&
    titleLooksDoctor(q.titles) &&
    rowLooksDoctor(row)
  ) {
    best.score = Math.min(1, best.score + 0.1);
  }
  // "王主任": a 副主任 is said as 副主任, so someone whose title is 主任 fits better than a deputy.
  if (row.kind === 'contact' && best.score > 0 && isSurnameQuery(q) && q.han && row.title) {
    const said = q.titles.find((t) => /^(?:主任|院长|经理|科长|处长|部长|总监|主管|店长)$/.test(t));
    const own = said ? row.title.replace(/\s+[A-Za-z].*$/, '') : '';
    if (said && own.endsWith(`副${said}`)) best.score = Math.max(MIN_SCORE, best.score - 0.1);
    else if (said && own.endsWith(said)) best.score = Math.min(1, best.score + 0.1);
  }
  best.score = round(best.score);
  return best;
}

function scoreForm(q: Query, text: string, alias: boolean, row: Row): Best {
  const out = (score: number, matchedBy: MatchedBy, loose = score): Best => ({ score, matchedBy, matchedText: text, loose });
  const a = alias ? 0.02 : 0;
  const full = compact(text);
  if (!full) return out(0, 'fuzzy', 0);
  // A nickname like "Dr. Li" is only a surname with a title: other Dr. Li's stay in the race.
  const surnameOnly = row.kind === 'contact' && isSurnameQuery(q);
  if (full === q.full) return out(surnameOnly ? 0.8 : 1 - a, alias ? 'alias' : 'exact');
  const stripped = stripTitles(text).core;
  const core = compact(stripped);
  if (core && core === q.core) return out(surnameOnly ? 0.8 : 0.95 - a, alias ? 'alias' : 'name');
  if (row.kind === 'account') {
    const company = compact(stripCompany(text));
    if (company && company === q.company) return out(0.95 - a, alias ? 'alias' : 'name');
  }
  // `Baker Tom`, `Lim Wei Ling`: the same words, family name first or last.
  if (!hasHan(stripped) && q.coreTokens.length >= 2) {
    const words = normalise(stripped).split(' ').filter(Boolean);
    if (words.length === q.coreTokens.length && [...words].sort().join(' ') === [...q.coreTokens].sort().join(' ')) return out(0.9 - a, alias ? 'alias' : 'name');
  }
  const formHan = hasHan(stripped);
  let best = out(0, 'fuzzy', 0);
  const take = (b: Best) => {
    if (b.score > best.score) best = { ...b, loose: Math.max(best.loose, b.loose) };
    else best.loose = Math.max(best.loose, b.loose);
  };

  // Pinyin: "Li Wei" ↔ 李伟, "liwei" ↔ 李伟, 李伟 ↔ "Li Wei".
  if (formHan && !q.han) {
    const py = pinyinOf(stripped);
    if (q.core === py.full) take(out(0.9 - a, 'pinyin'));
    else if (q.coreTokens.length === 2 && q.coreTokens[1]! + q.coreTokens[0]! === py.full) take(out(0.85 - a, 'pinyin'));
  }
  // (A surname alone, "王主任" against "Dr. Wang", is no more than a surname match: others stay in the race.)
  if (q.han && !formHan && q.pinyin && (q.pinyin === core || q.pinyin === normalise(stripped).split(' ').reverse().join(''))) {
    take(out(surnameOnly ? 0.8 : 0.9 - a, 'pinyin'));
  }

  // A Chinese name heard or typed by its sound (`赵民` for 赵敏, voice input): the same syllables, the same length.
  if (q.han && formHan && !isSurnameQuery(q) && row.kind === 'contact' && [...q.core].length >= 2 && [...q.core].length === [...core].length && q.pinyin && q.pinyin === pinyinOf(stripped).full) {
    take(out(0.85 - a, 'pinyin'));
  }
  // Surname only: "Dr. Li", "李医生", "Mr. Smith", "老王".
  if (row.kind === 'contact' && isSurnameQuery(q)) {
    if (formHan) {
      const py = pinyinOf(stripped);
      if ((q.han && q.core === compact(py.surnameChars)) || (!q.han && q.core === py.surname)) take(out(0.75, 'surname'));
      // (`章主任` for 张主任, dictated: a surname of the same sound, a little less sure than the one written.)
      else if (q.han && q.pinyin && q.pinyin === py.surname) take(out(0.7, 'surname'));
    } else {
      const tokens = normalise(stripped).split(' ').filter(Boolean);
      const first = tokens[0];
      const last = tokens[tokens.length - 1];
      // A Latin alias of a Chinese name is pinyin, surname first ("Wang Li" is Ms. Wang, not Dr. Li);
      // otherwise the surname is usually last, sometimes first.
      const surnameFirst = hasHan(row.name);
      if (tokens.length >= 2 && (surnameFirst ? q.core === first : q.core === last || q.core === first)) take(out(0.75, 'surname'));
    }
  }

  // Prefix of the name or of one of its words: "Acm" → "Acme Corp", "Globex" → "Globex Industries".
  const target = row.kind === 'account' ? compact(stripCompany(text)) : core;
  const qc = row.kind === 'account' ? q.company : q.core;
  const minLen = q.han ? 2 : 3;
  if (qc.length >= minLen && target.length > qc.length) {
    const words = normalise(row.kind === 'account' ? stripCompany(text) : stripped).split(' ');
    if (target.startsWith(qc) || words.some((w) => w.startsWith(qc))) {
      take(out(0.6 + 0.3 * (qc.length / target.length), 'prefix'));
    } else if (target.includes(qc)) {
      take(out(0.55 + 0.2 * (qc.length / target.length), 'prefix'));
    }
  }

  // Typos: "Globx" → "Globex", "Acne" → "Acme"; against the whole name, its words and its pinyin.
  // Not for a bare surname ("Dr. Wang"): one letter off is another family ("Yang"), not a typo.
  if (qc.length >= 3 && !(row.kind === 'contact' && isSurnameQuery(q))) {
    const targets = new Set<string>([target, ...normalise(row.kind === 'account' ? stripCompany(text) : stripped).split(' ')]);
    if (formHan && !q.han) targets.add(pinyinOf(stripped).full);
    for (const t of targets) {
      if (t.length < 3) continue;
      // 市二院 is not 市一院, Building 7 not Building 1: a number that differs is another place, no typo.
      if (numeralsDiffer(qc, t)) continue;
      const max = Math.max(t.length, qc.length);
      const d = editDistance(qc, t, 4);
      const similarity = 1 - d / max;
      const loose = d <= 4 ? similarity : 0;
      if (d <= allowedTypos(Math.min(t.length, qc.length))) {
        const wordPenalty = t === target ? 0 : 0.05;
        take(out(0.55 + 0.35 * similarity - wordPenalty, 'fuzzy', loose));
      } else take(out(0, 'fuzzy', loose));
    }
  }
  return best;
}

/**
 * A doctor by their title, or by a titled name they go by ("Dr. Li Hua", "李医生"): two doctors
 * called Li both get the doctor's lead, so neither wins on an alias alone.
 */
function rowLooksDoctor(row: Row): boolean {
  return contactTitleIsDoctor(row.title) || [row.name, ...row.aliases].some((f) => titleLooksDoctor(stripTitles(f).titles));
}

const NUMERALS_G = /[0-9一二三四五六七八九十零〇两百]+/gu;
/** Whether two names both carry numbers (digits or Chinese numerals) and they are not the same. */
function numeralsDiffer(a: string, b: string): boolean {
  const na = a.match(NUMERALS_G) ?? [], nb = b.match(NUMERALS_G) ?? [];
  return na.length > 0 && nb.length > 0 && na.join('|') !== nb.join('|');
}

function isSurnameQuery(q: Query): boolean {
  if (q.han) return [...q.core].length <= 2 && (q.titles.length > 0 || [...q.core].length === 1);
  return q.coreTokens.length === 1 && (q.titles.length > 0 || q.core.length <= 4);
}

function toCandidate(row: Row, best: Best): ResolveCandidate {
  const last = row.lastInteractionAt ? `last contact ${row.lastInteractionAt.toISOString().slice(0, 10)}` : 'no contact yet';
  const parts =
    row.kind === 'contact' ? [row.title, row.accountName, last] : [...row.extra, last];
  return {
    kind: row.kind,
    id: row.id,
    name: row.name,
    score: best.score,
    matchedBy: best.matchedBy,
    matchedText: best.matchedText,
    title: row.title,
    accountId: row.accountId,
    accountName: row.accountName,
    aliases: row.aliases,
    accountAliases: row.accountAliases,
    lastInteractionAt: row.lastInteractionAt,
    distinguishing: parts.filter(Boolean).join(' · '),
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const byScore = (a: ResolveCandidate, b: ResolveCandidate) =>
  b.score - a.score ||
  (b.lastInteractionAt?.getTime() ?? 0) - (a.lastInteractionAt?.getTime() ?? 0) ||
  a.name.localeCompare(b.name);
