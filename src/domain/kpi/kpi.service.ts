// KPIs per rep and for the team over a named period resolved in the actor's time zone.
// Attribution: interactions go to the user who logged them (else the account owner); tasks to
// their assignee; opportunities to their owner (else the account owner); everything else to the
// account owner. Team figures are computed from summed numerators and denominators, never by
// averaging the reps' percentages.
import type { AnyActor } from '../shared/access.ts';
import { requireStaff } from '../shared/access.ts';
import type { Clock } from '../shared/clock.ts';
import { Prisma, type PrismaClient } from '../shared/db.ts';
import { resolveScope, scopeSql, type ScopeName } from '../pipeline/scope.ts';
import type { MoneyByCurrency } from '../pipeline/pipeline.service.ts';
import { resolvePeriod, type Period, type PeriodInput } from './period.ts';

export const INTERACTION_TYPES = ['visit', 'call', 'meeting', 'email', 'message', 'note'] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

export interface KpiSet {
  interactions: { total: number; byType: Record<InteractionType, number> };
  /** Tier-A accounts with at least one interaction in the period. */
  tierACoverage: { tierA: number; touched: number; pct: number | null };
  /** Tasks due in the period (not cancelled, already due or done): done by their due time. */
  followUps: { due: number; onTime: number; pct: number | null };
  /** Average of CSAT answers in the period; response rate = answered / sent among CSAT surveys sent in the period. */
  csat: { average: number | null; responses: number; sent: number; answeredOfSent: number; responseRatePct: number | null };
  /** Promoters (9–10) % − detractors (0–6) % of NPS answers in the period. */
  nps: { score: number | null; responses: number; promoters: number; detractors: number };
  /** First-response SLA of complaints due in the period. */
  complaintSla: { due: number; onTime: number; pct: number | null };
  /** Open pipeline now, per currency. */
  pipeline: MoneyByCurrency[];
  /** Deals closed in the period. */
  winRate: { won: number; lost: number; rate: number | null };
  greetingsSent: number;
}

export interface ProgramRoi {
  id: string;
  name: string;
  cost: number;
  extraRevenue: number;
  /** (extraRevenue − cost) / cost; cost 10, revenue 50 → 4 (400 %). null when cost is 0. */
  roi: number | null;
  roiPct: number | null;
}

export interface KpiReport {
  scope: ScopeName;
  period: Period;
  team: KpiSet;
  reps: (KpiSet & { userId: string; name: string })[];
  programs: { items: ProgramRoi[]; total: Omit<ProgramRoi, 'id' | 'name'> };
}

type Agg = Map<string, Record<string, number>>;
const pct = (num: number, den: number) => (den ? Math.round((num / den) * 10000) / 100 : null);
const r2 = (x: number) => Math.round(x * 100) / 100;

export class KpiService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
  ) {}

  /** `userId`: one colleague's figures (see resolveScope). */
  async getKpis(actor: AnyActor, opts: { scope: ScopeName; period: PeriodInput; userId?: string }): Promise<KpiReport> {
    requireStaff(actor);
    const scope = await resolveScope(this.db, actor, opts.scope, opts.userId);
    const now = this.clock.now();
    const period = resolvePeriod(opts.period, now, actor.kind === 'user' ? actor.timezone : 'UTC');
    const t = scope.tenantId;
    const sq = scopeSql(scope);
    const from = period.from;
    const to = period.to;
    const inPeriod = (col: Prisma.Sql) => Prisma.sql`${col} >= ${from}::timestamp AND ${col} < ${to}::timestamp`;

    const q = <T>(sql: Prisma.Sql) => this.db.$queryRaw<T[]>(sql);
    const [interactions, coverage, tasks, surveys, sla, pipeline, closed, greetings, users, programs] = await Promise.all([
      q<{ k: string | null; type: InteractionType; n: number }>(Prisma.sql`
        SELECT coalesce(i."userId", a."ownerId") AS k, i.type::text AS type, count(*)::int AS n
        FROM "Interaction" i JOIN "Account" a ON a.id = i."accountId"
        WHERE i."tenantId" = ${t} AND ${sq} AND ${inPeriod(Prisma.sql`i."occurredAt"`)}
        GROUP BY 1, 2`),
      q<{ k: string | null; tier_a: number; touched: number }>(Prisma.sql`
        SELECT a."ownerId" AS k, count(*)::int AS tier_a,
               count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM "Interaction" i WHERE i."tenantId" = ${t} AND i."accountId" = a.id AND ${inPeriod(Prisma.sql`i."occurredAt"`)}))::int AS touched
        FROM "Account" a WHERE ${sq} AND a.tier = 'A' GROUP BY 1`),
      q<{ k: string; due: number; on_time: number }>(Prisma.sql`
        SELECT tk."assigneeId" AS k,
               count(*)::int AS due,
               count(*) FILTER (WHERE tk.status = 'done' AND tk."completedAt" <= tk."dueAt")::int AS on_time
        FROM "Task" tk
        WHERE tk."tenantId" = ${t} AND tk.status <> 'cancelled' AND ${inPeriod(Prisma.sql`tk."dueAt"`)}
          AND (tk.status = 'done' OR tk."dueAt" < ${now}::timestamp)
          ${scope.ownerIds === 'all' ? Prisma.empty : Prisma.sql`AND tk."assigneeId" = ANY(${scope.ownerIds}::text[])`}
        GROUP BY 1`),
      q<{ k: string | null; csat_sum: number; csat_n: number; csat_sent: number; csat_answered: number; nps_n: number; promoters: number; detractors: number }>(Prisma.sql`
        SELECT a."ownerId" AS k,
          coalesce(sum(r.score) FILTER (WHERE s.kind = 'csat' AND ${inPeriod(Prisma.sql`r."respondedAt"`)}), 0)::float8 AS csat_sum,
          count(r.id) FILTER (WHERE s.kind = 'csat' AND ${inPeriod(Prisma.sql`r."respondedAt"`)})::int AS csat_n,
          count(*) FILTER (WHERE s.kind = 'csat' AND ${inPeriod(Prisma.sql`s."sentAt"`)})::int AS csat_sent,
          count(r.id) FILTER (WHERE s.kind = 'csat' AND ${inPeriod(Prisma.sql`s."sentAt"`)})::int AS csat_answered,
          count(r.id) FILTER (WHERE s.kind = 'nps' AND ${inPeriod(Prisma.sql`r."respondedAt"`)})::int AS nps_n,
          count(r.id) FILTER (WHERE s.kind = 'nps' AND r.score >= 9 AND ${inPeriod(Prisma.sql`r."respondedAt"`)})::int AS promoters,
          count(r.id) FILTER (WHERE s.kind = 'nps' AND r.score <= 6 AND ${inPeriod(Prisma.sql`r."respondedAt"`)})::int AS detractors
        FROM "Survey" s JOIN "Account" a ON a.id = s."accountId"
        LEFT JOIN "SurveyResponse" r ON r."surveyId" = s.id
        WHERE s."tenantId" = ${t} AND ${sq}
          AND (${inPeriod(Prisma.sql`s."sentAt"`)} OR ${inPeriod(Prisma.sql`r."respondedAt"`)})
        GROUP BY 1`),
      q<{ k: string | null; due: number; on_time: number }>(Prisma.sql`
        SELECT a."ownerId" AS k, count(*)::int AS due,
               count(*) FILTER (WHERE tk."firstRespondedAt" <= tk."firstResponseDueAt")::int AS on_time
        FROM "Ticket" tk JOIN "Account" a ON a.id = tk."accountId"
        WHERE tk."tenantId" = ${t} AND ${sq} AND tk.kind = 'complaint' AND ${inPeriod(Prisma.sql`tk."firstResponseDueAt"`)}
          AND (tk."firstRespondedAt" IS NOT NULL OR tk."firstResponseDueAt" < ${now}::timestamp)
        GROUP BY 1`),
      q<{ k: string | null; currency: string; raw: number; weighted: number }>(Prisma.sql`
        SELECT coalesce(o."ownerId", a."ownerId") AS k, o.currency, sum(o.amount)::float8 AS raw,
               sum(o.amount * coalesce(o.probability, CASE o.stage WHEN 'qualification' THEN 0.1 WHEN 'needs_analysis' THEN 0.25
                 WHEN 'proposal' THEN 0.5 WHEN 'negotiation' THEN 0.75 ELSE 0 END))::float8 AS weighted
        FROM "Opportunity" o JOIN "Account" a ON a.id = o."accountId"
        WHERE o."tenantId" = ${t} AND ${sq} AND o.stage NOT IN ('closed_won', 'closed_lost')
        GROUP BY 1, 2`),
      q<{ k: string | null; won: number; lost: number }>(Prisma.sql`
        SELECT coalesce(o."ownerId", a."ownerId") AS k,
               count(*) FILTER (WHERE o.stage = 'closed_won')::int AS won, count(*) FILTER (WHERE o.stage = 'closed_lost')::int AS lost
        FROM "Opportunity" o JOIN "Account" a ON a.id = o."accountId"
        WHERE o."tenantId" = ${t} AND ${sq} AND o.stage IN ('closed_won', 'closed_lost') AND ${inPeriod(Prisma.sql`o."closedAt"`)}
        GROUP BY 1`),
      q<{ k: string | null; n: number }>(Prisma.sql`
        SELECT a."ownerId" AS k, count(*)::int AS n
        FROM "Greeting" g JOIN "Contact" c ON c.id = g."contactId" JOIN "Account" a ON a.id = c."accountId"
        WHERE g."tenantId" = ${t} AND ${sq} AND g.status = 'sent' AND ${inPeriod(Prisma.sql`g."sentAt"`)}
        GROUP BY 1`),
      this.db.user.findMany({
        where: { tenantId: t, active: true, ...(scope.ownerIds === 'all' ? { role: { in: ['rep', 'manager'] } } : { id: { in: scope.ownerIds } }) },
        select: { id: true, name: true }, orderBy: { name: 'asc' },
      }),
      this.db.program.findMany({
        where: { tenantId: t, AND: [{ OR: [{ startsAt: null }, { startsAt: { lt: to } }] }, { OR: [{ endsAt: null }, { endsAt: { gte: from } }] }] },
        orderBy: { name: 'asc' },
      }),
    ]);

    const agg: Agg = new Map();
    const add = (k: string | null, key: string, v: number) => {
      const id = k ?? '';
      const m = agg.get(id) ?? {};
      m[key] = (m[key] ?? 0) + v;
      agg.set(id, m);
    };
    for (const r of interactions) add(r.k, `i_${r.type}`, r.n);
    for (const r of coverage) { add(r.k, 'tier_a', r.tier_a); add(r.k, 'touched', r.touched); }
    for (const r of tasks) { add(r.k, 'task_due', r.due); add(r.k, 'task_on_time', r.on_time); }
    for (const r of surveys) {
      for (const key of ['csat_sum', 'csat_n', 'csat_sent', 'csat_answered', 'nps_n', 'promoters', 'detractors'] as const) add(r.k, key, Number(r[key]));
    }
    for (const r of sla) { add(r.k, 'sla_due', r.due); add(r.k, 'sla_on_time', r.on_time); }
    for (const r of pipeline) { add(r.k, `raw_${r.currency}`, r.raw); add(r.k, `w_${r.currency}`, r.weighted); }
    for (const r of closed) { add(r.k, 'won', r.won); add(r.k, 'lost', r.lost); }
    for (const r of greetings) add(r.k, 'greetings', r.n);

    const total: Record<string, number> = {};
    for (const m of agg.values()) for (const [k, v] of Object.entries(m)) total[k] = (total[k] ?? 0) + v;

    const items: ProgramRoi[] = programs.map((p) => roiOf(p.id, p.name, Number(p.cost), Number(p.extraRevenue)));
    const sumCost = items.reduce((s, p) => s + p.cost, 0);
    const sumRev = items.reduce((s, p) => s + p.extraRevenue, 0);
    const { id: _id, name: _n, ...programTotal } = roiOf('', '', sumCost, sumRev);

    return {
      scope: opts.scope,
      period,
      team: kpiSet(total),
      reps: users.map((u) => ({ userId: u.id, name: u.name, ...kpiSet(agg.get(u.id) ?? {}) })),
      programs: { items, total: programTotal },
    };
  }
}

function roiOf(id: string, name: string, cost: number, extraRevenue: number): ProgramRoi {
  const roi = cost > 0 ? Math.round(((extraRevenue - cost) / cost) * 10000) / 10000 : null;
  return { id, name, cost: r2(cost), extraRevenue: r2(extraRevenue), roi, roiPct: roi === null ? null : Math.round(roi * 10000) / 100 };
}

function kpiSet(m: Record<string, number>): KpiSet {
  const g = (k: string) => m[k] ?? 0;
  const byType = Object.fromEntries(INTERACTION_TYPES.map((t) => [t, g(`i_${t}`)])) as Record<InteractionType, number>;
  const currencies = [...new Set(Object.keys(m).filter((k) => k.startsWith('raw_')).map((k) => k.slice(4)))].sort();
  const won = g('won');
  const lost = g('lost');
  const npsN = g('nps_n');
  return {
    interactions: { total: Object.values(byType).reduce((s, n) => s + n, 0), byType },
    tierACoverage: { tierA: g('tier_a'), touched: g('touched'), pct: pct(g('touched'), g('tier_a')) },
    followUps: { due: g('task_due'), onTime: g('task_on_time'), pct: pct(g('task_on_time'), g('task_due')) },
    csat: {
      average: g('csat_n') ? Math.round((g('csat_sum') / g('csat_n')) * 100) / 100 : null,
      responses: g('csat_n'), sent: g('csat_sent'), answeredOfSent: g('csat_answered'),
      responseRatePct: pct(g('csat_answered'), g('csat_sent')),
    },
    nps: {
      score: npsN ? Math.round(((g('promoters') - g('detractors')) / npsN) * 10000) / 100 : null,
      responses: npsN, promoters: g('promoters'), detractors: g('detractors'),
    },
    complaintSla: { due: g('sla_due'), onTime: g('sla_on_time'), pct: pct(g('sla_on_time'), g('sla_due')) },
    pipeline: currencies.map((c) => ({ currency: c, raw: r2(g(`raw_${c}`)), weighted: r2(g(`w_${c}`)) })),
    winRate: { won, lost, rate: won + lost ? Math.round((won / (won + lost)) * 10000) / 10000 : null },
    greetingsSent: g('greetings'),
  };
}
