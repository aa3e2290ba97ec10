// What the dialog layer stores when a message says more (or less) than the parser read: each case
// reads what was stored, not only the reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';

describe('dialog checks before a write, through the chat API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });
  const db = () => t.app.db.prisma;

  it('records the opt-out the message names, and then sends no survey', async () => {
    const r = await t.chat('demo-rep-en', 'Maria Garcia asked us to stop sending her surveys', { threadId: 'optout-said' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const c = await db().contact.findUnique({ where: { id: 'con-maria-garcia' } });
    expect(c).toMatchObject({ surveyOptOut: true, greetingOptOut: false });
    const before = await db().survey.count({ where: { contactId: 'con-maria-garcia' } });
    await t.chat('demo-rep-en', 'send a satisfaction survey to Maria Garcia', { threadId: 'optout-said' });
    expect(await db().survey.count({ where: { contactId: 'con-maria-garcia' } })).toBe(before);
  });

  it('records an opt-out said as a change to the person (greetings only)', async () => {
    await t.chat('demo-rep-en', 'Tom Baker does not want birthday greetings anymore', { threadId: 'optout-as-update' });
    const c = await db().contact.findUnique({ where: { id: 'con-tom-baker' } });
    expect(c).toMatchObject({ greetingOptOut: true, surveyOptOut: false });
  });

  it('asks what stopped when the message does not say, and stores nothing yet', async () => {
    const r = await t.chat('demo-rep-en', 'Raj opted out', { threadId: 'optout-unsaid' });
    expect(['choices', 'question', 'error']).toContain(r.body.replies[0]!.kind);
    expect(await db().contact.count({ where: { OR: [{ surveyOptOut: true }, { greetingOptOut: true }], name: { contains: 'Raj' } } })).toBe(0);
  });

  it('stores a priority said as a clause as the priority, not in the title', async () => {
    await t.chat('demo-rep-zh', '提醒我周四给李主任送资料，很重要', { threadId: 'prio-zh' });
    const task = await db().task.findFirst({ where: { title: { contains: '送资料' } }, orderBy: { createdAt: 'desc' } });
    expect(task?.priority).toBe('high');
    expect(task?.title).not.toMatch(/重要/);
  });

  it('stores a promotion with its whole title', async () => {
    await t.chat('demo-rep-en', 'Tom Baker was made VP of sales', { threadId: 'title-of' });
    const c = await db().contact.findUnique({ where: { id: 'con-tom-baker' } });
    expect(c?.title).toBe('VP of sales');
  });

  it('stores the kind of contact the words say, not a guess', async () => {
    await t.chat('demo-rep-en', 'caught up with Maria Garcia on the phone about the renewal', { threadId: 'type-said' });
    const i = await db().interaction.findFirst({ where: { contactId: 'con-maria-garcia', summary: { contains: 'renewal' } }, orderBy: { createdAt: 'desc' } });
    expect(i?.type).toBe('call');
  });

  it('offers a reminder for a name and a day it could not read, and stores it only when pressed', async () => {
    const before = await db().task.count();
    const r = await t.chat('demo-rep-zh', '李医生 样品 周五', { threadId: 'unsure-remind' });
    expect(r.body.replies[0]!.kind).toBe('choices');
    expect(await db().task.count()).toBe(before);
    const press = r.body.replies[0]!.actions![0]!.find((b) => b.label.startsWith('提醒你'))!;
    await t.chat('demo-rep-zh', '', { threadId: 'unsure-remind', action: press.value });
    expect(await db().task.count()).toBe(before + 1);
    const task = await db().task.findFirst({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: 'con-li-ming' });
    expect(task!.title).toContain('样品');
  });

  it('never stores a close date read from half a date', async () => {
    await t.chat('demo-rep-zh', '新建商机 华山医院 胰岛素泵项目，明年1月底签', { threadId: 'deal-date' });
    await t.chat('demo-rep-zh', '20万', { threadId: 'deal-date' });
    const opp = await db().opportunity.findFirst({ where: { name: { contains: '胰岛素泵' } } });
    expect(opp).not.toBeNull();
    expect(opp!.name).not.toMatch(/明年|\d$/);
    // Either not stored (not understood) or the date that was said: the end of January next year.
    if (opp!.expectedCloseAt) expect(opp!.expectedCloseAt.toISOString().slice(0, 7)).toBe('2027-01');
  });
});
