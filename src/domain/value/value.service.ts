// Orders, RFM, value tiers, lifecycle and segments.
//
// RFM (recomputed per tenant in ONE SQL statement): among accounts with at least one order,
//   R = NTILE(5) by days since the last order (fewest days → 5),
//   F = NTILE(5) by orders in the last 12 months, M = NTILE(5) by their sum (largest → 5).
//   NTILE splits equal values arbitrarily, so equal values then take the highest quintile any of
//   them got (accounts with the same frequency share one F score). Accounts without orders: null.
// Value tier: accounts with RFM are ranked by R+F+M (ties: M, then id); the top 20% (rounded up)
//   are A, the next 30% (to 50%, rounded up) B, the rest C. Accounts without orders are C.
// Lifecycle rules, applied in this order per account (a run may chain them):
//   1. lead / prospect with an order                                   → customer  (first order)
//   2. churned with an order within the churn window                     → customer  (reactivated)
//   3. customer / loyal / at_risk with no order and no interaction for churnDays → churned
//   4. customer / loyal with an at-risk score above the threshold        → at_risk
//   5. at_risk with a score at or below the threshold                    → customer  (recovered)
//   6. customer with R+F+M ≥ 12, ≥ 3 orders in 12 months and high satisfaction (average CSAT ≥ 4
//      or average NPS ≥ 9 over the surveys answered in 12 months; none answered → not yet) → loyal
import type { AnyActor } from '../shared/access.ts';
import { getVisibleAccount, requireStaff } from '../shared/access.ts';
import { audit } from '../shared/audit.ts';
import type { Clock } from '../shared/clock.ts';
import { Prisma, type Db, type PrismaClient } from '../shared/db.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../shared/errors.ts';
import { normaliseCurrency } from '../pipeline/pipeline.service.ts';
import { resolveScope, scopeSql, type ResolvedScope, type ScopeName } from '../pipeline/scope.ts';
import { explain, queryRiskScores } from '../risk/risk.service.ts';
import { loadSettings } from '../settings/settings.service.ts';

export type LifecycleStage = 'lead' | 'prospect' | 'customer' | 'loyal' | 'at_risk' | 'churned';
export type ValueTier = 'A' | 'B' | 'C';
const DAY = 86_400_000;

export const RFM_SEGMENTS = {
  champions: { en: 'Champions', zh: '重要价值客户' },
  loyal: { en: 'Loyal customers', zh: '忠诚客户' },
  new: { en: 'New customers', zh: '新客户' },
  potential: { en: 'Potential loyalists', zh: '潜力客户' },
  at_risk: { en: 'At risk', zh: '重要挽留客户' },
  hibernating: { en: 'Hibernating', zh: '沉睡客户' },
  needs_attention: { en: 'Needs attention', zh: '需要关注' },
} as const;
export type RfmSegment = keyof typeof RFM_SEGMENTS;

/** The segment rule over an Account aliased `a`, first match wins (SQL, so listing can filter on it). */
export const SEGMENT_SQL = Prisma.sql`CASE
  WHEN a."rfmRecency" IS NULL THEN NULL
  WHEN a."rfmRecency" >= 4 AND a."rfmFrequency" >= 4 AND a."rfmMonetary" >= 4 THEN 'champions'
  WHEN a."rfmRecency" >= 3 AND a."rfmFrequency" >= 4 THEN 'loyal'
  WHEN a."rfmRecency" >= 4 AND a."rfmFrequency" <= 2 THEN 'new'
  WHEN a."rfmRecency" >= 3 AND a."rfmFrequency" >= 2 THEN 'potential'
  WHEN a."rfmRecency" <= 2 AND (a."rfmFrequency" >= 3 OR a."rfmMonetary" >= 3) THEN 'at_risk'
  WHEN a."rfmRecency" <= 2 THEN 'hibernating'
  ELSE 'needs_attention' END`;

export interface OrderDto {
  id: string;
  accountId: string;
  externalId: string | null;
  orderedAt: Date;
  amount: number;
  currency: string;
}

export interface RecordOrderInput {
  accountId: string;
  amount: number;
  /** @defaultValue 'USD' */
  currency?: string;
  /** @defaultValue now */
  orderedAt?: Date;
  externalId?: string;
  sourceMessageId?: string;
}

export interface RecomputeReport {
  asOf: Date;
  rfmScored: number;
  tiers: Record<ValueTier, number>;
  transitions: { toCustomer: number; reactivated: number; toLoyal: number; toAtRisk: number; recovered: number; toChurned: number };
}

export interface SegmentAccount {
  id: string;
  name: string;
  ownerId: string | null;
  tier: ValueTier;
  lifecycleStage: LifecycleStage;
  rfm: { recency: number; frequency: number; monetary: number } | null;
  segment: { key: RfmSegment; en: string; zh: string } | null;
  lastOrderAt: Date | null;
}

interface Transition { accountId: string; from: LifecycleStage; to: LifecycleStage; reason: string }

export class ValueService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
  ) {}

  /** Records an order; keeps lastOrderAt; a first order makes a lead/prospect a customer. Idempotent on externalId. */
  async recordOrder(actor: AnyActor, input: RecordOrderInput): Promise<OrderDto> {
    const account = await getVisibleAccount(this.db, actor, input.accountId);
    if (!Number.isFinite(input.amount) || input.amount < 0 || input.amount >= 1e14) {
      throw new ValidationError('amount', 'The order amount must be a positive number.', '订单金额必须是正数。');
    }
    const currency = normaliseCurrency(input.currency);
    const orderedAt = input.orderedAt ?? this.clock.now();
    return this.db.$transaction(async (tx) => {
      if (input.externalId) {
        const existing = await tx.order.findFirst({ where: { tenantId: actor.tenantId, externalId: input.externalId } });
        if (existing) {
          if (existing.accountId !== account.id) {
            throw new ConflictError('ORDER.EXTERNAL_ID_TAKEN', `Order ${input.externalId} belongs to another account.`, `订单 ${input.externalId} 属于其他客户。`);
          }
          return orderDto(existing);
        }
      }
      const o = await tx.order.create({
        data: { tenantId: actor.tenantId, accountId: account.id, amount: input.amount, currency, orderedAt, externalId: input.externalId ?? null },
      });
      await audit(tx, actor, {
        action: 'order.create', entityType: 'Order', entityId: o.id,
        after: { accountId: account.id, amount: input.amount, currency, orderedAt, externalId: o.externalId },
        sourceMessageId: input.sourceMessageId,
      });
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      if (!account.lastOrderAt || account.lastOrderAt < orderedAt) {
        before.lastOrderAt = account.lastOrderAt;
        after.lastOrderAt = orderedAt;
      }
      const to = account.lifecycleStage === 'lead' || account.lifecycleStage === 'prospect' || account.lifecycleStage === 'churned' ? 'customer' : null;
      if (to) {
        before.lifecycleStage = account.lifecycleStage;
        after.lifecycleStage = to;
        await tx.lifecycleTransition.create({
          data: {
            tenantId: actor.tenantId, accountId: account.id, fromStage: account.lifecycleStage, toStage: to, at: orderedAt,
            reason: account.lifecycleStage === 'churned' ? `New order after churn (${fmtDate(orderedAt)})` : `First order (${fmtDate(orderedAt)})`,
          },
        });
      }
      if (Object.keys(after).length) {
        await tx.account.update({ where: { id: account.id }, data: after });
        await audit(tx, actor, { action: 'account.update', entityType: 'Account', entityId: account.id, before, after, sourceMessageId: input.sourceMessageId });
      }
      return orderDto(o);
    });
  }

  /** RFM, tiers and lifecycle for a whole tenant. A system job. */
  async recomputeValue(actor: AnyActor, tenantId: string, asOf?: Date): Promise<RecomputeReport> {
    if (actor.kind !== 'system' || actor.tenantId !== tenantId) {
      throw new ForbiddenError('recomputeValue is a system job', {
        en: 'Customer value is recomputed by the nightly job, not by hand.',
        zh: '客户价值由每晚的任务自动重算，不能手动执行。',
      });
    }
    const at = asOf ?? this.clock.now();
    const settings = await loadSettings(this.db, tenantId);
    const scope: ResolvedScope = { tenantId, ownerIds: 'all', sharedWith: null };
    return this.db.$transaction(async (tx) => {
      const rfmScored = await recomputeRfm(tx, tenantId, at);
      const tierRows = await tx.account.groupBy({ by: ['tier'], where: { tenantId, mergedIntoId: null }, _count: { _all: true } });
      const tiers: Record<ValueTier, number> = { A: 0, B: 0, C: 0 };
      for (const r of tierRows) tiers[r.tier] = r._count._all;

      // Facts for the lifecycle rules, one statement.
      const y1 = new Date(at.getTime() - 365 * DAY);
      const facts = await tx.$queryRaw<{
        id: string; stage: LifecycleStage; createdAt: Date; rfm: number | null; orders12: number; anyOrder: boolean;
        lastOrder: Date | null; lastInteraction: Date | null; csat: number | null; nps: number | null;
      }[]>`
        SELECT a.id, a."lifecycleStage"::text AS stage, a."createdAt",
               (a."rfmRecency" + a."rfmFrequency" + a."rfmMonetary")::int AS rfm,
               od.orders12, od.last_order IS NOT NULL AS "anyOrder", od.last_order AS "lastOrder",
               li.last_at AS "lastInteraction", sv.csat, sv.nps
        FROM "Account" a
        LEFT JOIN LATERAL (
          SELECT count(*) FILTER (WHERE o."orderedAt" > ${y1}::timestamp)::int AS orders12, max(o."orderedAt") AS last_order
          FROM "Order" o WHERE o."tenantId" = a."tenantId" AND o."accountId" = a.id AND o."orderedAt" <= ${at}::timestamp
        ) od ON true
        LEFT JOIN LATERAL (
          SELECT max(i."occurredAt") AS last_at FROM "Interaction" i
          WHERE i."tenantId" = a."tenantId" AND i."accountId" = a.id AND i."occurredAt" <= ${at}::timestamp
        ) li ON true
        LEFT JOIN LATERAL (
          SELECT avg(r.score) FILTER (WHERE s.kind = 'csat')::float8 AS csat, avg(r.score) FILTER (WHERE s.kind = 'nps')::float8 AS nps
          FROM "Survey" s JOIN "SurveyResponse" r ON r."surveyId" = s.id
          WHERE s."tenantId" = a."tenantId" AND s."accountId" = a.id
            AND r."respondedAt" > ${y1}::timestamp AND r."respondedAt" <= ${at}::timestamp
        ) sv ON true
        WHERE a."tenantId" = ${tenantId} AND a."mergedIntoId" IS NULL`;
      const risky = new Map(
        (await queryRiskScores(tx, scope, settings, { asOf: at, above: -1 })).map((r) => [r.id, r]),
      );
      const threshold = settings.risk.threshold;
      const churnCut = new Date(at.getTime() - settings.churnDays * DAY);
      const transitions: Transition[] = [];
      for (const f of facts) {
        let stage = f.stage;
        const move = (to: LifecycleStage, reason: string) => {
          transitions.push({ accountId: f.id, from: stage, to, reason });
          stage = to;
        };
        if ((stage === 'lead' || stage === 'prospect') && f.anyOrder) move('customer', `First order (${fmtDate(f.lastOrder!)})`);
        if (stage === 'churned' && f.lastOrder && f.lastOrder > churnCut) move('customer', `New order after churn (${fmtDate(f.lastOrder)})`);
        const lastActivity = Math.max(f.lastOrder?.getTime() ?? 0, f.lastInteraction?.getTime() ?? 0, f.createdAt.getTime());
        if ((stage === 'customer' || stage === 'loyal' || stage === 'at_risk') && lastActivity < churnCut.getTime()) {
          const days = Math.floor((at.getTime() - lastActivity) / DAY);
          move('churned', `No order or interaction for ${days} days (churn after ${settings.churnDays})`);
          continue;
        }
        const r = risky.get(f.id);
        const score = r ? Number(r.score) : 0;
        if ((stage === 'customer' || stage === 'loyal') && score > threshold) {
          const top = r ? explain(r, settings.risk.weights)[0] : undefined;
          move('at_risk', `At-risk score ${score.toFixed(2)} above ${threshold}${top ? `: ${top.en}` : ''}`);
          continue;
        }
        if (stage === 'at_risk' && score <= threshold) move('customer', `Recovered: at-risk score ${score.toFixed(2)} at or below ${threshold}`);
        const satisfied = (f.csat !== null && f.csat >= 4) || (f.nps !== null && f.nps >= 9);
        if (stage === 'customer' && (f.rfm ?? 0) >= 12 && f.orders12 >= 3 && satisfied) {
          const sat = f.csat !== null && f.csat >= 4 ? `average CSAT ${f.csat.toFixed(1)}` : `average NPS ${f.nps!.toFixed(1)}`;
          move('loyal', `Sustained value: RFM ${f.rfm}, ${f.orders12} orders in 12 months, ${sat}`);
        }
      }
      await applyTransitions(tx, actor, tenantId, facts, transitions, at);
      const count = (pred: (t: Transition) => boolean) => transitions.filter(pred).length;
      const report: RecomputeReport = {
        asOf: at, rfmScored, tiers,
        transitions: {
          toCustomer: count((t) => t.to === 'customer' && (t.from === 'lead' || t.from === 'prospect')),
          reactivated: count((t) => t.to === 'customer' && t.from === 'churned'),
          toLoyal: count((t) => t.to === 'loyal'),
          toAtRisk: count((t) => t.to === 'at_risk'),
          recovered: count((t) => t.to === 'customer' && t.from === 'at_risk'),
          toChurned: count((t) => t.to === 'churned'),
        },
      };
      await audit(tx, actor, { action: 'tenant.recompute_value', entityType: 'Tenant', entityId: tenantId, after: report });
      return report;
    }, { timeout: 600_000, maxWait: 30_000 });
  }

  /** Accounts in scope by tier, lifecycle stage and/or RFM segment, best RFM first. */
  async listSegment(
    actor: AnyActor,
    opts: { scope: ScopeName; tier?: ValueTier; lifecycle?: LifecycleStage; segment?: RfmSegment; limit?: number },
  ): Promise<SegmentAccount[]> {
    requireStaff(actor);
    if (opts.segment && !(opts.segment in RFM_SEGMENTS)) {
      throw new ValidationError('segment', `Unknown segment ${opts.segment}; try ${Object.keys(RFM_SEGMENTS).join(', ')}.`, `未知的客户分群 ${opts.segment}。`);
    }
    const scope = await resolveScope(this.db, actor, opts.scope);
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 1000);
    const rows = await this.db.$queryRaw<{
      id: string; name: string; ownerId: string | null; tier: ValueTier; stage: LifecycleStage;
      r: number | null; f: number | null; m: number | null; segment: RfmSegment | null; lastOrderAt: Date | null;
    }[]>`
      SELECT * FROM (
        SELECT a.id, a.name, a."ownerId", a.tier::text AS tier, a."lifecycleStage"::text AS stage,
               a."rfmRecency" AS r, a."rfmFrequency" AS f, a."rfmMonetary" AS m, ${SEGMENT_SQL} AS segment, a."lastOrderAt"
        FROM "Account" a
        WHERE ${scopeSql(scope)}
          ${opts.tier ? Prisma.sql`AND a.tier = ${opts.tier}::"ValueTier"` : Prisma.empty}
          ${opts.lifecycle ? Prisma.sql`AND a."lifecycleStage" = ${opts.lifecycle}::"LifecycleStage"` : Prisma.empty}
      ) x
      ${opts.segment ? Prisma.sql`WHERE x.segment = ${opts.segment}` : Prisma.empty}
      ORDER BY coalesce(x.r + x.f + x.m, 0) DESC, x.name, x.id
      LIMIT ${limit}`;
    return rows.map((r) => ({
      id: r.id, name: r.name, ownerId: r.ownerId, tier: r.tier, lifecycleStage: r.stage,
      rfm: r.r === null ? null : { recency: r.r, frequency: r.f!, monetary: r.m! },
      segment: r.segment ? { key: r.segment, ...RFM_SEGMENTS[r.segment] } : null,
      lastOrderAt: r.lastOrderAt,
    }));
  }

  async lifecycleHistory(actor: AnyActor, accountId: string) {
    await getVisibleAccount(this.db, actor, accountId);
    return this.db.lifecycleTransition.findMany({
      where: { accountId, tenantId: actor.tenantId }, orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { fromStage: true, toStage: true, reason: true, at: true },
    });
  }
}

/** RFM quintiles and tiers for every account of the tenant, one statement. Returns accounts scored. */
export async function recomputeRfm(db: Db, tenantId: string, asOf: Date): Promise<number> {
  const y1 = new Date(asOf.getTime() - 365 * DAY);
  const [row] = await db.$queryRaw<{ scored: number }[]>`
    WITH stats AS (
      SELECT a.id,
             floor(extract(epoch FROM (${asOf}::timestamp - max(o."orderedAt"))) / 86400)::int AS rdays,
             count(o.id) FILTER (WHERE o."orderedAt" > ${y1}::timestamp)::int AS freq,
             coalesce(sum(o.amount) FILTER (WHERE o."orderedAt" > ${y1}::timestamp), 0) AS money
      FROM "Account" a
      LEFT JOIN "Order" o ON o."tenantId" = a."tenantId" AND o."accountId" = a.id AND o."orderedAt" <= ${asOf}::timestamp
      WHERE a."tenantId" = ${tenantId} AND a."mergedIntoId" IS NULL
      GROUP BY a.id
    ), nt AS (
      SELECT id, rdays, freq, money, rdays IS NOT NULL AS scored,
             NTILE(5) OVER (PARTITION BY rdays IS NOT NULL ORDER BY rdays DESC, id) AS r0,
             NTILE(5) OVER (PARTITION BY rdays IS NOT NULL ORDER BY freq, id) AS f0,
             NTILE(5) OVER (PARTITION BY rdays IS NOT NULL ORDER BY money, id) AS m0
      FROM stats
    ), tied AS (
      SELECT id, scored, money,
             max(r0) OVER (PARTITION BY scored, rdays) AS r,
             max(f0) OVER (PARTITION BY scored, freq) AS f,
             max(m0) OVER (PARTITION BY scored, money) AS m
      FROM nt
    ), ranked AS (
      SELECT id, scored, r, f, m,
             row_number() OVER (PARTITION BY scored ORDER BY r + f + m DESC, money DESC, id) AS rk,
             count(*) OVER (PARTITION BY scored) AS n
      FROM tied
    ), final AS (
      SELECT id,
             CASE WHEN scored THEN r END::int AS r, CASE WHEN scored THEN f END::int AS f, CASE WHEN scored THEN m END::int AS m,
             (CASE WHEN NOT scored THEN 'C' WHEN rk <= ceil(0.2 * n) THEN 'A' WHEN rk <= ceil(0.5 * n) THEN 'B' ELSE 'C' END)::"ValueTier" AS tier,
             scored
      FROM ranked
    ), upd AS (
      UPDATE "Account" a
      SET "rfmRecency" = final.r, "rfmFrequency" = final.f, "rfmMonetary" = final.m, tier = final.tier, "updatedAt" = ${asOf}::timestamp
      FROM final
      WHERE a.id = final.id AND (a."rfmRecency" IS DISTINCT FROM final.r OR a."rfmFrequency" IS DISTINCT FROM final.f
        OR a."rfmMonetary" IS DISTINCT FROM final.m OR a.tier IS DISTINCT FROM final.tier)
      RETURNING a.id
    )
    SELECT (SELECT count(*) FROM final WHERE scored)::int AS scored, (SELECT count(*) FROM upd)::int AS updated`;
  return row?.scored ?? 0;
}

async function applyTransitions(
  tx: Db, actor: AnyActor, tenantId: string, facts: { id: string; stage: LifecycleStage }[], transitions: Transition[], at: Date,
): Promise<void> {
  if (!transitions.length) return;
  await tx.lifecycleTransition.createMany({
    data: transitions.map((t) => ({ tenantId, accountId: t.accountId, fromStage: t.from, toStage: t.to, reason: t.reason, at })),
  });
  const start = new Map(facts.map((f) => [f.id, f.stage]));
  const final = new Map<string, LifecycleStage>();
  for (const t of transitions) final.set(t.accountId, t.to);
  const byTarget = new Map<LifecycleStage, string[]>();
  for (const [id, to] of final) {
    if (start.get(id) === to) continue;
    byTarget.set(to, [...(byTarget.get(to) ?? []), id]);
  }
  for (const [to, ids] of byTarget) {
    await tx.account.updateMany({ where: { tenantId, id: { in: ids } }, data: { lifecycleStage: to } });
  }
  for (const [id, to] of final) {
    if (start.get(id) === to) continue;
    await audit(tx, actor, {
      action: 'account.update', entityType: 'Account', entityId: id,
      before: { lifecycleStage: start.get(id) }, after: { lifecycleStage: to },
    });
  }
}

function orderDto(o: { id: string; accountId: string; externalId: string | null; orderedAt: Date; amount: Prisma.Decimal; currency: string }): OrderDto {
  return { id: o.id, accountId: o.accountId, externalId: o.externalId, orderedAt: o.orderedAt, amount: Number(o.amount), currency: o.currency };
}

const fmtDate = (d: Date) => d.toISOString().slice(0, 10);
