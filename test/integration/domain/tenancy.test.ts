// Tenant isolation and roles across every service of the CRM domain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UndoService } from '../../../src/domain/audit/index.ts';
import { AccountService, ContactService, MergeService } from '../../../src/domain/customers/index.ts';
import { InteractionService } from '../../../src/domain/interactions/index.ts';
import { PrivacyService } from '../../../src/domain/privacy/index.ts';
import { ResolutionService } from '../../../src/domain/resolution/index.ts';
import { TaskService } from '../../../src/domain/tasks/index.ts';
import { fixedClock } from '../../../src/domain/shared/clock.ts';
import type { PrismaClient } from '../../../src/domain/shared/db.ts';
import { ForbiddenError, NotFoundError } from '../../../src/domain/shared/errors.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import { buildWorld, userActor, type World } from './_fixtures.ts';

const clock = fixedClock('2026-03-10T08:00:00Z');

function services(p: PrismaClient) {
  return {
    accounts: new AccountService(p, clock),
    contacts: new ContactService(p, clock),
    merge: new MergeService(p, clock),
    resolution: new ResolutionService(p, clock),
    interactions: new InteractionService(p, clock),
    tasks: new TaskService(p, clock),
    undo: new UndoService(p, clock),
    privacy: new PrivacyService(p, clock),
  };
}

/** Everything tenant B holds, to prove nothing changed. */
async function snapshot(p: PrismaClient, tenantId: string) {
  const where = { tenantId };
  return JSON.stringify(
    await Promise.all([
      p.account.findMany({ where, orderBy: { id: 'asc' } }),
      p.contact.findMany({ where, orderBy: { id: 'asc' } }),
      p.interaction.findMany({ where, orderBy: { id: 'asc' } }),
      p.task.findMany({ where, orderBy: { id: 'asc' } }),
      p.auditLog.findMany({ where, orderBy: { id: 'asc' } }),
      p.outbox.findMany({ where, orderBy: { id: 'asc' } }),
    ]),
  );
}

describe.each(DB_KINDS)('tenancy on %s', (kind) => {
  let db: TestDatabase;
  let a: World;
  let b: World;
  let bTask: string;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    a = await buildWorld(db.prisma, 'A');
    b = await buildWorld(db.prisma, 'B');
    bTask = (await services(db.prisma).tasks.createFollowUp(b.actors.ann, { title: 'B task', dueAt: '2026-03-11T00:00:00Z' })).id;
  });
  afterAll(() => db?.drop());

  it("finds nothing of tenant B for any role of tenant A, and writes nothing there", async () => {
    const s = services(db.prisma);
    const before = await snapshot(db.prisma, b.tenantId);
    const acc = b.accounts.hospital.id;
    const con = b.contacts.liMing.id;
    for (const actor of [a.actors.ann, a.actors.manager, a.actors.admin, a.actors.system]) {
      const calls: [string, () => Promise<unknown>][] = [
        ['getAccount', () => s.accounts.getAccount(actor, acc)],
        ['updateAccount', () => s.accounts.updateAccount(actor, acc, { tier: 'C' })],
        ['addAccountAlias', () => s.accounts.addAccountAlias(actor, acc, 'x')],
        ['accountOverview', () => s.accounts.accountOverview(actor, acc)],
        ['createContact', () => s.contacts.createContact(actor, { name: 'x', accountId: acc })],
        ['updateContact', () => s.contacts.updateContact(actor, con, { title: 'x' })],
        ['contactOverview', () => s.contacts.contactOverview(actor, con)],
        ['mergeAccounts', () => s.merge.mergeAccounts(actor, a.accounts.acme.id, acc)],
        ['mergeContacts', () => s.merge.mergeContacts(actor, a.contacts.liMing.id, con)],
        ['logInteraction', () => s.interactions.logInteraction(actor, { contactId: con, type: 'visit', occurredAt: new Date(), summary: 'x' })],
        ['logInteraction(account)', () => s.interactions.logInteraction(actor, { accountId: acc, type: 'call', occurredAt: new Date(), summary: 'x' })],
        ['timeline', () => s.interactions.timeline(actor, acc)],
        ['createFollowUp', () => s.tasks.createFollowUp(actor, { title: 'x', dueAt: new Date(), accountId: acc, assigneeId: actor.kind === 'system' ? a.users.admin.id : undefined })],
        ['createFollowUp(assignee)', () => s.tasks.createFollowUp(actor, { title: 'x', dueAt: new Date(), assigneeId: b.users.ann.id })],
        ['complete', () => s.tasks.complete(actor, bTask)],
        ['snooze', () => s.tasks.snooze(actor, bTask, { hours: 1 })],
        ['reschedule', () => s.tasks.reschedule(actor, bTask, new Date())],
        ['reassign', () => s.tasks.reassign(actor, bTask, a.users.admin.id)],
        ['cancel', () => s.tasks.cancel(actor, bTask)],
        ['listOpen', () => s.tasks.listOpen(actor, { userId: b.users.ann.id })],
        ['exportContact', () => s.privacy.exportContact(actor, con)],
        ['eraseContact', () => s.privacy.eraseContact(actor, con)],
        ['setOptOut', () => s.privacy.setOptOut(actor, con, { surveys: true })],
      ];
      for (const [name, call] of calls) {
        if (actor.kind === 'user' && actor.role === 'rep' && name === 'eraseContact') {
          await expect(call(), name).rejects.toBeInstanceOf(ForbiddenError);
          continue;
        }
        await expect(call(), `${actor.kind} ${name}`).rejects.toBeInstanceOf(NotFoundError);
      }
      // Reads that search return nothing of B (and never throw).
      const r = await s.resolution.resolve(actor, 'Hank Scorpio');
      expect(r.status === 'found' ? r.match.id : null).not.toBe(b.contacts.hank.id);
      expect(r.status === 'found' ? r.match.id : null).toBe(actor.kind === 'user' && actor.role === 'rep' ? null : a.contacts.hank.id);
      const team = await s.tasks.listTeamOverdue(actor);
      expect(team.every((t) => t.id !== bTask)).toBe(true);
    }
    expect(await snapshot(db.prisma, b.tenantId)).toBe(before);
  });

  it("forbids a rep another rep's account, contacts and tasks", async () => {
    const s = services(db.prisma);
    const bob = a.actors.bob;
    const acc = a.accounts.hospital.id;
    const con = a.contacts.liMing.id;
    const annTask = (await s.tasks.createFollowUp(a.actors.ann, { title: 'Ann only', dueAt: '2026-03-11T00:00:00Z' })).id;
    const calls: [string, () => Promise<unknown>][] = [
      ['getAccount', () => s.accounts.getAccount(bob, acc)],
      ['updateAccount', () => s.accounts.updateAccount(bob, acc, { tier: 'C' })],
      ['accountOverview', () => s.accounts.accountOverview(bob, acc)],
      ['createContact', () => s.contacts.createContact(bob, { name: 'x', accountId: acc })],
      ['updateContact', () => s.contacts.updateContact(bob, con, { title: 'x' })],
      ['contactOverview', () => s.contacts.contactOverview(bob, con)],
      ['mergeAccounts', () => s.merge.mergeAccounts(bob, a.accounts.globex.id, acc)],
      ['logInteraction', () => s.interactions.logInteraction(bob, { contactId: con, type: 'visit', occurredAt: new Date(), summary: 'x' })],
      ['timeline', () => s.interactions.timeline(bob, acc)],
      ['createFollowUp', () => s.tasks.createFollowUp(bob, { title: 'x', dueAt: new Date(), accountId: acc })],
      ['complete', () => s.tasks.complete(bob, annTask)],
      ['listOpen', () => s.tasks.listOpen(bob, { userId: a.users.ann.id })],
      ['exportContact', () => s.privacy.exportContact(bob, con)],
      ['setOptOut', () => s.privacy.setOptOut(bob, con, { surveys: true })],
    ];
    for (const [name, call] of calls) await expect(call(), name).rejects.toBeInstanceOf(ForbiddenError);
    // A shared account is visible but still not Bob's to change.
    await db.prisma.accountShare.create({ data: { accountId: acc, userId: a.users.bob.id } });
    expect((await s.accounts.getAccount(bob, acc)).name).toBe('市第一医院');
    await expect(s.accounts.updateAccount(bob, acc, { tier: 'C' })).rejects.toBeInstanceOf(ForbiddenError);
    await db.prisma.accountShare.delete({ where: { accountId_userId: { accountId: acc, userId: a.users.bob.id } } });
  });

  it("lets a manager see their reports' accounts transitively, not a peer team's", async () => {
    const p = db.prisma;
    const s = services(p);
    const t = a.tenantId;
    const director = await p.user.create({ data: { tenantId: t, name: 'Director', role: 'manager' } });
    await p.user.update({ where: { id: a.users.manager.id }, data: { managerId: director.id } });
    const peer = await p.user.create({ data: { tenantId: t, name: 'Peer manager', role: 'manager' } });
    const dir = userActor(t, { ...director, role: 'manager' });
    const peerActor = userActor(t, { ...peer, role: 'manager' });
    // Director → Mei → Ann: two levels down.
    expect((await s.accounts.accountOverview(dir, a.accounts.hospital.id)).owner?.id).toBe(a.users.ann.id);
    const r = await s.resolution.resolve(dir, '李明');
    expect(r.status === 'found' && r.match.id).toBe(a.contacts.liMing.id);
    await s.accounts.updateAccount(dir, a.accounts.hospital.id, { industry: 'hospital' });
    await expect(s.accounts.accountOverview(peerActor, a.accounts.hospital.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await s.resolution.resolve(peerActor, '李明')).status).toBe('none');
  });

  it('refuses a contact actor everything but opting out', async () => {
    const s = services(db.prisma);
    const me = a.actors.liMing;
    const con = a.contacts.liMing.id;
    const acc = a.accounts.hospital.id;
    const calls: [string, () => Promise<unknown>][] = [
      ['createAccount', () => s.accounts.createAccount(me, { name: 'x' })],
      ['getAccount', () => s.accounts.getAccount(me, acc)],
      ['accountOverview', () => s.accounts.accountOverview(me, acc)],
      ['createContact', () => s.contacts.createContact(me, { name: 'x' })],
      ['updateContact', () => s.contacts.updateContact(me, con, { title: 'x' })],
      ['contactOverview', () => s.contacts.contactOverview(me, con)],
      ['mergeContacts', () => s.merge.mergeContacts(me, con, a.contacts.liWei.id)],
      ['resolve', () => s.resolution.resolve(me, '李明')],
      ['logInteraction', () => s.interactions.logInteraction(me, { contactId: con, type: 'visit', occurredAt: new Date(), summary: 'x' })],
      ['timeline', () => s.interactions.timeline(me, acc)],
      ['createFollowUp', () => s.tasks.createFollowUp(me, { title: 'x', dueAt: new Date(), assigneeId: a.users.ann.id })],
      ['listOpen', () => s.tasks.listOpen(me, { userId: a.users.ann.id })],
      ['listTeamOverdue', () => s.tasks.listTeamOverdue(me)],
      ['findTaskByText', () => s.tasks.findTaskByText(me, 'x')],
      ['undoLast', () => s.undo.undoLast(me)],
      ['exportContact', () => s.privacy.exportContact(me, con)],
      ['eraseContact', () => s.privacy.eraseContact(me, con)],
    ];
    for (const [name, call] of calls) await expect(call(), name).rejects.toBeInstanceOf(ForbiddenError);
    expect(await s.privacy.setOptOut(me, con, { surveys: true, greetings: true })).toMatchObject({ surveyOptOut: true, greetingOptOut: true });
    // A contact may only speak for themselves, whatever the id.
    await expect(s.privacy.setOptOut(me, b.contacts.liMing.id, { surveys: true })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
