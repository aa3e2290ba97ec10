// Issue 17, item 3, at the exact moment it matters: the web page's Retry after "I can't tell
// whether it was recorded". PostgreSQL is cut right after the COMMIT of a reminder's task (the
// server did it, the app never hears so) or right before it (never done); the retry with the same
// messageId must end with exactly one task either way, and say which it was.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startApp, type RapportApp } from '../../src/app.ts';
import { DEMO_TENANT_ID } from '../../src/seed/demo.ts';
import { cloneDatabase, record, startRedis, TcpProxy, waitFor } from './_support.ts';

const UNKNOWN = "The CRM went away while handling this, so I can't tell whether it was recorded. Please check in a moment before sending it again.";
const INSERT_TASK = /INSERT INTO ("public"\.)?"Task" /;

describe('retry after an unknown outcome (a follow-up, not an interaction)', () => {
  let db: Awaited<ReturnType<typeof cloneDatabase>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let proxy: TcpProxy;
  let app: RapportApp;
  let url: string;
  let faults = 0;
  let duplicates = 0;

  beforeAll(async () => {
    db = await cloneDatabase();
    redis = await startRedis();
    proxy = await new TcpProxy('127.0.0.1', 5432, 0, true).start();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RAPPORT_SEED_DEMO: 'true', DATABASE_URL: proxy.url(db.url), REDIS_URL: redis.url });
    app = await startApp(config, { http: true, workers: false, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
    url = app.url!;
  }, 60_000);

  afterAll(async () => {
    record({ suite: 'resilience', scenario: 'postgres cut at the COMMIT of a follow-up, then Retry with the same messageId', faults, eventsLost: 0, duplicates });
    proxy?.restore();
    await app?.stop();
    await proxy?.stop();
    await redis?.stop();
    await db?.drop();
  });

  const chat = async (text: string, messageId: string) => {
    const res = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'demo-rep-en', text, messageId }), signal: AbortSignal.timeout(20_000) });
    const body = (await res.json()) as { replies: { kind: string; text: string }[]; recorded?: unknown };
    return { status: res.status, body, reply: body.replies[0]! };
  };
  const tasks = () => app.db.prisma.task.count({ where: { tenantId: DEMO_TENANT_ID } });
  const during = async <T>(cut: Promise<void>, send: () => Promise<T>): Promise<T> => {
    try {
      const result = await send();
      await Promise.race([cut, new Promise((_, reject) => setTimeout(() => reject(new Error('the cut never happened')), 10_000))]);
      faults++;
      return result;
    } finally {
      proxy.disarm();
      proxy.restore();
      await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, 20_000, '/readyz back to 200');
    }
  };

  it('the task committed but the answer was lost: the retry reports it and creates no second task', async () => {
    const id = randomUUID();
    const before = await tasks();
    const first = await during(proxy.cutAt(/\bCOMMIT\b/, 'after', INSERT_TASK), () => chat('remind me to call Maria tomorrow 3pm', id));
    expect(first.status).toBe(503);
    expect(first.body.recorded).toBe('unknown');
    expect(first.reply.text).toBe(UNKNOWN);
    expect(await tasks()).toBe(before + 1);
    const retries = [];
    for (let i = 0; i < 3; i++) retries.push(await chat('remind me to call Maria tomorrow 3pm', id));
    for (const r of retries) {
      expect(r.status).toBe(200);
      expect(r.reply.kind).toBe('confirmation');
      expect(r.reply.text).toMatch(/^Already recorded before the connection dropped: follow-up “Call Maria/);
    }
    duplicates += (await tasks()) - before - 1;
    expect(await tasks()).toBe(before + 1);
  });

  it('the COMMIT never reached the server: the retry records the task once', async () => {
    const id = randomUUID();
    const before = await tasks();
    const first = await during(proxy.cutAt(/\bCOMMIT\b/, 'before', INSERT_TASK), () => chat('remind me to call Maria tomorrow 3pm', id));
    expect(first.status).toBe(503);
    expect(first.body.recorded).toBe('unknown');
    expect(await tasks()).toBe(before);
    const retry = await chat('remind me to call Maria tomorrow 3pm', id);
    expect(retry.status).toBe(200);
    expect(retry.reply.kind).toBe('confirmation');
    expect(retry.reply.text).toMatch(/^I'll remind you/);
    const again = await chat('remind me to call Maria tomorrow 3pm', id);
    expect(again.reply.text).toBe(retry.reply.text);
    duplicates += (await tasks()) - before - 1;
    expect(await tasks()).toBe(before + 1);
  });
});
