// The twenty-third and twenty-fourth rounds' dialog behaviours (after100–after105), read from what was stored after each turn:
// what a customer says they will do in a while is theirs (no follow-up), in Chinese and in English; a period
// far off names no day; a department said before a name is its title's; a two-digit Chinese year of birth;
// a bare Chinese hour of working time is the afternoon's, and 周五两点半 is Friday's; a priority said as an
// aside leaves the title; a dictated e-mail address; `pop it in my calendar`; `keep sendin` is no keeping;
// a task picked by the words of its title; and a title alone at a place asks whom. Then Jamaican and
// Indonesian English, an opt-out said for someone else, and a duplicate answered `same person, no need…`.
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';
import { countRows, plus } from '../../helpers/stored.ts';

describe('the twenty-third and twenty-fourth rounds, through the chat API', () => {
  // Wednesday 2026-11-25, 18:00 in Shanghai and 05:00 in New York.
  const t = appAtScenarioClock();
  const db = () => t.app.db.prisma;
  const counts = () => countRows(db());
  const newestTask = () => db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  const newestInteraction = () => db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  const newestContact = () => db().contact.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });

  it('logs a call where she says it can be approved next week, and makes no follow-up of it', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '周一给赵敏打了个电话 聊了采购单的事情 她说下个礼拜能批下来', { threadId: 'theirs-zh' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const call = await newestInteraction();
    expect(call).toMatchObject({ type: 'call', contactId: 'con-zhao-min' });
    // Monday 23 November, in Shanghai.
    expect(call.occurredAt.toISOString().slice(0, 10)).toBe('2026-11-23');
    expect(call.summary).toMatch(/采购单/);
    expect(await counts()).toEqual(plus(before, { interaction: 1 }));
  });

  it("logs 'he's gonna get back to us next week' as the meeting's note, with no follow-up", async () => {
    const before = await counts();
    await t.chat('demo-rep-en', "met peter gibbons on the 20th and went through the renewal, he's gonna get back to us next week", { threadId: 'theirs-en' });
    const meeting = await newestInteraction();
    expect(meeting).toMatchObject({ type: 'meeting', contactId: 'con-peter-gibbons' });
    expect(meeting.occurredAt.toISOString().slice(0, 10)).toBe('2026-11-20');
    expect(meeting.summary).toMatch(/get back to us/);
    expect(await counts()).toEqual(plus(before, { interaction: 1 }));
  });

  it('keeps "next year" in the note of a lunch: no follow-up a year out', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'had lunch with wei ling yesterday, she is really happy and wants to open a fourth site next year', { threadId: 'next-year' });
    const lunch = await newestInteraction();
    expect(lunch).toMatchObject({ type: 'meeting', contactId: 'con-lim-weiling' });
    expect(lunch.summary).toMatch(/fourth site next year/);
    expect(await counts()).toEqual(plus(before, { interaction: 1 }));
  });

  it('stores 华山医院骨科的周建国主任 as 周建国, title 骨科主任, at 华山医院', async () => {
    const before = await counts();
    await t.chat('demo-rep-zh', '新增联系人 华山医院骨科的周建国主任', { threadId: 'dept' });
    const c = await newestContact();
    expect(c).toMatchObject({ name: '周建国', title: '骨科主任', accountId: 'acc-huashan' });
    expect(await counts()).toEqual(plus(before, { contact: 1 }));
  });

  it('stores a birthday said with a two-digit year (九零年三月五号) as 1990-03-05', async () => {
    await t.chat('demo-rep-zh', '王丽生日是九零年三月五号', { threadId: 'bday' });
    const c = await db().contact.findUniqueOrThrow({ where: { id: 'con-wang-li' } });
    expect(c.birthday?.toISOString().slice(0, 10)).toBe('1990-03-05');
  });

  it('reads 明天三点 as 15:00 and 周五两点半 as Friday 14:30', async () => {
    await t.chat('demo-rep-zh', '明天三点提醒我给王丽打电话', { threadId: 'sandian' });
    const a = await newestTask();
    expect(a).toMatchObject({ contactId: 'con-wang-li' });
    expect(a.dueAt.toISOString()).toBe('2026-11-26T07:00:00.000Z');
    await t.chat('demo-rep-zh', '周五两点半提醒我跟王主任开会', { threadId: 'liangdianban' });
    const b = await newestTask();
    expect(b.dueAt.toISOString()).toBe('2026-11-27T06:30:00.000Z');
  });

  it("reads 'no hurry at all' as low and keeps it out of the title", async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'remind me to send Bill the signed NDA on friday, no hurry at all', { threadId: 'aside' });
    const task = await newestTask();
    expect(task).toMatchObject({ contactId: 'con-bill-lumbergh', priority: 'low' });
    expect(task.title).toMatch(/NDA/);
    expect(task.title).not.toMatch(/hurry|at all/i);
    expect(await counts()).toEqual(plus(before, { task: 1 }));
  });

  it('stores an e-mail address dictated as words', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'maria garcia has a new email it is maria dot garcia at globex dot example', { threadId: 'dictated-email' });
    const c = await db().contact.findUniqueOrThrow({ where: { id: 'con-maria-garcia' } });
    expect(c.email).toBe('maria.garcia@globex.example');
    expect(await counts()).toEqual(before);
  });

  it("logs the call and makes the follow-up asked for with 'pop it in my calendar'", async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'spoke to Maria, she needs the revised quote by monday, pop it in my calendar', { threadId: 'calendar' });
    const call = await newestInteraction();
    expect(call).toMatchObject({ type: 'call', contactId: 'con-maria-garcia' });
    const task = await newestTask();
    expect(task.title).toMatch(/quote/);
    expect(task.title).not.toMatch(/calendar|pop it/i);
    expect(task.dueAt.toISOString()).toBe('2026-11-30T14:00:00.000Z');
    expect(await counts()).toEqual(plus(before, { interaction: 1, task: 1 }));
  });

  it("records only the surveys when they 'keep sendin' them", async () => {
    await t.chat('demo-rep-en', "peter gibbons says he don't want no more of them surveys y'all keep sendin", { threadId: 'keep-sending' });
    const c = await db().contact.findUniqueOrThrow({ where: { id: 'con-peter-gibbons' } });
    expect(c).toMatchObject({ surveyOptOut: true, greetingOptOut: false });
  });

  it('picks the task named by the words of its title when asked which', async () => {
    const r = await t.chat('demo-rep-en', 'move my task to monday', { threadId: 'which-task' });
    expect(r.body.replies[0]!.kind).toBe('choices');
    const before = await counts();
    await t.chat('demo-rep-en', 'the globex one cheers', { threadId: 'which-task' });
    const task = await db().task.findFirstOrThrow({ where: { title: { contains: 'Maria at Globex' } } });
    expect(task.dueAt.toISOString().slice(0, 10)).toBe('2026-11-30');
    expect(await counts()).toEqual(before);
  });

  it('asks which 主任 at 市一院 rather than making a task with nobody', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '后天提醒我去市一院找主任聊一下进药目录', { threadId: 'which-director' });
    expect(r.body.replies[0]!.kind).toBe('choices');
    expect(await counts()).toEqual(before);
  });

  it('adds "Morag Reid as a contact" under her whole name', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', "add Morag Reid as a contact, she's the office manager at Globex", { threadId: 'as-a-contact' });
    const c = await newestContact();
    expect(c).toMatchObject({ name: 'Morag Reid', accountId: 'acc-globex', title: 'office manager' });
    expect(await counts()).toEqual(plus(before, { contact: 1 }));
  });

  it("stores 'him a di procurement director' as the title, and 'a him sign off' as the decision maker", async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'add new contact Andre Wheatley over at Globex, him a di procurement director an a him sign off pon everyting', { threadId: 'patois' });
    const c = await newestContact();
    expect(c).toMatchObject({ name: 'Andre Wheatley', accountId: 'acc-globex', title: 'procurement director', decisionRole: 'decision_maker' });
    expect(await counts()).toEqual(plus(before, { contact: 1 }));
  });

  it('updates Peter when told "Pak Peter Initech birthday is 14 August"', async () => {
    await t.chat('demo-rep-en', 'Pak Peter at Initech birthday is 14 August', { threadId: 'pak' });
    const c = await db().contact.findUniqueOrThrow({ where: { id: 'con-peter-gibbons' } });
    expect(c).toMatchObject({ birthMonth: 8, birthDay: 14 });
  });

  it('records the opt-out of the one Sarah said it of, not Sarah', async () => {
    await t.chat('demo-rep-en', "Sarah at Acme told me Tom doesn't want any more surveys", { threadId: 'told-me' });
    const tom = await db().contact.findUniqueOrThrow({ where: { id: 'con-tom-baker' } });
    expect(tom.surveyOptOut).toBe(true);
    const sarah = await db().contact.findUniqueOrThrow({ where: { id: 'demo-customer' } });
    expect(sarah.surveyOptOut).toBe(false);
  });

  it('keeps the contact on record when a duplicate is answered "yes same person, no need make new one"', async () => {
    const r = await t.chat('demo-rep-en', 'add new contact Maria Garcia at Globex', { threadId: 'dup-same' });
    expect(['choices', 'question']).toContain(r.body.replies[0]!.kind);
    const before = await counts();
    await t.chat('demo-rep-en', 'yes same person already, no need make new one', { threadId: 'dup-same' });
    expect(await counts()).toEqual(before);
  });
});
