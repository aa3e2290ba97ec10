// Graceful shutdown: SIGTERM to a `rapport serve` child while a chat request is in flight and its
// workers are busy sending greetings. The request still gets its 200, the workers close after
// their active jobs, the process exits 0, and no job is left locked (active 0, nothing stalled).
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobBackend, type JobBackend } from '../../src/jobs/backend.ts';
import { QUEUES } from '../../src/domain/shared/outbox.ts';
import { DEMO_TENANT_ID } from '../../src/seed/demo.ts';
import { openDatabase, type Database } from '../../src/infra/database.ts';
import { cloneDatabase, record, serveUrl, sleep, spawnRapport, startRedis, TcpProxy, waitFor, type RapportChild } from './_support.ts';

describe('graceful shutdown on SIGTERM', () => {
  let db: Awaited<ReturnType<typeof cloneDatabase>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let slowDb: TcpProxy;
  let child: RapportChild;
  let jobs: JobBackend;
  let direct: Database;

  beforeAll(async () => {
    db = await cloneDatabase();
    redis = await startRedis();
    // Latency on every database answer: a chat turn takes about a second, a greeting a few hundred ms.
    slowDb = await new TcpProxy('127.0.0.1', 5432, 40).start();
    jobs = await createJobBackend({ redisUrl: redis.url, logger: pino({ level: 'silent' }) });
  }, 60_000);

  afterAll(async () => {
    if (child && child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
    await jobs?.close();
    await direct?.close();
    await slowDb?.stop();
    await redis?.stop();
    await db?.drop();
  });

  it('finishes the in-flight request, closes the workers, leaves no job locked', async () => {
    child = spawnRapport(['serve'], { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: slowDb.url(db.url), REDIS_URL: redis.url, RAPPORT_SEED_DEMO: 'true', RAPPORT_WORKERS: 'true' });
    const url = await serveUrl(child);
    direct = await openDatabase({ url: db.url, dataDir: 'unused' });
    const p = direct.prisma;

    // Work for the workers: greetings due now for contacts where it is midday.
    const offset = ((12 - new Date().getUTCHours() + 36) % 24) - 12;
    const tz = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const year = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: tz }).format(new Date()));
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const c = await p.contact.create({ data: { tenantId: DEMO_TENANT_ID, accountId: 'acc-acme', name: `Shutdown ${i}`, timezone: tz, locale: 'en' } });
      const g = await p.greeting.create({ data: { tenantId: DEMO_TENANT_ID, contactId: c.id, occasion: 'birthday', year, scheduledAt: new Date() } });
      ids.push(g.id);
      await jobs.queue(QUEUES.greetings).add('greeting-send', { tenantId: DEMO_TENANT_ID, greetingId: g.id }, { jobId: `greeting:send:${g.id}` });
    }
    await waitFor(async () => ((await jobs.queue(QUEUES.greetings).getJobCounts()).active ?? 0) > 0, 20_000, 'workers busy');

    // A request in flight when SIGTERM arrives.
    const started = Date.now();
    const inflight = fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'demo-rep-en', text: 'log call with Tom Baker: shutdown in flight', messageId: randomUUID() }) });
    await sleep(150);
    child.proc.kill('SIGTERM');
    const res = await inflight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { replies: { kind: string }[] }).replies[0]!.kind).toBe('confirmation');
    const code = await child.exited;
    expect(code, child.output().slice(-4000)).toBe(0);
    expect(child.output()).toMatch(/shutting down/);
    // New connections are refused after the exit.
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();

    const counts = await jobs.queue(QUEUES.greetings).getJobCounts();
    expect(counts.active ?? 0).toBe(0);
    expect(counts.failed ?? 0).toBe(0);
    // Whatever was not sent is still waiting, unlocked, and nothing was sent twice.
    const sent = await p.greeting.count({ where: { id: { in: ids }, status: 'sent' } });
    const deliveries = await p.delivery.count({ where: { dedupeKey: { in: ids.map((id) => `greeting:${id}`) } } });
    expect(deliveries).toBe(sent);
    // Every one of our jobs is accounted for: done, or back in a waiting state (none lost, none locked).
    const states = await Promise.all(ids.map((id) => jobs.queue(QUEUES.greetings).raw.getJobState(`greeting:send:${id}`)));
    const tally: Record<string, number> = {};
    for (const st of states) tally[st] = (tally[st] ?? 0) + 1;
    expect(states.every((st) => ['completed', 'waiting', 'wait', 'delayed', 'prioritized', 'paused'].includes(st)), JSON.stringify(tally)).toBe(true);
    expect(tally.completed ?? 0).toBe(sent);
    expect(await p.interaction.count({ where: { summary: { contains: 'shutdown in flight' } } })).toBe(1);
    record({ suite: 'resilience', scenario: `SIGTERM with a request in flight (${Date.now() - started} ms) and ${sent}/${ids.length} greetings sent`, faults: 1, eventsLost: 0, duplicates: deliveries - sent });
  }, 120_000);
});
