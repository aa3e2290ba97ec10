import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../../src/domain/shared/outbox.ts';
import { DeliveryService } from '../../../src/domain/delivery/delivery.service.ts';
import { holidaysOf } from '../../../src/domain/care/holidays.ts';
import { GreetingService } from '../../../src/domain/care/greeting.service.ts';
import type { JobBackend } from '../../../src/jobs/backend.ts';
import type { OutboxRelay } from '../../../src/jobs/outbox-relay.ts';
import type { TestDatabase } from '../../helpers/db.ts';
import { buildWorld, type World } from '../domain/_fixtures.ts';
import { COMBOS, openDb, openJobs, promote, relayFor, waitFor, waitJob, webDelivery, workersFor } from './_harness.ts';

describe('holidays', () => {
  it('knows Spring Festival, Mid-Autumn and National Day in CN, and the other regions', () => {
    const cn = holidaysOf('CN', 2027).map((h) => h.occasion);
    expect(cn).toEqual(expect.arrayContaining(['CN:spring_festival', 'CN:mid_autumn', 'CN:national_day']));
    expect(holidaysOf('CN', 2026).find((h) => h.occasion === 'CN:spring_festival')?.date).toBe('2026-02-17');
    for (const r of ['US', 'GB', 'DE', 'JP', 'SG']) expect(holidaysOf(r, 2027).length).toBeGreaterThan(0);
    expect(holidaysOf('US', 2027).map((h) => h.occasion)).toContain('US:thanksgiving');
  });
});

describe.each(COMBOS)('greetings ($label)', (combo) => {
  let db: TestDatabase;
  let jobs: JobBackend;
  let relay: OutboxRelay;
  let w: World;
  let sarah: { id: string };
  let owl: { id: string };
  let quiet: { id: string };

  beforeAll(async () => {
    db = await openDb(combo);
    jobs = await openJobs(combo, db);
    relay = relayFor(db, jobs);
    w = await buildWorld(db.prisma);
    const p = db.prisma;
    await p.contact.update({ where: { id: w.contacts.liMing.id }, data: { birthMonth: 3, birthDay: 18, timezone: 'Asia/Shanghai', locale: 'zh', aliases: ['Dr. Li', '李主任'] } });
    // Same birthday, opted out.
    await p.contact.update({ where: { id: w.contacts.liWei.id }, data: { birthMonth: 3, birthDay: 18, timezone: 'Asia/Shanghai', locale: 'zh', greetingOptOut: true } });
    sarah = await p.contact.create({
      data: { tenantId: w.tenantId, accountId: w.accounts.acme.id, name: 'Sarah Chen', locale: 'en', timezone: 'America/Los_Angeles', region: 'US', birthMonth: 6, birthDay: 2 },
    });
    owl = await p.contact.create({
      data: { tenantId: w.tenantId, accountId: w.accounts.acme.id, name: 'Night Owl', locale: 'en', timezone: 'America/Los_Angeles', region: 'US', birthMonth: 6, birthDay: 1 },
    });
    quiet = await p.contact.create({
      data: { tenantId: w.tenantId, accountId: w.accounts.acme.id, name: 'Quinn Quiet', locale: 'en', timezone: 'Europe/London', region: 'GB', birthMonth: 7, birthDay: 1 },
    });
  });
  afterAll(async () => {
    await jobs?.close();
    await db?.drop();
  });

  const service = () => new GreetingService(db.prisma, new DeliveryService(db.prisma, webDelivery(db)));

  it('finds birthdays in the contact time zone and schedules them at 09:00 their time, once, even with two scans at once', async () => {
    // 04:00 on 18 March in Shanghai, still the 17th in UTC.
    const now = new Date('2027-03-17T20:00:00Z');
    const [a, b] = await Promise.all([service().scanGreetings(w.tenantId, now), service().scanGreetings('all', now)]);
    expect(a.created + b.created).toBe(1);
    const rows = await db.prisma.greeting.findMany({ where: { tenantId: w.tenantId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ contactId: w.contacts.liMing.id, occasion: 'birthday', year: 2027, status: 'scheduled' });
    expect(rows[0]!.scheduledAt.toISOString()).toBe('2027-03-18T01:00:00.000Z');
    const ob = await db.prisma.outbox.findMany({ where: { tenantId: w.tenantId, queue: QUEUES.greetings } });
    expect(ob).toHaveLength(1);
    expect(ob[0]).toMatchObject({ jobName: 'greeting-send', jobId: `greeting:send:${rows[0]!.id}`, payload: { tenantId: w.tenantId, greetingId: rows[0]!.id } });
    // Later scans the same day add nothing.
    expect((await service().scanGreetings(w.tenantId, new Date('2027-03-18T08:00:00Z'))).created).toBe(0);
  });

  it('sends at once when 09:00 has passed, and waits for the next 09:00 during quiet hours', async () => {
    // 13:00 on 2 June in Los Angeles: Sarah's birthday, send now.
    const afternoon = new Date('2027-06-02T20:00:00Z');
    await service().scanGreetings(w.tenantId, afternoon);
    const g = await db.prisma.greeting.findFirstOrThrow({ where: { contactId: sarah.id } });
    expect(g.scheduledAt.toISOString()).toBe(afternoon.toISOString());
    // 22:30 on 1 June in Los Angeles: Night Owl's birthday found during quiet hours → 09:00 on 2 June.
    const night = new Date('2027-06-02T05:30:00Z');
    await service().scanGreetings(w.tenantId, night);
    const o = await db.prisma.greeting.findFirstOrThrow({ where: { contactId: owl.id } });
    expect(o.scheduledAt.toISOString()).toBe('2027-06-02T16:00:00.000Z');
    expect(o.year).toBe(2027);
  });

  it('greets CN contacts on Spring Festival with a holiday text in Chinese', async () => {
    const sf = holidaysOf('CN', 2027).find((h) => h.occasion === 'CN:spring_festival')!;
    const now = new Date(`${sf.date}T03:00:00Z`); // 11:00 in Shanghai
    await service().scanGreetings(w.tenantId, now);
    const g = await db.prisma.greeting.findFirstOrThrow({ where: { contactId: w.contacts.liMing.id, occasion: 'CN:spring_festival' } });
    expect(g.scheduledAt.toISOString()).toBe(now.toISOString());
    expect(await db.prisma.greeting.count({ where: { contactId: w.contacts.liWei.id } })).toBe(0); // opted out
    const out = await service().sendGreeting(g.id, now);
    expect(out.status).toBe('sent');
    const d = await db.prisma.delivery.findUniqueOrThrow({ where: { tenantId_dedupeKey: { tenantId: w.tenantId, dedupeKey: `greeting:${g.id}` } } });
    expect(d.text).toMatch(/^李主任，新春快乐！/);
  });

  it('sends a greeting exactly once when the worker crashes after sending and stalled recovery retries it', async () => {
    const g = await db.prisma.greeting.findFirstOrThrow({ where: { contactId: w.contacts.liMing.id, occasion: 'birthday' } });
    const sendNow = () => new Date('2027-03-18T01:00:30Z');
    // Worker A delivers, then "crashes": its job never finishes and its lock is not renewed.
    const real = new DeliveryService(db.prisma, webDelivery(db));
    let delivered = 0;
    const crashing = Object.create(real) as DeliveryService;
    crashing.deliverOnce = async (...args: Parameters<DeliveryService['deliverOnce']>) => {
      await real.deliverOnce(...args);
      delivered++;
      return new Promise<never>(() => undefined);
    };
    const timing = { lockDuration: 1_500, stalledInterval: 1_000 };
    const a = await workersFor(db, jobs, { queues: [QUEUES.greetings], services: { delivery: crashing }, now: sendNow, ...timing });
    await relay.runOnce();
    const jobId = `greeting:send:${g.id}`;
    await promote(jobs, QUEUES.greetings, jobId);
    await waitFor(async () => delivered === 1, 20_000, 'worker A to deliver');
    await a.workers[QUEUES.greetings]!.close(true);
    // Worker B (same queue, a second "process") picks the stalled job up.
    const b = await workersFor(db, jobs, { queues: [QUEUES.greetings], now: sendNow, ...timing });
    try {
      const job = await waitJob(jobs, QUEUES.greetings, jobId, 30_000);
      expect(job.failedReason ?? null).toBeNull();
      expect(job.returnvalue).toMatchObject({ status: 'already_sent' });
      // And a plain second run of the same send changes nothing either.
      expect((await b.services.greetings.sendGreeting(g.id, sendNow())).status).toBe('already_sent');
    } finally {
      await b.close();
    }
    const rows = await db.prisma.delivery.findMany({ where: { tenantId: w.tenantId, recipientId: w.contacts.liMing.id, kind: 'greeting' } });
    const birthday = rows.filter((r) => r.dedupeKey === `greeting:${g.id}`);
    expect(birthday).toHaveLength(1);
    expect(birthday[0]).toMatchObject({ status: 'sent', channel: 'web' });
    expect(birthday[0]!.text).toMatch(/^李主任，生日快乐！/);
    expect(await db.prisma.greeting.findUniqueOrThrow({ where: { id: g.id } })).toMatchObject({ status: 'sent' });
  });

  it('respects an opt-out made after scheduling, and never sends in quiet hours', async () => {
    const s = await db.prisma.greeting.findFirstOrThrow({ where: { contactId: sarah.id } });
    const svc = service();
    const inQuiet = new Date('2027-06-03T05:00:00Z'); // 22:00 in Los Angeles
    const deferred = await svc.sendGreeting(s.id, inQuiet);
    expect(deferred).toMatchObject({ status: 'deferred' });
    expect(deferred.status === 'deferred' && deferred.until.toISOString()).toBe('2027-06-03T16:00:00.000Z');
    const en = await svc.sendGreeting(s.id, new Date('2027-06-03T16:00:00Z'));
    expect(en.status).toBe('sent');
    const d = await db.prisma.delivery.findUniqueOrThrow({ where: { tenantId_dedupeKey: { tenantId: w.tenantId, dedupeKey: `greeting:${s.id}` } } });
    expect(d.text).toMatch(/^Happy birthday, Sarah!/);

    const o = await db.prisma.greeting.findFirstOrThrow({ where: { contactId: owl.id } });
    await db.prisma.contact.update({ where: { id: owl.id }, data: { greetingOptOut: true } });
    expect(await svc.sendGreeting(o.id, new Date('2027-06-02T16:00:00Z'))).toMatchObject({ status: 'skipped', reason: 'opted out' });
    expect(await db.prisma.delivery.count({ where: { recipientId: owl.id } })).toBe(0);
  });

  it('asks the owner to approve when the tenant requires it, with Approve/Skip buttons', async () => {
    await db.prisma.tenant.update({ where: { id: w.tenantId }, data: { settings: { greeting: { approvalRequired: true } } } });
    const now = new Date('2027-07-01T07:00:00Z'); // 08:00 in London (BST)
    await service().scanGreetings(w.tenantId, now);
    const g = await db.prisma.greeting.findFirstOrThrow({ where: { contactId: quiet.id } });
    expect(g).toMatchObject({ status: 'pending_approval' });
    expect(g.scheduledAt.toISOString()).toBe('2027-07-01T08:00:00.000Z');
    const ob = await db.prisma.outbox.findFirstOrThrow({ where: { jobId: `greeting:approval:${g.id}` } });
    expect(ob.jobName).toBe('greeting-approval');
    const svc = service();
    expect(await svc.requestApproval(g.id)).toMatchObject({ status: 'sent', recipients: [w.users.ann.id] });
    const alert = await db.prisma.delivery.findFirstOrThrow({ where: { dedupeKey: `greeting:approval:${g.id}:${w.users.ann.id}` } });
    expect((alert.payload as { actions: { value: string }[][] }).actions[0]!.map((x) => x.value)).toEqual([`greeting:approve:${g.id}`, `greeting:skip:${g.id}`]);
    // Nothing is sent before approval.
    expect(await svc.sendGreeting(g.id, new Date('2027-07-01T08:00:00Z'))).toMatchObject({ status: 'skipped' });
    await expect(svc.approveGreeting(w.actors.bob, g.id)).rejects.toThrow(); // not Bob's contact
    const approved = await svc.approveGreeting(w.actors.ann, g.id);
    expect(approved.status).toBe('scheduled');
    expect(await db.prisma.outbox.count({ where: { jobId: `greeting:send:${g.id}` } })).toBe(1);
    expect(await svc.approveGreeting(w.actors.ann, g.id)).toMatchObject({ status: 'scheduled' }); // idempotent
    expect(await db.prisma.outbox.count({ where: { jobId: `greeting:send:${g.id}` } })).toBe(1);
    const skipped = await svc.skipGreeting(w.actors.ann, g.id);
    expect(skipped.status).toBe('skipped');
    await db.prisma.tenant.update({ where: { id: w.tenantId }, data: { settings: {} } });
  });
});
