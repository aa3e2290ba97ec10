// The twelfth and thirteenth rounds' dialog behaviours (after67–after72), read from what was stored
// after each turn: a title said alone at an account (`市一院那主任`) asked about rather than guessed, a Yorkshire
// report with a complaint in it, a meeting reminder with two people, a deal closing `下个月15号`,
// a duplicate answered with the new person's fuller name, a run-on voice-typed visit; a Henan
// correction, an opt-out that keeps the greetings, a Malaysian `just now`, a deal signed by name.
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';

describe('the twelfth and thirteenth rounds, through the chat API', () => {
  // Wednesday 2026-11-25, 18:00 in Shanghai and 05:00 in New York.
  const t = appAtScenarioClock();
  const db = () => t.app.db.prisma;
  const counts = async () => [
    await db().contact.count(), await db().interaction.count(), await db().task.count(), await db().opportunity.count(), await db().ticket.count(),
  ];

  it('asks which 主任 on "礼拜五给市一院那主任送样品 提醒俺", stores nothing, then the one picked by department gets the reminder', async () => {
    const before = await counts();
    const r1 = await t.chat('demo-rep-zh', '礼拜五给市一院那主任送样品 提醒俺', { threadId: 'that-director' });
    expect(['choices', 'question']).toContain(r1.body.replies[0]!.kind);
    expect(await counts()).toEqual(before);
    const r2 = await t.chat('demo-rep-zh', '药剂科那个', { threadId: 'that-director' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: 'con-zhang-wei', accountId: 'acc-city1' });
    expect(task.title).toMatch(/样品/);
    // Friday 27 November, 09:00 in Shanghai.
    expect(task.dueAt.toISOString()).toBe('2026-11-27T01:00:00.000Z');
    expect(await counts()).toEqual([before[0], before[1], before[2]! + 1, before[3], before[4]]);
  });

  it('logs the call and opens an urgent complaint on "Maria at Globex were on the fone moaning about invoices being late again, proper urgent this"', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-en', 'Maria at Globex were on the fone moaning about invoices being late again, proper urgent this', { threadId: 'hull' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const call = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(call).toMatchObject({ type: 'call', contactId: 'con-maria-garcia', accountId: 'acc-globex' });
    expect(call.summary).toMatch(/invoice/);
    const ticket = await db().ticket.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(ticket).toMatchObject({ kind: 'complaint', priority: 'urgent', contactId: 'con-maria-garcia', accountId: 'acc-globex' });
    expect(ticket.subject).toMatch(/invoice/);
    expect(ticket.subject).not.toMatch(/urgent|proper|this$/);
    expect(await counts()).toEqual([before[0], before[1]! + 1, before[2], before[3], before[4]! + 1]);
  });

  it('keeps both people in a meeting reminder "set us a reminder for a meeting wi Tom and Sarah at Acme next wednesday 2pm re the renewal"', async () => {
    const r = await t.chat('demo-rep-en', 'set us a reminder for a meeting wi Tom and Sarah at Acme next wednesday 2pm re the renewal', { threadId: 'two-people' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task.title).toMatch(/Tom.*Sarah/);
    expect(task.title).toMatch(/renewal/);
    expect(task).toMatchObject({ contactId: 'con-tom-baker', accountId: 'acc-acme' });
    // Wednesday 2 December, 14:00 in New York.
    expect(task.dueAt.toISOString()).toBe('2026-12-02T19:00:00.000Z');
  });

  it('creates a deal closing next month on the day said: "开个 deal 给华山啦，叫动态血糖仪试用，15万，预计下个月15号签"', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '开个 deal 给华山啦，叫动态血糖仪试用，15万，预计下个月15号签', { threadId: 'deal-next-month' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const opp = await db().opportunity.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(opp).toMatchObject({ name: '动态血糖仪试用', accountId: 'acc-huashan', currency: 'CNY' });
    expect(Number(opp.amount)).toBe(150000);
    // 15 December, 09:00 in Shanghai.
    expect(opp.expectedCloseAt?.toISOString()).toBe('2026-12-15T01:00:00.000Z');
    expect(await counts()).toEqual([before[0], before[1], before[2], before[3]! + 1, before[4]]);
  });

  it('adds a new Peter Thapa when the existing Peter is offered and the answer is "no, he is different Peter only, Peter Thapa, kindly add as new"', async () => {
    const r1 = await t.chat('demo-rep-en', 'Kindly add Peter at Initech, he is new QA lead', { threadId: 'other-peter' });
    expect(['choices', 'question']).toContain(r1.body.replies[0]!.kind);
    const before = await db().contact.count();
    const r2 = await t.chat('demo-rep-en', 'no, he is different Peter only, Peter Thapa, kindly add as new', { threadId: 'other-peter' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().contact.count()).toBe(before + 1);
    const c = await db().contact.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(c).toMatchObject({ name: 'Peter Thapa', accountId: 'acc-initech' });
    expect(c.title).toMatch(/^QA [Ll]ead$/);
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-peter-gibbons' } })).toMatchObject({ name: 'Peter Gibbons' });
  });

  it('reads a voice-typed run-on visit "今天上午去人民医院拜访了刘医生他要下周二送样品过去": the visit and a follow-up about the samples', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '今天上午去人民医院拜访了刘医生他要下周二送样品过去', { threadId: 'run-on' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const visit = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(visit).toMatchObject({ type: 'visit', contactId: 'con-liu-yang', accountId: 'acc-people' });
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task.title).toMatch(/样品/);
    expect(task).toMatchObject({ contactId: 'con-liu-yang' });
    // Tuesday 1 December, 09:00 in Shanghai.
    expect(task.dueAt.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(await counts()).toEqual([before[0], before[1]! + 1, before[2]! + 1, before[3], before[4]]);
  });

  it('turns the call just logged into a visit on the Henan "不对不对，木有打电话，是当面去哩", and nothing else', async () => {
    await t.chat('demo-rep-zh', '下午给李主任打了个电话，说样品哩事', { threadId: 'henan' });
    const call = await db().interaction.findFirstOrThrow({ where: { contactId: 'con-li-ming', type: 'call' }, orderBy: { createdAt: 'desc' } });
    expect(call.summary).toMatch(/样品/);
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '不对不对，木有打电话，是当面去哩', { threadId: 'henan' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().interaction.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ type: 'visit', contactId: 'con-li-ming', summary: call.summary });
    expect(await counts()).toEqual(before);
  });

  it('stops only the surveys on "陈经理说了，以后恁别再给他发问卷了，节日祝福木有事，还能发"', async () => {
    const r = await t.chat('demo-rep-zh', '陈经理说了，以后恁别再给他发问卷了，节日祝福木有事，还能发', { threadId: 'keep-greetings' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-chen-jie' } })).toMatchObject({ surveyOptOut: true, greetingOptOut: false });
  });

  it('logs a call on the Malaysian "call Hans at Umbrella just now, discuss the pilot budget"', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-en', 'call Hans at Umbrella just now, discuss the pilot budget', { threadId: 'just-now' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const call = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(call).toMatchObject({ type: 'call', contactId: 'con-hans-mueller', accountId: 'acc-umbrella' });
    expect(call.summary).toMatch(/pilot budget/);
    expect(await counts()).toEqual([before[0], before[1]! + 1, before[2], before[3], before[4]]);
  });

  it('marks the deal named won on "Acme have signed the platform renewal, lush!" and no other', async () => {
    const sso = await db().opportunity.findUniqueOrThrow({ where: { id: 'opp-acme-sso' } });
    const r = await t.chat('demo-rep-en', 'Acme have signed the platform renewal, lush!', { threadId: 'signed' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().opportunity.findUniqueOrThrow({ where: { id: 'opp-acme-renewal' } })).toMatchObject({ stage: 'closed_won' });
    expect((await db().opportunity.findUniqueOrThrow({ where: { id: 'opp-acme-sso' } })).stage).toBe(sso.stage);
  });

  it('names a deal without the lowercase account said before it: "new deal for acme, data retention module, 40k, closing jan 31"', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-en', 'new deal for acme, data retention module, 40k, closing jan 31', { threadId: 'lower-acme' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const opp = await db().opportunity.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(opp).toMatchObject({ name: 'data retention module', accountId: 'acc-acme', currency: 'USD' });
    expect(Number(opp.amount)).toBe(40000);
    expect(await counts()).toEqual([before[0], before[1], before[2], before[3]! + 1, before[4]]);
  });

  it('logs the call and makes no reminder of "说年底要多备点货", what the contact will do themselves', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '昨儿个给仁和陈经理打了个电话 说年底要多备点货', { threadId: 'their-plan' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const call = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(call).toMatchObject({ type: 'call', contactId: 'con-chen-jie', accountId: 'acc-renhe' });
    expect(call.summary).toMatch(/备/);
    expect(await counts()).toEqual([before[0], before[1]! + 1, before[2], before[3], before[4]]);
  });
});

