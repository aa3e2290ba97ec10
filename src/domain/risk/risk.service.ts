// At-risk scoring. Each account gets six signals, each a strength in [0, 1]:
//
//   contactGap        days since the last interaction vs the tier's cadence:
//                     strength = clamp(days / cadence − 1, 0, 1) — on cadence 0, twice the cadence 1.
//                     With no interaction on record the account's creation date counts as the last contact.
//   orderDecline      last 90 days vs the 90 days before, only when the earlier window had orders:
//                     strength = max(1 − recentCount / prevCount, 1 − recentValue / prevValue), clamped.
//   lowSatisfaction   answers in the last 90 days with CSAT ≤ 2 or NPS ≤ 6: min(1, n / 2).
//   ticketsPastSla    open tickets past their first-response or resolution due: min(1, n / 2).
//   stalledDeals      open opportunities with no stage change for > 30 days, an expected close date
//                     in the past, or an expected close date moved later: min(1, n / 2).
//   negativeSentiment average sentiment of the last 5 interactions < −0.2: min(1, −average).
//
// score = clamp(Σ weight × strength, 0, 1), weights from the tenant's settings. Everything is computed
// in ONE SQL statement with lateral joins over the scoped accounts, each lateral an index range scan
// (Interaction/Order/Survey/Ticket/Opportunity by tenantId + accountId), so the cost grows with the
// scope, not the tenant. The scoped accounts are read in id order (the probes then walk each index
// in key order), and a listing with a cut (the at-risk threshold) skips the two heap-heavy probes
// (orders, the tone of the last five interactions) for accounts that cannot reach the cut whatever
// those two say — an exact bound, so the answer is the same (see queryRiskScores).
import type { AnyActor } from '../shared/access.ts';
import { getVisibleAccount, requireStaff } from '../shared/access.ts';
import { audit } from '../shared/audit.ts';
import type { Clock } from '../shared/clock.ts';
import { Prisma, type Db, type PrismaClient } from '../shared/db.ts';
import { ForbiddenError, ValidationError } from '../shared/errors.ts';
import { resolveScope, type ResolvedScope, type ScopeName } from '../pipeline/scope.ts';
import { loadSettings } from '../settings/settings.service.ts';
import type { RiskWeights, TenantSettings } from '../settings/settings.schema.ts';

export type RiskSignal = keyof RiskWeights;
export const RISK_SIGNALS: readonly RiskSignal[] = [
  'contactGap', 'orderDecline', 'lowSatisfaction', 'ticketsPastSla', 'stalledDeals', 'negativeSentiment',
];

export interface RiskReason {
  signal: RiskSignal;
  /** 0..1 */
  strength: number;
  weight: number;
  /** weight × strength */
  contribution: number;
  en: string;
  zh: string;
}

export type RiskChange = 'new' | 'worsened' | 'same' | 'improved';

export interface AtRiskAccount {
  accountId: string;
  accountName: string;
  tier: 'A' | 'B' | 'C';
  lifecycleStage: string;
  owner: { id: string; name: string } | null;
  score: number;
  /** Ordered by contribution, largest first; only signals that contribute. */
  reasons: RiskReason[];
  change: RiskChange;
  /** Score in last week's snapshot, null when there was none. */
  previousScore: number | null;
}

export interface ListAtRiskOptions {
  scope: ScopeName;
  /** One colleague's accounts (a manager asking about one rep). */
  userId?: string;
  /** @defaultValue 20 */
  limit?: number;
  /** @defaultValue clock.now() */
  asOf?: Date;
}

/** A score change smaller than this week over week counts as "same". */
export const RISK_CHANGE_EPSILON = 0.05;

const DAY = 86_400_000;

/** Monday 00:00 UTC of the ISO week containing `t`, as a date. */
export function isoWeekStart(t: Date): Date {
  const d = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
  const dow = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - dow * DAY);
}

interface RiskRow {
  id: string;
  name: string;
  tier: 'A' | 'B' | 'C';
  lifecycleStage: string;
  ownerId: string | null;
  ownerName: string | null;
  days: number;
  cadence: number;
  recentN: number;
  recentSum: number;
  prevN: number;
  prevSum: number;
  badN: number;
  overdueN: number;
  stalledN: number;
  avgSent: number | null;
  nSent: number;
  sContact: number;
  sOrders: number;
  sSat: number;
  sTickets: number;
  sDeals: number;
  sSent: number;
  score: number;
  prevScore: number | null;
}

export interface ScoreQuery {
  asOf: Date;
  /** Only accounts scoring strictly above this. */
  above: number;
  limit?: number;
  accountId?: string;
}

/**
 * The scope condition on Account "a" for the scoring query: the same accounts as scopeSql (tenant,
 * not merged, owned by one of the owners or shared with the user), but read through the
 * (tenantId, ownerId) index OR'ed with a primary-key lookup of the shares (one bitmap heap scan,
 * ~40 buffers for 2,000 accounts) instead of 2,000 primary-key lookups (~6,400 buffers). With
 * ORDER BY a.id (added by the caller for owner scopes) the lateral probes then walk each
 * (tenantId, accountId, …) index in key order.
 */
function accountsInScope(s: ResolvedScope): Prisma.Sql {
  const base = Prisma.sql`a."tenantId" = ${s.tenantId} AND a."mergedIntoId" IS NULL`;
  if (s.ownerIds === 'all') return base;
  const shared = s.sharedWith
    ? Prisma.sql` OR a.id = ANY(ARRAY(SELECT sh."accountId" FROM "AccountShare" sh WHERE sh."userId" = ${s.sharedWith}))`
    : Prisma.empty;
  return Prisma.sql`${base} AND (a."ownerId" = ANY(${s.ownerIds}::text[])${shared})`;
}

/** Runs the one-statement scoring query. Exported for the value service and the benchmark. */
export async function queryRiskScores(db: Db, scope: ResolvedScope, settings: TenantSettings, q: ScoreQuery): Promise<RiskRow[]> {
  const t = scope.tenantId;
  const asOf = q.asOf;
  const d30 = new Date(asOf.getTime() - 30 * DAY);
  const d90 = new Date(asOf.getTime() - 90 * DAY);
  const d120 = new Date(asOf.getTime() - 120 * DAY);
  const d180 = new Date(asOf.getTime() - 180 * DAY);
  const prevWeek = new Date(isoWeekStart(asOf).getTime() - 7 * DAY);
  const w = settings.risk.weights;
  const c = settings.cadenceDays;
  const one = q.accountId ? Prisma.sql`AND a.id = ${q.accountId}` : Prisma.empty;
  // Staged (a listing with a real cut, e.g. the at-risk threshold): the four cheap signals first,
  // then orders and the tone of the last interactions only for accounts they could still lift
  // above the cut (an exact bound: every strength is at most 1, weights are ≥ 0). Without a cut
  // (snapshots, explanations: above ≤ 0) nothing could be skipped, so the last interactions are
  // read once, as one probe. Same rows either way; `cut` is lowered by 1e-9 so that rounding in
  // the bound (summed in another order than the score) never skips an account.
  const staged = q.above > 0;
  const cut = q.above - 1e-9;
  const lastFive = (accountId: Prisma.Sql, when: Prisma.Sql) => Prisma.sql`
        SELECT max(x."occurredAt") AS last_at, avg(x.sentiment)::float8 AS avg_sent, count(x.sentiment)::int AS n_sent
        FROM (SELECT i."occurredAt", i.sentiment FROM "Interaction" i
              WHERE ${when} AND i."tenantId" = ${t} AND i."accountId" = ${accountId} AND i."occurredAt" <= ${asOf}::timestamp
              ORDER BY i."occurredAt" DESC LIMIT 5) x`;
  const limit = q.limit ? Prisma.sql`LIMIT ${q.limit}` : Prisma.empty;
  return db.$queryRaw<RiskRow[]>`
    WITH acc AS (
      SELECT a.id, a.name, a.tier, a."lifecycleStage", a."ownerId", a."createdAt",
             CASE a.tier WHEN 'A' THEN ${c.A}::int WHEN 'B' THEN ${c.B}::int ELSE ${c.C}::int END AS cadence
      FROM "Account" a
      WHERE ${accountsInScope(scope)} ${one}
      ${scope.ownerIds === 'all' ? Prisma.empty : Prisma.sql`ORDER BY a.id`}
    ), probes AS (
      -- Index probes every account needs: the last contact, surveys, tickets, deals.
      SELECT acc.*,
        floor(extract(epoch FROM (${asOf}::timestamp - coalesce(li.last_at, acc."createdAt"))) / 86400)::int AS days,
        ${staged ? Prisma.empty : Prisma.sql`li.avg_sent, coalesce(li.n_sent, 0) AS n_sent,`}
        sv.bad_n, tk.overdue_n, op.stalled_n
      FROM acc
      LEFT JOIN LATERAL (${
        staged
          ? // The newest interaction only: the (tenantId, accountId, occurredAt) index answers it.
            Prisma.sql`
        SELECT i."occurredAt" AS last_at FROM "Interaction" i
        WHERE i."tenantId" = ${t} AND i."accountId" = acc.id AND i."occurredAt" <= ${asOf}::timestamp
        ORDER BY i."occurredAt" DESC LIMIT 1`
          : lastFive(Prisma.sql`acc.id`, Prisma.sql`true`)}
      ) li ON true
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS bad_n
        FROM "Survey" s JOIN "SurveyResponse" r ON r."surveyId" = s.id
        WHERE s."tenantId" = ${t} AND s."accountId" = acc.id AND s."createdAt" > ${d120}::timestamp
          AND r."respondedAt" > ${d90}::timestamp AND r."respondedAt" <= ${asOf}::timestamp
          AND ((s.kind = 'csat' AND r.score <= 2) OR (s.kind = 'nps' AND r.score <= 6))
      ) sv ON true
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS overdue_n
        FROM "Ticket" tk
        WHERE tk."tenantId" = ${t} AND tk."accountId" = acc.id AND tk.status IN ('open', 'in_progress')
          AND ((tk."firstRespondedAt" IS NULL AND tk."firstResponseDueAt" < ${asOf}::timestamp)
               OR tk."resolutionDueAt" < ${asOf}::timestamp)
      ) tk ON true
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS stalled_n
        FROM "Opportunity" op
        WHERE op."tenantId" = ${t} AND op."accountId" = acc.id
          AND op.stage NOT IN ('closed_won', 'closed_lost')
          AND (op."stageChangedAt" < ${d30}::timestamp
               OR op."expectedCloseAt" < ${asOf}::timestamp
               OR EXISTS (
                 SELECT 1 FROM "AuditLog" al
                 WHERE al."tenantId" = ${t} AND al."entityType" = 'Opportunity' AND al."entityId" = op.id
                   AND al.action = 'opportunity.update' AND al."undoneAt" IS NULL
                   AND (al.after ->> 'expectedCloseAt')::timestamptz > (al.before ->> 'expectedCloseAt')::timestamptz))
      ) op ON true
    ), bound1 AS (
      -- What those four signals contribute (the formulas of "strengths" below).
      SELECT probes.*,
        ${w.contactGap}::float8 * least(1, greatest(0, days::float8 / cadence - 1))
        + ${w.lowSatisfaction}::float8 * least(1, bad_n / 2.0)::float8
        + ${w.ticketsPastSla}::float8 * least(1, overdue_n / 2.0)::float8
        + ${w.stalledDeals}::float8 * least(1, stalled_n / 2.0)::float8 AS part1
      FROM probes
    ), with_orders AS (
      -- Orders (heap reads for the amounts): when staged, only where they can still lift the score
      -- above the cut — part1 plus the most orders and tone can add (strength ≤ 1 each). Elsewhere
      -- the account cannot score above q.above whatever they say, so it is left out either way.
      SELECT bound1.*, od.recent_n, od.recent_sum, od.prev_n, od.prev_sum
      FROM bound1
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE o."orderedAt" > ${d90}::timestamp)::int AS recent_n,
               coalesce(sum(o.amount) FILTER (WHERE o."orderedAt" > ${d90}::timestamp), 0)::float8 AS recent_sum,
               count(*) FILTER (WHERE o."orderedAt" <= ${d90}::timestamp)::int AS prev_n,
               coalesce(sum(o.amount) FILTER (WHERE o."orderedAt" <= ${d90}::timestamp), 0)::float8 AS prev_sum
        FROM "Order" o
        WHERE ${staged ? Prisma.sql`bound1.part1 + ${Math.max(0, w.orderDecline) + Math.max(0, w.negativeSentiment)}::float8 > ${cut}::float8 AND` : Prisma.empty}
          o."tenantId" = ${t} AND o."accountId" = bound1.id
          AND o."orderedAt" > ${d180}::timestamp AND o."orderedAt" <= ${asOf}::timestamp
      ) od ON true
    ), sig AS (${
      staged
        ? // The tone of the last 5 interactions (heap reads), again only where it can still matter.
          Prisma.sql`
      SELECT with_orders.*, li.avg_sent, coalesce(li.n_sent, 0) AS n_sent
      FROM with_orders
      LEFT JOIN LATERAL (${lastFive(
        Prisma.sql`with_orders.id`,
        Prisma.sql`with_orders.part1 + ${w.orderDecline}::float8 * CASE WHEN prev_n > 0 THEN least(1, greatest(0,
            1 - recent_n::float8 / prev_n,
            CASE WHEN prev_sum > 0 THEN 1 - recent_sum / prev_sum ELSE 0 END)) ELSE 0 END
          + ${Math.max(0, w.negativeSentiment)}::float8 > ${cut}::float8`,
      )}
      ) li ON true`
        : Prisma.sql`
      SELECT * FROM with_orders`}
    ), strengths AS (
      SELECT sig.*,
        least(1, greatest(0, days::float8 / cadence - 1)) AS s_contact,
        CASE WHEN prev_n > 0 THEN least(1, greatest(0,
          1 - recent_n::float8 / prev_n,
          CASE WHEN prev_sum > 0 THEN 1 - recent_sum / prev_sum ELSE 0 END)) ELSE 0 END AS s_orders,
        least(1, bad_n / 2.0)::float8 AS s_sat,
        least(1, overdue_n / 2.0)::float8 AS s_tickets,
        least(1, stalled_n / 2.0)::float8 AS s_deals,
        CASE WHEN n_sent > 0 AND avg_sent < -0.2 THEN least(1, -avg_sent) ELSE 0 END AS s_sent
      FROM sig
    ), scored AS (
      SELECT strengths.*, least(1, greatest(0,
          ${w.contactGap}::float8 * s_contact + ${w.orderDecline}::float8 * s_orders
        + ${w.lowSatisfaction}::float8 * s_sat + ${w.ticketsPastSla}::float8 * s_tickets
        + ${w.stalledDeals}::float8 * s_deals + ${w.negativeSentiment}::float8 * s_sent)) AS score
      FROM strengths
    )
    SELECT sc.id, sc.name, sc.tier::text AS tier, sc."lifecycleStage"::text AS "lifecycleStage",
           sc."ownerId", u.name AS "ownerName",
           sc.days, sc.cadence, sc.recent_n AS "recentN", sc.recent_sum AS "recentSum",
           sc.prev_n AS "prevN", sc.prev_sum AS "prevSum", sc.bad_n AS "badN", sc.overdue_n AS "overdueN",
           sc.stalled_n AS "stalledN", sc.avg_sent AS "avgSent", sc.n_sent AS "nSent",
           sc.s_contact::float8 AS "sContact", sc.s_orders::float8 AS "sOrders", sc.s_sat AS "sSat",
           sc.s_tickets AS "sTickets", sc.s_deals AS "sDeals", sc.s_sent::float8 AS "sSent",
           sc.score::float8 AS score, rs.score AS "prevScore"
    FROM scored sc
    LEFT JOIN "User" u ON u.id = sc."ownerId"
    LEFT JOIN "RiskSnapshot" rs ON rs."accountId" = sc.id AND rs."weekStart" = ${prevWeek}::date
    WHERE sc.score > ${q.above}::float8
    ORDER BY sc.score DESC, sc.name, sc.id
    ${limit}`;
}

/**
 * Runs `f` in a transaction with JIT compilation off. The planner's cost estimate for the lateral
 * joins crosses jit_above_cost, and compiling the expressions takes longer (≈120 ms) than running
 * the query; SET LOCAL keeps the change to this transaction.
 */
export async function withoutJit<T>(db: PrismaClient, f: (tx: Db) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET LOCAL jit = off`;
      return f(tx);
    },
    // Prisma's default (5 s) is too short for an admin's whole-tenant ranking at 100k accounts.
    { timeout: 60_000 },
  );
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

/** Turns a row's signals into reasons, largest contribution first. */
export function explain(row: RiskRow, weights: RiskWeights): RiskReason[] {
  const strengths: Record<RiskSignal, number> = {
    contactGap: row.sContact,
    orderDecline: row.sOrders,
    lowSatisfaction: row.sSat,
    ticketsPastSla: row.sTickets,
    stalledDeals: row.sDeals,
    negativeSentiment: row.sSent,
  };
  const reasons: RiskReason[] = [];
  for (const signal of RISK_SIGNALS) {
    const strength = Number(strengths[signal]);
    const weight = weights[signal];
    if (!(strength > 0) || !(weight > 0)) continue;
    reasons.push({ signal, strength: round(strength), weight, contribution: round(weight * strength), ...text(signal, row) });
  }
  // Stable: equal contributions keep the signal order above.
  return reasons.sort((a, b) => b.contribution - a.contribution);
}

function text(signal: RiskSignal, r: RiskRow): { en: string; zh: string } {
  switch (signal) {
    case 'contactGap':
      return {
        en: `No contact for ${r.days} days; tier ${r.tier} expects every ${r.cadence}`,
        zh: `${r.days} 天未联系；${r.tier} 类客户应每 ${r.cadence} 天联系一次`,
      };
    case 'orderDecline': {
      const byCount = 1 - r.recentN / r.prevN;
      const byValue = r.prevSum > 0 ? 1 - r.recentSum / r.prevSum : 0;
      if (byCount >= byValue) {
        return {
          en: `Orders fell from ${r.prevN} to ${r.recentN} (last 90 days vs the 90 before)`,
          zh: `订单数从 ${r.prevN} 降至 ${r.recentN}（近 90 天对比此前 90 天）`,
        };
      }
      const pct = Math.round(byValue * 100);
      return {
        en: `Order value fell ${pct}% (last 90 days vs the 90 before)`,
        zh: `订单金额下降 ${pct}%（近 90 天对比此前 90 天）`,
      };
    }
    case 'lowSatisfaction':
      return {
        en: `${r.badN} low satisfaction score${r.badN === 1 ? '' : 's'} in the last 90 days (CSAT ≤ 2 or NPS ≤ 6)`,
        zh: `近 90 天有 ${r.badN} 次低满意度评分（满意度 ≤ 2 分或推荐意愿 ≤ 6 分）`,
      };
    case 'ticketsPastSla':
      return {
        en: `${r.overdueN} open ticket${r.overdueN === 1 ? '' : 's'} past SLA`,
        zh: `${r.overdueN} 个未结工单已超出 SLA`,
      };
    case 'stalledDeals':
      return {
        en: `${r.stalledN} opportunit${r.stalledN === 1 ? 'y' : 'ies'} stalled or slipping`,
        zh: `${r.stalledN} 个商机停滞或推迟`,
      };
    case 'negativeSentiment': {
      const avg = (r.avgSent ?? 0).toFixed(2);
      return {
        en: `Negative tone in recent interactions (average sentiment ${avg} over the last ${r.nSent})`,
        zh: `近期互动情绪负面（最近 ${r.nSent} 次平均 ${avg}）`,
      };
    }
  }
}

export function changeVersus(score: number, prev: number | null, threshold: number): RiskChange {
  if (prev === null || prev <= threshold) return 'new';
  if (score - prev > RISK_CHANGE_EPSILON) return 'worsened';
  if (prev - score > RISK_CHANGE_EPSILON) return 'improved';
  return 'same';
}

export class RiskService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
  ) {}

  /** Accounts above the tenant's threshold in the actor's scope, highest score first. */
  async listAtRisk(actor: AnyActor, opts: ListAtRiskOptions): Promise<AtRiskAccount[]> {
    requireStaff(actor);
    const limit = opts.limit ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw new ValidationError('limit', 'The limit must be between 1 and 1000.', '数量上限必须在 1 到 1000 之间。');
    }
    const [scope, settings] = await Promise.all([
      resolveScope(this.db, actor, opts.scope, opts.userId),
      loadSettings(this.db, actor.tenantId),
    ]);
    const threshold = settings.risk.threshold;
    const rows = await withoutJit(this.db, (tx) =>
      queryRiskScores(tx, scope, settings, { asOf: opts.asOf ?? this.clock.now(), above: threshold, limit }),
    );
    return rows.map((r) => this.toDto(r, settings));
  }

  /** One account's score and reasons (even below the threshold), for "why is X at risk?". */
  async explainAccount(actor: AnyActor, accountId: string, asOf?: Date): Promise<AtRiskAccount & { atRisk: boolean }> {
    requireStaff(actor);
    await getVisibleAccount(this.db, actor, accountId);
    const settings = await loadSettings(this.db, actor.tenantId);
    const scope: ResolvedScope = { tenantId: actor.tenantId, ownerIds: 'all', sharedWith: null };
    const [row] = await queryRiskScores(this.db, scope, settings, { asOf: asOf ?? this.clock.now(), above: -1, accountId });
    const dto = this.toDto(row!, settings);
    return { ...dto, atRisk: dto.score > settings.risk.threshold };
  }

  /** Writes this week's RiskSnapshot for every account of the tenant with a score above 0 (upsert). */
  async snapshotWeek(actor: AnyActor, tenantId: string, asOf?: Date): Promise<{ weekStart: string; written: number }> {
    if (actor.kind !== 'system' || actor.tenantId !== tenantId) {
      throw new ForbiddenError('snapshotWeek is a system job', {
        en: 'Risk snapshots are taken by the weekly job, not by hand.',
        zh: '风险快照由每周任务自动生成，不能手动执行。',
      });
    }
    const at = asOf ?? this.clock.now();
    const weekStart = isoWeekStart(at);
    const settings = await loadSettings(this.db, tenantId);
    const scope: ResolvedScope = { tenantId, ownerIds: 'all', sharedWith: null };
    const rows = await queryRiskScores(this.db, scope, settings, { asOf: at, above: 0 });
    const records = rows.map((r) => ({
      accountId: r.id,
      score: round(Number(r.score)),
      reasons: explain(r, settings.risk.weights).map(({ signal, contribution, en, zh }) => ({ signal, contribution, en, zh })),
    }));
    await this.db.$transaction(async (tx) => {
      for (let i = 0; i < records.length; i += 1000) {
        const chunk = JSON.stringify(records.slice(i, i + 1000));
        await tx.$executeRaw`
          INSERT INTO "RiskSnapshot" (id, "tenantId", "accountId", "weekStart", score, reasons)
          SELECT gen_random_uuid()::text, ${tenantId}, x."accountId", ${weekStart}::date, x.score, x.reasons
          FROM jsonb_to_recordset(${chunk}::jsonb) AS x("accountId" text, score float8, reasons jsonb)
          ON CONFLICT ("accountId", "weekStart") DO UPDATE SET score = EXCLUDED.score, reasons = EXCLUDED.reasons`;
      }
      await audit(tx, actor, {
        action: 'riskSnapshot.create',
        entityType: 'RiskSnapshot',
        entityId: `${tenantId}:${weekStart.toISOString().slice(0, 10)}`,
        after: { weekStart: weekStart.toISOString().slice(0, 10), written: records.length },
      });
    }, { timeout: 120_000 });
    return { weekStart: weekStart.toISOString().slice(0, 10), written: records.length };
  }

  private toDto(r: RiskRow, settings: TenantSettings): AtRiskAccount {
    const score = round(Number(r.score));
    const prev = r.prevScore === null ? null : Number(r.prevScore);
    return {
      accountId: r.id,
      accountName: r.name,
      tier: r.tier,
      lifecycleStage: r.lifecycleStage,
      owner: r.ownerId ? { id: r.ownerId, name: r.ownerName ?? '' } : null,
      score,
      reasons: explain(r, settings.risk.weights),
      change: changeVersus(score, prev, settings.risk.threshold),
      previousScore: prev,
    };
  }
}
