// The eighth round's dialog behaviours (after53–after54), read from what was stored after each
// turn: a correction said right after a write although its words alone leave the reading unsure,
// a Cantonese correction (唔係電話，係見面), Chinese written with its words apart and English CRM
// words in it, an answer in Chinese to a question asked in English, and a thing's priority.
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';

describe('corrections right after a write and code-mixed Chinese, through the chat API', () => {
  // Wednesday 2026-11-25, 18:00 in Shanghai and 05:00 in New York.
  const t = appAtScenarioClock();
  const db = () => t.app.db.prisma;
  const counts = async () => [
    await db().contact.count(), await db().interaction.count(), await db().task.count(), await db().opportunity.count(), await db().survey.count(),
  ];

  it('corrects the call just logged into a meeting on "oh wait, we was in a meeting, not on the phone" and nothing else', async () => {
    const r1 = await t.chat('demo-rep-en', 'had a call with bill at initech about the renewal', { threadId: 'we-was' });
    expect(r1.body.replies[0]!.kind).toBe('confirmation');
    const call = await db().interaction.findFirstOrThrow({ where: { contactId: 'con-bill-lumbergh', type: 'call' }, orderBy: { createdAt: 'desc' } });
    const before = await counts();
    const r2 = await t.chat('demo-rep-en', 'oh wait, we was in a meeting, not on the phone', { threadId: 'we-was' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    const after = await db().interaction.findUniqueOrThrow({ where: { id: call.id } });
    expect(after).toMatchObject({ type: 'meeting', contactId: 'con-bill-lumbergh', accountId: 'acc-initech', summary: call.summary });
    expect(after.occurredAt.toISOString()).toBe(call.occurredAt.toISOString());
    expect(await counts()).toEqual(before);
  });

  it('moves the meeting just logged to yesterday afternoon on "nah hang on, that was yesterday afternoon"', async () => {
    await t.chat('demo-rep-en', 'met wei ling at soylent about the extra sites', { threadId: 'hang-on' });
    const met = await db().interaction.findFirstOrThrow({ where: { contactId: 'con-lim-weiling', type: 'meeting' }, orderBy: { createdAt: 'desc' } });
    const r = await t.chat('demo-rep-en', 'nah hang on, that was yesterday afternoon', { threadId: 'hang-on' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const after = await db().interaction.findUniqueOrThrow({ where: { id: met.id } });
    // 15:00 in New York on Tuesday 24 November.
    expect(after.occurredAt.toISOString()).toBe('2026-11-24T20:00:00.000Z');
    expect(after).toMatchObject({ type: 'meeting', contactId: 'con-lim-weiling' });
  });

  it('does not take "nah hang on, that was yesterday afternoon" as a correction in a thread where nothing was written', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-en', 'nah hang on, that was yesterday afternoon', { threadId: 'nothing-written' });
    expect(r.body.replies[0]!.kind).not.toBe('confirmation');
    expect(await counts()).toEqual(before);
  });

  it('changes only the type on a Cantonese "唔係電話，係見面傾嘅" after a call', async () => {
    await t.chat('demo-rep-zh', '同劉醫生傾咗個電話講樣品', { threadId: 'cantonese-fix' });
    const call = await db().interaction.findFirstOrThrow({ where: { contactId: 'con-liu-yang', type: 'call' }, orderBy: { createdAt: 'desc' } });
    const r = await t.chat('demo-rep-zh', '唔係電話，係見面傾嘅', { threadId: 'cantonese-fix' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(r.body.replies[0]!.text).toMatch(/\p{Script=Han}/u);
    expect(await db().interaction.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ type: 'meeting', contactId: 'con-liu-yang' });
  });

  it('reads words typed apart with English CRM words: a reminder keeps 年底备货 as its matter and no account 备货', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '下周三 提醒我 follow up 陈经理 年底 备货 的事', { threadId: 'spaced' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: 'con-chen-jie', accountId: 'acc-renhe' });
    expect(task.title).toMatch(/备货/);
    // Wednesday 2 December, 09:00 in Shanghai.
    expect(task.dueAt.toISOString()).toBe('2026-12-02T01:00:00.000Z');
    expect(await db().account.count({ where: { name: '备货' } })).toBe(0);
    expect(await counts()).toEqual([before[0], before[1], before[2]! + 1, before[3], before[4]]);
  });

  it('moves a task on "送样品 的 task push 到 下周一 下午" and sets a priority on "…那个 task, priority 改成 low 吧"', async () => {
    const r1 = await t.chat('demo-rep-zh', '送样品 的 task push 到 下周一 下午', { threadId: 'mixed-task' });
    expect(r1.body.replies[0]!.kind).toBe('confirmation');
    const samples = await db().task.findFirstOrThrow({ where: { title: '给李主任送样品' } });
    // Monday 30 November, 15:00 in Shanghai.
    expect(samples.dueAt.toISOString()).toBe('2026-11-30T07:00:00.000Z');
    const r2 = await t.chat('demo-rep-zh', '回访王主任 那个 task, priority 改成 low 吧', { threadId: 'mixed-priority' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().task.findFirstOrThrow({ where: { title: { startsWith: '回访协和医院王主任' } } })).toMatchObject({ priority: 'low' });
  });

  it('logs a meeting with its follow-up from spaced Chinese with "周五 EOD 前": the follow-up brings what was asked for', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '上周五 跟 陈经理 开了个 meeting, 他要 新的 promo 方案, 周五 EOD 前 发给他', { threadId: 'eod' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const meeting = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(meeting).toMatchObject({ type: 'meeting', contactId: 'con-chen-jie' });
    const task = await db().task.findFirstOrThrow({ where: { interactionId: meeting.id } });
    expect(task.title).toMatch(/方案/);
    expect(task.title).not.toMatch(/下班|EOD/i);
    // Friday 27 November, 17:00 in Shanghai (the end of the working day).
    expect(task.dueAt.toISOString()).toBe('2026-11-27T09:00:00.000Z');
    expect(await counts()).toEqual([before[0], before[1]! + 1, before[2]! + 1, before[3], before[4]]);
  });

  it('answers in Chinese when an English question is answered in Chinese ("yes 同一个人, 用 existing 那个")', async () => {
    const r1 = await t.chat('demo-rep-zh', 'add contact Zhao Min, 市一院 的, email zhaomin@city1.example.cn', { threadId: 'lang-switch' });
    expect(r1.body.replies[0]!.kind).toBe('choices');
    const r2 = await t.chat('demo-rep-zh', 'yes 同一个人, 用 existing 那个', { threadId: 'lang-switch' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    expect(r2.body.replies[0]!.text).toMatch(/\p{Script=Han}/u);
    expect(r2.body.replies[0]!.text).not.toMatch(/\bemail\b/i);
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-zhao-min' } })).toMatchObject({ email: 'zhaomin@city1.example.cn' });
    expect(await db().contact.count({ where: { OR: [{ name: 'Zhao Min' }, { name: '赵敏' }] } })).toBe(1);
  });
});
