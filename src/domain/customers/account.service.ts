// Accounts: create, change, aliases, and the 360° overview.
import type { PrismaClient } from '../shared/db.ts';
import type { Clock } from '../shared/clock.ts';
import type { AnyActor } from '../shared/access.ts';
import { getVisibleAccount, requireStaff } from '../shared/access.ts';
import { ValidationError } from '../shared/errors.ts';
import { AUDIT } from '../audit/actions.ts';
import { createAudited, getEditableAccount, requireAssignableUser, unionAliases, updateAudited } from './account-access.ts';
import { STAGE_PROBABILITY, toAccountDto, type AccountDto, type TierValue } from './dto.ts';

export interface AccountInput {
  name: string;
  aliases?: string[];
  industry?: string | null;
  region?: string | null;
  tier?: TierValue;
  /** Defaults to the acting user. */
  ownerId?: string | null;
}

export type AccountPatch = Partial<AccountInput>;

export interface AccountOverview {
  account: AccountDto;
  owner: { id: string; name: string } | null;
  tier: TierValue;
  lifecycleStage: string;
  lastTouch: { interactionId: string; type: string; occurredAt: Date; summary: string; userName: string | null } | null;
  nextTouch: { taskId: string; title: string; dueAt: Date; assigneeId: string } | null;
  openTasks: { id: string; title: string; dueAt: Date; assigneeId: string; overdue: boolean }[];
  openTickets: { id: string; subject: string; priority: string; status: string; openedAt: Date; firstResponseDueAt: Date }[];
  pipeline: { count: number; sum: number; weighted: number; currency: string | null };
  latestResponses: { surveyId: string; kind: 'csat' | 'nps'; score: number; comment: string | null; respondedAt: Date; contactId: string }[];
  decisionChain: Record<string, { id: string; name: string; title: string | null }[]>;
  contactCount: number;
}

export class AccountService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
  ) {}

  /** Any staff member may create an account; a rep becomes its owner. */
  async createAccount(actor: AnyActor, input: AccountInput): Promise<AccountDto> {
    requireStaff(actor);
    const name = input.name?.trim();
    if (!name) throw new ValidationError('name', 'The account needs a name.', '客户需要一个名称。');
    let ownerId = input.ownerId === undefined ? (actor.kind === 'user' ? actor.userId : null) : input.ownerId;
    if (ownerId) await requireAssignableUser(this.db, actor, ownerId);
    return createAudited(this.db, actor, {
      action: AUDIT.accountCreate,
      entityType: 'Account',
      toDto: toAccountDto,
      write: (tx) =>
        tx.account.create({
          data: {
            tenantId: actor.tenantId,
            name,
            aliases: unionAliases(input.aliases),
            industry: input.industry ?? null,
            region: input.region ?? null,
            tier: input.tier ?? 'C',
            ownerId: ownerId ?? null,
          },
        }),
    });
  }

  async updateAccount(actor: AnyActor, accountId: string, patch: AccountPatch): Promise<AccountDto> {
    const current = await getEditableAccount(this.db, actor, accountId);
    if (patch.name !== undefined && !patch.name.trim()) {
      throw new ValidationError('name', 'The account name cannot be empty.', '客户名称不能为空。');
    }
    if (patch.ownerId) await requireAssignableUser(this.db, actor, patch.ownerId);
    const next = {
      name: patch.name?.trim(),
      aliases: patch.aliases === undefined ? undefined : unionAliases(patch.aliases),
      industry: patch.industry,
      region: patch.region,
      tier: patch.tier,
      ownerId: patch.ownerId,
    };
    return updateAudited(this.db, actor, {
      current,
      next,
      action: AUDIT.accountUpdate,
      entityType: 'Account',
      entityId: accountId,
      write: (tx, data) => tx.account.update({ where: { id: accountId }, data }),
      toDto: toAccountDto,
    });
  }

  async addAccountAlias(actor: AnyActor, accountId: string, alias: string): Promise<AccountDto> {
    const current = await getEditableAccount(this.db, actor, accountId);
    if (!alias.trim()) throw new ValidationError('alias', 'The alias cannot be empty.', '别名不能为空。');
    return this.updateAccount(actor, accountId, { aliases: unionAliases(current.aliases, alias) });
  }

  async getAccount(actor: AnyActor, accountId: string): Promise<AccountDto> {
    return toAccountDto(await getVisibleAccount(this.db, actor, accountId));
  }

  /** The 360° view: who owns it, where it stands, what happened last and what happens next. */
  async accountOverview(actor: AnyActor, accountId: string): Promise<AccountOverview> {
    const account = await getVisibleAccount(this.db, actor, accountId);
    const now = this.clock.now();
    const where = { tenantId: actor.tenantId, accountId };
    const [owner, lastInteraction, openTasks, openTickets, opps, responses, contacts] = await Promise.all([
      account.ownerId ? this.db.user.findFirst({ where: { id: account.ownerId }, select: { id: true, name: true } }) : null,
      this.db.interaction.findFirst({
        where,
        orderBy: { occurredAt: 'desc' },
        include: { user: { select: { name: true } } },
      }),
      this.db.task.findMany({ where: { ...where, status: 'open' }, orderBy: { dueAt: 'asc' }, take: 50 }),
      this.db.ticket.findMany({
        where: { ...where, status: { in: ['open', 'in_progress'] } },
        orderBy: { openedAt: 'desc' },
        take: 50,
      }),
      this.db.opportunity.findMany({ where: { ...where, stage: { notIn: ['closed_won', 'closed_lost'] } } }),
      this.db.surveyResponse.findMany({
        where: { tenantId: actor.tenantId, survey: { accountId } },
        include: { survey: { select: { kind: true, contactId: true } } },
        orderBy: { respondedAt: 'desc' },
        take: 10,
      }),
      this.db.contact.findMany({
        where: { ...where, mergedIntoId: null, erasedAt: null },
        select: { id: true, name: true, title: true, decisionRole: true },
        orderBy: { name: 'asc' },
      }),
    ]);
    let sum = 0;
    let weighted = 0;
    const currencies = new Set<string>();
    for (const o of opps) {
      const amount = Number(o.amount);
      sum += amount;
      weighted += amount * (o.probability ?? STAGE_PROBABILITY[o.stage] ?? 0);
      currencies.add(o.currency);
    }
    const decisionChain: AccountOverview['decisionChain'] = {};
    for (const c of contacts) {
      (decisionChain[c.decisionRole ?? 'unknown'] ??= []).push({ id: c.id, name: c.name, title: c.title });
    }
    const firstTask = openTasks[0];
    return {
      account: toAccountDto(account),
      owner,
      tier: account.tier,
      lifecycleStage: account.lifecycleStage,
      lastTouch: lastInteraction
        ? {
            interactionId: lastInteraction.id,
            type: lastInteraction.type,
            occurredAt: lastInteraction.occurredAt,
            summary: lastInteraction.summary,
            userName: lastInteraction.user?.name ?? null,
          }
        : null,
      nextTouch: firstTask
        ? { taskId: firstTask.id, title: firstTask.title, dueAt: firstTask.dueAt, assigneeId: firstTask.assigneeId }
        : null,
      openTasks: openTasks.map((t) => ({
        id: t.id,
        title: t.title,
        dueAt: t.dueAt,
        assigneeId: t.assigneeId,
        overdue: t.dueAt < now,
      })),
      openTickets: openTickets.map((t) => ({
        id: t.id,
        subject: t.subject,
        priority: t.priority,
        status: t.status,
        openedAt: t.openedAt,
        firstResponseDueAt: t.firstResponseDueAt,
      })),
      pipeline: {
        count: opps.length,
        sum: round2(sum),
        weighted: round2(weighted),
        currency: currencies.size === 1 ? [...currencies][0]! : currencies.size ? 'mixed' : null,
      },
      latestResponses: responses.map((r) => ({
        surveyId: r.surveyId,
        kind: r.survey.kind,
        score: r.score,
        comment: r.comment,
        respondedAt: r.respondedAt,
        contactId: r.survey.contactId,
      })),
      decisionChain,
      contactCount: contacts.length,
    };
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;
