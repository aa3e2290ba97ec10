import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountService, ContactService, MergeService } from '../../../src/domain/customers/index.ts';
import { fixedClock } from '../../../src/domain/shared/clock.ts';
import { ForbiddenError, NotFoundError } from '../../../src/domain/shared/errors.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import { buildWorld } from './_fixtures.ts';

const clock = fixedClock('2026-03-10T08:00:00Z');

describe.each(DB_KINDS)('customers on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.drop());

  it('lets a rep create an account they then own, audited', async () => {
    const w = await buildWorld(db.prisma);
    const accounts = new AccountService(db.prisma, clock);
    const a = await accounts.createAccount(w.actors.bob, { name: 'Initech', aliases: ['Initech', 'INITECH LLC'], tier: 'B' });
    expect(a.ownerId).toBe(w.users.bob.id);
    expect(a.aliases).toEqual(['Initech', 'INITECH LLC']);
    const rows = await db.prisma.auditLog.findMany({ where: { tenantId: w.tenantId, entityId: a.id } });
    expect(rows.map((r) => r.action)).toEqual(['account.create']);
  });

  it('lets owner and manager change an account but not another rep', async () => {
    const w = await buildWorld(db.prisma);
    const accounts = new AccountService(db.prisma, clock);
    await expect(accounts.updateAccount(w.actors.bob, w.accounts.hospital.id, { tier: 'B' })).rejects.toBeInstanceOf(ForbiddenError);
    const byOwner = await accounts.updateAccount(w.actors.ann, w.accounts.hospital.id, { industry: 'hospital' });
    expect(byOwner.industry).toBe('hospital');
    const byManager = await accounts.updateAccount(w.actors.manager, w.accounts.hospital.id, { ownerId: w.users.bob.id });
    expect(byManager.ownerId).toBe(w.users.bob.id);
    // A rep cannot hand their account to a colleague.
    await expect(accounts.updateAccount(w.actors.bob, w.accounts.globex.id, { ownerId: w.users.ann.id })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const audit = await db.prisma.auditLog.findMany({
      where: { tenantId: w.tenantId, entityId: w.accounts.hospital.id, action: 'account.update' },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((r) => r.after)).toEqual([{ industry: 'hospital' }, { ownerId: w.users.bob.id }]);
    expect(audit[0]?.before).toEqual({ industry: 'pharma' });
    await expect(accounts.getAccount(w.actors.ann, 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('creates and updates contacts with birthday parts and aliases', async () => {
    const w = await buildWorld(db.prisma);
    const contacts = new ContactService(db.prisma, clock);
    const c = await contacts.createContact(w.actors.ann, {
      name: '王芳',
      accountId: w.accounts.hospital.id,
      title: '院长',
      decisionRole: 'decision_maker',
      birthday: '1975-11-23',
      timezone: 'Asia/Shanghai',
      preferredChannel: 'teams',
    });
    const row = await db.prisma.contact.findUniqueOrThrow({ where: { id: c.id } });
    expect([row.birthMonth, row.birthDay]).toEqual([11, 23]);
    expect(c.birthday).toBe('1975-11-23');
    await contacts.addContactAlias(w.actors.ann, c.id, 'President Wang');
    await contacts.addContactAlias(w.actors.ann, c.id, 'president wang');
    const updated = await contacts.updateContact(w.actors.ann, c.id, { phone: '+86 10 1234' });
    expect(updated.aliases).toEqual(['President Wang']);
    expect(updated.phone).toBe('+86 10 1234');
    await expect(
      contacts.createContact(w.actors.bob, { name: 'X', accountId: w.accounts.hospital.id }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('merges duplicate accounts: children move, aliases unite, loser is marked and both audited', async () => {
    const w = await buildWorld(db.prisma);
    const p = db.prisma;
    const t = w.tenantId;
    const dup = await p.account.create({
      data: { tenantId: t, name: 'Acme Corp', aliases: ['ACME'], ownerId: w.users.ann.id, lastInteractionAt: new Date('2026-03-01') },
    });
    const dupContact = await p.contact.create({ data: { tenantId: t, accountId: dup.id, name: 'Road Runner' } });
    await p.interaction.create({ data: { tenantId: t, accountId: dup.id, type: 'call', occurredAt: new Date('2026-03-01') } });
    await p.task.create({ data: { tenantId: t, accountId: dup.id, title: 'Call back', dueAt: new Date(), assigneeId: w.users.ann.id } });
    await p.ticket.create({ data: { tenantId: t, accountId: dup.id, subject: 'Late', firstResponseDueAt: new Date() } });
    await p.opportunity.create({ data: { tenantId: t, accountId: dup.id, name: 'Anvils', amount: 1000 } });
    await p.order.create({ data: { tenantId: t, accountId: dup.id, orderedAt: new Date(), amount: 10 } });
    await p.survey.create({ data: { tenantId: t, accountId: dup.id, contactId: dupContact.id, kind: 'csat', scheduledAt: new Date() } });

    const merge = new MergeService(p, clock);
    const res = await merge.mergeAccounts(w.actors.ann, w.accounts.acme.id, dup.id);
    expect(res.moved).toMatchObject({ contacts: 1, interactions: 1, tasks: 1, tickets: 1, opportunities: 1, orders: 1, surveys: 1 });
    expect(res.winner.aliases).toEqual(['Acme Corp', 'ACME']);
    const winnerId = w.accounts.acme.id;
    expect(await p.contact.count({ where: { accountId: winnerId } })).toBe(2);
    for (const model of ['interaction', 'task', 'ticket', 'opportunity', 'order', 'survey'] as const) {
      // @ts-expect-error -- same shape of count() on each model
      expect(await p[model].count({ where: { accountId: dup.id } })).toBe(0);
    }
    const loser = await p.account.findUniqueOrThrow({ where: { id: dup.id } });
    expect(loser.mergedIntoId).toBe(winnerId);
    const winner = await p.account.findUniqueOrThrow({ where: { id: winnerId } });
    expect(winner.lastInteractionAt?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    const audits = await p.auditLog.findMany({ where: { tenantId: t, action: 'account.merge' } });
    expect(audits.map((a) => a.entityId).sort()).toEqual([winnerId, dup.id].sort());
    // Bob may not merge Ann's accounts.
    await expect(merge.mergeAccounts(w.actors.bob, w.accounts.acme.id, w.accounts.globex.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('merges duplicate contacts, moving interactions, participations, tasks, surveys and greetings', async () => {
    const w = await buildWorld(db.prisma);
    const p = db.prisma;
    const t = w.tenantId;
    const dup = await p.contact.create({
      data: { tenantId: t, accountId: w.accounts.hospital.id, name: 'Li Ming', aliases: ['明哥'], phone: '123' },
    });
    const i = await p.interaction.create({
      data: {
        tenantId: t,
        accountId: w.accounts.hospital.id,
        contactId: dup.id,
        type: 'visit',
        occurredAt: new Date(),
        participants: { create: [{ contactId: dup.id }, { contactId: w.contacts.liMing.id }] },
      },
    });
    await p.task.create({ data: { tenantId: t, contactId: dup.id, title: 'Samples', dueAt: new Date(), assigneeId: w.users.ann.id } });
    const s = await p.survey.create({ data: { tenantId: t, contactId: dup.id, kind: 'nps', scheduledAt: new Date() } });
    await p.greeting.create({ data: { tenantId: t, contactId: dup.id, occasion: 'birthday', year: 2026, scheduledAt: new Date() } });
    await p.greeting.create({
      data: { tenantId: t, contactId: w.contacts.liMing.id, occasion: 'birthday', year: 2026, scheduledAt: new Date() },
    });
    await p.chatIdentity.create({ data: { tenantId: t, channel: 'web', externalId: 'web-li', contactId: dup.id } });

    const res = await new MergeService(p, clock).mergeContacts(w.actors.ann, w.contacts.liMing.id, dup.id);
    expect(res.winner.aliases).toEqual(['Dr. Li', 'Li Ming', '明哥']);
    expect(res.winner.phone).toBe('123');
    expect((await p.interaction.findUniqueOrThrow({ where: { id: i.id } })).contactId).toBe(w.contacts.liMing.id);
    expect(await p.interactionParticipant.count({ where: { interactionId: i.id } })).toBe(1);
    expect(await p.task.count({ where: { contactId: w.contacts.liMing.id } })).toBe(1);
    expect((await p.survey.findUniqueOrThrow({ where: { id: s.id } })).contactId).toBe(w.contacts.liMing.id);
    expect(await p.greeting.count({ where: { contactId: w.contacts.liMing.id } })).toBe(1);
    expect(await p.chatIdentity.count({ where: { contactId: w.contacts.liMing.id } })).toBe(1);
    expect((await p.contact.findUniqueOrThrow({ where: { id: dup.id } })).mergedIntoId).toBe(w.contacts.liMing.id);
  });

  it('gives a 360° view of an account and a contact', async () => {
    const w = await buildWorld(db.prisma);
    const p = db.prisma;
    const t = w.tenantId;
    const h = w.accounts.hospital.id;
    await p.interaction.create({
      data: { tenantId: t, accountId: h, contactId: w.contacts.liMing.id, userId: w.users.ann.id, type: 'visit', occurredAt: new Date('2026-03-05'), summary: '送样品' },
    });
    await p.interaction.create({ data: { tenantId: t, accountId: h, type: 'call', occurredAt: new Date('2026-02-01') } });
    await p.task.create({ data: { tenantId: t, accountId: h, title: 'Later', dueAt: new Date('2026-04-01'), assigneeId: w.users.ann.id } });
    await p.task.create({ data: { tenantId: t, accountId: h, title: 'Soon', dueAt: new Date('2026-03-09'), assigneeId: w.users.ann.id } });
    await p.task.create({ data: { tenantId: t, accountId: h, title: 'Done', dueAt: new Date('2026-03-01'), assigneeId: w.users.ann.id, status: 'done' } });
    await p.ticket.create({ data: { tenantId: t, accountId: h, subject: '发票错误', firstResponseDueAt: new Date() } });
    await p.opportunity.create({ data: { tenantId: t, accountId: h, name: 'CT', amount: 100000, stage: 'proposal' } });
    await p.opportunity.create({ data: { tenantId: t, accountId: h, name: 'MRI', amount: 50000, probability: 0.9, stage: 'negotiation' } });
    await p.opportunity.create({ data: { tenantId: t, accountId: h, name: 'Old', amount: 7, stage: 'closed_won' } });
    const survey = await p.survey.create({
      data: { tenantId: t, accountId: h, contactId: w.contacts.liMing.id, kind: 'csat', scheduledAt: new Date(), status: 'answered' },
    });
    await p.surveyResponse.create({ data: { tenantId: t, surveyId: survey.id, score: 4, comment: '不错' } });

    const o = await new AccountService(p, clock).accountOverview(w.actors.manager, h);
    expect(o.owner?.id).toBe(w.users.ann.id);
    expect(o.tier).toBe('A');
    expect(o.lastTouch?.summary).toBe('送样品');
    expect(o.nextTouch?.title).toBe('Soon');
    expect(o.openTasks.map((x) => [x.title, x.overdue])).toEqual([['Soon', true], ['Later', false]]);
    expect(o.openTickets).toHaveLength(1);
    expect(o.pipeline).toEqual({ count: 2, sum: 150000, weighted: 95000, currency: 'USD' });
    expect(o.latestResponses[0]).toMatchObject({ kind: 'csat', score: 4 });
    expect(o.decisionChain.decision_maker?.map((c) => c.name)).toEqual(['李明']);
    expect(o.decisionChain.gatekeeper?.map((c) => c.name)).toEqual(['李伟']);

    const c = await new ContactService(p, clock).contactOverview(w.actors.ann, w.contacts.liMing.id);
    expect(c.account?.name).toBe('市第一医院');
    expect(c.recentInteractions).toHaveLength(1);
    expect(c.latestResponses[0]?.score).toBe(4);
    await expect(new AccountService(p, clock).accountOverview(w.actors.bob, h)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
