// Issue 17, items 3 and 4: a message id makes every write happen once, not only logged
// interactions, and the id belongs to the one who sent it. The same messageId sent 20 times (in a
// row, and all at once) creates one reminder, one deal, one contact and answers each retry with the
// first answer; another user who sends an id already used gets their own turn, never the first
// user's note. On the embedded default (PGlite) and on PostgreSQL, through the real HTTP API.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '../../src/seed/demo.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { cloneDatabase, record } from '../resilience/_support.ts';

describe.each(['pglite', 'postgres'] as const)('message ids (%s)', (kind) => {
  let t: TestApp;
  let drop: (() => Promise<void>) | undefined;
  let duplicates = 0;

  beforeAll(async () => {
    const env: Record<string, string> = {};
    if (kind === 'postgres') {
      const db = await cloneDatabase();
      drop = () => db.drop();
      env.DATABASE_URL = db.url;
    }
    t = await startTestApp(env);
  }, 60_000);

  afterAll(async () => {
    record({ suite: 'security', scenario: `message ids: every write once, ids scoped to their sender (${kind})`, refusals: 1, duplicates, eventsLost: 0 });
    await t?.stop();
    await drop?.();
  });

  /** A new name each time (a second contact of the same name is a question, not a write). */
  const surname = () => 'Q' + Array.from({ length: 6 }, () => 'aeioukrstnlm'[Math.floor(Math.random() * 12)]).join('');
  // Counted before and after (the tests of a file run one at a time, nothing else writes meanwhile).
  const writes = [
    { what: 'reminder', text: () => 'remind me to call Maria tomorrow 3pm', count: () => t.app.db.prisma.task.count({ where: { tenantId: DEMO_TENANT_ID } }) },
    { what: 'deal', text: () => 'new opportunity Acme SSO add-on $25k', count: () => t.app.db.prisma.opportunity.count({ where: { tenantId: DEMO_TENANT_ID } }) },
    { what: 'contact', text: () => `add contact Li ${surname()} at Acme Corp, decision maker`, count: () => t.app.db.prisma.contact.count({ where: { tenantId: DEMO_TENANT_ID } }) },
  ];

  for (const w of writes) {
    it(`the same messageId 20 times in a row creates one ${w.what}, and every retry hears the first answer`, async () => {
      const before = await w.count();
      const messageId = randomUUID();
      const text = w.text();
      const answers: string[] = [];
      for (let i = 0; i < 20; i++) {
        const r = await t.chat('demo-rep-en', text, { messageId });
        expect(r.status).toBe(200);
        expect(r.body.replies[0]!.kind, r.body.replies[0]!.text).toBe('confirmation');
        answers.push(r.body.replies.map((x) => x.text).join('\n'));
      }
      const n = (await w.count()) - before;
      duplicates += Math.max(0, n - 1);
      expect(n).toBe(1);
      expect(new Set(answers).size).toBe(1);
    });

    it(`the same messageId 20 times at once creates one ${w.what}`, async () => {
      const before = await w.count();
      const messageId = randomUUID();
      const text = w.text();
      const results = await Promise.all(Array.from({ length: 20 }, () => t.chat('demo-rep-en', text, { messageId })));
      for (const r of results) expect(r.status).toBe(200);
      const n = (await w.count()) - before;
      duplicates += Math.max(0, n - 1);
      expect(n).toBe(1);
      const answers = new Set(results.map((r) => r.body.replies.map((x) => x.text).join('\n')));
      expect(answers.size, [...answers].join(' | ')).toBe(1);
    });
  }

  it("another user's message id is not theirs to replay: their own message is handled, the first user's note never shown", async () => {
    const messageId = randomUUID();
    const secret = `layoffs planned at Acme ${randomUUID().slice(0, 6)}`;
    const first = await t.chat('demo-rep-en', `log call with Tom Baker: ${secret}`, { messageId });
    expect(first.body.replies[0]!.kind).toBe('confirmation');
    const other = await t.chat('demo-manager', 'log call with Tom Baker: budget approved for next year', { messageId });
    expect(other.status).toBe(200);
    const text = other.body.replies.map((r) => r.text).join('\n');
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/Already logged/);
    expect(other.body.replies[0]!.kind).toBe('confirmation');
    const p = t.app.db.prisma;
    const logged = await p.interaction.findMany({ where: { tenantId: DEMO_TENANT_ID, sourceMessageId: { startsWith: `web:${messageId}` } }, orderBy: { createdAt: 'asc' } });
    expect(logged.map((i) => i.userId)).toEqual(['demo-rep-en', 'demo-manager']);
    // The first user's retry still gets their own answer.
    const retry = await t.chat('demo-rep-en', `log call with Tom Baker: ${secret}`, { messageId });
    expect(retry.body.replies.map((r) => r.text)).toEqual(first.body.replies.map((r) => r.text));
  });
});
