// Builders for the domain integration tests (settings, pipeline, tickets, value, risk, kpi, io).
// Each test file gets a fresh database; these helpers create a tenant with a small org chart:
//   admin ─ manager ─┬─ rep1
//                    └─ rep2
//   rep3 (no manager, outside the team)
import type { Actor, SystemActor } from '../../../src/domain/shared/actor.ts';
import type { PrismaClient } from '../../../src/domain/shared/db.ts';

export const DAY = 86_400_000;
export const daysBefore = (t: Date, n: number) => new Date(t.getTime() - n * DAY);
export const daysAfter = (t: Date, n: number) => new Date(t.getTime() + n * DAY);

type UserRow = { id: string; name: string; role: 'rep' | 'manager' | 'admin' };

export interface Org {
  tenantId: string;
  admin: UserRow;
  manager: UserRow;
  rep1: UserRow;
  rep2: UserRow;
  rep3: UserRow;
  system: SystemActor;
  as(u: UserRow, tz?: string): Actor;
}

export async function makeOrg(p: PrismaClient, name = 'Acme', settings: object = {}): Promise<Org> {
  const tenant = await p.tenant.create({ data: { kind: 'local', name, settings } });
  const mk = (n: string, role: UserRow['role'], managerId?: string) =>
    p.user.create({ data: { tenantId: tenant.id, name: n, role, managerId: managerId ?? null }, select: { id: true, name: true, role: true } });
  const admin = await mk('Ada Admin', 'admin');
  const manager = await mk('Mia Manager', 'manager', admin.id);
  const rep1 = await mk('Ray Rep', 'rep', manager.id);
  const rep2 = await mk('Rita Rep', 'rep', manager.id);
  const rep3 = await mk('Otto Outsider', 'rep');
  return {
    tenantId: tenant.id,
    admin, manager, rep1, rep2, rep3,
    system: { kind: 'system', tenantId: tenant.id },
    as: (u, tz = 'UTC') => ({ kind: 'user', tenantId: tenant.id, userId: u.id, role: u.role, name: u.name, timezone: tz, locale: 'en' }),
  };
}

export async function addAccount(
  p: PrismaClient,
  org: Org,
  name: string,
  opts: { ownerId?: string | null; tier?: 'A' | 'B' | 'C'; lifecycleStage?: 'lead' | 'prospect' | 'customer' | 'loyal' | 'at_risk' | 'churned'; createdAt?: Date; externalId?: string } = {},
) {
  const a = await p.account.create({
    data: {
      tenantId: org.tenantId,
      name,
      ownerId: opts.ownerId === undefined ? org.rep1.id : opts.ownerId,
      tier: opts.tier ?? 'C',
      lifecycleStage: opts.lifecycleStage ?? 'customer',
      createdAt: opts.createdAt ?? new Date('2025-01-01T00:00:00Z'),
      externalId: opts.externalId ?? null,
    },
  });
  const contact = await p.contact.create({ data: { tenantId: org.tenantId, accountId: a.id, name: `${name} contact` } });
  return { ...a, contactId: contact.id };
}

export async function addInteractions(
  p: PrismaClient, org: Org, accountId: string, at: Date[], opts: { sentiment?: number | null; userId?: string; type?: 'visit' | 'call' | 'meeting' | 'email' | 'message' | 'note' } = {},
) {
  await p.interaction.createMany({
    data: at.map((occurredAt) => ({
      tenantId: org.tenantId, accountId, occurredAt, type: opts.type ?? 'call',
      sentiment: opts.sentiment ?? null, userId: opts.userId ?? null,
    })),
  });
}

export async function addOrders(p: PrismaClient, org: Org, accountId: string, orders: [Date, number][], currency = 'USD') {
  await p.order.createMany({
    data: orders.map(([orderedAt, amount]) => ({ tenantId: org.tenantId, accountId, orderedAt, amount, currency })),
  });
}

export async function addSurveyAnswer(
  p: PrismaClient, org: Org, acct: { id: string; contactId: string }, kind: 'csat' | 'nps', score: number, respondedAt: Date,
) {
  const s = await p.survey.create({
    data: {
      tenantId: org.tenantId, kind, contactId: acct.contactId, accountId: acct.id, status: 'answered',
      scheduledAt: respondedAt, sentAt: respondedAt, createdAt: daysBefore(respondedAt, 1),
    },
  });
  await p.surveyResponse.create({ data: { tenantId: org.tenantId, surveyId: s.id, score, respondedAt } });
  return s;
}

export async function addTicket(
  p: PrismaClient, org: Org, accountId: string, openedAt: Date, dueAt: Date, opts: { respondedAt?: Date; status?: 'open' | 'in_progress' | 'resolved' | 'closed'; kind?: 'complaint' | 'service_request' } = {},
) {
  return p.ticket.create({
    data: {
      tenantId: org.tenantId, accountId, subject: 'Problem', openedAt, firstResponseDueAt: dueAt,
      firstRespondedAt: opts.respondedAt ?? null, status: opts.status ?? 'open', kind: opts.kind ?? 'complaint',
    },
  });
}

export async function addOpportunity(
  p: PrismaClient, org: Org, accountId: string, opts: { stageChangedAt: Date; expectedCloseAt?: Date; stage?: 'qualification' | 'proposal' | 'closed_won'; ownerId?: string },
) {
  return p.opportunity.create({
    data: {
      tenantId: org.tenantId, accountId, name: 'Deal', amount: 1000, stage: opts.stage ?? 'proposal',
      stageChangedAt: opts.stageChangedAt, expectedCloseAt: opts.expectedCloseAt ?? null, ownerId: opts.ownerId ?? null,
    },
  });
}
