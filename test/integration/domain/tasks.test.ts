import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfLocalDay, TaskService } from '../../../src/domain/tasks/index.ts';
import { fixedClock } from '../../../src/domain/shared/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../src/domain/shared/errors.ts';
import { QUEUES } from '../../../src/domain/shared/outbox.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import { buildWorld } from './_fixtures.ts';

// 2026-03-10 08:00 UTC = 16:00 in Shanghai.
const NOW = '2026-03-10T08:00:00Z';
const clock = fixedClock(NOW);

describe('endOfLocalDay', () => {
  it('is the next local midnight, across DST', () => {
    expect(endOfLocalDay(new Date(NOW), 'Asia/Shanghai').toISOString()).toBe('2026-03-10T16:00:00.000Z');
    expect(endOfLocalDay(new Date(NOW), 'UTC').toISOString()).toBe('2026-03-11T00:00:00.000Z');
    // New York switches to EDT on 2026-03-08.
    expect(endOfLocalDay(new Date('2026-03-08T12:00:00Z'), 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(endOfLocalDay(new Date(NOW), 'Not/AZone').toISOString()).toBe('2026-03-11T00:00:00.000Z');
  });
});

describe.each(DB_KINDS)('tasks on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.drop());

  it('creates, snoozes, reschedules and completes a follow-up, with a reminder per due date', async () => {
    const w = await buildWorld(db.prisma);
    const svc = new TaskService(db.prisma, clock);
    const t = await svc.createFollowUp(w.actors.ann, { title: 'Send samples', dueAt: '2026-03-11T01:00:00Z', contactId: w.contacts.liMing.id });
    expect(t).toMatchObject({ assigneeId: w.users.ann.id, accountId: w.accounts.hospital.id, status: 'open' });
    const snoozed = await svc.snooze(w.actors.ann, t.id, { hours: 2 });
    expect(snoozed.dueAt.toISOString()).toBe('2026-03-11T03:00:00.000Z');
    expect(snoozed.snoozeCount).toBe(1);
    const moved = await svc.reschedule(w.actors.ann, t.id, '2026-03-15T02:00:00Z');
    expect(moved.dueAt.toISOString()).toBe('2026-03-15T02:00:00.000Z');
    const jobs = await db.prisma.outbox.findMany({ where: { tenantId: w.tenantId, queue: QUEUES.reminders }, orderBy: { runAt: 'asc' } });
    expect(jobs.map((j) => j.jobId)).toEqual(
      ['2026-03-11T01:00:00Z', '2026-03-11T03:00:00Z', '2026-03-15T02:00:00Z'].map((d) => `reminder:${t.id}:${Date.parse(d)}`),
    );
    expect(jobs[2]?.payload).toEqual({ tenantId: w.tenantId, taskId: t.id, dueAt: '2026-03-15T02:00:00.000Z' });
    const done = await svc.complete(w.actors.ann, t.id);
    expect(done.status).toBe('done');
    expect(done.completedAt?.toISOString()).toBe('2026-03-10T08:00:00.000Z');
    await expect(svc.complete(w.actors.ann, t.id)).rejects.toBeInstanceOf(ConflictError);
    const audit = await db.prisma.auditLog.findMany({ where: { entityId: t.id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['task.create', 'task.update', 'task.update', 'task.update']);
  });

  it('snoozes an overdue task from now', async () => {
    const w = await buildWorld(db.prisma);
    const svc = new TaskService(db.prisma, clock);
    const t = await svc.createFollowUp(w.actors.ann, { title: 'Late', dueAt: '2026-03-01T00:00:00Z' });
    expect((await svc.snooze(w.actors.ann, t.id, { days: 1 })).dueAt.toISOString()).toBe('2026-03-11T08:00:00.000Z');
  });

  it('reassigns within the team only, and cancels', async () => {
    const w = await buildWorld(db.prisma);
    const svc = new TaskService(db.prisma, clock);
    const t = await svc.createFollowUp(w.actors.ann, { title: 'Call Globex', dueAt: '2026-03-12T00:00:00Z' });
    await expect(svc.reassign(w.actors.ann, t.id, w.users.bob.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(svc.complete(w.actors.bob, t.id)).rejects.toBeInstanceOf(ForbiddenError);
    const byManager = await svc.reassign(w.actors.manager, t.id, w.users.bob.id);
    expect(byManager.assigneeId).toBe(w.users.bob.id);
    await expect(svc.reassign(w.actors.bob, t.id, w.users.admin.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await svc.reassign(w.actors.admin, t.id, w.users.admin.id)).assigneeId).toBe(w.users.admin.id);
    expect((await svc.cancel(w.actors.admin, t.id)).status).toBe('cancelled');
    await expect(svc.cancel(w.actors.admin, 'missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lists today's and overdue tasks in the assignee's time zone, and a team's overdue", async () => {
    const w = await buildWorld(db.prisma);
    const svc = new TaskService(db.prisma, clock);
    const mk = (title: string, dueAt: string, a = w.actors.ann) => svc.createFollowUp(a, { title, dueAt });
    await mk('overdue', '2026-03-10T07:00:00Z');
    await mk('later today in Shanghai', '2026-03-10T15:30:00Z');
    await mk('tomorrow in Shanghai', '2026-03-10T16:30:00Z');
    await mk('bob overdue', '2026-03-09T00:00:00Z', w.actors.bob);
    // Bob lives in UTC: 16:30 UTC is still today for him.
    await mk('bob today', '2026-03-10T16:30:00Z', w.actors.bob);
    const titles = (xs: { title: string }[]) => xs.map((x) => x.title);
    expect(titles(await svc.listOpen(w.actors.ann, { filter: 'today' }))).toEqual(['overdue', 'later today in Shanghai']);
    expect(titles(await svc.listOpen(w.actors.ann, { filter: 'overdue' }))).toEqual(['overdue']);
    expect(titles(await svc.listOpen(w.actors.ann))).toHaveLength(3);
    expect(titles(await svc.listOpen(w.actors.manager, { userId: w.users.bob.id, filter: 'today' }))).toEqual(['bob overdue', 'bob today']);
    await expect(svc.listOpen(w.actors.ann, { userId: w.users.bob.id })).rejects.toBeInstanceOf(ForbiddenError);
    const team = await svc.listTeamOverdue(w.actors.manager);
    expect(team.map((t) => t.title).sort()).toEqual(['bob overdue', 'overdue']);
    expect(titles(await svc.listTeamOverdue(w.actors.bob))).toEqual(['bob overdue']);
  });

  it('finds a task from free text by title words or customer names', async () => {
    const w = await buildWorld(db.prisma);
    const svc = new TaskService(db.prisma, clock);
    const quote = await svc.createFollowUp(w.actors.ann, { title: 'Send quote', dueAt: '2026-03-12T00:00:00Z', accountId: w.accounts.acme.id });
    const samples = await svc.createFollowUp(w.actors.ann, { title: '寄送样品', dueAt: '2026-03-12T00:00:00Z', contactId: w.contacts.liMing.id });
    await svc.createFollowUp(w.actors.ann, { title: 'Send brochure', dueAt: '2026-03-13T00:00:00Z', accountId: w.accounts.hospital.id });
    const byAccount = await svc.findTaskByText(w.actors.ann, 'mark the Acme task done');
    expect(byAccount.status === 'found' && byAccount.task.id).toBe(quote.id);
    const byZh = await svc.findTaskByText(w.actors.ann, '样品的任务完成了');
    expect(byZh.status === 'found' && byZh.task.id).toBe(samples.id);
    const byAlias = await svc.findTaskByText(w.actors.ann, 'Dr. Li samples');
    expect(byAlias.status).not.toBe('none');
    const ambiguous = await svc.findTaskByText(w.actors.ann, 'send');
    expect(ambiguous.status === 'ambiguous' && ambiguous.candidates.map((c) => c.task.title).sort()).toEqual(['Send brochure', 'Send quote']);
    expect((await svc.findTaskByText(w.actors.ann, 'invoice for Globex')).status).toBe('none');
  });
});
