// Logging what happened with a customer (visits, calls, meetings...) and reading the timeline.
import type { Interaction } from '../../generated/prisma/client.ts';
import type { Db, PrismaClient } from '../shared/db.ts';
import type { Clock } from '../shared/clock.ts';
import type { AnyActor } from '../shared/access.ts';
import { getVisibleAccount, getVisibleContact, requireStaff, visibleOwnerIds } from '../shared/access.ts';
import { audit } from '../shared/audit.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { QUEUES } from '../shared/outbox.ts';
import { AUDIT } from '../audit/actions.ts';
import { diffFields } from '../customers/account-access.ts';
import { isUniqueViolation } from '../shared/prisma-errors.ts';
import { reminderJob, toTaskDto, type TaskDto } from '../tasks/task-writes.ts';
import { actorId } from '../shared/actor.ts';
import { newId, writeInteraction, type AuditRow, type OutboxRow } from './interaction-write.ts';
import { crudeSentiment } from './sentiment.ts';

export type InteractionTypeValue = 'visit' | 'call' | 'meeting' | 'email' | 'message' | 'note';
type ChannelValue = 'web' | 'slack' | 'teams' | 'email';

export interface LogInteractionInput {
  accountId?: string;
  contactId?: string;
  /** Other contacts who took part (the main contact is added automatically). */
  participantIds?: string[];
  type: InteractionTypeValue;
  occurredAt: Date | string;
  summary: string;
  nextStep?: string | null;
  /** -1..1; inferred from the summary when absent. */
  sentiment?: number | null;
  channel?: ChannelValue | null;
  /** Chat message id; the same id twice logs once. */
  sourceMessageId?: string | null;
  /** The follow-up; `contactId` (one of those met) when it is with someone other than the main contact. */
  /** The follow-up to make with it; its priority is normal unless said (`…, this is urgent`). */
  followUp?: { title: string; dueAt: Date | string; contactId?: string; priority?: 'low' | 'normal' | 'high' | 'urgent' };
}

export interface InteractionDto {
  id: string;
  accountId: string;
  contactId: string | null;
  userId: string | null;
  participantIds: string[];
  type: InteractionTypeValue;
  occurredAt: Date;
  summary: string;
  nextStep: string | null;
  sentiment: number | null;
  channel: ChannelValue | null;
  sourceMessageId: string | null;
}

export interface LogInteractionResult {
  interaction: InteractionDto;
  task: TaskDto | null;
  /** True when this source message was logged before and nothing new was written. */
  duplicate: boolean;
}

export interface TimelineEntry extends InteractionDto {
  contactName: string | null;
  userName: string | null;
}

const SURVEY_DELAY_MS = 24 * 60 * 60 * 1000;

/** A unique violation reported by a raw statement (Prisma's P2010 carries PostgreSQL's 23505). */
const TYPES: InteractionTypeValue[] = ['visit', 'call', 'meeting', 'email', 'message', 'note'];

const toDto = (i: Interaction & { participants?: { contactId: string }[] }): InteractionDto => ({
  id: i.id,
  accountId: i.accountId,
  contactId: i.contactId,
  userId: i.userId,
  participantIds: (i.participants ?? []).map((p) => p.contactId),
  type: i.type,
  occurredAt: i.occurredAt,
  summary: i.summary,
  nextStep: i.nextStep,
  sentiment: i.sentiment,
  channel: i.channel,
  sourceMessageId: i.sourceMessageId,
});

export class InteractionService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
  ) {}

  async logInteraction(actor: AnyActor, input: LogInteractionInput): Promise<LogInteractionResult> {
    requireStaff(actor);
    if (!TYPES.includes(input.type)) {
      throw new ValidationError('type', `Unknown interaction type ${String(input.type)}.`, `未知的互动类型 ${String(input.type)}。`);
    }
    const occurredAt = input.occurredAt instanceof Date ? input.occurredAt : new Date(input.occurredAt);
    if (Number.isNaN(occurredAt.getTime())) {
      throw new ValidationError('occurredAt', 'When did it happen?', '这是什么时候发生的？');
    }
    const sourceMessageId = input.sourceMessageId ?? null;
    if (sourceMessageId) {
      // A cheap probe first: almost every message is new.
      const seen = await this.db.interaction.findFirst({ where: { tenantId: actor.tenantId, sourceMessageId }, select: { id: true } });
      const existing = seen && (await this.findBySource(actor.tenantId, sourceMessageId));
      if (existing) return existing;
    }

    let accountId = input.accountId;
    let contact = null;
    if (input.contactId) {
      // Checks the contact's account too, so that one needs no second check below.
      contact = await getVisibleContact(this.db, actor, input.contactId);
      if (accountId && contact.accountId && contact.accountId !== accountId) {
        throw new ValidationError('contactId', `${contact.name} is not at that account.`, `${contact.name}不属于该客户。`);
      }
      accountId ??= contact.accountId ?? undefined;
    }
    if (!accountId) {
      throw new ValidationError('accountId', 'Which customer was this with?', '这次互动是和哪个客户？');
    }
    if (accountId !== contact?.accountId) await getVisibleAccount(this.db, actor, accountId);
    const participantIds = [...new Set([...(contact ? [contact.id] : []), ...(input.participantIds ?? [])])];
    // The main contact was checked above; only the others need loading.
    const others = participantIds.filter((id) => id !== contact?.id);
    if (others.length) {
      const found = await this.db.contact.findMany({
        where: { tenantId: actor.tenantId, id: { in: others }, erasedAt: null },
        select: { id: true, accountId: true },
      });
      for (const id of others) {
        const p = found.find((f) => f.id === id);
        if (!p) throw new NotFoundError('Contact', id, { en: 'one of the participants', zh: '其中一位参与人' });
        if (p.accountId && p.accountId !== accountId) await getVisibleAccount(this.db, actor, p.accountId);
      }
    }
    const followUp = input.followUp;
    // The follow-up may be with someone who was not there, at the same account (`…, bill needs the redlines by monday`).
    const followUpWithOther = followUp?.contactId && !participantIds.includes(followUp.contactId)
      ? await this.db.contact.findFirst({ where: { tenantId: actor.tenantId, id: followUp.contactId, accountId, erasedAt: null }, select: { id: true } })
      : null;
    const followUpDue = followUp ? new Date(followUp.dueAt) : null;
    if (followUp && (!followUp.title?.trim() || !followUpDue || Number.isNaN(followUpDue.getTime()))) {
      throw new ValidationError('followUp', 'The follow-up needs a title and a due date.', '跟进任务需要标题和截止时间。');
    }
    const summary = input.summary?.trim() ?? '';
    const sentiment = input.sentiment ?? crudeSentiment(`${summary} ${input.nextStep ?? ''}`);
    const resolvedAccountId = accountId;
    const followUpAssignee = followUp
      ? actor.kind === 'user'
        ? actor.userId
        : await this.ownerOf(resolvedAccountId)
      : null;
    if (followUp && !followUpAssignee) {
      throw new ValidationError('followUp', 'Nobody owns this account to follow up.', '该客户没有负责人来跟进。');
    }

    const now = new Date(); // a row timestamp (as Prisma's now()), not business time
    const interaction = {
      id: newId(),
      tenantId: actor.tenantId,
      accountId: resolvedAccountId,
      contactId: contact?.id ?? null,
      userId: actor.kind === 'user' ? actor.userId : null,
      type: input.type,
      occurredAt,
      summary,
      nextStep: input.nextStep ?? null,
      sentiment,
      channel: input.channel ?? null,
      sourceMessageId,
      createdAt: now,
    };
    const dto = toDto({ ...interaction, participants: participantIds.map((contactId) => ({ contactId })) });
    const task: TaskDto | null =
      followUp && followUpDue
        ? {
            id: newId(),
            title: followUp.title.trim(),
            dueAt: followUpDue,
            status: 'open',
            priority: followUp.priority ?? 'normal',
            assigneeId: followUpAssignee!,
            createdById: actor.kind === 'user' ? actor.userId : null,
            accountId: resolvedAccountId,
            contactId: followUp.contactId && (participantIds.includes(followUp.contactId) || followUpWithOther) ? followUp.contactId : contact?.id ?? null,
            interactionId: interaction.id,
            snoozeCount: 0,
            completedAt: null,
          }
        : null;
    const audits: AuditRow[] = [{ action: AUDIT.interactionCreate, entityType: 'Interaction', entityId: interaction.id, after: dto }];
    const outbox: OutboxRow[] = [];
    if (task) {
      audits.push({ action: AUDIT.taskCreate, entityType: 'Task', entityId: task.id, after: task });
      outbox.push(reminderJob(actor.tenantId, task.id, task.dueAt));
    }
    if ((input.type === 'visit' || input.type === 'meeting') && contact && !contact.surveyOptOut) {
      outbox.push({
        queue: QUEUES.surveys,
        jobName: 'survey-after-interaction',
        jobId: `survey:interaction:${interaction.id}`,
        runAt: new Date(occurredAt.getTime() + SURVEY_DELAY_MS),
        payload: { tenantId: actor.tenantId, interactionId: interaction.id },
      });
    }
    try {
      // One statement (see interaction-write.ts): atomic, one round trip.
      await writeInteraction(this.db, { interaction, participantIds, task, actor: { kind: actor.kind, id: actorId(actor) }, audits, outbox });
      return { interaction: dto, task, duplicate: false };
    } catch (err) {
      // Two deliveries of the same chat message raced; the other one won.
      if (sourceMessageId && isUniqueViolation(err)) {
        const existing = await this.findBySource(actor.tenantId, sourceMessageId);
        if (existing) return existing;
      }
      throw err;
    }
  }

  /**
   * Corrects a logged interaction (its author, their managers or an admin): note, type, date, and
   * who it was with — a new contact (and with it their account), or a new account. The main
   * contact's place among the participants moves with it. Audited as `interaction.update`.
   */
  async updateInteraction(
    actor: AnyActor,
    interactionId: string,
    patch: {
      summary?: string;
      nextStep?: string | null;
      sentiment?: number | null;
      type?: InteractionTypeValue;
      occurredAt?: Date;
      contactId?: string | null;
      accountId?: string;
    },
  ): Promise<InteractionDto> {
    requireStaff(actor);
    const current = await this.db.interaction.findFirst({
      where: { id: interactionId, tenantId: actor.tenantId },
      include: { participants: true },
    });
    if (!current) throw new NotFoundError('Interaction', interactionId, { en: 'that interaction', zh: '该互动记录' });
    await getVisibleAccount(this.db, actor, current.accountId);
    const owners = await visibleOwnerIds(this.db, actor);
    if (owners !== 'all' && !(current.userId && owners.includes(current.userId))) {
      throw new ForbiddenError(`interaction ${interactionId} was logged by someone else`, {
        en: 'Only the person who logged this (or their manager) can change it.',
        zh: '只有记录人（或其经理）可以修改这条记录。',
      });
    }
    if (patch.type && !TYPES.includes(patch.type)) {
      throw new ValidationError('type', `Unknown interaction type ${String(patch.type)}.`, `未知的互动类型 ${String(patch.type)}。`);
    }
    if (patch.occurredAt && Number.isNaN(patch.occurredAt.getTime())) {
      throw new ValidationError('occurredAt', 'When did it happen?', '这是什么时候发生的？');
    }
    let contactId = current.contactId;
    let accountId = current.accountId;
    if (patch.contactId !== undefined && patch.contactId !== current.contactId) {
      contactId = patch.contactId;
      if (patch.contactId) {
        const contact = await getVisibleContact(this.db, actor, patch.contactId);
        if (patch.accountId && contact.accountId && contact.accountId !== patch.accountId) {
          throw new ValidationError('contactId', `${contact.name} is not at that account.`, `${contact.name}不属于该客户。`);
        }
        accountId = patch.accountId ?? contact.accountId ?? accountId;
      }
    }
    if (patch.accountId && patch.accountId !== accountId) {
      accountId = patch.accountId;
      // The old contact does not work at the new account: the record is with the account now.
      if (contactId && patch.contactId === undefined) {
        const c = await this.db.contact.findFirst({ where: { id: contactId, tenantId: actor.tenantId }, select: { accountId: true } });
        if (c?.accountId && c.accountId !== accountId) contactId = null;
      }
    }
    if (accountId !== current.accountId) await getVisibleAccount(this.db, actor, accountId);
    const next: Record<string, unknown> = {
      summary: patch.summary?.trim(),
      nextStep: patch.nextStep,
      sentiment: patch.sentiment === undefined && patch.summary !== undefined ? crudeSentiment(patch.summary) : patch.sentiment,
      type: patch.type,
      occurredAt: patch.occurredAt,
      contactId: contactId !== current.contactId ? contactId : undefined,
      accountId: accountId !== current.accountId ? accountId : undefined,
    };
    const { before, after } = diffFields(current as unknown as Record<string, unknown>, next);
    if (!Object.keys(after).length) return toDto(current);
    return this.db.$transaction(async (tx) => {
      if ('contactId' in after) await moveMainParticipant(tx, interactionId, current.contactId, contactId);
      if ('contactId' in after || 'accountId' in after) {
        // Its open follow-ups are about the corrected person too.
        await tx.task.updateMany({ where: { interactionId, status: 'open' }, data: { contactId, accountId } });
      }
      const updated = await tx.interaction.update({ where: { id: interactionId }, data: after, include: { participants: true } });
      if ('contactId' in after || 'accountId' in after || 'occurredAt' in after) {
        await refreshLastTouch(
          tx,
          [current.accountId, updated.accountId],
          [current.contactId, updated.contactId, ...updated.participants.map((p) => p.contactId)],
        );
      }
      await audit(tx, actor, { action: AUDIT.interactionUpdate, entityType: 'Interaction', entityId: interactionId, before, after });
      return toDto(updated);
    });
  }

  /** The summary of one of the user's own interactions (to prefill an edit); null when it is not theirs. */
  async ownSummary(actor: { tenantId: string; userId: string }, interactionId: string): Promise<string | null> {
    const row = await this.db.interaction.findFirst({
      where: { id: interactionId, tenantId: actor.tenantId, userId: actor.userId },
      select: { summary: true },
    });
    return row?.summary ?? null;
  }

  /** One interaction the actor may see, with its open follow-ups. */
  async getInteraction(actor: AnyActor, interactionId: string): Promise<InteractionDto & { followUps: TaskDto[] }> {
    requireStaff(actor);
    const row = await this.db.interaction.findFirst({
      where: { id: interactionId, tenantId: actor.tenantId },
      include: { participants: true, tasks: { where: { status: 'open' }, orderBy: { createdAt: 'asc' } } },
    });
    if (!row) throw new NotFoundError('Interaction', interactionId, { en: 'that interaction', zh: '该互动记录' });
    await getVisibleAccount(this.db, actor, row.accountId);
    return { ...toDto(row), followUps: row.tasks.map(toTaskDto) };
  }

  /** Most recent first. */
  async timeline(
    actor: AnyActor,
    accountId: string,
    opts: { limit?: number; before?: Date } = {},
  ): Promise<TimelineEntry[]> {
    await getVisibleAccount(this.db, actor, accountId);
    const rows = await this.db.interaction.findMany({
      where: { tenantId: actor.tenantId, accountId, ...(opts.before ? { occurredAt: { lt: opts.before } } : {}) },
      include: {
        participants: { select: { contactId: true } },
        contact: { select: { name: true } },
        user: { select: { name: true } },
      },
      orderBy: [{ occurredAt: 'desc' }, { createdAt: 'desc' }],
      take: Math.min(opts.limit ?? 20, 200),
    });
    return rows.map((r) => ({ ...toDto(r), contactName: r.contact?.name ?? null, userName: r.user?.name ?? null }));
  }

  private async findBySource(tenantId: string, sourceMessageId: string): Promise<LogInteractionResult | null> {
    const existing = await this.db.interaction.findFirst({
      where: { tenantId, sourceMessageId },
      include: { participants: true, tasks: { orderBy: { createdAt: 'asc' }, take: 1 } },
    });
    if (!existing) return null;
    const t = existing.tasks[0];
    return {
      interaction: toDto(existing),
      task: t ? toTaskDto(t) : null,
      duplicate: true,
    };
  }

  private async ownerOf(accountId: string): Promise<string | null> {
    return (await this.db.account.findUnique({ where: { id: accountId }, select: { ownerId: true } }))?.ownerId ?? null;
  }
}


/** The interaction's main contact changed: that contact's participant row moves with it. */
export async function moveMainParticipant(tx: Db, interactionId: string, from: string | null, to: string | null): Promise<void> {
  if (from) await tx.interactionParticipant.deleteMany({ where: { interactionId, contactId: from } });
  if (to) {
    const has = await tx.interactionParticipant.findFirst({ where: { interactionId, contactId: to } });
    if (!has) await tx.interactionParticipant.create({ data: { interactionId, contactId: to } });
  }
}

/** Last touch of accounts and contacts recomputed from their interactions (after a record moved). */
export async function refreshLastTouch(tx: Db, accountIds: (string | null)[], contactIds: (string | null)[]): Promise<void> {
  for (const accountId of new Set(accountIds.filter((x): x is string => !!x))) {
    const acc = await tx.interaction.aggregate({ where: { accountId }, _max: { occurredAt: true } });
    await tx.account.updateMany({ where: { id: accountId }, data: { lastInteractionAt: acc._max.occurredAt } });
  }
  for (const contactId of new Set(contactIds.filter((x): x is string => !!x))) {
    const c = await tx.interaction.aggregate({ where: { OR: [{ contactId }, { participants: { some: { contactId } } }] }, _max: { occurredAt: true } });
    await tx.contact.updateMany({ where: { id: contactId }, data: { lastInteractionAt: c._max.occurredAt } });
  }
}
