// The twentieth and twenty-first rounds' dialog behaviours (after91–after96), read from what was stored after each turn:
// an hour said in words after `at` and the French `14h30`, Scots and Filipino words kept out of a
// reminder's title, a month and day said with a past verb, an hour gone by today said with 了, a lone 急
// said last, a department before a title with 的, a visit to an account with its one person named, a note
// about when someone likes to be reached (no follow-up), `don't send X greetings anymore`, and a legal form
// after a company's suffix; then a company dictated in lower case, a note asked for before a reminder, a
// Hakka/Minnan new arrival's title, a reminder's 啦, a task named in dialect, `I need that you postpone…`,
// `actually not that important, make it normal`, and `no xmas or bday msgs for X`.
import { describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '../../../src/seed/demo.ts';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';
import { countRows, plus } from '../../helpers/stored.ts';

describe('the twentieth and twenty-first rounds, through the chat API', () => {
  // Wednesday 2026-11-25, 18:00 in Shanghai and 05:00 in New York.
  const t = appAtScenarioClock();
  const db = () => t.app.db.prisma;
  const counts = () => countRows(db());
  const rep = async (id: string) => {
    const a = await t.app.actors.user(DEMO_TENANT_ID, id);
    if (!a || a.kind !== 'user') throw new Error(`no demo user ${id}`);
    return a;
  };
  const newestTask = () => db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  const newestInteraction = () => db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });

  it('reads "monday at ten" as 10:00, not the 09:00 of a day said alone', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-en', 'remind me to call Bill monday at ten about the contract', { threadId: 'ten' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const task = await newestTask();
    expect(task).toMatchObject({ contactId: 'con-bill-lumbergh', accountId: 'acc-initech' });
    // Monday 30 November, 10:00 in New York.
    expect(task.dueAt.toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(task.title).toMatch(/contract/);
    expect(await counts()).toEqual(plus(before, { task: 1 }));
  });

  it('reads the French "14h30" and keeps "svp" out of the title', async () => {
    await t.chat('demo-rep-en', 'tomorrow at 14h30 remind me to call Maria for the renewal svp', { threadId: 'h30' });
    const task = await newestTask();
    expect(task).toMatchObject({ contactId: 'con-maria-garcia' });
    expect(task.dueAt.toISOString()).toBe('2026-11-26T19:30:00.000Z');
    expect(task.title).not.toMatch(/svp|14h/i);
  });

  it('keeps Scots words out of a reminder: "tae phone Tom the morra, nae rush"', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'remind me tae phone Tom the morra aboot the SOW, nae rush', { threadId: 'scots' });
    const task = await newestTask();
    expect(task).toMatchObject({ contactId: 'con-tom-baker', priority: 'low' });
    // Thursday 26 November, 09:00 in New York.
    expect(task.dueAt.toISOString()).toBe('2026-11-26T14:00:00.000Z');
    expect(task.title).toMatch(/SOW/);
    expect(task.title).not.toMatch(/\btae\b|morra|nae|rush|aboot/i);
    expect(await counts()).toEqual(plus(before, { task: 1 }));
  });

  it('logs "had a meeting with Peter on Jan 5" on the 5th of January gone, with no follow-up in 2027', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-en', 'had a meeting with Peter Gibbons on Jan 5 about the reporting module', { threadId: 'jan5' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const meeting = await newestInteraction();
    expect(meeting).toMatchObject({ type: 'meeting', contactId: 'con-peter-gibbons' });
    expect(meeting.occurredAt.toISOString()).toBe('2026-01-05T14:00:00.000Z');
    expect(await counts()).toEqual(plus(before, { interaction: 1 }));
  });

  it('logs 今天下午两点拜访了李主任 at 14:00 today, with no follow-up', async () => {
    const before = await counts();
    await t.chat('demo-rep-zh', '今天下午两点拜访了李主任 聊了新药进院', { threadId: 'liangdian' });
    const visit = await newestInteraction();
    expect(visit).toMatchObject({ type: 'visit', contactId: 'con-li-ming' });
    expect(visit.occurredAt.toISOString()).toBe('2026-11-25T06:00:00.000Z');
    expect(visit.summary).toMatch(/新药/);
    expect(await counts()).toEqual(plus(before, { interaction: 1 }));
  });

  it('takes a lone 急 said last as urgent, out of the title', async () => {
    await t.chat('demo-rep-zh', '提醒 周五上午 给仁和陈经理送促销方案 急', { threadId: 'ji' });
    const task = await newestTask();
    expect(task).toMatchObject({ contactId: 'con-chen-jie', priority: 'urgent' });
    expect(task.title).toMatch(/促销方案/);
    expect(task.title).not.toMatch(/急/);
    expect(task.dueAt.toISOString()).toBe('2026-11-27T01:00:00.000Z');
  });

  it('keeps the department said before a title with 的: 药剂科的副主任林秀英', async () => {
    const before = await counts();
    await t.chat('demo-rep-zh', '加个联系人，协和医院药剂科的副主任林秀英', { threadId: 'dept' });
    const c = await db().contact.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(c).toMatchObject({ name: '林秀英', title: '药剂科副主任', accountId: 'acc-union' });
    expect(await counts()).toEqual(plus(before, { contact: 1 }));
  });

  it('records a visit to Soylent with the one person named there', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'Yesterday I visited Soylent, Wei Ling wants a proposal for the third site', { threadId: 'soylent' });
    const visit = await newestInteraction();
    expect(visit).toMatchObject({ type: 'visit', contactId: 'con-lim-weiling', accountId: 'acc-soylent' });
    // Tuesday 24 November, 09:00 in New York.
    expect(visit.occurredAt.toISOString()).toBe('2026-11-24T14:00:00.000Z');
    expect(await counts()).toEqual(plus(before, { interaction: 1 }));
  });

  it('keeps a note on when someone likes to be called as a note, with no follow-up', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'note for Maria Garcia: she prefers that we call her after 3pm her time', { threadId: 'prefers' });
    const note = await newestInteraction();
    expect(note).toMatchObject({ type: 'note', contactId: 'con-maria-garcia' });
    expect(note.summary).toMatch(/after 3pm/);
    expect(note.summary).not.toMatch(/^for Maria/);
    expect(await counts()).toEqual(plus(before, { interaction: 1 }));
  });

  it('records "don\'t send Hans Mueller greetings anymore" as a greeting opt-out, nothing sent', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-en', "don't send Hans Mueller greetings anymore", { threadId: 'greet' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-hans-mueller' } })).toMatchObject({ greetingOptOut: true, surveyOptOut: false });
    expect(await counts()).toEqual(before);
  });

  it('keeps a legal form after a company\'s suffix in its name: Pacific Trading Pty', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'new account Pacific Trading Pty', { threadId: 'pty' });
    expect(await db().account.findFirstOrThrow({ orderBy: { createdAt: 'desc' } })).toMatchObject({ name: 'Pacific Trading Pty' });
    expect(await counts()).toEqual(plus(before, { account: 1 }));
  });

  it('stores a company dictated in lower case as it is written, with the new contact at it', async () => {
    const before = await counts();
    const q = await t.chat('demo-rep-en', 'add contact priya nair at zephyr logistics', { threadId: 'zephyr' });
    expect(q.body.replies[0]!.kind).toBe('question');
    expect(await counts()).toEqual(before);
    await t.chat('demo-rep-en', 'yeah go ahead', { threadId: 'zephyr' });
    const account = await db().account.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(account.name).toBe('Zephyr Logistics');
    expect(await db().contact.findFirstOrThrow({ orderBy: { createdAt: 'desc' } })).toMatchObject({ name: 'Priya Nair', accountId: account.id });
    expect(await counts()).toEqual(plus(before, { contact: 1, account: 1 }));
  });

  it('keeps a note asked for before a reminder whole, and the reminder apart', async () => {
    const before = await counts();
    await t.chat('demo-rep-zh', '帮我记一下 刘医生讲他们科室下个月要搞个学术会 嗯 提醒我礼拜五给他打个电话问一哈', { threadId: 'jiyixia' });
    const note = await newestInteraction();
    expect(note).toMatchObject({ type: 'note', contactId: 'con-liu-yang' });
    expect(note.summary).toMatch(/学术会/);
    expect(note.summary).not.toMatch(/提醒/);
    const task = await newestTask();
    expect(task).toMatchObject({ contactId: 'con-liu-yang', interactionId: note.id });
    expect(task.title).toMatch(/电话/);
    expect(task.dueAt.toISOString()).toBe('2026-11-27T01:00:00.000Z');
    expect(await counts()).toEqual(plus(before, { interaction: 1, task: 1 }));
  });

  it('keeps a new arrival\'s title said the Minnan way (加落去) and leaves no 了 of 啦 in a reminder', async () => {
    await t.chat('demo-rep-zh', '协和医院药剂科新来一个副主任叫郑雨桐啦，帮我加落去联系人喔', { threadId: 'luoqu' });
    expect(await db().contact.findFirstOrThrow({ orderBy: { createdAt: 'desc' } })).toMatchObject({ name: '郑雨桐', accountId: 'acc-union', title: '药剂科副主任' });
    await t.chat('demo-rep-zh', '提醒我礼拜五给赵敏打个电话啦', { threadId: 'la' });
    const task = await newestTask();
    expect(task).toMatchObject({ contactId: 'con-zhao-min' });
    expect(task.title).not.toMatch(/了$/);
  });

  it('moves the task named in dialect (约刘医生食饭嗰个) and no other', async () => {
    const meal = await t.app.services.tasks.createFollowUp(await rep('demo-rep-zh'), {
      title: '约人民医院刘医生食饭', dueAt: new Date('2026-11-26T04:00:00Z'), accountId: 'acc-people', contactId: null,
    });
    await t.chat('demo-rep-zh', '约刘医生食饭嗰个 改到后日下昼三点', { threadId: 'shifan' });
    const moved = await db().task.findUniqueOrThrow({ where: { id: meal.id } });
    // Friday 27 November, 15:00 in Shanghai.
    expect(moved.dueAt.toISOString()).toBe('2026-11-27T07:00:00.000Z');
  });

  it('postpones "the task of the Soylent contract one week more" from its own due date', async () => {
    const task = await t.app.services.tasks.createFollowUp(await rep('demo-rep-en'), {
      title: 'Send Soylent the contract', dueAt: new Date('2026-11-27T14:00:00Z'), accountId: 'acc-soylent', contactId: null,
    });
    await t.chat('demo-rep-en', 'I need that you postpone the task of the Soylent contract one week more', { threadId: 'onemore' });
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).dueAt.toISOString()).toBe('2026-12-04T14:00:00.000Z');
  });

  it('lowers the priority of the task just made: "actually not that important, make it normal"', async () => {
    await t.chat('demo-rep-en', 'Important: send peter the updated SOW by friday', { threadId: 'notthat' });
    const task = await newestTask();
    expect(task).toMatchObject({ contactId: 'con-peter-gibbons', priority: 'high' });
    const before = await counts();
    const r = await t.chat('demo-rep-en', 'actually not that important, make it normal', { threadId: 'notthat' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ priority: 'normal' });
    expect(await counts()).toEqual(before);
  });

  it('records "no xmas or bday msgs for wei ling, surveys r ok" as greetings stopped, surveys kept', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'no xmas or bday msgs for wei ling, she said its kinda weird lol. surveys r ok tho', { threadId: 'xmas' });
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-lim-weiling' } })).toMatchObject({ greetingOptOut: true, surveyOptOut: false });
    expect(await counts()).toEqual(before);
  });
});
