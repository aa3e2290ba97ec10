// Issue 17, item 7: overload. Hundreds of concurrent requests are either served or shed with 503
// and Retry-After (each process bounds its work in flight) — never a 500 such as Prisma's P2028
// "Unable to start a transaction in the given time" — while /healthz and /readyz keep answering;
// and a database that stops answering holds a request a few seconds, not a minute.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '../../src/seed/demo.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { cloneDatabase, record, ROOT, sleep, TcpProxy, waitFor } from './_support.ts';

interface Outcome {
  status: number;
  retryAfter: string | null;
  ms: number;
  body: { replies?: { kind: string; text: string }[]; error?: string };
}

async function post(url: string, userId: string, text: string): Promise<Outcome> {
  const started = Date.now();
  const res = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId, text, messageId: randomUUID() }), signal: AbortSignal.timeout(90_000) });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), ms: Date.now() - started, body: (await res.json()) as Outcome['body'] };
}

/** Polls an endpoint every 200 ms while `during` runs; returns the slowest answer (ms). */
async function slowestAnswer(url: string, during: Promise<unknown>): Promise<{ worst: number; answers: number; failures: number }> {
  let done = false;
  void during.finally(() => (done = true));
  let worst = 0;
  let answers = 0;
  let failures = 0;
  while (!done) {
    const started = Date.now();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(20_000) });
      await res.text();
      answers++;
    } catch {
      failures++;
    }
    worst = Math.max(worst, Date.now() - started);
    await sleep(200);
  }
  return { worst, answers, failures };
}

/** A burst of concurrent chat requests from a separate process (its own event loop and sockets). */
async function burst(url: string, messages: [string, string][]): Promise<Outcome[]> {
  const child = spawn(process.execPath, [join(ROOT, 'test/resilience/_burst.mjs'), url, JSON.stringify(messages)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  await new Promise((resolve) => child.once('exit', resolve));
  const rows = JSON.parse(out) as { status: number; retryAfter: string | null; ms: number; text: string | null; error?: string }[];
  return rows.map((r) => ({ status: r.status, retryAfter: r.retryAfter, ms: r.ms, body: { replies: r.text === null ? [] : [{ kind: 'error', text: r.text }], ...(r.error ? { error: r.error } : {}) } }));
}

function tally(results: Outcome[]) {
  const by: Record<number, number> = {};
  for (const r of results) by[r.status] = (by[r.status] ?? 0) + 1;
  return by;
}

describe('overload on PostgreSQL: 800 concurrent at-risk reads', () => {
  let db: Awaited<ReturnType<typeof cloneDatabase>>;
  let t: TestApp;
  beforeAll(async () => {
    db = await cloneDatabase();
    t = await startTestApp({ DATABASE_URL: db.url });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await db?.drop();
  });

  it('serves or sheds with 503 + Retry-After, never 500, and /healthz keeps answering', async () => {
    const running = burst(t.url, Array.from({ length: 800 }, () => ['demo-manager', 'which accounts are at risk this week?'] as [string, string]));
    const health = await slowestAnswer(`${t.url}/healthz`, running);
    const results = await running;
    const counts = tally(results);
    record({ suite: 'resilience', scenario: `800 concurrent at-risk reads on PostgreSQL: ${JSON.stringify(counts)}, /healthz worst ${health.worst} ms`, faults: 1, eventsLost: 0, duplicates: 0 });
    expect(Object.keys(counts).map(Number).every((s) => s === 200 || s === 503), JSON.stringify(counts)).toBe(true);
    expect(counts[200] ?? 0).toBeGreaterThan(0);
    for (const r of results.filter((x) => x.status === 503)) {
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
      expect(r.body.replies?.[0]?.text).toMatch(/busy|moment/i);
    }
    // Answering, not fast: the burst's own client runs in this process, and CI shares two cores.
    expect(health.failures).toBe(0);
    expect(health.worst).toBeLessThan(3_000);
  }, 180_000);
});

describe('overload on PGlite: 1,000 concurrent writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('serves or sheds with 503 + Retry-After, never 500; /healthz and /readyz keep answering; every 200 is stored once', async () => {
    const tag = randomUUID().slice(0, 8);
    const running = burst(t.url, Array.from({ length: 1000 }, (_, i) => [i % 2 ? 'demo-rep-en' : 'demo-rep-zh', i % 2 ? `log call with Tom Baker: overload ${tag} ${i}` : `拜访了李医生，压力测试 ${tag} ${i}`] as [string, string]));
    const [health, ready] = await Promise.all([slowestAnswer(`${t.url}/healthz`, running), slowestAnswer(`${t.url}/readyz`, running)]);
    const results = await running;
    const counts = tally(results);
    record({ suite: 'resilience', scenario: `1000 concurrent writes on PGlite: ${JSON.stringify(counts)}, /healthz worst ${health.worst} ms, /readyz worst ${ready.worst} ms`, faults: 1, eventsLost: 0, duplicates: 0 });
    expect(Object.keys(counts).map(Number).every((s) => s === 200 || s === 503), JSON.stringify(counts)).toBe(true);
    expect(counts[200] ?? 0).toBeGreaterThan(0);
    const shed = results.filter((x) => x.status === 503);
    for (const r of shed) expect(Number(r.retryAfter)).toBeGreaterThan(0);
    // Refusals in the sender's language.
    const zhShed = results.filter((x, i) => x.status === 503 && i % 2 === 0);
    for (const r of zhShed) expect(r.body.replies?.[0]?.text).toMatch(/\p{Script=Han}/u);
    // Answering, not fast (see above); /readyz waits up to 2 s for each check by design.
    expect(health.failures + ready.failures).toBe(0);
    expect(health.worst).toBeLessThan(3_000);
    expect(ready.worst).toBeLessThan(8_000);
    // What was answered 200 is stored, once.
    const stored = await t.app.db.prisma.interaction.count({ where: { tenantId: DEMO_TENANT_ID, summary: { contains: tag } } });
    expect(stored).toBe(counts[200]);
  }, 300_000);
});

describe('a database that stops answering', () => {
  let db: Awaited<ReturnType<typeof cloneDatabase>>;
  let proxy: TcpProxy;
  let t: TestApp;
  beforeAll(async () => {
    db = await cloneDatabase();
    proxy = await new TcpProxy('127.0.0.1', 5432, 0, false, true).start();
    t = await startTestApp({ DATABASE_URL: proxy.url(db.url) });
  }, 60_000);
  afterAll(async () => {
    proxy?.resume();
    await t?.stop();
    await proxy?.stop();
    await db?.drop();
  });

  it('holds a request a few seconds, then answers 503 with Retry-After; /healthz answers meanwhile; all is well once it answers again', async () => {
    await waitFor(async () => (await fetch(`${t.url}/readyz`)).status === 200, 10_000, 'ready');
    proxy.stall();
    const stalled = Promise.all([post(t.url, 'demo-rep-en', 'my tasks'), post(t.url, 'demo-rep-zh', '我的任务')]);
    const health = await slowestAnswer(`${t.url}/healthz`, stalled);
    const [en, zh] = await stalled;
    const readyz = await fetch(`${t.url}/readyz`);
    record({ suite: 'resilience', scenario: `stalled database: chat answered in ${Math.max(en.ms, zh.ms)} ms`, faults: 1, eventsLost: 0, duplicates: 0 });
    for (const r of [en, zh]) {
      expect(r.status).toBe(503);
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
      expect(r.ms).toBeLessThan(12_000);
    }
    expect(zh.body.replies?.[0]?.text).toMatch(/\p{Script=Han}/u);
    expect(health.failures).toBe(0);
    expect(health.worst).toBeLessThan(3_000);
    expect(readyz.status).toBe(503);
    proxy.resume();
    await waitFor(async () => (await post(t.url, 'demo-rep-en', 'my tasks')).status === 200, 30_000, 'chat back');
  }, 120_000);
});
