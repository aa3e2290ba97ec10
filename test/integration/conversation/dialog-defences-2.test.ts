// What is stored when the parser read less than was said (the after2/after3 families): an opt-out
// answered in words, a pinyin name in a Chinese message, a correction naming a first name, a deal
// whose amount the parser missed, a title said with "现在是". Each case reads what was stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';

describe('dialog defences where the parser read less, through the chat API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });
  const db = () => t.app.db.prisma;

  it('records the opt-out answered in words, keeping what the answer keeps', async () => {
    const r = await t.chat('demo-rep-zh', '赵敏说她要退订', { threadId: 'optout-words' });
    expect(r.body.replies[0]!.kind).toBe('choices');
    await t.chat('demo-rep-zh', '就问卷吧 节日祝福还可以发', { threadId: 'optout-words' });
    const c = await db().contact.findUnique({ where: { id: 'con-zhao-min' } });
    expect(c).toMatchObject({ surveyOptOut: true, greetingOptOut: false });
  });

  it('records an opt-out offered as a reading when the answer says what stopped', async () => {
    const r = await t.chat('demo-rep-zh', '刘医生让我们以后别打扰他', { threadId: 'optout-reading' });
    expect(['choices', 'question']).toContain(r.body.replies[0]!.kind);
    await t.chat('demo-rep-zh', '就问卷吧 节日祝福还可以发', { threadId: 'optout-reading' });
    const c = await db().contact.findUnique({ where: { id: 'con-liu-yang' } });
    expect(c).toMatchObject({ surveyOptOut: true, greetingOptOut: false });
  });

  it('offers the existing contact for a pinyin name in a Chinese message, and adds no one', async () => {
    const before = await db().contact.count();
    const r = await t.chat('demo-rep-zh', '加个联系人 Zhao Min，市第一医院', { threadId: 'pinyin-dup' });
    expect(['choices', 'question']).toContain(r.body.replies[0]!.kind);
    expect(r.body.replies[0]!.text).toMatch(/赵敏/);
    expect(await db().contact.count()).toBe(before);
  });

  it('moves the last log to the person a correction names by first name, not the one said with "not"', async () => {
    await t.chat('demo-rep-en', 'had a call with Peter about the data rollout', { threadId: 'fix-first-name' });
    const r = await t.chat('demo-rep-en', 'actually it was bill, not peter', { threadId: 'fix-first-name' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const i = await db().interaction.findFirst({ where: { summary: { contains: 'data rollout' } }, orderBy: { createdAt: 'desc' } });
    expect(i?.contactId).toBe('con-bill-lumbergh');
  });

  it('stores a new deal with the amount the message says, without asking for it', async () => {
    const r = await t.chat('demo-rep-zh', '新建商机 协和 透析耗材集采 30万 12月31号签', { threadId: 'deal-amount' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const o = await db().opportunity.findFirst({ where: { name: { contains: '透析耗材' } } });
    expect(o).toMatchObject({ accountId: 'acc-union', currency: 'CNY' });
    expect(Number(o!.amount)).toBe(300000);
  });

  it('stores a promotion said with 现在是 as the title alone', async () => {
    await t.chat('demo-rep-zh', '张伟升了 现在是副院长', { threadId: 'title-lead' });
    const c = await db().contact.findUnique({ where: { id: 'con-zhang-wei' } });
    expect(c?.title).toBe('副院长');
  });
});
