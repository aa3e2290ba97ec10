import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskService } from '../../../src/domain/tasks/index.ts';
import { QUEUES } from '../../../src/domain/shared/outbox.ts';
import { systemClock } from '../../../src/domain/shared/clock.ts';
import { zonedTimeToUtc } from '../../../src/domain/delivery/local-time.ts';
import { dueLocalDate } from '../../../src/domain/reminders/reminder.service.ts';
import type { JobBackend } from '../../../src/jobs/backend.ts';
import type { OutboxRelay } from '../../../src/jobs/outbox-relay.ts';
import type { Workers } from '../../../src/jobs/workers.ts';
import type { TestDatabase } from '../../helpers/db.ts';
import { buildWorld, userActor, type World } from '../domain/_fixtures.ts';
import { COMBOS, openDb, openJobs, promote, relayFor, waitFor, waitJob, workersFor } from './_harness.ts';

describe('digest time in a zone', () => {
  it('finds 08:30 local on both sides of the November DST change', () => {
    const ny = 'America/New_York';
    const hour = 3_600_000;
    // 2027-11-07 is the change: 08:30 EDT = 12:30Z the Friday before, 08:30 EST = 13:30Z the Monday after.
    expect(dueLocalDate(new Date('2027-11-05T12:31:00Z'), ny, '08:30', hour)).toBe('2027-11-05');
    expect(dueLocalDate(new Date('2027-11-08T12:31:00Z'), ny, '08:30', hour)).toBeNull();
    expect(dueLocalDate(new Date('2027-11-08T13:31:00Z'), ny, '08:30', hour)).toBe('2027-11-08');
    // Weekly: Monday 09:00 in Shanghai is 01:00Z Monday.
    expect(dueLocalDate(new Date('2027-11-08T01:10:00Z'), 'Asia/Shanghai', '09:00', hour, 1)).toBe('2027-11-08');
    expect(dueLocalDate(new Date('2027-11-09T01:10:00Z'), 'Asia/Shanghai', '09:00', hour, 1)).toBeNull();
  });
});

describe.each(COMBOS)('task reminders and digests ($label)', (combo) => {
  let db: TestDatabase;
  let jobs: JobBackend;
  let relay: OutboxRelay;
  let workers: Workers;
  let w: World;
  let nyUser: { id: string };

  beforeAll(async () => {
    db = await openDb(combo);
    jobs = await openJobs(combo, db);
    relay = relayFor(db, jobs);
    workers = await workersFor(db, jobs, { queues: [QUEUES.reminders, QUEUES.digests] });
    w = await buildWorld(db.prisma);
    nyUser = await db.prisma.user.create({
      data: { tenantId: w.tenantId, name: 'Nina', role: 'rep', managerId: w.users.manager.id, timezone: 'America/New_York', locale: 'en' },
    });
    await db.prisma.user.update({ where: { id: w.users.ann.id }, data: { locale: 'zh' } });
  });
  afterAll(async () => {
    await workers?.close();
    await jobs?.close();
    await db?.drop();
  });

  it('fires at 09:00 New York time on the day after the November DST change, in English, with actions', async () => {
    const tasks = new TaskService(db.prisma, systemClock);
    const nina = userActor(w.tenantId, { id: nyUser.id, name: 'Nina', role: 'rep', timezone: 'America/New_York' });
    const dueAt = zonedTimeToUtc('2027-11-08', 9, 0, 'America/New_York');
    expect(dueAt.toISOString()).toBe('2027-11-08T14:00:00.000Z'); // EST, UTC−5 (it was UTC−4 two days before)
    const t = await tasks.createFollowUp(nina, { title: 'Call Globex', dueAt, accountId: w.accounts.globex.id, assigneeId: nyUser.id }).catch(async () =>
      // Nina does not own Globex: fall back to an account-less task.
      tasks.createFollowUp(nina, { title: 'Call Globex', dueAt }),
    );
    await relay.runOnce();
    const jobId = `reminder:${t.id}:${dueAt.getTime()}`;
    const job = await waitFor(() => jobs.queue(QUEUES.reminders).raw.getJob(jobId), 10_000, 'reminder job');
    expect(await job.getState()).toBe('delayed');
    // Scheduled for the due instant (the relay computes the delay from its own clock).
    expect(Math.abs(job.timestamp + (job.opts.delay ?? 0) - dueAt.getTime())).toBeLessThan(5_000);
    await promote(jobs, QUEUES.reminders, jobId);
    await waitJob(jobs, QUEUES.reminders, jobId);
    const d = await db.prisma.delivery.findUniqueOrThrow({ where: { tenantId_dedupeKey: { tenantId: w.tenantId, dedupeKey: jobId } } });
    expect(d).toMatchObject({ channel: 'web', recipientKind: 'user', recipientId: nyUser.id, kind: 'reminder', status: 'sent' });
    expect(d.text).toMatch(/^Reminder: Call Globex/);
    expect(d.text).toContain('Nov 8');
    expect(d.text).toContain('9:00 AM');
    const actions = (d.payload as { actions: { label: string; value: string }[][] }).actions;
    expect(actions[0]).toEqual([
      expect.objectContaining({ label: 'Done', value: `task:done:${t.id}` }),
      expect.objectContaining({ label: 'Snooze 1 day', value: `task:snooze:${t.id}` }),
      expect.objectContaining({ label: 'Reschedule', value: `task:reschedule:${t.id}` }),
    ]);
    expect((await db.prisma.task.findUniqueOrThrow({ where: { id: t.id } })).reminderSentAt).not.toBeNull();
  });

  it('speaks Chinese to a zh assignee in Shanghai at their 09:00', async () => {
    const tasks = new TaskService(db.prisma, systemClock);
    const dueAt = zonedTimeToUtc('2027-11-08', 9, 0, 'Asia/Shanghai');
    expect(dueAt.toISOString()).toBe('2027-11-08T01:00:00.000Z');
    const t = await tasks.createFollowUp(w.actors.ann, { title: '送样品', dueAt, contactId: w.contacts.liMing.id });
    await relay.runOnce();
    const jobId = `reminder:${t.id}:${dueAt.getTime()}`;
    await promote(jobs, QUEUES.reminders, jobId);
    await waitJob(jobs, QUEUES.reminders, jobId);
    const d = await db.prisma.delivery.findUniqueOrThrow({ where: { tenantId_dedupeKey: { tenantId: w.tenantId, dedupeKey: jobId } } });
    expect(d.text).toMatch(/^提醒：送样品（市第一医院）/);
    expect(d.text).toContain('11月8日周一 9:00');
    const actions = (d.payload as { actions: { label: string }[][] }).actions;
    expect(actions[0]!.map((a) => a.label)).toEqual(['完成', '推迟一天', '改期']);
  });

  it('turns the old reminder into a no-op after completing or rescheduling', async () => {
    const tasks = new TaskService(db.prisma, systemClock);
    const soon = new Date(Date.now() + 60 * 60_000);
    const a = await tasks.createFollowUp(w.actors.ann, { title: 'Done early', dueAt: soon });
    const b = await tasks.createFollowUp(w.actors.ann, { title: 'Moved', dueAt: soon });
    await tasks.complete(w.actors.ann, a.id);
    const later = new Date(soon.getTime() + 2 * 86_400_000);
    await tasks.reschedule(w.actors.ann, b.id, later);
    await relay.runOnce();
    const oldA = `reminder:${a.id}:${soon.getTime()}`;
    const oldB = `reminder:${b.id}:${soon.getTime()}`;
    for (const id of [oldA, oldB]) {
      await promote(jobs, QUEUES.reminders, id);
      const job = await waitJob(jobs, QUEUES.reminders, id);
      expect(await job.getState()).toBe('completed');
      expect(job.returnvalue).toMatchObject({ status: 'skipped' });
    }
    expect(await db.prisma.delivery.count({ where: { dedupeKey: { in: [oldA, oldB] } } })).toBe(0);
    // The new due date has its own, still delayed, job.
    const fresh = await jobs.queue(QUEUES.reminders).raw.getJob(`reminder:${b.id}:${later.getTime()}`);
    expect(await fresh?.getState()).toBe('delayed');
  });

  it('runs the digest scan: morning digest per user at 08:30 local, weekly at-risk digest and snapshot for managers', async () => {
    // Monday 2027-11-08 08:30 in New York (EST) = 13:30Z; Shanghai is already at 21:30.
    const tasks = new TaskService(db.prisma, systemClock);
    const nina = userActor(w.tenantId, { id: nyUser.id, name: 'Nina', role: 'rep', timezone: 'America/New_York' });
    await tasks.createFollowUp(nina, { title: 'Overdue thing', dueAt: new Date('2027-11-05T15:00:00Z') });
    await tasks.createFollowUp(nina, { title: 'Today thing', dueAt: new Date('2027-11-08T20:00:00Z') });
    await tasks.createFollowUp(nina, { title: 'Tomorrow thing', dueAt: new Date('2027-11-09T15:00:00Z') });
    const scanNow = new Date('2027-11-08T13:35:00Z');
    const scanWorkers = await workersFor(db, jobs, { queues: [], now: () => scanNow });
    const due = await scanWorkers.services.reminders.findDueDigests(scanNow, { tenantId: w.tenantId });
    await scanWorkers.close();
    expect(due.map((d) => d.jobId)).toContain(`digest-morning:${nyUser.id}:2027-11-08`);
    expect(due.map((d) => d.jobId)).not.toContain(`digest-morning:${w.users.ann.id}:2027-11-08`); // 21:35 in Shanghai
    const out = await workers.services.reminders.sendMorningDigest({ tenantId: w.tenantId, userId: nyUser.id, localDate: '2027-11-08' }, scanNow);
    expect(out.status).toBe('sent');
    const d = await db.prisma.delivery.findUniqueOrThrow({ where: { tenantId_dedupeKey: { tenantId: w.tenantId, dedupeKey: `digest:morning:${nyUser.id}:2027-11-08` } } });
    expect(d.text).toContain('Overdue thing');
    expect(d.text).toContain('Today thing');
    expect(d.text).not.toContain('Tomorrow thing');
    // Again: same key, no second message.
    const again = await workers.services.reminders.sendMorningDigest({ tenantId: w.tenantId, userId: nyUser.id, localDate: '2027-11-08' }, scanNow);
    expect(again.status).toBe('already_sent');

    // Weekly: Mei (manager, Shanghai) on Monday 09:00 local = 01:00Z, through the queue.
    const weeklyNow = new Date('2027-11-08T01:05:00Z');
    const weeklyWorkers = await workersFor(db, jobs, { queues: [], now: () => weeklyNow });
    const weekly = await weeklyWorkers.services.reminders.findDueDigests(weeklyNow, { tenantId: w.tenantId });
    await weeklyWorkers.close();
    const ids = weekly.map((x) => x.jobId);
    expect(ids).toContain(`digest-weekly:${w.users.manager.id}:2027-11-08`);
    expect(ids).toContain(`risk-snapshot:${w.tenantId}:2027-11-08`);
    await jobs.queue(QUEUES.digests).raw.addBulk(weekly.map((x) => ({ name: x.name, data: x.data, opts: { jobId: x.jobId } })));
    for (const x of weekly) await waitJob(jobs, QUEUES.digests, x.jobId, 30_000);
    const wd = await db.prisma.delivery.findUniqueOrThrow({
      where: { tenantId_dedupeKey: { tenantId: w.tenantId, dedupeKey: `digest:weekly:${w.users.manager.id}:2027-11-08` } },
    });
    expect(wd.kind).toBe('digest');
    expect(wd.text).toMatch(/Weekly risk digest/);
    expect(await db.prisma.riskSnapshot.count({ where: { tenantId: w.tenantId } })).toBeGreaterThan(0);
  });
});
