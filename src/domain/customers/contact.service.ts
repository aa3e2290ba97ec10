// Contacts: the people at accounts. Visibility follows their account.
import type { PrismaClient } from '../shared/db.ts';
import type { Clock } from '../shared/clock.ts';
import type { AnyActor } from '../shared/access.ts';
import { getVisibleAccount, getVisibleContact, requireStaff } from '../shared/access.ts';
import { ValidationError } from '../shared/errors.ts';
import { AUDIT } from '../audit/actions.ts';
import { createAudited, unionAliases, updateAudited } from './account-access.ts';
import { toContactDto, type ChannelValue, type ContactDto, type DecisionRoleValue } from './dto.ts';
import { compact, editDistance, hasHan, normalise as normaliseName, pinyinOf, stripTitles } from '../resolution/name-forms.ts';
import { toSimplified } from '../shared/han-variants.ts';
import { isValidTimeZone } from '../shared/time.ts';

export interface DuplicateQuery {
  name: string;
  accountId?: string | null;
  aliases?: string[];
  email?: string | null;
  phone?: string | null;
}

export interface DuplicateMatch {
  contact: ContactDto;
  /** What made it the same person. */
  by: 'name' | 'alias' | 'pinyin' | 'email' | 'phone';
}

const digits = (s: string | null | undefined) => (s ?? '').replace(/\D/g, '');
/** The same phone number, with or without a country code (+86 138…, 138…). */
const samePhone = (a: string, b: string) =>
  a.length >= 7 && b.length >= 7 && (a === b || (Math.min(a.length, b.length) >= 8 && (a.endsWith(b) || b.endsWith(a))));

export interface ContactInput {
  name: string;
  accountId?: string | null;
  aliases?: string[];
  title?: string | null;
  decisionRole?: DecisionRoleValue | null;
  email?: string | null;
  phone?: string | null;
  /** 'YYYY-MM-DD', 'MM-DD' (year unknown) or a Date; also sets birthMonth/birthDay. */
  birthday?: string | Date | null;
  timezone?: string | null;
  locale?: string | null;
  region?: string | null;
  preferredChannel?: ChannelValue | null;
}
export type ContactPatch = Partial<ContactInput>;

export interface ContactOverview {
  contact: ContactDto;
  account: { id: string; name: string; tier: string; ownerId: string | null } | null;
  recentInteractions: { id: string; type: string; occurredAt: Date; summary: string; accountId: string }[];
  openTasks: { id: string; title: string; dueAt: Date; assigneeId: string; overdue: boolean }[];
  openTickets: { id: string; subject: string; priority: string; status: string; openedAt: Date }[];
  latestResponses: { surveyId: string; kind: 'csat' | 'nps'; score: number; comment: string | null; respondedAt: Date }[];
}

export class ContactService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
  ) {}

  async createContact(actor: AnyActor, input: ContactInput): Promise<ContactDto> {
    requireStaff(actor);
    const name = input.name?.trim();
    if (!name) throw new ValidationError('name', 'The contact needs a name.', '联系人需要一个姓名。');
    if (input.accountId) await getVisibleAccount(this.db, actor, input.accountId);
    const data = normalise(input);
    return createAudited(this.db, actor, {
      action: AUDIT.contactCreate,
      entityType: 'Contact',
      toDto: toContactDto,
      write: (tx) =>
        tx.contact.create({ data: { tenantId: actor.tenantId, ...data, name, aliases: unionAliases(input.aliases), accountId: input.accountId ?? null } }),
    });
  }

  async updateContact(actor: AnyActor, contactId: string, patch: ContactPatch): Promise<ContactDto> {
    const current = await getVisibleContact(this.db, actor, contactId);
    if (patch.name !== undefined && !patch.name.trim()) {
      throw new ValidationError('name', 'The contact name cannot be empty.', '联系人姓名不能为空。');
    }
    if (patch.accountId) await getVisibleAccount(this.db, actor, patch.accountId);
    const next: Record<string, unknown> = {
      ...normalise(patch),
      name: patch.name?.trim(),
      aliases: patch.aliases === undefined ? undefined : unionAliases(patch.aliases),
      accountId: patch.accountId,
    };
    return updateAudited(this.db, actor, {
      current,
      next,
      action: AUDIT.contactUpdate,
      entityType: 'Contact',
      entityId: contactId,
      write: (tx, data) => tx.contact.update({ where: { id: contactId }, data }),
      toDto: toContactDto,
    });
  }

  async addContactAlias(actor: AnyActor, contactId: string, alias: string): Promise<ContactDto> {
    const current = await getVisibleContact(this.db, actor, contactId);
    if (!alias.trim()) throw new ValidationError('alias', 'The alias cannot be empty.', '别名不能为空。');
    return this.updateContact(actor, contactId, { aliases: unionAliases(current.aliases, alias) });
  }

  /**
   * Contacts the actor can see who are the same person as `q`: the same name, alias or pinyin at
   * the same account, or the same email or phone anywhere. Best first.
   */
  async findDuplicates(actor: AnyActor, q: DuplicateQuery): Promise<DuplicateMatch[]> {
    requireStaff(actor);
    const email = q.email?.trim().toLowerCase() || null;
    const phone = digits(q.phone);
    const or: Record<string, unknown>[] = [];
    if (q.accountId !== undefined) or.push({ accountId: q.accountId });
    if (email) or.push({ email });
    if (phone.length >= 7) or.push({ phone: { endsWith: phone.slice(-4) } });
    if (!or.length) return [];
    const rows = await this.db.contact.findMany({
      where: { tenantId: actor.tenantId, mergedIntoId: null, erasedAt: null, OR: or },
      take: 5000,
    });
    const names = [q.name, ...(q.aliases ?? [])].filter((n) => n.trim());
    const out: DuplicateMatch[] = [];
    for (const row of rows) {
      let by: DuplicateMatch['by'] | null = null;
      if (email && row.email === email) by = 'email';
      else if (samePhone(digits(row.phone), phone)) by = 'phone';
      else if (q.accountId !== undefined && row.accountId === (q.accountId ?? null)) {
        by = sameName(names, row.name, row.aliases) ?? titledSurname(names, row.name, row.title);
      }
      if (!by) continue;
      try {
        await getVisibleContact(this.db, actor, row.id);
      } catch {
        continue;
      }
      out.push({ contact: toContactDto(row), by });
    }
    const rank = { email: 0, phone: 1, name: 2, alias: 3, pinyin: 4 } as const;
    return out.sort((a, b) => rank[a.by] - rank[b.by]);
  }

  async getContact(actor: AnyActor, contactId: string): Promise<ContactDto> {
    return toContactDto(await getVisibleContact(this.db, actor, contactId));
  }

  async contactOverview(actor: AnyActor, contactId: string): Promise<ContactOverview> {
    const contact = await getVisibleContact(this.db, actor, contactId);
    const now = this.clock.now();
    const t = actor.tenantId;
    const [account, interactions, tasks, tickets, responses] = await Promise.all([
      contact.accountId
        ? this.db.account.findFirst({
            where: { id: contact.accountId, tenantId: t },
            select: { id: true, name: true, tier: true, ownerId: true },
          })
        : null,
      this.db.interaction.findMany({
        where: { tenantId: t, OR: [{ contactId }, { participants: { some: { contactId } } }] },
        orderBy: { occurredAt: 'desc' },
        take: 10,
      }),
      this.db.task.findMany({ where: { tenantId: t, contactId, status: 'open' }, orderBy: { dueAt: 'asc' }, take: 50 }),
      this.db.ticket.findMany({
        where: { tenantId: t, contactId, status: { in: ['open', 'in_progress'] } },
        orderBy: { openedAt: 'desc' },
      }),
      this.db.surveyResponse.findMany({
        where: { tenantId: t, survey: { contactId } },
        include: { survey: { select: { kind: true } } },
        orderBy: { respondedAt: 'desc' },
        take: 5,
      }),
    ]);
    return {
      contact: toContactDto(contact),
      account,
      recentInteractions: interactions.map((i) => ({
        id: i.id,
        type: i.type,
        occurredAt: i.occurredAt,
        summary: i.summary,
        accountId: i.accountId,
      })),
      openTasks: tasks.map((x) => ({ id: x.id, title: x.title, dueAt: x.dueAt, assigneeId: x.assigneeId, overdue: x.dueAt < now })),
      openTickets: tickets.map((x) => ({
        id: x.id,
        subject: x.subject,
        priority: x.priority,
        status: x.status,
        openedAt: x.openedAt,
      })),
      latestResponses: responses.map((r) => ({
        surveyId: r.surveyId,
        kind: r.survey.kind,
        score: r.score,
        comment: r.comment,
        respondedAt: r.respondedAt,
      })),
    };
  }
}

/**
 * `黄主任` for 黄志刚, 检验科主任: a surname and a title said of someone at the account with that
 * surname and title (offered as the same person, never merged on it).
 */
function titledSurname(names: string[], name: string, title: string | null): 'alias' | null {
  if (!title) return null;
  for (const written of names) {
    const { core, titles } = stripTitles(written);
    if (!hasHan(written) || [...core].length !== 1 || !titles.length) continue;
    if (toSimplified(name).startsWith(core) && titles.some((t) => toSimplified(title).endsWith(t))) return 'alias';
  }
  return null;
}

/**
 * Whether one of `names` is the record's name or one of its aliases (as written, `张主任`, or with
 * titles stripped), or its pinyin (`Li Ming` ↔ 李明).
 */
function sameName(names: string[], name: string, aliases: string[]): 'name' | 'alias' | 'pinyin' | null {
  const forms: [string, 'name' | 'alias'][] = [[name, 'name'], ...aliases.map((a): [string, 'alias'] => [a, 'alias'])];
  for (const written of names) {
    const full = compact(written);
    if (!full) continue;
    for (const [form, kind] of forms) if (compact(form) === full) return kind;
    const n = stripTitles(written).core;
    const q = compact(n);
    // A bare surname ("李", from "李医生") is not the same person as every Li.
    if ([...q].length < 2) continue;
    for (const [form, kind] of forms) {
      const core = stripTitles(form).core;
      if ([...compact(core)].length < 2) continue;
      if (compact(core) === q) return kind;
      // `Wei Ling Lim` for Lim Wei Ling: the same words, family name first or last.
      const words = (x: string) => normaliseName(x).split(' ').filter(Boolean);
      const [a, b] = [words(n), words(core)];
      if (a.length >= 2 && a.length === b.length && [...a].sort().join(' ') === [...b].sort().join(' ')) return kind;
      const qHan = hasHan(n);
      const fHan = hasHan(core);
      if (qHan !== fHan) {
        const han = qHan ? n : core;
        const latin = qHan ? core : n;
        const py = pinyinOf(han).full;
        const tokens = normaliseName(latin).split(' ').filter(Boolean);
        if ([...han].length >= 2 && (py === tokens.join('') || py === [...tokens].reverse().join(''))) return 'pinyin';
      }
      // Misheard or mistyped at the same account: `Bill Lumberg` for Bill Lumbergh (one word the same, the other
      // a letter off), `李鸣` for 李明 (the same surname and the same sounds).
      if (!qHan && !fHan && a.length >= 2 && a.length === b.length) {
        // (`Hans Miller` for Müller, written Mueller: two letters off in a longer word.)
        const off = a.map((x, k) => (x === b[k] ? 0 : x.length >= 4 && b[k]!.length >= 4 ? editDistance(x, b[k]!, 2) : 9));
        const near = (d: number, k: number) => d === 1 || (d === 2 && Math.min(a[k]!.length, b[k]!.length) >= 6);
        if (off.filter((d) => d === 0).length === a.length - 1 && off.some((d, k) => d > 0 && near(d, k))) return 'name';
      }
      // (`way ling lim` for Lim Wei Ling: a name of three words or more, in any order, all the same but one word a
      // sound off — the same first letter, two letters at most.)
      if (!qHan && !fHan && a.length >= 3 && a.length === b.length) {
        const left = [...b];
        const odd = a.filter((x) => { const k = left.indexOf(x); if (k < 0) return true; left.splice(k, 1); return false; });
        if (odd.length === 1 && left.length === 1 && odd[0]![0] === left[0]![0] && editDistance(odd[0]!, left[0]!, 2) <= 2) return 'name';
      }
      if (qHan && fHan && [...n].length >= 2 && [...n].length === [...core].length && n[0] === core[0] && pinyinOf(n).full === pinyinOf(core).full) return 'pinyin';
    }
  }
  return null;
}

function normalise(input: ContactPatch) {
  const out: Record<string, unknown> = {
    title: input.title,
    decisionRole: input.decisionRole,
    email: input.email === undefined ? undefined : input.email?.trim().toLowerCase() || null,
    phone: input.phone,
    timezone: input.timezone,
    locale: input.locale,
    region: input.region,
    preferredChannel: input.preferredChannel,
  };
  if (input.timezone && !isValidTimeZone(input.timezone)) {
    throw new ValidationError('timezone', `Unknown time zone ${input.timezone}.`, `未知时区 ${input.timezone}。`);
  }
  if (input.birthday !== undefined) {
    if (input.birthday === null) Object.assign(out, { birthday: null, birthMonth: null, birthDay: null });
    else if (typeof input.birthday === 'string' && /^(?:--)?\d{2}-\d{2}$/.test(input.birthday.trim())) {
      // Month and day only: the year is not known.
      const [m, d] = input.birthday.trim().replace(/^--/, '').split('-').map(Number) as [number, number];
      const probe = new Date(Date.UTC(2000, m - 1, d));
      if (m < 1 || m > 12 || probe.getUTCMonth() !== m - 1) {
        throw new ValidationError('birthday', 'The birthday should look like 03-05 or 1980-03-05.', '生日格式应为 03-05 或 1980-03-05。');
      }
      Object.assign(out, { birthday: null, birthMonth: m, birthDay: d });
    } else {
      const d = typeof input.birthday === 'string' ? new Date(`${input.birthday.slice(0, 10)}T00:00:00Z`) : input.birthday;
      if (Number.isNaN(d.getTime())) {
        throw new ValidationError('birthday', 'The birthday should look like 1980-03-05.', '生日格式应为 1980-03-05。');
      }
      Object.assign(out, { birthday: d, birthMonth: d.getUTCMonth() + 1, birthDay: d.getUTCDate() });
    }
  }
  return out;
}
