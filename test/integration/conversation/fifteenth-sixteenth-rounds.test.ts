// The fifteenth and sixteenth rounds' dialog behaviours (after76–after81), read from what was stored
// after each turn: a customer who stops greetings after surveys keeps both stopped; `make it 4pm actually`
// moves the task just made to that time on its own day; what a customer said they will do next year
// is no follow-up; a Minnan `拜五` reminder for `市一院那个主任` asks which one; a space-separated
// Northeast report keeps the follow-up said after it; a title said first (`Important:`) and `w/`;
// a follow-up with whoever needs it, a duplicate answered `不是他…另外建一个`, a Cantonese `佢` for the
// person just updated, a report's `before Monday` against the reminder's own Friday, a snooze said politely.
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';

describe('the fifteenth and sixteenth rounds, through the chat API', () => {
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
    const r1 = await t.chat('demo-rep-en', 'remind me to call Peter tomorrow 3pm about the reports', { threadId: 'four-pm' });
    expect(r1.body.replies[0]!.kind).toBe('confirmation');
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    // Thursday 26 November, 15:00 in New York.
    expect(task.dueAt.toISOString()).toBe('2026-11-26T20:00:00.000Z');
    const before = await counts();
    const r2 = await t.chat('demo-rep-en', 'make it 4pm actually', { threadId: 'four-pm' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    const moved = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    expect(moved.dueAt.toISOString()).toBe('2026-11-26T21:00:00.000Z');
    expect(moved).toMatchObject({ title: task.title, contactId: 'con-peter-gibbons', priority: task.priority });
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

  it('makes the follow-up with Tom when "tom needs the SSO test plan by thurs" after meeting Sarah and Tom', async () => {
    const r = await t.chat('demo-rep-en', 'met sarah and tom at acme yday for the renewal, tom needs the SSO test plan by thurs', { threadId: 'tom-needs' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const meeting = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' }, include: { participants: true } });
    expect(meeting).toMatchObject({ type: 'meeting', contactId: 'demo-customer', accountId: 'acc-acme' });
    expect(meeting.participants.map((p) => p.contactId).sort()).toEqual(['con-tom-baker', 'demo-customer']);
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: 'con-tom-baker', accountId: 'acc-acme', interactionId: meeting.id });
    expect(task.title).toMatch(/test plan/);
    // Thursday 26 November, 09:00 in New York.
    expect(task.dueAt.toISOString()).toBe('2026-11-26T14:00:00.000Z');
  });

  it('adds a second 刘洋 on "不是他，这是骨科那个刘洋，另外建一个" and leaves the first as he was', async () => {
    const r1 = await t.chat('demo-rep-zh', '加个联系人，人民医院的刘洋，骨科医生', { threadId: 'liu-yang' });
    expect(r1.body.replies[0]!.kind).toBe('choices');
    const before = await db().contact.count();
    const existing = await db().contact.findMany({ where: { name: '刘洋' } });
    const r2 = await t.chat('demo-rep-zh', '不是他，这是骨科那个刘洋，另外建一个', { threadId: 'liu-yang' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().contact.count()).toBe(before + 1);
    const added = await db().contact.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(added).toMatchObject({ name: '刘洋', accountId: 'acc-people' });
    expect(added.title).toMatch(/骨科/);
    for (const c of existing) expect(await db().contact.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ name: c.name, title: c.title });
  });

  it('stores the number on the person just updated on the Cantonese "佢手机系13923456789"', async () => {
    const r1 = await t.chat('demo-rep-zh', '赵敏其实系influencer嚟嘅，唔系把关嘅', { threadId: 'keoi' });
    expect(r1.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-zhao-min' } })).toMatchObject({ decisionRole: 'influencer' });
    const before = await counts();
    const r2 = await t.chat('demo-rep-zh', '佢手机系13923456789', { threadId: 'keoi' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-zhao-min' } })).toMatchObject({ phone: '13923456789', decisionRole: 'influencer' });
    expect(await counts()).toEqual(before);
  });

  it('reminds on the Friday afternoon asked for, not the Monday the customer needs the documents by', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-en',
      'Today I had a phone call with Mr. Hans from Umbrella Health. He needs the security documents before Monday. Please remind me on Friday afternoon to send them.', { threadId: 'hans-docs' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const call = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(call).toMatchObject({ type: 'call', contactId: 'con-hans-mueller', accountId: 'acc-umbrella' });
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: 'con-hans-mueller', interactionId: call.id });
    expect(task.title).toMatch(/security documents/);
    // Friday 27 November, 15:00 in New York.
    expect(task.dueAt.toISOString()).toBe('2026-11-27T20:00:00.000Z');
    expect(await counts()).toEqual([before[0], before[1]! + 1, before[2]! + 1, before[3], before[4], before[5]]);
  });

  it('moves the Maria task to Friday 2 PM on "Please, the task to call Maria from Globex, kindly move it to Friday 2 PM."', async () => {
    const task = await db().task.findFirstOrThrow({ where: { title: 'Call Maria at Globex about the support backlog' } });
    const r = await t.chat('demo-rep-en', 'Please, the task to call Maria from Globex, kindly move it to Friday 2 PM.', { threadId: 'polite-snooze' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const moved = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    // Friday 27 November, 14:00 in New York.
    expect(moved.dueAt.toISOString()).toBe('2026-11-27T19:00:00.000Z');
    expect(moved).toMatchObject({ title: task.title, priority: task.priority, contactId: task.contactId });
  });
});
