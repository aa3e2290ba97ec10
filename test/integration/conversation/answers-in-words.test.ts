// Answers said in words rather than with a button, and details a message leaves unsaid (the after21
// and after22 families). Each case reads what was stored after the turn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';

describe('answers in words and what is left unsaid, through the chat API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });
  const db = () => t.app.db.prisma;

  it('"use the existing one" keeps the contact already there and gives it the new phone, adding nobody', async () => {
    const before = await db().contact.count();
    const q = await t.chat('demo-rep-en', 'new contact: Maria Garcia, Globex, phone 617-555-0134', { threadId: 'dup-words' });
    expect(q.body.replies[0]!.kind).toBe('choices');
    const r = await t.chat('demo-rep-en', 'use the existing one', { threadId: 'dup-words' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().contact.count()).toBe(before);
    expect((await db().contact.findUnique({ where: { id: 'con-maria-garcia' } }))?.phone).toBe('617-555-0134');
  });

  it('a corrected amount said without a currency keeps the deal in euros', async () => {
    await t.chat('demo-rep-en', 'Umbrella pilot is up to 18k euros', { threadId: 'eur' });
    const r = await t.chat('demo-rep-en', 'sorry, make that 21k', { threadId: 'eur' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const deal = await db().opportunity.findUnique({ where: { id: 'opp-umbrella-pilot' } });
    expect([Number(deal!.amount), deal!.currency]).toEqual([21000, 'EUR']);
  });

  it('a reminder that names a colleague is the manager\'s own, about no customer', async () => {
    const r = await t.chat('demo-manager', '提醒我周五下午跟王芳过一下协和续约的情况，重要', { threadId: 'colleague' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const task = await db().task.findFirst({ where: { title: { contains: '协和续约' } }, orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: null, priority: 'high', assigneeId: 'demo-manager' });
  });

  it('"Did you mean: log…?" answered with the kind of contact logs it as that kind', async () => {
    const before = await db().interaction.count();
    const q = await t.chat('demo-rep-zh', '跟赵敏沟通了下采购单的事', { threadId: 'reading-kind' });
    // Asked either way: which reading (when unsure) or which kind of contact.
    expect(['choices', 'question']).toContain(q.body.replies[0]!.kind);
    const r = await t.chat('demo-rep-zh', '电话', { threadId: 'reading-kind' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const call = await db().interaction.findFirst({ where: { contactId: 'con-zhao-min' }, orderBy: { createdAt: 'desc' } });
    expect(call).toMatchObject({ type: 'call', accountId: 'acc-city1' });
    expect(call!.summary).toMatch(/采购单/);
    expect(await db().interaction.count()).toBe(before + 1);
  });
});
