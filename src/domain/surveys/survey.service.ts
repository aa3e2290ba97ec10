// Satisfaction surveys (CSAT 1–5, NPS 0–10): manual requests by reps, automatic ones after a
// visit/meeting or a resolved ticket (opt-out, cooldown and deterministic sampling), sending in
// the contact's channel and language, one reminder to non-responders, closing, answers by the
// contact (by id, by the thread it was posted in, or their latest open survey), and a
// detractor alert with a follow-up task written in the answer's transaction.
import { createHash, randomUUID } from 'node:crypto';
import type { Survey, SurveyResponse } from '../../generated/prisma/client.ts';
import type { AnyActor } from '../shared/access.ts';
import { getVisibleContact, requireStaff } from '../shared/access.ts';
import type { SystemActor } from '../shared/actor.ts';
import { audit } from '../shared/audit.ts';
import type { Clock } from '../shared/clock.ts';
import { systemClock } from '../shared/clock.ts';
import type { Db, PrismaClient } from '../shared/db.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type Locale } from '../shared/errors.ts';
import { writeOutbox } from '../shared/outbox.ts';
import type { ChannelName, MessageAction, OutboundMessage } from '../shared/ports.ts';
import { insertTask } from '../tasks/task-writes.ts';
import { loadSettings } from '../settings/settings.service.ts';
import type { DeliveryService } from '../delivery/delivery.service.ts';
import { formatLocalDate, safeTimeZone, toLocale } from '../delivery/local-time.ts';
import { salutation } from '../delivery/addressing.ts';
import { L } from '../shared/locale.ts';
import { isUniqueViolation } from '../shared/prisma-errors.ts';

export type SurveyKindName = 'csat' | 'nps';

export interface RequestSurveyInput {
  contactId: string;
  kind: SurveyKindName;
  sourceMessageId?: string;
}

export interface AnswerInput {
  surveyId?: string;
  threadRef?: string;
  score?: number;
  comment?: string;
  channel?: ChannelName;
}

export interface AnswerResult {
  survey: Survey;
  response: SurveyResponse;
  /** CSAT ≤ 2 or NPS ≤ 6 */
  detractor: boolean;
  /** An earlier answer to the same survey was changed (no second response row). */
  updated: boolean;
}

export type SurveyOutcome =
  | { status: 'sent' | 'reminded' | 'closed' | 'created'; surveyId: string }
  | { status: 'skipped'; reason: string; surveyId?: string };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OPEN: Survey['status'][] = ['sent', 'reminded'];
const PENDING: Survey['status'][] = ['scheduled', 'sent', 'reminded'];


export const isDetractor = (kind: SurveyKindName, score: number) => (kind === 'csat' ? score <= 2 : score <= 6);
export const scoreRange = (kind: SurveyKindName): [number, number] => (kind === 'csat' ? [1, 5] : [0, 10]);

/** Deterministic sampling: the same contact + trigger is always in or always out. */
export function sampled(contactId: string, triggerId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  const h = createHash('sha256').update(`${contactId}:${triggerId}`).digest();
  return h.readUInt32BE(0) / 0x1_0000_0000 < rate;
}

export class SurveyService {
  constructor(
    private readonly db: PrismaClient,
    private readonly delivery: DeliveryService,
    private readonly clock: Clock = systemClock,
  ) {}

  // -- requests and triggers --

  /** A rep asks for a survey ("send satisfaction survey to Dr. Li"). */
  async requestSurvey(actor: AnyActor, input: RequestSurveyInput): Promise<{ survey: Survey; alreadyPending: boolean }> {
    requireStaff(actor);
    if (input.kind !== 'csat' && input.kind !== 'nps') {
      throw new ValidationError('kind', 'A survey is either CSAT or NPS.', '调查类型只能是 CSAT 或 NPS。');
    }
    const contact = await getVisibleContact(this.db, actor, input.contactId);
    if (input.sourceMessageId) {
      const same = await this.db.survey.findUnique({
        where: { tenantId_triggerKind_triggerId_kind: { tenantId: actor.tenantId, triggerKind: 'manual', triggerId: input.sourceMessageId, kind: input.kind } },
      });
      if (same) return { survey: same, alreadyPending: true };
    }
    const pending = await this.db.survey.findFirst({
      where: { tenantId: actor.tenantId, contactId: contact.id, kind: input.kind, status: { in: PENDING } },
      orderBy: { createdAt: 'desc' },
    });
    if (pending) return { survey: pending, alreadyPending: true };
    const locale: Locale = actor.kind === 'user' ? actor.locale : 'en';
    if (contact.surveyOptOut) {
      throw new ConflictError(
        'SURVEY.OPTED_OUT',
        `${contact.name} has opted out of surveys, so I won't send one.`,
        `${contact.name}已退订调查，因此不会发送。`,
      );
    }
    const settings = await loadSettings(this.db, actor.tenantId);
    const now = this.clock.now();
    if (contact.lastSurveyedAt && now.getTime() - contact.lastSurveyedAt.getTime() < settings.survey.cooldownDays * DAY) {
      const tz = actor.kind === 'user' ? actor.timezone : 'UTC';
      const last = contact.lastSurveyedAt;
      const next = new Date(last.getTime() + settings.survey.cooldownDays * DAY);
      void locale;
      throw new ConflictError(
        'SURVEY.COOLDOWN',
        `${contact.name} was last surveyed on ${formatLocalDate(last, tz, 'en')}; to avoid survey fatigue the next one can go out after ${formatLocalDate(next, tz, 'en')} (${settings.survey.cooldownDays}-day cooldown).`,
        `${contact.name}上次接受调查是在${formatLocalDate(last, tz, 'zh')}；为避免打扰，下一次调查需在${formatLocalDate(next, tz, 'zh')}之后（冷却期 ${settings.survey.cooldownDays} 天）。`,
      );
    }
    const triggerId = input.sourceMessageId ?? randomUUID();
    try {
      const survey = await this.db.$transaction(async (tx) => {
        const s = await tx.survey.create({
          data: {
            tenantId: actor.tenantId,
            kind: input.kind,
            contactId: contact.id,
            accountId: contact.accountId,
            triggerKind: 'manual',
            triggerId,
            status: 'scheduled',
            scheduledAt: now,
            requestedById: actor.kind === 'user' ? actor.userId : null,
          },
        });
        await writeOutbox(tx, actor.tenantId, { name: 'survey-send', jobId: `survey:send:${s.id}`, data: { tenantId: actor.tenantId, surveyId: s.id } });
        await audit(tx, actor, { action: 'survey.create', entityType: 'Survey', entityId: s.id, after: s, sourceMessageId: input.sourceMessageId });
        return s;
      });
      return { survey, alreadyPending: false };
    } catch (err) {
      if (isUniqueViolation(err) && input.sourceMessageId) {
        const same = await this.db.survey.findUnique({
          where: { tenantId_triggerKind_triggerId_kind: { tenantId: actor.tenantId, triggerKind: 'manual', triggerId: input.sourceMessageId, kind: input.kind } },
        });
        if (same) return { survey: same, alreadyPending: true };
      }
      throw err;
    }
  }

  /** The `survey-after-interaction` job (visits and meetings). */
  async surveyAfterInteraction(job: { tenantId: string; interactionId: string }): Promise<SurveyOutcome> {
    const i = await this.db.interaction.findFirst({
      where: { id: job.interactionId, tenantId: job.tenantId },
      select: { id: true, contactId: true, accountId: true, participants: { select: { contactId: true }, take: 1 } },
    });
    if (!i) return { status: 'skipped', reason: 'interaction deleted' };
    const contactId = i.contactId ?? i.participants[0]?.contactId;
    if (!contactId) return { status: 'skipped', reason: 'no contact' };
    return this.triggered(job.tenantId, contactId, 'interaction', i.id);
  }

  /** The `survey-after-ticket` job (resolved tickets). */
  async surveyAfterTicket(job: { tenantId: string; ticketId: string }): Promise<SurveyOutcome> {
    const t = await this.db.ticket.findFirst({ where: { id: job.ticketId, tenantId: job.tenantId }, select: { id: true, contactId: true, status: true } });
    if (!t) return { status: 'skipped', reason: 'ticket deleted' };
    if (t.status !== 'resolved' && t.status !== 'closed') return { status: 'skipped', reason: 'ticket reopened' };
    if (!t.contactId) return { status: 'skipped', reason: 'no contact' };
    return this.triggered(job.tenantId, t.contactId, 'ticket', t.id);
  }

  private async triggered(tenantId: string, contactId: string, triggerKind: 'interaction' | 'ticket', triggerId: string): Promise<SurveyOutcome> {
    const existing = await this.db.survey.findUnique({
      where: { tenantId_triggerKind_triggerId_kind: { tenantId, triggerKind, triggerId, kind: 'csat' } },
    });
    if (existing) return this.sendSurvey(existing.id); // a retry after the create: finish the send
    const contact = await this.db.contact.findFirst({ where: { id: contactId, tenantId } });
    if (!contact || contact.erasedAt || contact.mergedIntoId) return { status: 'skipped', reason: 'contact gone' };
    if (contact.surveyOptOut) return { status: 'skipped', reason: 'opted out' };
    const settings = await loadSettings(this.db, tenantId);
    const now = this.clock.now();
    if (contact.lastSurveyedAt && now.getTime() - contact.lastSurveyedAt.getTime() < settings.survey.cooldownDays * DAY) {
      return { status: 'skipped', reason: 'cooldown' };
    }
    if (!sampled(contact.id, triggerId, settings.survey.sampleRate)) return { status: 'skipped', reason: 'not sampled' };
    const system: SystemActor = { kind: 'system', tenantId };
    let surveyId: string;
    try {
      surveyId = await this.db.$transaction(async (tx) => {
        const s = await tx.survey.create({
          data: { tenantId, kind: 'csat', contactId: contact.id, accountId: contact.accountId, triggerKind, triggerId, status: 'scheduled', scheduledAt: now },
        });
        await audit(tx, system, { action: 'survey.create', entityType: 'Survey', entityId: s.id, after: s });
        return s.id;
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const again = await this.db.survey.findUnique({ where: { tenantId_triggerKind_triggerId_kind: { tenantId, triggerKind, triggerId, kind: 'csat' } } });
      if (!again) throw err;
      surveyId = again.id;
    }
    return this.sendSurvey(surveyId);
  }

  // -- sending, reminding, closing --

  /** The `survey-send` job, also called after a trigger: deliver once, then mark sent. */
  async sendSurvey(surveyId: string): Promise<SurveyOutcome> {
    const s = await this.db.survey.findUnique({ where: { id: surveyId }, include: { contact: true, tenant: true } });
    if (!s) return { status: 'skipped', reason: 'survey deleted' };
    if (s.status !== 'scheduled') return { status: 'skipped', reason: `already ${s.status}`, surveyId };
    const c = s.contact;
    if (c.erasedAt || c.mergedIntoId || c.surveyOptOut) {
      await this.db.survey.updateMany({ where: { id: s.id, status: 'scheduled' }, data: { status: 'cancelled', closedAt: this.clock.now() } });
      return { status: 'skipped', reason: c.surveyOptOut ? 'opted out' : 'contact gone', surveyId };
    }
    const locale = toLocale(c.locale, toLocale(s.tenant.defaultLocale));
    const message = await this.surveyMessage(s, locale, false);
    const res = await this.delivery.deliverOnce(s.tenantId, `survey:${s.id}`, { tenantId: s.tenantId, kind: 'contact', id: c.id }, message);
    const settings = await loadSettings(this.db, s.tenantId);
    const sentAt = res.delivery.sentAt ?? this.clock.now();
    await this.db.$transaction(async (tx) => {
      const n = await tx.survey.updateMany({
        where: { id: s.id, status: 'scheduled' },
        data: { status: 'sent', sentAt, channel: res.delivery.channel, threadRef: res.delivery.threadRef },
      });
      if (!n.count) return;
      await tx.contact.update({ where: { id: c.id }, data: { lastSurveyedAt: sentAt } });
      await writeOutbox(tx, s.tenantId, {
        name: 'survey-reminder',
        jobId: `survey:remind:${s.id}`,
        runAt: new Date(sentAt.getTime() + settings.survey.reminderAfterHours * HOUR),
        data: { tenantId: s.tenantId, surveyId: s.id },
      });
      await audit(tx, { kind: 'system', tenantId: s.tenantId }, {
        action: 'survey.update', entityType: 'Survey', entityId: s.id,
        before: { status: 'scheduled' }, after: { status: 'sent', sentAt, channel: res.delivery.channel, threadRef: res.delivery.threadRef },
      });
    });
    return { status: 'sent', surveyId };
  }

  /** The `survey-reminder` job: one reminder to a non-responder, then schedule the close. */
  async remindSurvey(surveyId: string): Promise<SurveyOutcome> {
    const s = await this.db.survey.findUnique({ where: { id: surveyId }, include: { contact: true, tenant: true, response: { select: { id: true } } } });
    if (!s) return { status: 'skipped', reason: 'survey deleted' };
    if (s.status !== 'sent' || s.response) return { status: 'skipped', reason: `survey ${s.response ? 'answered' : s.status}`, surveyId };
    if (s.contact.erasedAt || s.contact.surveyOptOut) return { status: 'skipped', reason: 'opted out', surveyId };
    const locale = toLocale(s.contact.locale, toLocale(s.tenant.defaultLocale));
    const message = await this.surveyMessage(s, locale, true);
    const res = await this.delivery.deliverOnce(s.tenantId, `survey:remind:${s.id}`, { tenantId: s.tenantId, kind: 'contact', id: s.contactId }, message);
    const settings = await loadSettings(this.db, s.tenantId);
    const at = res.delivery.sentAt ?? this.clock.now();
    await this.db.$transaction(async (tx) => {
      const n = await tx.survey.updateMany({ where: { id: s.id, status: 'sent' }, data: { status: 'reminded', remindedAt: at } });
      if (!n.count) return;
      await writeOutbox(tx, s.tenantId, {
        name: 'survey-close',
        jobId: `survey:close:${s.id}`,
        runAt: new Date(at.getTime() + settings.survey.reminderAfterHours * HOUR),
        data: { tenantId: s.tenantId, surveyId: s.id },
      });
    });
    return { status: 'reminded', surveyId };
  }

  /** The `survey-close` job: an unanswered survey stops accepting answers. */
  async closeSurvey(surveyId: string): Promise<SurveyOutcome> {
    const n = await this.db.survey.updateMany({ where: { id: surveyId, status: { in: OPEN } }, data: { status: 'closed', closedAt: this.clock.now() } });
    return n.count ? { status: 'closed', surveyId } : { status: 'skipped', reason: 'not open', surveyId };
  }

  /** The `survey-maintenance` scheduler job: closes surveys whose close job was lost. */
  async maintenance(now = this.clock.now()): Promise<{ closed: number }> {
    const tenants = await this.db.tenant.findMany({ select: { id: true } });
    let closed = 0;
    for (const t of tenants) {
      const settings = await loadSettings(this.db, t.id);
      const cutoff = new Date(now.getTime() - (2 * settings.survey.reminderAfterHours + 24) * HOUR);
      const n = await this.db.survey.updateMany({
        where: { tenantId: t.id, status: { in: OPEN }, sentAt: { lt: cutoff } },
        data: { status: 'closed', closedAt: now },
      });
      closed += n.count;
    }
    return { closed };
  }

  // -- answers --

  /** A contact answers their own survey. Answering again updates; a comment alone is added to the answer. */
  async answer(actor: AnyActor, input: AnswerInput): Promise<AnswerResult> {
    if (actor.kind !== 'contact') {
      throw new ForbiddenError('only the surveyed contact answers a survey', {
        en: 'Only the customer who received the survey can answer it.',
        zh: '只有收到调查的客户本人可以作答。',
      });
    }
    const locale = actor.locale;
    const survey = await this.locate(actor, input);
    const hasScore = input.score !== undefined && input.score !== null;
    const comment = input.comment?.trim() || undefined;
    const [min, max] = scoreRange(survey.kind);
    if (hasScore && (!Number.isInteger(input.score) || input.score! < min || input.score! > max)) {
      throw new ValidationError(
        'score',
        `Please answer with a whole number from ${min} to ${max}${survey.kind === 'csat' ? ' (5 = very satisfied)' : ' (10 = extremely likely)'}.`,
        `请回复 ${min} 到 ${max} 之间的整数${survey.kind === 'csat' ? '（5 = 非常满意）' : '（10 = 非常愿意推荐）'}。`,
      );
    }
    if (!hasScore && !comment) {
      throw new ValidationError('score', `Please pick a score from ${min} to ${max}.`, `请选择 ${min} 到 ${max} 之间的分数。`);
    }
    if (survey.status === 'cancelled' || survey.status === 'scheduled') {
      throw new ConflictError('SURVEY.NOT_OPEN', 'That survey is not open for answers.', '该调查目前不接受作答。');
    }
    void locale;
    const now = this.clock.now();
    return this.db.$transaction(async (tx) => {
      const prev = await tx.surveyResponse.findUnique({ where: { surveyId: survey.id } });
      if (survey.status === 'closed' && !prev) {
        throw new ConflictError('SURVEY.CLOSED', 'That survey has closed; thank you all the same.', '该调查已结束，仍然感谢您的反馈。');
      }
      if (!prev && !hasScore) {
        throw new ValidationError('score', `Please pick a score from ${min} to ${max} first, then add your comment.`, `请先选择 ${min} 到 ${max} 之间的分数，再补充意见。`);
      }
      const score = hasScore ? input.score! : prev!.score;
      const newComment = comment ? (prev?.comment ? `${prev.comment}\n${comment}` : comment) : (prev?.comment ?? null);
      const channel = input.channel ?? survey.channel ?? null;
      const response = prev
        ? await tx.surveyResponse.update({ where: { id: prev.id }, data: { score, comment: newComment, ...(hasScore ? { respondedAt: now } : {}) } })
        : await tx.surveyResponse.create({ data: { tenantId: survey.tenantId, surveyId: survey.id, score, comment: newComment, channel, respondedAt: now } });
      const updatedSurvey = survey.status === 'answered' || survey.status === 'closed'
        ? survey
        : await tx.survey.update({ where: { id: survey.id }, data: { status: 'answered' } });
      await audit(tx, actor, {
        action: prev ? 'surveyResponse.update' : 'surveyResponse.create',
        entityType: 'SurveyResponse',
        entityId: response.id,
        before: prev ? { score: prev.score, comment: prev.comment } : undefined,
        after: prev ? { score, comment: newComment } : response,
      });
      const detractor = isDetractor(survey.kind, score);
      const wasDetractor = prev ? isDetractor(survey.kind, prev.score) : false;
      if (detractor && !wasDetractor) await this.onDetractor(tx, survey, score, now);
      return { survey: updatedSurvey, response, detractor, updated: Boolean(prev) };
    });
  }

  /** An open survey posted in this thread (Slack channel:ts, Teams conversation, web thread). */
  findOpenSurveyByThread(tenantId: string, threadRef: string): Promise<Survey | null> {
    return this.db.survey.findFirst({
      where: { tenantId, threadRef, status: { in: OPEN } },
      orderBy: [{ sentAt: 'desc' }, { createdAt: 'desc' }],
    });
  }

  /** The `detractor-alert` job: the account owner and their manager hear about it at once. */
  async sendDetractorAlert(job: { tenantId: string; surveyId: string }): Promise<{ status: 'sent' | 'skipped'; recipients: string[] }> {
    const s = await this.db.survey.findFirst({
      where: { id: job.surveyId, tenantId: job.tenantId },
      include: { response: true, contact: true, account: { include: { owner: { include: { manager: true } } } } },
    });
    if (!s?.response || !isDetractor(s.kind, s.response.score)) return { status: 'skipped', recipients: [] };
    const owner = s.account?.owner ?? null;
    let recipients = [owner, owner?.manager].filter((u): u is NonNullable<typeof u> => Boolean(u && u.active));
    if (!recipients.length) {
      recipients = await this.db.user.findMany({ where: { tenantId: s.tenantId, role: 'admin', active: true } });
    }
    const unique = [...new Map(recipients.map((u) => [u.id, u])).values()];
    const [, max] = scoreRange(s.kind);
    for (const u of unique) {
      const locale = toLocale(u.locale);
      const who = `${s.contact.name}${s.account ? ` (${s.account.name})` : ''}`;
      const comment = s.response.comment ? L(locale, ` Comment: "${s.response.comment}"`, ` 意见：“${s.response.comment}”`) : '';
      const ownerNote = owner
        ? L(locale, ` A follow-up task is due for ${owner.name} within 24 hours.`, ` 已为${owner.name}创建 24 小时内到期的跟进任务。`)
        : '';
      const text = L(
        locale,
        `⚠️ Detractor alert: ${who} scored ${s.response.score}/${max} on a ${s.kind.toUpperCase()} survey.${comment}${ownerNote}`,
        `⚠️ 差评预警：${who} 在 ${s.kind.toUpperCase()} 调查中给出 ${s.response.score}/${max} 分。${comment}${ownerNote}`,
      );
      const actions: MessageAction[][] = s.accountId ? [[{ label: L(locale, 'Plan a visit', '安排拜访'), value: `risk:plan:${s.accountId}`, style: 'primary' }]] : [];
      await this.delivery.deliverOnce(s.tenantId, `alert:detractor:${s.id}:${u.id}`, { tenantId: s.tenantId, kind: 'user', id: u.id }, { kind: 'alert', locale, text, actions });
    }
    return { status: 'sent', recipients: unique.map((u) => u.id) };
  }

  // -- internals --

  private async onDetractor(tx: Db, survey: Survey, score: number, now: Date): Promise<void> {
    await writeOutbox(tx, survey.tenantId, {
      name: 'detractor-alert',
      jobId: `alert:detractor:${survey.id}`,
      data: { tenantId: survey.tenantId, surveyId: survey.id },
    });
    const account = survey.accountId ? await tx.account.findUnique({ where: { id: survey.accountId }, include: { owner: true } }) : null;
    if (!account?.owner) return;
    const contact = await tx.contact.findUnique({ where: { id: survey.contactId }, select: { name: true } });
    const locale = toLocale(account.owner.locale);
    const [, max] = scoreRange(survey.kind);
    await insertTask(tx, { kind: 'system', tenantId: survey.tenantId }, {
      title: L(locale, `Follow up on ${contact?.name ?? 'customer'}'s low score (${score}/${max})`, `跟进${contact?.name ?? '客户'}的低分反馈（${score}/${max}）`),
      dueAt: new Date(now.getTime() + DAY),
      assigneeId: account.owner.id,
      accountId: account.id,
      contactId: survey.contactId,
    });
  }

  private async locate(actor: Extract<AnyActor, { kind: 'contact' }>, input: AnswerInput): Promise<Survey> {
    const notFound = () => new NotFoundError('Survey', input.surveyId ?? input.threadRef ?? 'latest', { en: 'a survey waiting for your answer', zh: '等待您作答的调查' });
    const forbidden = (id: string) =>
      new ForbiddenError(`survey ${id} was sent to another contact`, {
        en: 'That survey was sent to someone else.',
        zh: '该调查是发给其他人的。',
      });
    if (input.surveyId) {
      const s = await this.db.survey.findFirst({ where: { id: input.surveyId, tenantId: actor.tenantId } });
      if (!s) throw notFound();
      if (s.contactId !== actor.contactId) throw forbidden(s.id);
      return s;
    }
    if (input.threadRef) {
      const inThread = await this.db.survey.findMany({
        where: { tenantId: actor.tenantId, threadRef: input.threadRef },
        orderBy: [{ sentAt: 'desc' }, { createdAt: 'desc' }],
        take: 20,
      });
      const mine = inThread.filter((s) => s.contactId === actor.contactId);
      const pick = mine.find((s) => OPEN.includes(s.status)) ?? mine[0];
      if (pick) return pick;
      if (inThread.length) throw forbidden(inThread[0]!.id);
    }
    const latest =
      (await this.db.survey.findFirst({ where: { tenantId: actor.tenantId, contactId: actor.contactId, status: { in: OPEN } }, orderBy: { sentAt: 'desc' } })) ??
      (input.score === undefined
        ? await this.db.survey.findFirst({ where: { tenantId: actor.tenantId, contactId: actor.contactId, status: 'answered' }, orderBy: { sentAt: 'desc' } })
        : null);
    if (!latest) throw notFound();
    return latest;
  }

  private async surveyMessage(
    s: Survey & {
      contact: { name: string; title: string | null; aliases: string[]; timezone: string | null };
      tenant: { name: string; defaultTimezone: string };
    },
    locale: Locale,
    reminder: boolean,
  ): Promise<OutboundMessage> {
    const who = salutation(s.contact, locale);
    let about = L(locale, 'working with us', '我们的服务');
    if (s.triggerKind === 'interaction' && s.triggerId) {
      const i = await this.db.interaction.findUnique({ where: { id: s.triggerId }, select: { type: true, occurredAt: true } });
      if (i) {
        const when = formatLocalDate(i.occurredAt, safeTimeZone(s.contact.timezone, safeTimeZone(s.tenant.defaultTimezone)), locale);
        about = L(locale, `our ${i.type} on ${when}`, `${when}的${i.type === 'visit' ? '拜访' : '会议'}`);
      }
    } else if (s.triggerKind === 'ticket' && s.triggerId) {
      const t = await this.db.ticket.findUnique({ where: { id: s.triggerId }, select: { subject: true } });
      if (t) about = L(locale, `how we handled "${t.subject}"`, `我们对“${t.subject}”的处理`);
    }
    const prefix = reminder ? L(locale, 'A gentle reminder — ', '温馨提醒：') : '';
    const text =
      s.kind === 'csat'
        ? L(locale, `${prefix}Hi ${who}, how satisfied are you with ${about}? Tap 1 (very dissatisfied) to 5 (very satisfied).`, `${prefix}${who}您好，您对${about}满意吗？请选择 1（非常不满意）到 5（非常满意）。`)
        : L(locale, `${prefix}Hi ${who}, how likely are you to recommend ${s.tenant.name} to a colleague? Tap 0 (not at all) to 10 (extremely likely).`, `${prefix}${who}您好，您有多大可能向同事推荐${s.tenant.name}？请选择 0（完全不会）到 10（非常愿意）。`);
    const button = (n: number): MessageAction => ({ label: String(n), value: `survey:${s.id}:${n}` });
    const rows: MessageAction[][] =
      s.kind === 'csat' ? [[1, 2, 3, 4, 5].map(button)] : [[0, 1, 2, 3, 4, 5].map(button), [6, 7, 8, 9, 10].map(button)];
    rows.push([{ label: L(locale, 'Add a comment', '补充意见'), value: `survey-comment:${s.id}` }]);
    return { kind: 'survey', locale, text, actions: rows, ...(reminder && s.threadRef ? { threadRef: s.threadRef } : {}) };
  }
}
