// The reminder hot path under concurrency: loads and web inbox writes of jobs running at the same
// time share SQL statements (DeliveryService.tick), through Prisma Client or straight through the
// driver adapter. Whatever is batched together, every reminder is sent exactly once, the task is
// marked with the delivery's time, repeats are no-ops, and one bad write fails only its own job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import { DeliveryService } from '../../../src/domain/delivery/delivery.service.ts';
import { ReminderService, reminderJobId } from '../../../src/domain/reminders/reminder.service.ts';
import { RiskService } from '../../../src/domain/risk/risk.service.ts';
import { systemClock } from '../../../src/domain/shared/clock.ts';
import { CompositeDelivery } from '../../../src/domain/delivery/channel-routing.ts';
import { WebInboxDelivery } from '../../../src/bots/web/delivery.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import { buildWorld, type World } from '../domain/_fixtures.ts';

describe.each(DB_KINDS)('batched reminder hot path on %s', (kind) => {
  let db: TestDatabase;
  let w: World;
  let raw: SqlDriverAdapter;
  let seq = 0;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    w = await buildWorld(db.prisma);
    raw = await db.adapterFactory.connect();
  });
  afterAll(async () => {
    await raw?.dispose();
    await db?.drop();
  });

  const services = (viaAdapter: boolean) => {
    const p = db.prisma;
    const delivery = new DeliveryService(p, new CompositeDelivery({ web: new WebInboxDelivery() }, p), systemClock, viaAdapter ? { raw } : {});
    return { delivery, reminders: new ReminderService(p, delivery, new RiskService(p, systemClock), systemClock) };
  };

  async function makeTasks(n: number, dueAt: Date) {
    const ids = Array.from({ length: n }, () => `rb${kind}${++seq}`);
    await db.prisma.task.createMany({
      data: ids.map((id, i) => ({
        id, tenantId: w.tenantId, title: `Batch task ${id}`, dueAt,
        assigneeId: i % 2 ? w.users.ann.id : w.users.bob.id, accountId: i % 2 ? w.accounts.hospital.id : w.accounts.globex.id,
      })),
    });
    return ids;
  }

  for (const viaAdapter of [false, true]) {
    it(`sends each of 40 concurrent reminders once and marks its task with the delivery's time (${viaAdapter ? 'driver adapter' : 'Prisma Client'})`, async () => {
      const { reminders } = services(viaAdapter);
      const dueAt = new Date('2027-03-01T09:00:00Z');
      const ids = await makeTasks(40, dueAt);
      const jobs = ids.map((taskId) => ({ tenantId: w.tenantId, taskId, dueAt: dueAt.toISOString() }));
      // The same job twice in the same tick (a duplicate delivery of the job) and all of them again after.
      const first = await Promise.all([...jobs, jobs[0]!].map((j) => reminders.sendTaskReminder(j)));
      expect(first.filter((r) => r.status === 'sent')).toHaveLength(40);
      expect(first.filter((r) => r.status === 'already_sent')).toHaveLength(1);
      const again = await Promise.all(jobs.map((j) => reminders.sendTaskReminder(j)));
      expect(again.every((r) => r.status === 'already_sent')).toBe(true);

      const keys = ids.map((id) => reminderJobId(id, dueAt));
      const rows = await db.prisma.delivery.findMany({ where: { tenantId: w.tenantId, dedupeKey: { in: keys } } });
      expect(rows).toHaveLength(40);
      const tasks = await db.prisma.task.findMany({ where: { id: { in: ids } } });
      const byKey = new Map(rows.map((r) => [r.dedupeKey, r]));
      for (const t of tasks) {
        const d = byKey.get(reminderJobId(t.id, dueAt))!;
        expect(d).toMatchObject({ channel: 'web', status: 'sent', kind: 'reminder', recipientKind: 'user', recipientId: t.assigneeId });
        expect(t.reminderSentAt?.getTime()).toBe(d.sentAt?.getTime());
        expect(d.text).toContain(t.title);
        expect(d.text).toContain(t.assigneeId === w.users.ann.id ? '市第一医院' : 'Globex');
        const payload = d.payload as { actions: { value: string }[][]; threadRef: string };
        expect(payload.actions[0]!.map((a) => a.value)).toEqual([`task:done:${t.id}`, `task:snooze:${t.id}`, `task:reschedule:${t.id}`]);
        expect(payload.threadRef).toBe(`web:${t.assigneeId}`);
      }
      // Same outcomes as a job for each in turn returns: ids of the rows written.
      expect(new Set(first.map((r) => ('deliveryId' in r ? r.deliveryId : '')))).toEqual(new Set(rows.map((r) => r.id)));
    });
  }

  it('skips a task rescheduled or completed before its job runs, in the same batch as due ones', async () => {
    const { reminders } = services(false);
    const dueAt = new Date('2027-03-02T09:00:00Z');
    const [a, b, c] = await makeTasks(3, dueAt);
    await db.prisma.task.update({ where: { id: b! }, data: { dueAt: new Date('2027-03-05T09:00:00Z') } });
    await db.prisma.task.update({ where: { id: c! }, data: { status: 'done', completedAt: new Date() } });
    const out = await Promise.all([a, b, c].map((taskId) => reminders.sendTaskReminder({ tenantId: w.tenantId, taskId: taskId!, dueAt: dueAt.toISOString() })));
    expect(out.map((o) => o.status)).toEqual(['sent', 'skipped', 'skipped']);
    expect(await db.prisma.delivery.count({ where: { dedupeKey: { in: [b!, c!].map((id) => reminderJobId(id, dueAt)) } } })).toBe(0);
  });

  for (const viaAdapter of [false, true]) {
    it(`fails only the write that PostgreSQL refuses; the others in its statement, and reads riding along, go through (${viaAdapter ? 'driver adapter' : 'Prisma Client'})`, async () => {
      const { delivery, reminders } = services(viaAdapter);
      const dueAt = new Date('2027-03-03T09:00:00Z');
      const ids = await makeTasks(3, dueAt);
      const to = { tenantId: w.tenantId, kind: 'user' as const, id: w.users.bob.id };
      const msg = (text: string) => ({ kind: 'notice' as const, locale: 'en' as const, text });
      const tag = `${kind}-${viaAdapter}`;
      // A NUL character is not valid in PostgreSQL text: that write fails, in the same tick as good ones.
      const results = await Promise.allSettled([
        delivery.deliverOnce(w.tenantId, `batch:good1:${tag}`, to, msg('fine 1')),
        delivery.deliverOnce(w.tenantId, `batch:bad:${tag}`, to, msg('broken \u0000 text')),
        delivery.deliverOnce(w.tenantId, `batch:good2:${tag}`, to, msg('fine 2')),
        ...ids.map((taskId) => reminders.sendTaskReminder({ tenantId: w.tenantId, taskId, dueAt: dueAt.toISOString() })),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
      const written = await db.prisma.delivery.findMany({ where: { tenantId: w.tenantId, dedupeKey: { startsWith: 'batch:' }, AND: { dedupeKey: { endsWith: tag } } } });
      expect(written.map((d) => d.dedupeKey).sort()).toEqual([`batch:good1:${tag}`, `batch:good2:${tag}`]);
      expect(await db.prisma.task.count({ where: { id: { in: ids }, reminderSentAt: { not: null } } })).toBe(3);
    });
  }
});
