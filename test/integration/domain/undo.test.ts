import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UndoService } from '../../../src/domain/audit/index.ts';
import { AccountService, ContactService, MergeService } from '../../../src/domain/customers/index.ts';
import { InteractionService } from '../../../src/domain/interactions/index.ts';
import { TaskService } from '../../../src/domain/tasks/index.ts';
import { fixedClock } from '../../../src/domain/shared/clock.ts';
import { ConflictError, ForbiddenError } from '../../../src/domain/shared/errors.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import { buildWorld } from './_fixtures.ts';

const clock = fixedClock('2026-03-10T08:00:00Z');

const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    return err instanceof ConflictError ? err.code : String(err);
  }
};

describe.each(DB_KINDS)('undo on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.drop());

  it('undoes a logged visit: the interaction, its follow-up task and their jobs go away', async () => {
    const w = await buildWorld(db.prisma);
    const p = db.prisma;
    const interactions = new InteractionService(p, clock);
    const before = await interactions.logInteraction(w.actors.ann, {
      contactId: w.contacts.liMing.id,
      type: 'call',
      occurredAt: new Date('2026-03-01T00:00:00Z'),
      summary: 'earlier call',
    });
    const res = await interactions.logInteraction(w.actors.ann, {
      contactId: w.contacts.liMing.id,
      type: 'visit',
      occurredAt: new Date('2026-03-10T02:00:00Z'),
      summary: '拜访李主任',
      followUp: { title: '寄送报价', dueAt: '2026-03-12T00:00:00Z' },
    });
    const undo = new UndoService(p, clock);
    const out = await undo.undoLast(w.actors.ann);
    expect(out).toMatchObject({ entityType: 'Interaction', entityId: res.interaction.id, effect: 'deleted', action: 'interaction.create' });
    expect(out.also.map((a) => a.entityId)).toEqual([res.task!.id]);
    expect(out.description.en).toContain('拜访李主任');
    expect(out.description.zh).toContain('已删除');
    expect(await p.interaction.findUnique({ where: { id: res.interaction.id } })).toBeNull();
    expect(await p.task.findUnique({ where: { id: res.task!.id } })).toBeNull();
    expect(await p.outbox.count({ where: { tenantId: w.tenantId, jobId: { contains: res.interaction.id } } })).toBe(0);
    expect(await p.outbox.count({ where: { tenantId: w.tenantId, jobId: { contains: res.task!.id } } })).toBe(0);
    const account = await p.account.findUniqueOrThrow({ where: { id: w.accounts.hospital.id } });
    expect(account.lastInteractionAt?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    const rows = await p.auditLog.findMany({ where: { tenantId: w.tenantId }, orderBy: { createdAt: 'asc' } });
    expect(rows.filter((r) => r.undoneAt).map((r) => r.action).sort()).toEqual(['interaction.create', 'task.create']);
    expect(rows.filter((r) => r.action === 'undo')).toHaveLength(1);

    // Next undo takes the earlier call; then there is nothing left.
    const second = await undo.undoLast(w.actors.ann);
    expect(second.entityId).toBe(before.interaction.id);
    expect(await code(undo.undoLast(w.actors.ann))).toBe('UNDO.NOTHING');
  });

  it('restores the fields of an update, and refuses when someone changed them since', async () => {
    const w = await buildWorld(db.prisma);
    const p = db.prisma;
    const undo = new UndoService(p, clock);
    const contacts = new ContactService(p, clock);
    await contacts.updateContact(w.actors.ann, w.contacts.liMing.id, { title: '院长', birthday: '1970-05-04' });
    const restored = await undo.undoLast(w.actors.ann);
    expect(restored).toMatchObject({ effect: 'restored', entityType: 'Contact' });
    expect(restored.fields.sort()).toEqual(['birthDay', 'birthMonth', 'birthday', 'title']);
    const c = await p.contact.findUniqueOrThrow({ where: { id: w.contacts.liMing.id } });
    expect([c.title, c.birthday, c.birthMonth]).toEqual(['主任医师', null, null]);

    const tasks = new TaskService(p, clock);
    const t = await tasks.createFollowUp(w.actors.ann, { title: 'Call', dueAt: '2026-03-11T00:00:00Z' });
    await tasks.snooze(w.actors.ann, t.id, { days: 1 });
    await undo.undoLast(w.actors.ann);
    const back = await p.task.findUniqueOrThrow({ where: { id: t.id } });
    expect([back.dueAt.toISOString(), back.snoozeCount]).toEqual(['2026-03-11T00:00:00.000Z', 0]);

    const accounts = new AccountService(p, clock);
    await accounts.updateAccount(w.actors.ann, w.accounts.acme.id, { tier: 'A' });
    await accounts.updateAccount(w.actors.manager, w.accounts.acme.id, { tier: 'B' });
    await accounts.updateAccount(w.actors.manager, w.accounts.acme.id, { tier: 'C' });
    expect(await code(undo.undoLast(w.actors.ann))).toBe('UNDO.CHANGED_SINCE');
    // The manager's own last change is undoable.
    await undo.undoLast(w.actors.manager);
    expect((await p.account.findUniqueOrThrow({ where: { id: w.accounts.acme.id } })).tier).toBe('B');
  });

  it('refuses unsafe undos: merges, created rows that are in use, and customers', async () => {
    const w = await buildWorld(db.prisma);
    const p = db.prisma;
    const undo = new UndoService(p, clock);
    const acc = await new AccountService(p, clock).createAccount(w.actors.bob, { name: 'Initech' });
    await p.contact.create({ data: { tenantId: w.tenantId, accountId: acc.id, name: 'Peter' } });
    expect(await code(undo.undoLast(w.actors.bob))).toBe('UNDO.UNSAFE');
    expect(await p.account.count({ where: { id: acc.id } })).toBe(1);

    await new MergeService(p, clock).mergeAccounts(w.actors.ann, w.accounts.acme.id, w.accounts.clinic.id);
    expect(await code(undo.undoLast(w.actors.ann))).toBe('UNDO.UNSUPPORTED');
    await expect(undo.undoLast(w.actors.liMing)).rejects.toBeInstanceOf(ForbiddenError);

    // An account created and untouched is deleted.
    const tmp = await new AccountService(p, clock).createAccount(w.actors.bob, { name: 'Typo Inc' });
    const out = await undo.undoLast(w.actors.bob);
    expect(out).toMatchObject({ entityId: tmp.id, effect: 'deleted' });
    expect(await p.account.count({ where: { id: tmp.id } })).toBe(0);
  });
});
