// The foundation's promises, end to end over HTTP on the embedded defaults (PGlite, BullMQ on
// PGlite): health, readiness, the local chat API, its refusals, and data kept across a restart.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';

describe('Rapport server on the embedded defaults', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { workers: false });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers /healthz and /readyz', async () => {
    const h = await fetch(`${t.url}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.json()).toEqual({ status: 'ok' });
    const r = await fetch(`${t.url}/readyz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', jobs: 'ok' } });
  });

  it('serves the chat page and the demo users', async () => {
    const page = await fetch(`${t.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Rapport');
    const users = (await (await fetch(`${t.url}/api/users`)).json()) as { users: { id: string; role: string }[] };
    expect(users.users.map((u) => u.id).sort()).toEqual(['demo-admin', 'demo-customer', 'demo-manager', 'demo-rep-en', 'demo-rep-zh']);
    expect(users.users.find((u) => u.id === 'demo-customer')?.role).toBe('customer');
  });

  it('refuses unknown users with 403, bad JSON with 400, huge bodies with 413', async () => {
    const unknown = await t.chat('intruder', 'my tasks');
    expect(unknown.status).toBe(403);
    const bad = await fetch(`${t.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId": "demo-rep-en", "text": ' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('bad_json');
    const huge = await fetch(`${t.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'demo-rep-en', text: 'x'.repeat(200_000) }) });
    expect(huge.status).toBe(413);
    const empty = await t.chat('demo-rep-en', '   ');
    expect(empty.status).toBe(400);
    const wrongType = await fetch(`${t.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 42, text: 'hi' }) });
    expect(wrongType.status).toBe(400);
  });

  it('serves the Teams endpoint (loaded on first use) and refuses a body that is not an activity', async () => {
    const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
  });

  it('logs a visit from English chat into the database, once per message id', async () => {
    const messageId = randomUUID();
    const first = await t.chat('demo-rep-en', 'log visit with Sarah Chen, she wants an SSO demo next Tuesday', { messageId });
    expect(first.status).toBe(200);
    const reply = first.body.replies[0]!;
    expect(reply.kind).toBe('confirmation');
    expect(reply.text).toMatch(/^Logged visit with Sarah Chen \(Acme Corp\)/);
    expect(reply.text).toContain('Follow-up:');
    const again = await t.chat('demo-rep-en', 'log visit with Sarah Chen, she wants an SSO demo next Tuesday', { messageId });
    // The retry gets the first answer again (src/intents/idempotency.ts) and writes nothing.
    expect(again.body.replies).toEqual(first.body.replies);
    const rows = await t.app.db.prisma.interaction.findMany({ where: { sourceMessageId: `web:${messageId}` } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'visit', contactId: 'demo-customer', accountId: 'acc-acme', userId: 'demo-rep-en' });
    const tasks = await t.app.db.prisma.task.findMany({ where: { interactionId: rows[0]!.id } });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.assigneeId).toBe('demo-rep-en');
  });

  it('logs a visit from Chinese chat and replies in Chinese', async () => {
    const res = await t.chat('demo-rep-zh', '拜访了李医生，下周二送样品');
    const reply = res.body.replies[0]!;
    expect(reply.kind).toBe('confirmation');
    expect(reply.text).toMatch(/^已记录拜访：李明（市第一医院）/);
    expect(reply.text).toContain('跟进：送样品');
  });
});

describe('data on the embedded database survives a restart', () => {
  it('keeps what a rep logged', async () => {
    const first = await startTestApp();
    const dir = first.dataDir;
    const messageId = randomUUID();
    try {
      const res = await first.chat('demo-rep-en', 'called Tom Baker about the renewal', { messageId });
      expect(res.body.replies[0]!.kind).toBe('confirmation');
    } finally {
      await first.stop({ keepData: true });
    }
    const second = await startTestApp({}, { dataDir: dir });
    try {
      const row = await second.app.db.prisma.interaction.findUnique({
        where: { tenantId_sourceMessageId: { tenantId: 'demo', sourceMessageId: `web:${messageId}` } },
      });
      expect(row).toMatchObject({ type: 'call', contactId: 'con-tom-baker' });
      // The demo tenant is seeded once, not again on the second start.
      expect(await second.app.db.prisma.tenant.count()).toBe(1);
    } finally {
      await second.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
