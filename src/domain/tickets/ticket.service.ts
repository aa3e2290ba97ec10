// Complaints and service requests with SLA clocks from the tenant settings. Resolving a ticket
// schedules the satisfaction survey through the Outbox in the same transaction.
import type { AnyActor } from '../shared/access.ts';
import { getVisibleAccount, getVisibleContact, requireStaff } from '../shared/access.ts';
import { audit } from '../shared/audit.ts';
import type { Clock } from '../shared/clock.ts';
import { Prisma, type PrismaClient } from '../shared/db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { writeOutbox } from '../shared/outbox.ts';
import { resolvePeriod, type Period, type PeriodInput } from '../kpi/period.ts';
import { resolveScope, scopeSql, scopeWhere, type ScopeName } from '../pipeline/scope.ts';
import { loadSettings } from '../settings/settings.service.ts';

export type TicketKind = 'complaint' | 'service_request';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type TicketStatus = 'open' | 'in_progress' | 'resolved' | 'closed';
const HOUR = 3_600_000;

export interface TicketDto {
  id: string;
  accountId: string;
  accountName: string;
  contactId: string | null;
  ownerId: string | null;
  kind: TicketKind;
  priority: Priority;
  status: TicketStatus;
  subject: string;
  description: string;
  openedAt: Date;
  firstResponseDueAt: Date;
  firstRespondedAt: Date | null;
  resolutionDueAt: Date | null;
  resolvedAt: Date | null;
}

export interface OpenTicketInput {
  accountId: string;
  contactId?: string | null;
  /** @defaultValue 'complaint' */
  kind?: TicketKind;
  /** @defaultValue 'normal' */
  priority?: Priority;
  subject: string;
  description?: string;
  ownerId?: string | null;
  sourceMessageId?: string;
}

export interface SlaBreach extends TicketDto {
  /** Hours past the first-response due time. */
  overdueHours: number;
}

export interface SlaCompliance {
  period: Period;
  /** Tickets whose first response fell due in the period (or is overdue now). */
  due: number;
  onTime: number;
  late: number;
  /** Due in the period, still unanswered and past due. */
  unanswered: number;
  /** onTime / due × 100, null when nothing was due. */
  compliancePct: number | null;
}

const select = {
  id: true, accountId: true, contactId: true, ownerId: true, kind: true, priority: true, status: true, subject: true,
  description: true, openedAt: true, firstResponseDueAt: true, firstRespondedAt: true, resolutionDueAt: true,
  resolvedAt: true, account: { select: { name: true } },
} as const;
type Row = Prisma.TicketGetPayload<{ select: typeof select }>;
const toDto = ({ account, ...t }: Row): TicketDto => ({ ...t, accountName: account.name });

export class TicketService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
  ) {}

  async openTicket(actor: AnyActor, input: OpenTicketInput): Promise<TicketDto> {
    const account = await getVisibleAccount(this.db, actor, input.accountId);
    if (input.contactId) {
      const c = await getVisibleContact(this.db, actor, input.contactId);
      if (c.accountId !== account.id) {
        throw new ValidationError('contactId', `${c.name} is not a contact of ${account.name}.`, `${c.name} 不是 ${account.name} 的联系人。`);
      }
    }
    const subject = input.subject.trim();
    if (!subject) throw new ValidationError('subject', 'The ticket needs a subject.', '工单需要一个标题。');
    const priority = input.priority ?? 'normal';
    const settings = await loadSettings(this.db, actor.tenantId);
    const openedAt = this.clock.now();
    const firstResponseDueAt = new Date(openedAt.getTime() + settings.sla.firstResponseHours[priority] * HOUR);
    const resolutionDueAt = new Date(openedAt.getTime() + settings.sla.resolutionHours[priority] * HOUR);
    const ownerId = input.ownerId !== undefined ? input.ownerId : account.ownerId ?? (actor.kind === 'user' ? actor.userId : null);
    return this.db.$transaction(async (tx) => {
      if (input.sourceMessageId) {
        const dup = await tx.ticket.findFirst({ where: { tenantId: actor.tenantId, sourceMessageId: input.sourceMessageId }, select });
        if (dup) return toDto(dup); // the same chat message delivered twice
      }
      const t = await tx.ticket.create({
        data: {
          tenantId: actor.tenantId, accountId: account.id, contactId: input.contactId ?? null, ownerId,
          kind: input.kind ?? 'complaint', priority, subject, description: input.description ?? '',
          openedAt, firstResponseDueAt, resolutionDueAt, sourceMessageId: input.sourceMessageId ?? null, createdAt: openedAt,
        },
        select,
      });
      await audit(tx, actor, {
        action: 'ticket.create', entityType: 'Ticket', entityId: t.id,
        after: { kind: t.kind, priority, subject, status: t.status, firstResponseDueAt, resolutionDueAt, ownerId },
        sourceMessageId: input.sourceMessageId,
      });
      return toDto(t);
    });
  }

  /** Corrects a ticket's subject, priority or contact (the first-response clock is not moved). */
  async updateTicket(actor: AnyActor, ticketId: string, patch: { subject?: string; priority?: Priority; contactId?: string | null }): Promise<TicketDto> {
    const current = await this.getVisible(actor, ticketId);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (patch.subject !== undefined) {
      const subject = patch.subject.trim();
      if (!subject) throw new ValidationError('subject', 'The ticket needs a subject.', '工单需要一个标题。');
      if (subject !== current.subject) { before.subject = current.subject; after.subject = subject; }
    }
    if (patch.priority !== undefined && patch.priority !== current.priority) { before.priority = current.priority; after.priority = patch.priority; }
    if (patch.contactId !== undefined && patch.contactId !== current.contactId) {
      if (patch.contactId) {
        const c = await getVisibleContact(this.db, actor, patch.contactId);
        if (c.accountId !== current.accountId) {
          throw new ValidationError('contactId', `${c.name} is not a contact of ${current.account.name}.`, `${c.name} 不是 ${current.account.name} 的联系人。`);
        }
      }
      before.contactId = current.contactId;
      after.contactId = patch.contactId;
    }
    if (!Object.keys(after).length) return toDto(current);
    return this.db.$transaction(async (tx) => {
      const t = await tx.ticket.update({ where: { id: ticketId }, data: after, select });
      await audit(tx, actor, { action: 'ticket.update', entityType: 'Ticket', entityId: ticketId, before, after });
      return toDto(t);
    });
  }

  /** Marks the first response (once; later responses do not move it). */
  async recordFirstResponse(actor: AnyActor, ticketId: string, opts: { at?: Date; sourceMessageId?: string } = {}): Promise<TicketDto> {
    const t = await this.getVisible(actor, ticketId);
    if (t.firstRespondedAt) return toDto(t);
    const at = opts.at ?? this.clock.now();
    if (at < t.openedAt) throw new ValidationError('at', 'A response cannot precede the ticket.', '回复时间不能早于工单创建时间。');
    return this.db.$transaction(async (tx) => {
      const status = t.status === 'open' ? 'in_progress' : t.status;
      const u = await tx.ticket.update({ where: { id: t.id }, data: { firstRespondedAt: at, status }, select });
      await audit(tx, actor, {
        action: 'ticket.update', entityType: 'Ticket', entityId: t.id,
        before: { firstRespondedAt: null, status: t.status }, after: { firstRespondedAt: at, status },
        sourceMessageId: opts.sourceMessageId,
      });
      return toDto(u);
    });
  }

  /** Resolves the ticket and schedules the follow-up survey (Outbox, same transaction). */
  async resolveTicket(actor: AnyActor, ticketId: string, opts: { sourceMessageId?: string } = {}): Promise<TicketDto> {
    const t = await this.getVisible(actor, ticketId);
    if (t.status === 'resolved' || t.status === 'closed') {
      throw new ConflictError('TICKET.ALREADY_RESOLVED', `"${t.subject}" is already resolved.`, `"${t.subject}" 已经解决。`);
    }
    const settings = await loadSettings(this.db, actor.tenantId);
    const resolvedAt = this.clock.now();
    return this.db.$transaction(async (tx) => {
      // A resolution is also a response: if none was recorded, it happened now.
      const firstRespondedAt = t.firstRespondedAt ?? resolvedAt;
      const u = await tx.ticket.update({ where: { id: t.id }, data: { status: 'resolved', resolvedAt, firstRespondedAt }, select });
      await writeOutbox(tx, actor.tenantId, {
        name: 'survey-after-ticket',
        jobId: `survey:ticket:${t.id}`,
        runAt: new Date(resolvedAt.getTime() + settings.survey.delayHours * HOUR),
        data: { tenantId: actor.tenantId, ticketId: t.id },
      });
      await audit(tx, actor, {
        action: 'ticket.update', entityType: 'Ticket', entityId: t.id,
        before: { status: t.status, resolvedAt: null, firstRespondedAt: t.firstRespondedAt },
        after: { status: 'resolved', resolvedAt, firstRespondedAt },
        sourceMessageId: opts.sourceMessageId,
      });
      return toDto(u);
    });
  }

  /** Open tickets in scope past their first-response due time without a response, most overdue first. */
  async listBreaches(actor: AnyActor, opts: { scope: ScopeName; asOf?: Date; kind?: TicketKind }): Promise<SlaBreach[]> {
    requireStaff(actor);
    const scope = await resolveScope(this.db, actor, opts.scope);
    const asOf = opts.asOf ?? this.clock.now();
    const rows = await this.db.ticket.findMany({
      where: {
        tenantId: actor.tenantId, status: { in: ['open', 'in_progress'] }, firstRespondedAt: null,
        firstResponseDueAt: { lt: asOf }, account: scopeWhere(scope), ...(opts.kind ? { kind: opts.kind } : {}),
      },
      orderBy: { firstResponseDueAt: 'asc' },
      select,
    });
    return rows.map((r) => ({ ...toDto(r), overdueHours: Math.floor((asOf.getTime() - r.firstResponseDueAt.getTime()) / HOUR) }));
  }

  /**
   * First-response SLA compliance for tickets whose response fell due in the period. On time:
   * answered at or before the due time. Tickets due in the period but not yet due now are left out.
   */
  async slaCompliance(actor: AnyActor, opts: { scope: ScopeName; period: PeriodInput; kind?: TicketKind }): Promise<SlaCompliance> {
    requireStaff(actor);
    const scope = await resolveScope(this.db, actor, opts.scope);
    const now = this.clock.now();
    const period = resolvePeriod(opts.period, now, actor.kind === 'user' ? actor.timezone : 'UTC');
    const r = await slaCounts(this.db, scopeSql(scope), scope.tenantId, period, now, opts.kind);
    return { period, ...r };
  }

  async getTicket(actor: AnyActor, ticketId: string): Promise<TicketDto> {
    return toDto(await this.getVisible(actor, ticketId));
  }

  private async getVisible(actor: AnyActor, id: string): Promise<Row> {
    requireStaff(actor);
    const t = await this.db.ticket.findFirst({ where: { id, tenantId: actor.tenantId }, select });
    if (!t) throw new NotFoundError('Ticket', id, { en: 'that ticket', zh: '该工单' });
    await getVisibleAccount(this.db, actor, t.accountId);
    return t;
  }
}

/** Shared with the KPI service. `scope` is an SQL condition on Account alias "a". */
export async function slaCounts(
  db: PrismaClient, scope: Prisma.Sql, tenantId: string, period: { from: Date; to: Date }, now: Date, kind?: TicketKind,
): Promise<Omit<SlaCompliance, 'period'>> {
  const kindSql = kind ? Prisma.sql`AND t.kind = ${kind}::"TicketKind"` : Prisma.empty;
  const [r] = await db.$queryRaw<{ on_time: number; late: number; unanswered: number }[]>`
    SELECT count(*) FILTER (WHERE t."firstRespondedAt" <= t."firstResponseDueAt")::int AS on_time,
           count(*) FILTER (WHERE t."firstRespondedAt" > t."firstResponseDueAt")::int AS late,
           count(*) FILTER (WHERE t."firstRespondedAt" IS NULL)::int AS unanswered
    FROM "Ticket" t JOIN "Account" a ON a.id = t."accountId"
    WHERE t."tenantId" = ${tenantId} AND ${scope} ${kindSql}
      AND t."firstResponseDueAt" >= ${period.from}::timestamp AND t."firstResponseDueAt" < ${period.to}::timestamp
      AND (t."firstRespondedAt" IS NOT NULL OR t."firstResponseDueAt" < ${now}::timestamp)`;
  const onTime = r?.on_time ?? 0;
  const late = r?.late ?? 0;
  const unanswered = r?.unanswered ?? 0;
  const due = onTime + late + unanswered;
  return { due, onTime, late, unanswered, compliancePct: due ? Math.round((onTime / due) * 10000) / 100 : null };
}
