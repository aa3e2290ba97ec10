import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteractionService, crudeSentiment } from '../../../src/domain/interactions/index.ts';
import { fixedClock } from '../../../src/domain/shared/clock.ts';
import { ForbiddenError, ValidationError } from '../../../src/domain/shared/errors.ts';
import { QUEUES } from '../../../src/domain/shared/outbox.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import { buildWorld } from './_fixtures.ts';

const clock = fixedClock('2026-03-10T08:00:00Z');

describe.each(DB_KINDS)('interactions on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.drop());

  it('logs a visit with a follow-up: account from the contact, last touch, survey and reminder jobs', async () => {
    const w = await buildWorld(db.prisma);
    const svc = new InteractionService(db.prisma, clock);
    const occurredAt = new Date('2026-03-10T03:00:00Z');
    const res = await svc.logInteraction(w.actors.ann, {
      contactId: w.contacts.liMing.id,
      participantIds: [w.contacts.liWei.id],
      type: 'visit',
      occurredAt,
      summary: '拜访李主任，对样品很满意',
      followUp: { title: '寄送报价', dueAt: '2026-03-12T02:00:00Z' },
      sourceMessageId: 'slack:C1:1.0',
    });
    expect(res.duplicate).toBe(false);
    expect(res.interaction.accountId).toBe(w.accounts.hospital.id);
    expect(res.interaction.participantIds.sort()).toEqual([w.contacts.liMing.id, w.contacts.liWei.id].sort());
    expect(res.interaction.sentiment).toBeGreaterThan(0);
    expect(res.task).toMatchObject({ title: '寄送报价', interactionId: res.interaction.id, assigneeId: w.users.ann.id });

    const p = db.prisma;
    expect((await p.account.findUniqueOrThrow({ where: { id: w.accounts.hospital.id } })).lastInteractionAt).toEqual(occurredAt);
    expect((await p.contact.findUniqueOrThrow({ where: { id: w.contacts.liWei.id } })).lastInteractionAt).toEqual(occurredAt);
    const outbox = await p.outbox.findMany({ where: { tenantId: w.tenantId }, orderBy: { queue: 'asc' } });
    expect(outbox.map((o) => [o.queue, o.jobName, o.jobId])).toEqual([
      [QUEUES.reminders, 'task-reminder', `reminder:${res.task!.id}:${Date.parse('2026-03-12T02:00:00Z')}`],
      [QUEUES.surveys, 'survey-after-interaction', `survey:interaction:${res.interaction.id}`],
    ]);
    const survey = outbox.find((o) => o.queue === QUEUES.surveys)!;
    expect(survey.runAt?.toISOString()).toBe('2026-03-11T03:00:00.000Z');
    expect(survey.payload).toEqual({ tenantId: w.tenantId, interactionId: res.interaction.id });
    const audit = await p.auditLog.findMany({ where: { tenantId: w.tenantId }, orderBy: { action: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['interaction.create', 'task.create']);
  });

  it('logs the same source message once, also when two arrive at the same time', async () => {
    const w = await buildWorld(db.prisma);
    const svc = new InteractionService(db.prisma, clock);
    const input = {
      accountId: w.accounts.acme.id,
      type: 'call' as const,
      occurredAt: new Date('2026-03-09T10:00:00Z'),
      summary: 'Called about anvils',
      sourceMessageId: 'web:m-42',
      followUp: { title: 'Send anvil quote', dueAt: new Date('2026-03-11T10:00:00Z') },
    };
    const first = await svc.logInteraction(w.actors.ann, input);
    const again = await svc.logInteraction(w.actors.ann, input);
    expect(again.duplicate).toBe(true);
    expect(again.interaction.id).toBe(first.interaction.id);
    expect(again.task?.id).toBe(first.task?.id);
    const raced = await Promise.all([
      svc.logInteraction(w.actors.ann, { ...input, sourceMessageId: 'web:m-43' }),
      svc.logInteraction(w.actors.ann, { ...input, sourceMessageId: 'web:m-43' }),
    ]);
    expect(raced[0].interaction.id).toBe(raced[1].interaction.id);
    const p = db.prisma;
    expect(await p.interaction.count({ where: { tenantId: w.tenantId } })).toBe(2);
    expect(await p.task.count({ where: { tenantId: w.tenantId } })).toBe(2);
    expect(await p.auditLog.count({ where: { tenantId: w.tenantId, action: 'interaction.create' } })).toBe(2);
  });

  it('skips the survey job for calls and for contacts who opted out', async () => {
    const w = await buildWorld(db.prisma);
    const svc = new InteractionService(db.prisma, clock);
    await db.prisma.contact.update({ where: { id: w.contacts.wile.id }, data: { surveyOptOut: true } });
    await svc.logInteraction(w.actors.ann, { contactId: w.contacts.wile.id, type: 'meeting', occurredAt: new Date(), summary: 'Demo' });
    await svc.logInteraction(w.actors.ann, { contactId: w.contacts.liMing.id, type: 'call', occurredAt: new Date(), summary: '电话' });
    expect(await db.prisma.outbox.count({ where: { tenantId: w.tenantId, queue: QUEUES.surveys } })).toBe(0);
  });

  it('refuses what the actor may not touch and input without a customer', async () => {
    const w = await buildWorld(db.prisma);
    const svc = new InteractionService(db.prisma, clock);
    await expect(
      svc.logInteraction(w.actors.bob, { contactId: w.contacts.liMing.id, type: 'visit', occurredAt: new Date(), summary: 'x' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(svc.logInteraction(w.actors.ann, { type: 'note', occurredAt: new Date(), summary: 'x' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      svc.logInteraction(w.actors.ann, { accountId: w.accounts.acme.id, contactId: w.contacts.liMing.id, type: 'note', occurredAt: new Date(), summary: 'x' }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await db.prisma.interaction.count({ where: { tenantId: w.tenantId } })).toBe(0);
  });

  it('lists the timeline of an account, newest first', async () => {
    const w = await buildWorld(db.prisma);
    const svc = new InteractionService(db.prisma, clock);
    for (const [day, summary] of [[1, 'first'], [3, 'third'], [2, 'second']] as const) {
      await svc.logInteraction(w.actors.ann, {
        contactId: w.contacts.liMing.id,
        type: 'note',
        occurredAt: new Date(Date.UTC(2026, 2, day)),
        summary,
      });
    }
    const tl = await svc.timeline(w.actors.manager, w.accounts.hospital.id, { limit: 2 });
    expect(tl.map((i) => i.summary)).toEqual(['third', 'second']);
    expect(tl[0]?.contactName).toBe('李明');
    expect(tl[0]?.userName).toBe(w.users.ann.name);
    // A back-dated log does not move lastInteractionAt backwards.
    const acct = await db.prisma.account.findUniqueOrThrow({ where: { id: w.accounts.hospital.id } });
    expect(acct.lastInteractionAt?.toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });

  it('corrects a logged interaction, audited and undoable, by its author or their manager only', async () => {
    const w = await buildWorld(db.prisma);
    const svc = new InteractionService(db.prisma, clock);
    const { interaction } = await svc.logInteraction(w.actors.ann, { contactId: w.contacts.liMing.id, type: 'note', occurredAt: new Date(), summary: 'typo' });
    await expect(svc.updateInteraction(w.actors.bob, interaction.id, { summary: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    const fixed = await svc.updateInteraction(w.actors.manager, interaction.id, { summary: 'Customer unhappy with delivery' });
    expect(fixed.summary).toBe('Customer unhappy with delivery');
    expect(fixed.sentiment).toBeLessThan(0);
    const row = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'interaction.update', entityId: interaction.id } });
    expect(row.before).toEqual({ summary: 'typo', sentiment: null });
  });

  it('guesses sentiment from English and Chinese keywords', () => {
    expect(crudeSentiment('Customer complaint: delivery was slow')).toBeLessThan(0);
    expect(crudeSentiment('客户投诉发货太慢，很不满')).toBeLessThan(0);
    expect(crudeSentiment('Great meeting, they were happy')).toBeGreaterThan(0);
    expect(crudeSentiment('非常感谢，很满意')).toBeGreaterThan(0);
    expect(crudeSentiment('Discussed the schedule')).toBeNull();
  });
});
