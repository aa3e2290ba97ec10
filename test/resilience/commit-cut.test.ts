// The exact moments of a PostgreSQL outage that a random cut only hits now and then, made
// deterministic: the TCP proxy watches the wire protocol and cuts right before or right after the
// write of a web chat message's interaction reaches the server (its COMMIT, or the single
// statement that writes it), before the message's handler ran, or just after the write while the
// answered question is cleared. Each time the reply must tell the truth ("nothing was recorded"
// only when nothing can have been; "can't tell" when a write was in flight; a confirmation when
// it is done) and a retry with the same messageId must end with exactly one interaction.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startApp, type RapportApp } from '../../src/app.ts';
import { DEMO_TENANT_ID } from '../../src/seed/demo.ts';
import { cloneDatabase, record, startRedis, TcpProxy, waitFor } from './_support.ts';

const NOTHING = 'The CRM is unavailable right now, so nothing was recorded. Please retry in a moment.';
const UNKNOWN = "The CRM went away while handling this, so I can't tell whether it was recorded. Please check in a moment before sending it again.";
/** The interaction's INSERT, through Prisma (schema-qualified) or as raw SQL. */
const INSERT_INTERACTION = /INSERT INTO ("public"\.)?"Interaction" /;
/** What makes that write durable: its transaction's COMMIT, or the raw statement itself. */
const WRITE_DONE = /\bCOMMIT\b|INSERT INTO "Interaction" /;

describe('PostgreSQL cut at an exact moment of a chat write', () => {
  let db: Awaited<ReturnType<typeof cloneDatabase>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let proxy: TcpProxy;
  let app: RapportApp;
  let url: string;
  let faults = 0;

  beforeAll(async () => {
    db = await cloneDatabase();
    redis = await startRedis();
    proxy = await new TcpProxy('127.0.0.1', 5432, 0, true).start();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RAPPORT_SEED_DEMO: 'true', DATABASE_URL: proxy.url(db.url), REDIS_URL: redis.url });
    app = await startApp(config, { http: true, workers: false, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
    url = app.url!;
  }, 60_000);

  afterAll(async () => {
    record({ suite: 'resilience', scenario: 'postgres cut at the write (answer lost / never sent), before the handler, after the write', faults, eventsLost: 0, duplicates: 0 });
    proxy?.restore();
    await app?.stop();
    await proxy?.stop();
    await redis?.stop();
    await db?.drop();
  });

  const chat = async (text: string, messageId: string, threadId = 'commit-cut') => {
    const res = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'demo-rep-en', text, messageId, threadId }), signal: AbortSignal.timeout(20_000) });
    const body = (await res.json()) as { replies: { kind: string; text: string }[]; recorded?: unknown; messageId?: string };
    return { status: res.status, body, reply: body.replies[0]! };
  };
  const rows = (id: string) => app.db.prisma.interaction.findMany({ where: { tenantId: DEMO_TENANT_ID, sourceMessageId: `web:${id}` } });
  /** Cut as armed, send, then bring the database back and wait until the server sees it again. */
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
  const auditsOf = async (interactionId: string) => app.db.prisma.auditLog.count({ where: { entityType: 'Interaction', entityId: interactionId } });

  it('the write done by the server but its answer lost: "can\'t tell", and the retry finds it (one row)', async () => {
    const id = randomUUID();
    const first = await during(proxy.cutAt(WRITE_DONE, 'after', INSERT_INTERACTION), () => chat('log call with Tom Baker: write answer lost', id));
    expect(first.status).toBe(503);
    expect(first.body.recorded).toBe('unknown');
    expect(first.reply.text).toBe(UNKNOWN);
    expect(first.body.messageId).toBe(id);
    // The server did it.
    expect((await rows(id)).map((r) => r.summary)).toEqual(['write answer lost']);
    const retry = await chat('log call with Tom Baker: write answer lost', id);
    expect(retry.status).toBe(200);
    expect(retry.reply.kind).toBe('confirmation');
    expect(retry.reply.text).toMatch(/^Already logged: /);
    const after = await rows(id);
    expect(after).toHaveLength(1);
    expect(await auditsOf(after[0]!.id)).toBe(1);
  });

  it('the write never reaches the server: "can\'t tell", nothing stored, and the retry records it once', async () => {
    const id = randomUUID();
    const first = await during(proxy.cutAt(WRITE_DONE, 'before', INSERT_INTERACTION), () => chat('log call with Tom Baker: write never sent', id));
    expect(first.status).toBe(503);
    expect(first.body.recorded).toBe('unknown');
    expect(first.reply.text).toBe(UNKNOWN);
    expect(await rows(id)).toHaveLength(0);
    const retry = await chat('log call with Tom Baker: write never sent, retried', id);
    expect(retry.status).toBe(200);
    expect(retry.reply.kind).toBe('confirmation');
    expect(retry.reply.text).not.toMatch(/Already logged/);
    const after = await rows(id);
    expect(after.map((r) => r.summary)).toEqual(['write never sent, retried']);
    expect(await auditsOf(after[0]!.id)).toBe(1);
  });

  it('cut before the handler ran (reading the dialog state): "nothing was recorded" is true, and the retry records it once', async () => {
    const id = randomUUID();
    const first = await during(proxy.cutAt(/FROM "public"\."ConversationState"/, 'before'), () => chat('log call with Tom Baker: cut before handling', id));
    expect(first.status).toBe(503);
    expect(first.body.recorded).toBe(false);
    expect(first.reply.text).toBe(NOTHING);
    expect(await rows(id)).toHaveLength(0);
    const retry = await chat('log call with Tom Baker: cut before handling, retried', id);
    expect(retry.status).toBe(200);
    expect(retry.reply.kind).toBe('confirmation');
    expect((await rows(id)).map((r) => r.summary)).toEqual(['cut before handling, retried']);
  });

  it('cut just after the write, while the answered question is cleared: the user hears it was logged', async () => {
    const thread = `commit-cut-${randomUUID()}`;
    const askId = randomUUID();
    const ask = await chat('log a visit', askId, thread);
    expect(ask.status).toBe(200);
    expect(ask.reply.kind).toBe('question');
    // The answer resumes the intent under the question's message id.
    const answer = await during(proxy.cutAt(/DELETE FROM "public"\."ConversationState"/, 'before', INSERT_INTERACTION), () => chat('Tom Baker', randomUUID(), thread));
    expect(answer.status, answer.reply.text).toBe(200);
    expect(answer.reply.kind).toBe('confirmation');
    expect(answer.reply.text).toMatch(/^Logged visit with Tom Baker/);
    expect(await rows(askId)).toHaveLength(1);
    // The question could not be cleared; answering it again logs nothing new.
    const again = await chat('Tom Baker', randomUUID(), thread);
    expect(again.status).toBe(200);
    expect(again.reply.text).toMatch(/^Already logged: /);
    expect(await rows(askId)).toHaveLength(1);
  });
});
