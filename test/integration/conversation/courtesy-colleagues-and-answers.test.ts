// The fourth round's dialog behaviours (after43–after45), read from what was stored after each turn:
// a yes said inside a short answer, an ordinal with words around it, a colleague named in a reminder
// that also names the account, a priority already set, an opt-out typed with 问券 and spaced-out
// words, a follow-up that brings what was asked for, and an English change said as a sentence.
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';

describe('courtesy, colleagues and answers in words, through the chat API', () => {
  // Wednesday 2026-11-25, 18:00 in Shanghai and 05:00 in New York.
  const t = appAtScenarioClock();
  const db = () => t.app.db.prisma;
  const counts = async () => [
    await db().contact.count(), await db().account.count(), await db().interaction.count(), await db().task.count(), await db().survey.count(),
  ];

  it('takes "Iva, go ahead" as yes to creating the account, and adds the contact there', async () => {
    const r1 = await t.chat('demo-rep-en', 'Add contact Rita Spiteri at Gozo Ferries Ltd pls', { threadId: 'yes-inside' });
    expect(r1.body.replies[0]!.kind).toBe('question');
    expect(await db().account.count({ where: { name: 'Gozo Ferries Ltd' } })).toBe(0);
    const r2 = await t.chat('demo-rep-en', 'Iva, go ahead', { threadId: 'yes-inside' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    const account = await db().account.findFirstOrThrow({ where: { name: 'Gozo Ferries Ltd' } });
    const contact = await db().contact.findFirstOrThrow({ where: { name: 'Rita Spiteri' } });
    expect(contact.accountId).toBe(account.id);
  });

  it('picks "de first one" as the first person offered and logs the call with them', async () => {
    // A second Tom, so that "tom" fits two people.
    await t.chat('demo-rep-en', 'add contact Tom Nassar at Globex, procurement manager', { threadId: 'ordinal-setup' });
    expect(await db().contact.count({ where: { name: 'Tom Nassar' } })).toBe(1);
    const r1 = await t.chat('demo-rep-en', 'called tom yesterday bout de renewal', { threadId: 'ordinal' });
    expect(r1.body.replies[0]!.kind).toBe('choices');
    const before = await db().interaction.count();
    const r2 = await t.chat('demo-rep-en', 'de first one', { threadId: 'ordinal' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().interaction.count()).toBe(before + 1);
    const call = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(call).toMatchObject({ type: 'call', contactId: 'con-tom-baker' });
    expect(call.occurredAt.toISOString().slice(0, 10)).toBe('2026-11-24');
  });

  it('makes a reminder that names a colleague and an account about the account, with no contact', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '提醒我礼拜四跟陈静过一下华山的试用方案', { threadId: 'colleague' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ accountId: 'acc-huashan', contactId: null, assigneeId: 'demo-rep-zh' });
    expect(task.title).toContain('试用方案');
    expect(task.dueAt.toISOString()).toBe('2026-11-26T01:00:00.000Z');
    expect(await counts()).toEqual([before[0], before[1], before[2], before[3]! + 1, before[4]]);
  });

  it('says a priority is already set instead of "couldn\'t tell what to change", and changes nothing', async () => {
    const task = await db().task.findFirstOrThrow({ where: { title: '给李主任送样品' } });
    expect(task.priority).toBe('normal');
    const r = await t.chat('demo-rep-zh', '送样品那个任务 还是按普通的来', { threadId: 'already' });
    expect(r.body.replies[0]!.text).toMatch(/已经是普通/);
    expect(await db().task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ priority: 'normal', updatedAt: task.updatedAt });
  });

  it('stops both surveys and greetings for 问券和节日祝福, and only surveys when the greetings are kept (spaced-out words)', async () => {
    const r1 = await t.chat('demo-rep-zh', '仁和的陈经理说了，往后甭给他发问券和节日祝福了，嫌烦得很', { threadId: 'optout-typo' });
    expect(r1.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-chen-jie' } })).toMatchObject({ surveyOptOut: true, greetingOptOut: true });
    const surveys = await db().survey.count();
    const r2 = await t.chat('demo-rep-zh', '张伟主任 满意度调查 再 不要 发 说了。节日祝福 是 可以的。', { threadId: 'optout-spaced' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-zhang-wei' } })).toMatchObject({ surveyOptOut: true, greetingOptOut: false });
    expect(await db().survey.count()).toBe(surveys);
  });

  it('names the follow-up after what was asked for (他说想要一份完整的报告，下周一给他送过去)', async () => {
    const r = await t.chat('demo-rep-zh', '今天下午去市一院拜访了李主任，聊了新药临床数据的事情，他说想要一份完整的报告，下周一给他送过去嘛，记得提醒我哦', { threadId: 'bring' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const visit = await db().interaction.findFirstOrThrow({ where: { contactId: 'con-li-ming' }, orderBy: { createdAt: 'desc' } });
    expect(visit).toMatchObject({ type: 'visit', summary: '新药临床数据的事情' });
    const task = await db().task.findFirstOrThrow({ where: { interactionId: visit.id } });
    expect(task.title).toMatch(/送报告/);
    expect(task.dueAt.toISOString()).toBe('2026-11-30T01:00:00.000Z');
  });

  it('says an English change as a sentence (role now champion, was influencer), with no field label', async () => {
    const r = await t.chat('demo-rep-en', 'Tom Baker is our champion now', { threadId: 'wording' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(r.body.replies[0]!.text).toMatch(/role now champion \(was influencer\)/);
    expect(r.body.replies[0]!.text).not.toMatch(/role:/);
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-tom-baker' } })).toMatchObject({ decisionRole: 'champion' });
  });
});
