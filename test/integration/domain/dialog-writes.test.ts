// Domain support for dialogs that store exactly what was meant (issue 15): names stored without
// titles, the same person found again, a snooze counted from the task's own due time, a logged
// interaction moved to the right person (and back by undo), two doctors of one surname asked about.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/shared/clock.ts';
import { isJobTitle, personName } from '../../../src/domain/customers/person-name.ts';
import { ContactService } from '../../../src/domain/customers/index.ts';
import { InteractionService } from '../../../src/domain/interactions/index.ts';
import { ResolutionService } from '../../../src/domain/resolution/index.ts';
import { TaskService } from '../../../src/domain/tasks/index.ts';
import { UndoService } from '../../../src/domain/audit/index.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { buildWorld } from './_fixtures.ts';

const NOW = '2026-03-10T08:00:00Z';
const clock = fixedClock(NOW);

describe('a person’s name as stored', () => {
  it('drops titles and keeps the titled form as a name they go by', () => {
    expect(personName('Dr. Megan Bowen')).toEqual({ name: 'Megan Bowen', aliases: ['Dr. Megan Bowen'], jobTitle: null });
    expect(personName('tom hanks')).toEqual({ name: 'Tom Hanks', aliases: [], jobTitle: null });
    expect(personName('周晓明主任')).toEqual({ name: '周晓明', aliases: ['周晓明主任', '周主任'], jobTitle: '主任' });
    expect(personName('孙建国医生')?.name).toBe('孙建国');
    expect(personName('Nurse Joy')).toEqual({ name: 'Joy', aliases: ['Nurse Joy'], jobTitle: null });
  });

  it('refuses what is not a name', () => {
    expect(personName('人民医院心内科的周晓明主任')).toBeNull();
    expect(personName('他是决策人')).toBeNull();
    expect(personName('tom at initech')).toBeNull();
    expect(personName('Acme Corp')).toBeNull();
  });

  it('refuses a clause, a field or the account as a job title', () => {
    expect(isJobTitle('finance director')).toBe(true);
    expect(isJobTitle('心内科主任')).toBe(true);
    expect(isJobTitle('他是决策人')).toBe(false);
    expect(isJobTitle('信息科科长 邮箱')).toBe(false);
    expect(isJobTitle('initech', { account: 'Initech' })).toBe(false);
  });
});

describe('dialog writes on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(() => db?.drop());

  it('finds the same person by name, alias, pinyin, email or phone — a namesake elsewhere is someone else', async () => {
    const w = await buildWorld(db.prisma);
    const svc = new ContactService(db.prisma, clock);
    await svc.updateContact(w.actors.ann, w.contacts.liWei.id, { phone: '+86 138 0013 8000' });
    const at = w.accounts.hospital.id;
    const by = async (q: Parameters<ContactService['findDuplicates']>[1]) => (await svc.findDuplicates(w.actors.ann, q)).map((d) => [d.contact.name, d.by]);
    expect(await by({ name: '李明', accountId: at })).toEqual([['李明', 'name']]);
    expect(await by({ name: 'Li Ming', accountId: at })).toEqual([['李明', 'pinyin']]);
    expect(await by({ name: 'Dr. Li', accountId: at })).toEqual([['李明', 'alias']]);
    expect(await by({ name: 'Someone', accountId: w.accounts.acme.id, email: 'WILE@acme.test' })).toEqual([['Wile Coyote', 'email']]);
    expect(await by({ name: 'Someone', accountId: null, phone: '13800138000' })).toEqual([['李伟', 'phone']]);
    // 李华 works at the clinic: the same name at the hospital is another person.
    expect(await by({ name: '李华', accountId: at })).toEqual([]);
  });

  it('snoozes by a duration from the task’s own due time, never earlier', async () => {
    const w = await buildWorld(db.prisma);
    const svc = new TaskService(db.prisma, clock);
    const ahead = await svc.createFollowUp(w.actors.ann, { title: 'Samples', dueAt: '2026-03-12T02:00:00Z' });
    expect((await svc.snooze(w.actors.ann, ahead.id, { days: 2 })).dueAt.toISOString()).toBe('2026-03-14T02:00:00.000Z');
    const justDue = await svc.createFollowUp(w.actors.ann, { title: 'Call', dueAt: '2026-03-10T02:00:00Z' });
    expect((await svc.snooze(w.actors.ann, justDue.id, { days: 1 })).dueAt.toISOString()).toBe('2026-03-11T02:00:00.000Z');
    expect((await svc.snooze(w.actors.ann, ahead.id, { weeks: 1 })).dueAt.toISOString()).toBe('2026-03-21T02:00:00.000Z');
  });

  it('moves a logged visit to the right person with its follow-up, and undo moves it back', async () => {
    const w = await buildWorld(db.prisma);
    const interactions = new InteractionService(db.prisma, clock);
    const undo = new UndoService(db.prisma, clock);
    const logged = await interactions.logInteraction(w.actors.ann, {
      contactId: w.contacts.liWei.id, type: 'visit', occurredAt: NOW, summary: 'samples', followUp: { title: 'Send samples', dueAt: '2026-03-12T02:00:00Z' },
    });
    const fixed = await interactions.updateInteraction(w.actors.ann, logged.interaction.id, { contactId: w.contacts.liMing.id, type: 'meeting' });
    expect(fixed).toMatchObject({ contactId: w.contacts.liMing.id, accountId: w.accounts.hospital.id, participantIds: [w.contacts.liMing.id], type: 'meeting' });
    expect((await db.prisma.task.findUniqueOrThrow({ where: { id: logged.task!.id } })).contactId).toBe(w.contacts.liMing.id);
    expect(await undo.lastWrite(w.actors.ann)).toMatchObject({ entityType: 'Interaction', entityId: logged.interaction.id });

    await undo.undoLast(w.actors.ann);
    const back = await interactions.getInteraction(w.actors.ann, logged.interaction.id);
    expect(back).toMatchObject({ contactId: w.contacts.liWei.id, participantIds: [w.contacts.liWei.id], type: 'visit' });
    expect(back.followUps.map((t) => t.contactId)).toEqual([w.contacts.liWei.id]);
  });

  it('asks between two doctors called Li when one goes by "Dr. Li" and the other only by title', async () => {
    const w = await buildWorld(db.prisma);
    const resolution = new ResolutionService(db.prisma, clock);
    const contacts = new ContactService(db.prisma, clock);
    await contacts.createContact(w.actors.ann, { name: 'Li Qiang', aliases: ['Dr. Li Qiang'], accountId: w.accounts.hospital.id });
    const r = await resolution.resolve(w.actors.ann, 'Dr. Li', { kind: 'contact' });
    expect(r.status).toBe('ambiguous');
    if (r.status === 'ambiguous') expect(r.candidates.map((c) => c.name)).toEqual(expect.arrayContaining(['李明', 'Li Qiang']));
  });
});
