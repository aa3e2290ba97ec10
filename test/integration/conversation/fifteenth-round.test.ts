// The fifteenth round's dialog behaviours (after76–after78), read from what was stored after each
// turn: a customer who stops greetings after surveys keeps both stopped; `make it 4pm actually`
// moves the task just made to that time on its own day; what a customer said they will do next year
// is no follow-up; a Minnan `拜五` reminder for `市一院那个主任` asks which one; a space-separated
// Northeast report keeps the follow-up said after it; a title said first (`Important:`) and `w/`.
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';

describe('the fifteenth round, through the chat API', () => {
  // Wednesday 2026-11-25, 18:00 in Shanghai and 05:00 in New York.
  const t = appAtScenarioClock();
  const db = () => t.app.db.prisma;
  const counts = async () => [
    await db().contact.count(), await db().interaction.count(), await db().task.count(),
    await db().opportunity.count(), await db().ticket.count(), await db().survey.count(),
  ];

  it('keeps surveys stopped when the customer then stops the birthday messages too', async () => {
    const r1 = await t.chat('demo-customer', 'pls stop sending me these satisfaction surveys', { threadId: 'own-optout' });
    expect(r1.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'demo-customer' } })).toMatchObject({ surveyOptOut: true, greetingOptOut: false });
    const before = await counts();
    const r2 = await t.chat('demo-customer', 'oh, and the birthday and holiday messages as well please', { threadId: 'own-optout' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'demo-customer' } })).toMatchObject({ surveyOptOut: true, greetingOptOut: true });
    expect(await counts()).toEqual(before);
  });

  it('moves the reminder just made to 4pm on its own day on "make it 4pm actually"', async () => {
    const r1 = await t.chat('demo-rep-en', 'remind me to call Maria tomorrow 3pm about the backlog', { threadId: 'four-pm' });
    expect(r1.body.replies[0]!.kind).toBe('confirmation');
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    // Thursday 26 November, 15:00 in New York.
    expect(task.dueAt.toISOString()).toBe('2026-11-26T20:00:00.000Z');
    const before = await counts();
    const r2 = await t.chat('demo-rep-en', 'make it 4pm actually', { threadId: 'four-pm' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    const moved = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    expect(moved.dueAt.toISOString()).toBe('2026-11-26T21:00:00.000Z');
    expect(moved).toMatchObject({ title: task.title, contactId: 'con-maria-garcia', priority: task.priority });
    expect(await counts()).toEqual(before);
  });

  it('logs "met Wei Ling yesterday, she said next year they\'ll probably look at a third site" with no follow-up', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-en', "met Wei Ling yesterday, she said next year they'll probably look at a third site", { threadId: 'next-year' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const meeting = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(meeting).toMatchObject({ type: 'meeting', contactId: 'con-lim-weiling', accountId: 'acc-soylent' });
    expect(meeting.summary).toMatch(/third site/);
    // Tuesday 24 November in New York.
    expect(meeting.occurredAt.toISOString().slice(0, 10)).toBe('2026-11-24');
    expect(await counts()).toEqual([before[0], before[1]! + 1, before[2], before[3], before[4], before[5]]);
  });

  it('asks which 主任 on "拜五要送样品去市一院给那个主任，提醒我一下哦", then reminds about the samples for the one picked', async () => {
    const before = await counts();
    const r1 = await t.chat('demo-rep-zh', '拜五要送样品去市一院给那个主任，提醒我一下哦', { threadId: 'bai-wu' });
    expect(['choices', 'question']).toContain(r1.body.replies[0]!.kind);
    expect(await counts()).toEqual(before);
    const r2 = await t.chat('demo-rep-zh', '药剂科那个', { threadId: 'bai-wu' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: 'con-zhang-wei', accountId: 'acc-city1' });
    expect(task.title).toMatch(/样品/);
    // Friday 27 November, 09:00 in Shanghai.
    expect(task.dueAt.toISOString()).toBe('2026-11-27T01:00:00.000Z');
    expect(await counts()).toEqual([before[0], before[1], before[2]! + 1, before[3], before[4], before[5]]);
  });

  it('logs the visit and the quote follow-up from a space-separated "夜个去仁和找陈经理唠了唠促销方案 他说年底要备货 下礼拜三给他送报价单"', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '夜个去仁和找陈经理唠了唠促销方案 他说年底要备货 下礼拜三给他送报价单', { threadId: 'jiamusi' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const visit = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(visit).toMatchObject({ type: 'visit', contactId: 'con-chen-jie', accountId: 'acc-renhe' });
    expect(visit.summary).toMatch(/促销/);
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: 'con-chen-jie', accountId: 'acc-renhe' });
    expect(task.title).toMatch(/报价单/);
    // Wednesday 2 December, 09:00 in Shanghai — not the year's end the customer spoke of.
    expect(task.dueAt.toISOString()).toBe('2026-12-02T01:00:00.000Z');
    expect(await counts()).toEqual([before[0], before[1]! + 1, before[2]! + 1, before[3], before[4], before[5]]);
  });

  it('stores "Important: follow up w/ Wei Ling on the site list thursday 2pm" as a high-priority reminder without the word', async () => {
    const r = await t.chat('demo-rep-en', 'Important: follow up w/ Wei Ling on the site list thursday 2pm', { threadId: 'important-first' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ priority: 'high', contactId: 'con-lim-weiling' });
    expect(task.title).toMatch(/site list/);
    expect(task.title).not.toMatch(/[Ii]mportant|w\//);
    // Thursday 26 November, 14:00 in New York.
    expect(task.dueAt.toISOString()).toBe('2026-11-26T19:00:00.000Z');
  });
});
