// Opportunities and the pipeline. Stage changes are history (OpportunityStageChange) and move
// stageChangedAt / closedAt; amounts are never summed across currencies. "Slipping" means the
// expected close date was moved later, read from the audit trail of opportunity.update.
import type { AnyActor } from '../shared/access.ts';
import { getVisibleAccount, requireStaff } from '../shared/access.ts';
import { audit } from '../shared/audit.ts';
import type { Clock } from '../shared/clock.ts';
import { Prisma, type Db, type PrismaClient } from '../shared/db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { resolvePeriod, type Period, type PeriodInput } from '../kpi/period.ts';
import { resolveScope, scopeSql, scopeWhere, type ScopeName } from './scope.ts';

export const OPPORTUNITY_STAGES = ['qualification', 'needs_analysis', 'proposal', 'negotiation', 'closed_won', 'closed_lost'] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];
export const CLOSED_STAGES: readonly OpportunityStage[] = ['closed_won', 'closed_lost'];

/** Probability used when none was set explicitly. */
export const DEFAULT_PROBABILITY: Readonly<Record<OpportunityStage, number>> = {
  qualification: 0.1,
  needs_analysis: 0.25,
  proposal: 0.5,
  negotiation: 0.75,
  closed_won: 1,
  closed_lost: 0,
};

/** Open deals without a stage change for longer than this are stalled. */
export const STALLED_AFTER_DAYS = 30;

export interface OpportunityDto {
  id: string;
  accountId: string;
  accountName: string;
  ownerId: string | null;
  name: string;
  stage: OpportunityStage;
  amount: number;
  currency: string;
  probability: number;
  weightedAmount: number;
  expectedCloseAt: Date | null;
  stageChangedAt: Date;
  closedAt: Date | null;
}

export interface CreateOpportunityInput {
  accountId: string;
  name: string;
  amount: number;
  /** ISO 4217 code. @defaultValue 'USD' */
  currency?: string;
  expectedCloseAt?: Date | null;
  /** @defaultValue 'qualification' */
  stage?: OpportunityStage;
  /** 0..1. @defaultValue the stage's default */
  probability?: number;
  /** @defaultValue the acting user, else the account owner */
  ownerId?: string | null;
  sourceMessageId?: string;
}

export interface UpdateOpportunityInput {
  name?: string;
  amount?: number;
  currency?: string;
  expectedCloseAt?: Date | null;
  probability?: number;
  sourceMessageId?: string;
}

export interface MoneyByCurrency {
  currency: string;
  raw: number;
  weighted: number;
}

export interface PipelineSummary {
  scope: ScopeName;
  period: Period;
  /** Open stages: every open deal today. Closed stages: deals closed within the period. */
  byStage: { stage: OpportunityStage; count: number; amounts: MoneyByCurrency[] }[];
  /** Open pipeline per currency. */
  openTotals: MoneyByCurrency[];
  winRate: { won: number; lost: number; rate: number | null };
  stalled: (OpportunityDto & { reason: 'no_stage_change' | 'past_expected_close'; days: number })[];
  slipping: (OpportunityDto & { firstExpectedCloseAt: Date; slips: number })[];
}

const oppSelect = {
  id: true, accountId: true, ownerId: true, name: true, stage: true, amount: true, currency: true, probability: true,
  expectedCloseAt: true, stageChangedAt: true, closedAt: true, account: { select: { name: true } },
} as const;
type OppRow = Prisma.OpportunityGetPayload<{ select: typeof oppSelect }>;

function toDto(o: OppRow): OpportunityDto {
  const amount = Number(o.amount);
  const probability = o.probability ?? DEFAULT_PROBABILITY[o.stage];
  return {
    id: o.id, accountId: o.accountId, accountName: o.account.name, ownerId: o.ownerId, name: o.name, stage: o.stage,
    amount, currency: o.currency, probability, weightedAmount: round2(amount * probability),
    expectedCloseAt: o.expectedCloseAt, stageChangedAt: o.stageChangedAt, closedAt: o.closedAt,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function normaliseCurrency(code: string | undefined): string {
  const c = (code ?? 'USD').trim().toUpperCase();
  if (!CURRENCIES.has(c)) {
    throw new ValidationError('currency', `${code} is not an ISO currency code (e.g. USD, CNY, EUR).`, `${code} 不是有效的货币代码（如 USD、CNY、EUR）。`);
  }
  return c;
}

function checkAmount(amount: number): void {
  if (!Number.isFinite(amount) || amount < 0 || amount >= 1e14) {
    throw new ValidationError('amount', 'The amount must be a positive number.', '金额必须是正数。');
  }
}
function checkProbability(p: number | undefined): void {
  if (p !== undefined && !(p >= 0 && p <= 1)) {
    throw new ValidationError('probability', 'Probability must be between 0 and 1 (e.g. 0.6 for 60%).', '成交概率必须在 0 到 1 之间（如 0.6 表示 60%）。');
  }
}

export class PipelineService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
  ) {}

  async createOpportunity(actor: AnyActor, input: CreateOpportunityInput): Promise<OpportunityDto> {
    const account = await getVisibleAccount(this.db, actor, input.accountId);
    const name = input.name.trim();
    if (!name) throw new ValidationError('name', 'The opportunity needs a name.', '商机需要一个名称。');
    checkAmount(input.amount);
    checkProbability(input.probability);
    const currency = normaliseCurrency(input.currency);
    const stage = input.stage ?? 'qualification';
    const now = this.clock.now();
    const ownerId = input.ownerId !== undefined ? input.ownerId : actor.kind === 'user' ? actor.userId : account.ownerId;
    return this.db.$transaction(async (tx) => {
      const created = await tx.opportunity.create({
        data: {
          tenantId: actor.tenantId, accountId: account.id, ownerId, name, stage, amount: input.amount, currency,
          probability: input.probability ?? DEFAULT_PROBABILITY[stage], expectedCloseAt: input.expectedCloseAt ?? null,
          stageChangedAt: now, closedAt: CLOSED_STAGES.includes(stage) ? now : null, createdAt: now,
        },
        select: oppSelect,
      });
      await tx.opportunityStageChange.create({
        data: { tenantId: actor.tenantId, opportunityId: created.id, fromStage: null, toStage: stage, changedById: userIdOf(actor), changedAt: now },
      });
      const dto = toDto(created);
      await audit(tx, actor, {
        action: 'opportunity.create', entityType: 'Opportunity', entityId: created.id,
        after: { name, stage, amount: dto.amount, currency, probability: dto.probability, expectedCloseAt: dto.expectedCloseAt, ownerId },
        sourceMessageId: input.sourceMessageId,
      });
      return dto;
    });
  }

  async changeStage(
    actor: AnyActor, opportunityId: string, stage: OpportunityStage, opts: { probability?: number; sourceMessageId?: string } = {},
  ): Promise<OpportunityDto> {
    if (!OPPORTUNITY_STAGES.includes(stage)) {
      throw new ValidationError('stage', `Unknown stage ${stage}.`, `未知的阶段 ${stage}。`);
    }
    checkProbability(opts.probability);
    const current = await this.getVisible(actor, opportunityId);
    if (current.stage === stage) {
      throw new ConflictError('OPPORTUNITY.SAME_STAGE', `${current.name} is already in ${stage}.`, `${current.name} 已处于 ${stage} 阶段。`);
    }
    const now = this.clock.now();
    const closedAt = CLOSED_STAGES.includes(stage) ? now : null;
    const probability = opts.probability ?? DEFAULT_PROBABILITY[stage];
    return this.db.$transaction(async (tx) => {
      const updated = await tx.opportunity.update({
        where: { id: current.id },
        data: { stage, stageChangedAt: now, closedAt, probability },
        select: oppSelect,
      });
      await tx.opportunityStageChange.create({
        data: { tenantId: actor.tenantId, opportunityId: current.id, fromStage: current.stage, toStage: stage, changedById: userIdOf(actor), changedAt: now },
      });
      await audit(tx, actor, {
        action: 'opportunity.update', entityType: 'Opportunity', entityId: current.id,
        before: { stage: current.stage, stageChangedAt: current.stageChangedAt, closedAt: current.closedAt, probability: current.probability },
        after: { stage, stageChangedAt: now, closedAt, probability },
        sourceMessageId: opts.sourceMessageId,
      });
      return toDto(updated);
    });
  }

  /** Updates amount, currency, expected close date, probability or name. Only changed fields are audited. */
  async updateOpportunity(actor: AnyActor, opportunityId: string, patch: UpdateOpportunityInput): Promise<OpportunityDto> {
    const current = await this.getVisible(actor, opportunityId);
    const data: Record<string, unknown> = {};
    if (patch.name !== undefined) {
      if (!patch.name.trim()) throw new ValidationError('name', 'The opportunity needs a name.', '商机需要一个名称。');
      data.name = patch.name.trim();
    }
    if (patch.amount !== undefined) { checkAmount(patch.amount); data.amount = patch.amount; }
    if (patch.currency !== undefined) data.currency = normaliseCurrency(patch.currency);
    if (patch.expectedCloseAt !== undefined) data.expectedCloseAt = patch.expectedCloseAt;
    if (patch.probability !== undefined) { checkProbability(patch.probability); data.probability = patch.probability; }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const cur = current as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(data)) {
      const old = k === 'amount' ? Number(cur[k]) : cur[k];
      const same = old instanceof Date && v instanceof Date ? old.getTime() === v.getTime() : old === v;
      if (!same) { before[k] = old; after[k] = v; }
    }
    if (Object.keys(after).length === 0) return toDto(current);
    return this.db.$transaction(async (tx) => {
      const updated = await tx.opportunity.update({ where: { id: current.id }, data: after, select: oppSelect });
      await audit(tx, actor, {
        action: 'opportunity.update', entityType: 'Opportunity', entityId: current.id, before, after,
        sourceMessageId: patch.sourceMessageId,
      });
      return toDto(updated);
    });
  }

  async getOpportunity(actor: AnyActor, opportunityId: string): Promise<OpportunityDto> {
    return toDto(await this.getVisible(actor, opportunityId));
  }

  async stageHistory(actor: AnyActor, opportunityId: string) {
    await this.getVisible(actor, opportunityId);
    return this.db.opportunityStageChange.findMany({
      where: { opportunityId, tenantId: actor.tenantId },
      orderBy: [{ changedAt: 'asc' }, { id: 'asc' }],
      select: { fromStage: true, toStage: true, changedById: true, changedAt: true },
    });
  }

  /**
   * Free-text search by name (and account name), within one account or the actor's visible
   * accounts. Open deals first, then exact > prefix > substring matches, then most recent.
   */
  async searchOpportunities(
    actor: AnyActor,
    text: string,
    opts: { accountId?: string; includeClosed?: boolean; limit?: number } = {},
  ): Promise<OpportunityDto[]> {
    requireStaff(actor);
    const q = text.trim();
    if (!q) throw new ValidationError('text', 'Tell me which opportunity (part of its name).', '请说明是哪个商机（名称的一部分）。');
    let accountWhere: Prisma.AccountWhereInput;
    if (opts.accountId) {
      await getVisibleAccount(this.db, actor, opts.accountId);
      accountWhere = { id: opts.accountId };
    } else {
      accountWhere = scopeWhere(await resolveScope(this.db, actor, actor.kind === 'user' && actor.role === 'rep' ? 'mine' : actor.kind === 'user' && actor.role === 'manager' ? 'team' : 'all'));
    }
    const words = q.split(/\s+/).filter(Boolean);
    const rows = await this.db.opportunity.findMany({
      where: {
        tenantId: actor.tenantId,
        account: accountWhere,
        ...(opts.includeClosed ? {} : { stage: { notIn: [...CLOSED_STAGES] } }),
        AND: words.map((w) => ({
          OR: [{ name: { contains: w, mode: 'insensitive' as const } }, { account: { name: { contains: w, mode: 'insensitive' as const } } }],
        })),
      },
      select: oppSelect,
      take: 200,
    });
    const lower = q.toLowerCase();
    const rank = (o: OppRow) =>
      (CLOSED_STAGES.includes(o.stage) ? 10 : 0) +
      (o.name.toLowerCase() === lower ? 0 : o.name.toLowerCase().startsWith(lower) ? 1 : o.name.toLowerCase().includes(lower) ? 2 : 3);
    rows.sort((a, b) => rank(a) - rank(b) || b.stageChangedAt.getTime() - a.stageChangedAt.getTime());
    return rows.slice(0, opts.limit ?? 10).map(toDto);
  }

  /** The one opportunity the text means, null when nothing matches; ambiguous text is refused with the candidates. */
  async findOpportunity(actor: AnyActor, text: string, opts: { accountId?: string } = {}): Promise<OpportunityDto | null> {
    const found = await this.searchOpportunities(actor, text, { ...opts, includeClosed: true, limit: 10 });
    if (found.length === 0) return null;
    const lower = text.trim().toLowerCase();
    const exact = found.filter((o) => o.name.toLowerCase() === lower);
    if (exact.length === 1) return exact[0]!;
    const open = found.filter((o) => !CLOSED_STAGES.includes(o.stage));
    if (found.length === 1) return found[0]!;
    if (open.length === 1) return open[0]!;
    const names = found.slice(0, 5).map((o) => `${o.name} (${o.accountName})`).join(', ');
    throw new ConflictError('OPPORTUNITY.AMBIGUOUS', `Several opportunities match "${text}": ${names}. Which one?`, `有多个商机匹配"${text}"：${names}。是哪一个？`);
  }

  /** The open deals in a scope (`userId`: one colleague's, see resolveScope), largest first. */
  async listOpen(actor: AnyActor, opts: { scope: ScopeName; userId?: string; limit?: number }): Promise<OpportunityDto[]> {
    requireStaff(actor);
    const scope = await resolveScope(this.db, actor, opts.scope, opts.userId);
    const rows = await this.db.opportunity.findMany({
      where: { tenantId: actor.tenantId, account: scopeWhere(scope), stage: { notIn: [...CLOSED_STAGES] } },
      select: oppSelect,
      orderBy: [{ amount: 'desc' }, { name: 'asc' }],
      take: opts.limit ?? 10,
    });
    return rows.map(toDto);
  }

  /** `userId`: one colleague's pipeline (see resolveScope). */
  async getSummary(actor: AnyActor, opts: { scope: ScopeName; period: PeriodInput; userId?: string }): Promise<PipelineSummary> {
    requireStaff(actor);
    const scope = await resolveScope(this.db, actor, opts.scope, opts.userId);
    const now = this.clock.now();
    const period = resolvePeriod(opts.period, now, actor.kind === 'user' ? actor.timezone : 'UTC');
    const sq = scopeSql(scope);
    const prob = Prisma.sql`coalesce(o.probability, CASE o.stage WHEN 'qualification' THEN 0.1 WHEN 'needs_analysis' THEN 0.25
      WHEN 'proposal' THEN 0.5 WHEN 'negotiation' THEN 0.75 WHEN 'closed_won' THEN 1 ELSE 0 END)`;
    const stageRows = await this.db.$queryRaw<{ stage: OpportunityStage; currency: string; n: number; raw: number; weighted: number }[]>`
      SELECT o.stage::text AS stage, o.currency, count(*)::int AS n, sum(o.amount)::float8 AS raw,
             sum(o.amount * ${prob})::float8 AS weighted
      FROM "Opportunity" o JOIN "Account" a ON a.id = o."accountId"
      WHERE o."tenantId" = ${scope.tenantId} AND ${sq}
        AND (o.stage NOT IN ('closed_won', 'closed_lost')
             OR (o."closedAt" >= ${period.from}::timestamp AND o."closedAt" < ${period.to}::timestamp))
      GROUP BY o.stage, o.currency`;
    const byStage = OPPORTUNITY_STAGES.map((stage) => {
      const rows = stageRows.filter((r) => r.stage === stage).sort((a, b) => a.currency.localeCompare(b.currency));
      return {
        stage,
        count: rows.reduce((s, r) => s + r.n, 0),
        amounts: rows.map((r) => ({ currency: r.currency, raw: round2(r.raw), weighted: round2(r.weighted) })),
      };
    });
    const totals = new Map<string, MoneyByCurrency>();
    for (const r of stageRows) {
      if (CLOSED_STAGES.includes(r.stage)) continue;
      const t = totals.get(r.currency) ?? { currency: r.currency, raw: 0, weighted: 0 };
      t.raw = round2(t.raw + r.raw);
      t.weighted = round2(t.weighted + r.weighted);
      totals.set(r.currency, t);
    }
    const won = byStage.find((s) => s.stage === 'closed_won')!.count;
    const lost = byStage.find((s) => s.stage === 'closed_lost')!.count;

    const stalledCut = new Date(now.getTime() - STALLED_AFTER_DAYS * 86_400_000);
    const openInScope: Prisma.OpportunityWhereInput = {
      tenantId: scope.tenantId, account: scopeWhere(scope), stage: { notIn: [...CLOSED_STAGES] },
    };
    const stalledRows = await this.db.opportunity.findMany({
      where: { ...openInScope, OR: [{ stageChangedAt: { lt: stalledCut } }, { expectedCloseAt: { lt: now } }] },
      select: oppSelect, orderBy: { stageChangedAt: 'asc' },
    });
    const stalled = stalledRows.map((o) => {
      const noChange = o.stageChangedAt < stalledCut;
      const since = noChange ? o.stageChangedAt : o.expectedCloseAt!;
      return { ...toDto(o), reason: noChange ? ('no_stage_change' as const) : ('past_expected_close' as const), days: Math.floor((now.getTime() - since.getTime()) / 86_400_000) };
    });
    const slipRows = await this.db.$queryRaw<{ id: string; first: Date; slips: number }[]>`
      SELECT o.id, min((al.before ->> 'expectedCloseAt')::timestamptz) AS first, count(*)::int AS slips
      FROM "Opportunity" o JOIN "Account" a ON a.id = o."accountId"
      JOIN "AuditLog" al ON al."tenantId" = o."tenantId" AND al."entityType" = 'Opportunity' AND al."entityId" = o.id
      WHERE o."tenantId" = ${scope.tenantId} AND ${sq} AND o.stage NOT IN ('closed_won', 'closed_lost')
        AND al.action = 'opportunity.update' AND al."undoneAt" IS NULL
        AND (al.after ->> 'expectedCloseAt')::timestamptz > (al.before ->> 'expectedCloseAt')::timestamptz
      GROUP BY o.id`;
    const slipOpps = slipRows.length
      ? await this.db.opportunity.findMany({ where: { id: { in: slipRows.map((r) => r.id) } }, select: oppSelect })
      : [];
    const slipping = slipOpps.map((o) => {
      const r = slipRows.find((x) => x.id === o.id)!;
      return { ...toDto(o), firstExpectedCloseAt: new Date(r.first), slips: r.slips };
    }).sort((a, b) => b.slips - a.slips || a.name.localeCompare(b.name));

    return {
      scope: opts.scope, period, byStage,
      openTotals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
      winRate: { won, lost, rate: won + lost ? Math.round((won / (won + lost)) * 10000) / 10000 : null },
      stalled, slipping,
    };
  }

  private async getVisible(actor: AnyActor, id: string): Promise<OppRow> {
    requireStaff(actor);
    const o = await this.db.opportunity.findFirst({ where: { id, tenantId: actor.tenantId }, select: oppSelect });
    if (!o) throw new NotFoundError('Opportunity', id, { en: 'that opportunity', zh: '该商机' });
    await getVisibleAccount(this.db, actor, o.accountId);
    return o;
  }
}

function userIdOf(actor: AnyActor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

export type { Db };
