// Read-only time series and breakdowns for the manager dashboard: pipeline by stage per currency,
// CSAT and NPS per week, interactions per rep per week, complaint SLA compliance per week, RFM
// segments, and the extra lists the account 360° page shows. Every query is scoped through
// resolveScope (visibleOwnerIds) on the actor's tenant; nothing here writes.
//
// Weeks are ISO weeks (Monday) in the viewer's time zone: SQL buckets a UTC timestamp with
// date_trunc('week', ts AT TIME ZONE 'UTC' AT TIME ZONE tz), so a Monday 01:00 visit in Shanghai
// counts in that Monday's week, not the Sunday before (as it would in UTC).
import { SEGMENT_SQL } from '../value/value.service.ts';
import type { AnyActor } from '../shared/access.ts';
import { getVisibleAccount, requireStaff } from '../shared/access.ts';
import type { Clock } from '../shared/clock.ts';
import { Prisma, type PrismaClient } from '../shared/db.ts';
import { ValidationError } from '../shared/errors.ts';
import { localDate, localMidnight, resolvePeriod } from '../kpi/period.ts';
import { resolveScope, scopeSql, type ResolvedScope, type ScopeName } from '../pipeline/scope.ts';
import { RFM_SEGMENTS, type RfmSegment } from '../value/value.service.ts';

export const OPEN_STAGES = ['qualification', 'needs_analysis', 'proposal', 'negotiation'] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];

export interface ScopeOptions {
  scope: ScopeName;
}
export interface WeeksOptions extends ScopeOptions {
  /** Number of weeks up to and including the current one. @defaultValue 12 */
  weeks?: number;
}

export interface PipelineByStage {
  /** The currency with the largest open amount (the chart's default), null with no open deals. */
  primaryCurrency: string | null;
  currencies: string[];
  /** One row per open stage and currency; stages in funnel order. */
  rows: { stage: OpenStage; currency: string; count: number; amount: number; weighted: number }[];
}

export interface WeeklySeries<T> {
  timezone: string;
  /** Local Mondays, YYYY-MM-DD, oldest first. */
  weeks: string[];
  points: T[];
}

export interface SatisfactionPoint {
  week: string;
  /** Average CSAT score (1–5), null in a week without answers. */
  csat: number | null;
  csatResponses: number;
  /** NPS = % promoters (9–10) − % detractors (0–6), −100..100; null without answers. */
  nps: number | null;
  npsResponses: number;
}

export interface RepWeekly {
  userId: string | null;
  name: string;
  /** Counts aligned with `weeks`. */
  counts: number[];
  total: number;
}

export interface SlaPoint {
  week: string;
  due: number;
  onTime: number;
  late: number;
  unanswered: number;
  compliancePct: number | null;
}

export interface SegmentCount {
  segment: RfmSegment | 'unscored';
  en: string;
  zh: string;
  count: number;
}

export interface AccountActivity {
  opportunities: {
    id: string;
    name: string;
    stage: string;
    amount: number;
    currency: string;
    probability: number | null;
    expectedCloseAt: Date | null;
    closedAt: Date | null;
    ownerName: string | null;
  }[];
  tickets: {
    id: string;
    subject: string;
    kind: string;
    priority: string;
    status: string;
    openedAt: Date;
    firstResponseDueAt: Date;
    firstRespondedAt: Date | null;
    resolvedAt: Date | null;
    breached: boolean;
  }[];
  surveys: { id: string; kind: 'csat' | 'nps'; status: string; contactName: string; sentAt: Date | null; score: number | null; comment: string | null; respondedAt: Date | null }[];
  /** Names of the tenant's users referenced by the account (owners, assignees). */
  userNames: Record<string, string>;
}

const DAY = 86_400_000;
const MAX_WEEKS = 52;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export class AnalyticsService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
  ) {}

  /** Open pipeline by stage and currency (amounts are never added across currencies). */
  async pipelineByStage(actor: AnyActor, opts: ScopeOptions): Promise<PipelineByStage> {
    const scope = await this.scope(actor, opts.scope);
    const prob = Prisma.sql`coalesce(o.probability, CASE o.stage WHEN 'qualification' THEN 0.1 WHEN 'needs_analysis' THEN 0.25
      WHEN 'proposal' THEN 0.5 WHEN 'negotiation' THEN 0.75 ELSE 0 END)`;
    const rows = await this.db.$queryRaw<{ stage: OpenStage; currency: string; n: number; raw: number; weighted: number }[]>`
      SELECT o.stage::text AS stage, o.currency, count(*)::int AS n, sum(o.amount)::float8 AS raw,
             sum(o.amount * ${prob})::float8 AS weighted
      FROM "Opportunity" o JOIN "Account" a ON a.id = o."accountId"
      WHERE o."tenantId" = ${scope.tenantId} AND ${scopeSql(scope)}
        AND o.stage NOT IN ('closed_won', 'closed_lost')
      GROUP BY o.stage, o.currency`;
    const byCurrency = new Map<string, number>();
    for (const r of rows) byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? 0) + r.raw);
    const currencies = [...byCurrency.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
    const order = (s: OpenStage) => OPEN_STAGES.indexOf(s);
    return {
      primaryCurrency: currencies[0] ?? null,
      currencies,
      rows: rows
        .map((r) => ({ stage: r.stage, currency: r.currency, count: r.n, amount: round(r.raw), weighted: round(r.weighted) }))
        .sort((a, b) => order(a.stage) - order(b.stage) || a.currency.localeCompare(b.currency)),
    };
  }

  /** Weekly CSAT average and NPS from survey answers on accounts in scope. */
  async satisfactionTrend(actor: AnyActor, opts: WeeksOptions): Promise<WeeklySeries<SatisfactionPoint>> {
    const scope = await this.scope(actor, opts.scope);
    const w = this.weeks(actor, opts.weeks);
    const rows = await this.db.$queryRaw<{ week: string; kind: 'csat' | 'nps'; n: number; avg: number; promoters: number; detractors: number }[]>`
      SELECT ${w.bucket(Prisma.sql`r."respondedAt"`)} AS week, s.kind::text AS kind, count(*)::int AS n,
             avg(r.score)::float8 AS avg,
             count(*) FILTER (WHERE r.score >= 9)::int AS promoters,
             count(*) FILTER (WHERE r.score <= 6)::int AS detractors
      FROM "SurveyResponse" r JOIN "Survey" s ON s.id = r."surveyId" JOIN "Account" a ON a.id = s."accountId"
      WHERE r."tenantId" = ${scope.tenantId} AND ${scopeSql(scope)}
        AND r."respondedAt" >= ${w.from}::timestamp AND r."respondedAt" < ${w.to}::timestamp
      GROUP BY 1, 2`;
    return {
      timezone: w.timezone,
      weeks: w.labels,
      points: w.labels.map((week) => {
        const c = rows.find((r) => r.week === week && r.kind === 'csat');
        const n = rows.find((r) => r.week === week && r.kind === 'nps');
        return {
          week,
          csat: c ? round(c.avg) : null,
          csatResponses: c?.n ?? 0,
          nps: n ? Math.round(((n.promoters - n.detractors) / n.n) * 100) : null,
          npsResponses: n?.n ?? 0,
        };
      }),
    };
  }

  /** Interactions logged per person per week on accounts in scope, busiest first. */
  async interactionsPerRep(actor: AnyActor, opts: WeeksOptions): Promise<WeeklySeries<RepWeekly>> {
    const scope = await this.scope(actor, opts.scope);
    const w = this.weeks(actor, opts.weeks);
    const rows = await this.db.$queryRaw<{ week: string; userId: string | null; name: string | null; n: number }[]>`
      SELECT ${w.bucket(Prisma.sql`i."occurredAt"`)} AS week, i."userId", u.name, count(*)::int AS n
      FROM "Interaction" i JOIN "Account" a ON a.id = i."accountId" LEFT JOIN "User" u ON u.id = i."userId"
      WHERE i."tenantId" = ${scope.tenantId} AND ${scopeSql(scope)}
        AND i."occurredAt" >= ${w.from}::timestamp AND i."occurredAt" < ${w.to}::timestamp
      GROUP BY 1, 2, 3`;
    const reps = new Map<string, RepWeekly>();
    for (const r of rows) {
      const key = r.userId ?? '';
      const rep = reps.get(key) ?? { userId: r.userId, name: r.name ?? '—', counts: w.labels.map(() => 0), total: 0 };
      const i = w.labels.indexOf(r.week);
      if (i >= 0) {
        rep.counts[i] = (rep.counts[i] ?? 0) + r.n;
        rep.total += r.n;
      }
      reps.set(key, rep);
    }
    return { timezone: w.timezone, weeks: w.labels, points: [...reps.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)) };
  }

  /**
   * First-response SLA compliance of complaints per week their response fell due. Same rule as
   * TicketService.slaCompliance: on time when answered by the due time; not yet due is left out.
   */
  async complaintSlaTrend(actor: AnyActor, opts: WeeksOptions): Promise<WeeklySeries<SlaPoint>> {
    const scope = await this.scope(actor, opts.scope);
    const w = this.weeks(actor, opts.weeks);
    const now = this.clock.now();
    const rows = await this.db.$queryRaw<{ week: string; on_time: number; late: number; unanswered: number }[]>`
      SELECT ${w.bucket(Prisma.sql`t."firstResponseDueAt"`)} AS week,
             count(*) FILTER (WHERE t."firstRespondedAt" <= t."firstResponseDueAt")::int AS on_time,
             count(*) FILTER (WHERE t."firstRespondedAt" > t."firstResponseDueAt")::int AS late,
             count(*) FILTER (WHERE t."firstRespondedAt" IS NULL)::int AS unanswered
      FROM "Ticket" t JOIN "Account" a ON a.id = t."accountId"
      WHERE t."tenantId" = ${scope.tenantId} AND ${scopeSql(scope)} AND t.kind = 'complaint'
        AND t."firstResponseDueAt" >= ${w.from}::timestamp AND t."firstResponseDueAt" < ${w.to}::timestamp
        AND (t."firstRespondedAt" IS NOT NULL OR t."firstResponseDueAt" < ${now}::timestamp)
      GROUP BY 1`;
    return {
      timezone: w.timezone,
      weeks: w.labels,
      points: w.labels.map((week) => {
        const r = rows.find((x) => x.week === week);
        const onTime = r?.on_time ?? 0;
        const late = r?.late ?? 0;
        const unanswered = r?.unanswered ?? 0;
        const due = onTime + late + unanswered;
        return { week, due, onTime, late, unanswered, compliancePct: due ? round((onTime / due) * 100) : null };
      }),
    };
  }

  /** Accounts in scope per RFM segment (the rule of ValueService.listSegment). */
  async rfmSegments(actor: AnyActor, opts: ScopeOptions): Promise<SegmentCount[]> {
    const scope = await this.scope(actor, opts.scope);
    const rows = await this.db.$queryRaw<{ segment: RfmSegment | null; n: number }[]>`
      SELECT ${SEGMENT_SQL} AS segment, count(*)::int AS n
      FROM "Account" a
      WHERE ${scopeSql(scope)}
      GROUP BY 1`;
    const keys = Object.keys(RFM_SEGMENTS) as RfmSegment[];
    const out: SegmentCount[] = keys.map((k) => ({ segment: k, ...RFM_SEGMENTS[k], count: rows.find((r) => r.segment === k)?.n ?? 0 }));
    const unscored = rows.find((r) => r.segment === null)?.n ?? 0;
    if (unscored) out.push({ segment: 'unscored', en: 'Not scored yet', zh: '尚未评分', count: unscored });
    return out;
  }

  /** What the 360° page shows beyond AccountService.accountOverview: deals, tickets, surveys. */
  async accountActivity(actor: AnyActor, accountId: string): Promise<AccountActivity> {
    const account = await getVisibleAccount(this.db, actor, accountId);
    const now = this.clock.now();
    const where = { tenantId: actor.tenantId, accountId: account.id };
    const [opps, tickets, surveys, tasks] = await Promise.all([
      this.db.opportunity.findMany({
        where,
        select: {
          id: true,
          name: true,
          stage: true,
          amount: true,
          currency: true,
          probability: true,
          expectedCloseAt: true,
          closedAt: true,
          owner: { select: { name: true } },
        },
        orderBy: [{ closedAt: { sort: 'desc', nulls: 'first' } }, { expectedCloseAt: 'asc' }],
        take: 50,
      }),
      this.db.ticket.findMany({
        where,
        select: {
          id: true,
          subject: true,
          kind: true,
          priority: true,
          status: true,
          openedAt: true,
          firstResponseDueAt: true,
          firstRespondedAt: true,
          resolvedAt: true,
        },
        orderBy: { openedAt: 'desc' },
        take: 30,
      }),
      this.db.survey.findMany({
        where,
        select: {
          id: true,
          kind: true,
          status: true,
          sentAt: true,
          contact: { select: { name: true, erasedAt: true } },
          response: { select: { score: true, comment: true, respondedAt: true } },
        },
        orderBy: { createdAt: 'desc' },
        take: 30,
      }),
      this.db.task.findMany({ where: { ...where, status: 'open' }, select: { assigneeId: true }, take: 100 }),
    ]);
    const ids = new Set<string>(tasks.map((t) => t.assigneeId));
    if (account.ownerId) ids.add(account.ownerId);
    const users = ids.size
      ? await this.db.user.findMany({ where: { tenantId: actor.tenantId, id: { in: [...ids] } }, select: { id: true, name: true } })
      : [];
    return {
      opportunities: opps.map((o) => ({
        id: o.id, name: o.name, stage: o.stage, amount: Number(o.amount), currency: o.currency, probability: o.probability,
        expectedCloseAt: o.expectedCloseAt, closedAt: o.closedAt, ownerName: o.owner?.name ?? null,
      })),
      tickets: tickets.map((t) => ({
        ...t,
        breached: (t.status === 'open' || t.status === 'in_progress') && t.firstRespondedAt === null && t.firstResponseDueAt < now,
      })),
      surveys: surveys.map((s) => ({
        id: s.id, kind: s.kind, status: s.status, contactName: s.contact.erasedAt ? '—' : s.contact.name, sentAt: s.sentAt,
        score: s.response?.score ?? null, comment: s.response?.comment ?? null, respondedAt: s.response?.respondedAt ?? null,
      })),
      userNames: Object.fromEntries(users.map((u) => [u.id, u.name])),
    };
  }

  private async scope(actor: AnyActor, name: ScopeName): Promise<ResolvedScope> {
    requireStaff(actor);
    return resolveScope(this.db, actor, name);
  }

  private weeks(actor: AnyActor, n = 12) {
    if (!Number.isInteger(n) || n < 1 || n > MAX_WEEKS) {
      throw new ValidationError('weeks', `Pick from 1 to ${MAX_WEEKS} weeks.`, `周数必须在 1 到 ${MAX_WEEKS} 之间。`);
    }
    const tz = actor.kind === 'user' || actor.kind === 'contact' ? actor.timezone : 'UTC';
    const period = resolvePeriod('this_week', this.clock.now(), tz);
    const monday = localDate(period.from, period.timezone);
    const labels: string[] = [];
    for (let k = n - 1; k >= 0; k--) {
      const d = new Date(Date.UTC(monday.y, monday.m - 1, monday.d - 7 * k));
      labels.push(d.toISOString().slice(0, 10));
    }
    const first = new Date(`${labels[0]}T00:00:00Z`);
    const from = localMidnight({ y: first.getUTCFullYear(), m: first.getUTCMonth() + 1, d: first.getUTCDate() }, period.timezone);
    const zone = period.timezone;
    return {
      timezone: zone,
      labels,
      from,
      to: period.to.getTime() > from.getTime() ? period.to : new Date(from.getTime() + 7 * DAY),
      /** SQL for the local Monday (YYYY-MM-DD) of a `timestamp` column holding UTC. */
      bucket: (col: Prisma.Sql) => Prisma.sql`to_char(date_trunc('week', (${col} AT TIME ZONE 'UTC') AT TIME ZONE ${zone}), 'YYYY-MM-DD')`,
    };
  }
}

