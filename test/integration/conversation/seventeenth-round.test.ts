// The seventeenth round's dialog behaviours (after82–after84), read from what was stored after each
// turn: a month's name that is a given name (`Jan`, `Jun`), `Ma.` and `Atty.` before a Filipino name,
// Tagalog particles kept out of a title, 明个 before 提醒, a place said between 提醒我…给 and the person,
// a department's doctor as the title (超声科), an English field label in a Chinese message, survey and
// greeting said in English inside Chinese, Gan 冇/哩/港, a dictated report with no stop in it, and a
// rep's own pipeline listing the deals.
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';

describe('the seventeenth round, through the chat API', () => {
  // Wednesday 2026-11-25, 18:00 in Shanghai and 05:00 in New York.
  const t = appAtScenarioClock();
  const db = () => t.app.db.prisma;
  const counts = async () => [
    await db().contact.count(), await db().interaction.count(), await db().task.count(),
    await db().opportunity.count(), await db().ticket.count(), await db().survey.count(),
  ];
  const newest = () => db().contact.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });

  it('stores "Jan Kowalski" whole: a month\'s name before a surname is a given name', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-en', 'add contact Jan Kowalski at Initech, IT manager', { threadId: 'jan' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(await newest()).toMatchObject({ name: 'Jan Kowalski', accountId: 'acc-initech', title: 'IT manager' });
    expect(await counts()).toEqual([before[0]! + 1, ...before.slice(1)]);
  });

  it('reminds about "Jun Santos" on Friday, not in June', async () => {
    await t.chat('demo-rep-en', 'add contact Jun Santos at Globex, buyer', { threadId: 'jun' });
    const jun = await newest();
    expect(jun).toMatchObject({ name: 'Jun Santos', accountId: 'acc-globex' });
    const before = await counts();
    const r = await t.chat('demo-rep-en', 'remind me to call Jun Santos friday about the quote', { threadId: 'jun' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: jun.id, accountId: 'acc-globex' });
    // Friday 27 November, 09:00 in New York.
    expect(task.dueAt.toISOString()).toBe('2026-11-27T14:00:00.000Z');
    expect(await counts()).toEqual([before[0], before[1], before[2]! + 1, ...before.slice(3)]);
  });

  it('keeps "Ma." with the name and takes "Atty." off it', async () => {
    await t.chat('demo-rep-en', 'pls add Ma. Luisa Reyes of Acme as contact po, she is the buyer', { threadId: 'ma' });
    expect(await newest()).toMatchObject({ name: 'Ma. Luisa Reyes', accountId: 'acc-acme' });
    await t.chat('demo-rep-en', 'add contact Atty. Ramon Cruz at Soylent, legal counsel', { threadId: 'atty' });
    expect(await newest()).toMatchObject({ name: 'Ramon Cruz', accountId: 'acc-soylent' });
  });

  it('keeps a Tagalog particle out of a promotion\'s title and a reminder\'s', async () => {
    const r = await t.chat('demo-rep-en', 'Bill Lumbergh got promoted po, he is VP of Operations na', { threadId: 'na' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-bill-lumbergh' } })).toMatchObject({ title: 'VP of Operations' });
    await t.chat('demo-rep-en', 'remind me to send Tom the SOW monday, not urgent naman', { threadId: 'naman' });
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: 'con-tom-baker', priority: 'low' });
    expect(task.title).toMatch(/SOW/);
    expect(task.title).not.toMatch(/naman|urgent/i);
  });

  it('reads 明个 before 提醒我 as tomorrow, and a place between 给 and the person as theirs', async () => {
    await t.chat('demo-rep-zh', '明个提醒我给李主任送样品', { threadId: 'mingge' });
    const samples = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    // Thursday 26 November, 09:00 in Shanghai.
    expect(samples).toMatchObject({ contactId: 'con-li-ming', accountId: 'acc-city1' });
    expect(samples.dueAt.toISOString()).toBe('2026-11-26T01:00:00.000Z');
    await t.chat('demo-rep-zh', '提醒我后天下午三点给市一院赵敏打电话', { threadId: 'city1-call' });
    const call = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(call).toMatchObject({ contactId: 'con-zhao-min', accountId: 'acc-city1' });
    expect(call.title).toMatch(/电话/);
    expect(call.title).not.toMatch(/^给市一院赵敏$/);
    // Friday 27 November, 15:00 in Shanghai.
    expect(call.dueAt.toISOString()).toBe('2026-11-27T07:00:00.000Z');
  });

  it('keeps "这个挺重要的" out of the reminder\'s title and stores it as the priority', async () => {
    await t.chat('demo-rep-zh', '提醒我周五把合同发给协和王主任，这个挺重要的', { threadId: 'zhongyao' });
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: 'con-wang-qiang', accountId: 'acc-union', priority: 'high' });
    expect(task.title).toMatch(/合同/);
    expect(task.title).not.toMatch(/重要|^这个$/);
  });

  it('stores 超声科主任 as the title of a new contact', async () => {
    await t.chat('demo-rep-zh', '新增联系人 吴芳，人民医院超声科主任', { threadId: 'chaosheng' });
    expect(await newest()).toMatchObject({ name: '吴芳', accountId: 'acc-people', title: '超声科主任' });
  });

  it('does not take an English field label for the account, and asks for the place', async () => {
    const before = await counts();
    const r1 = await t.chat('demo-rep-zh', '加个联系人 周杰，email zhoujie@example.com', { threadId: 'label' });
    expect(r1.body.replies[0]!.kind).toBe('question');
    expect(r1.body.replies[0]!.text).not.toMatch(/email/);
    expect(await counts()).toEqual(before);
    const r2 = await t.chat('demo-rep-zh', '华山医院', { threadId: 'label' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    expect(await newest()).toMatchObject({ name: '周杰', accountId: 'acc-huashan', email: 'zhoujie@example.com' });
    expect(await db().account.count({ where: { name: { contains: 'email' } } })).toBe(0);
  });

  it('stops surveys only on "survey 不要再 send 给他了，greeting 还可以"', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '刘医生说 survey 不要再 send 给他了，greeting 还可以', { threadId: 'mixed-optout' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-liu-yang' } })).toMatchObject({ surveyOptOut: true, greetingOptOut: false });
    expect(await counts()).toEqual(before);
  });

  it('corrects a visit to a call on the Gan "搞错哩 冇上门 是打哩电话"', async () => {
    await t.chat('demo-rep-zh', '今天拜访了华山王丽，聊了试用进展', { threadId: 'gan' });
    const visit = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(visit).toMatchObject({ type: 'visit', contactId: 'con-wang-li' });
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '搞错哩 冇上门 是打哩电话', { threadId: 'gan' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().interaction.findUniqueOrThrow({ where: { id: visit.id } })).toMatchObject({ type: 'call', contactId: 'con-wang-li' });
    expect(await counts()).toEqual(before);
  });

  it('logs the call and the Thursday follow-up from a report dictated with no stop in it', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '刚跟赵敏通了电话她说合同下礼拜能签让我礼拜四再给她打个电话确认一下', { threadId: 'dictated' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const call = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(call).toMatchObject({ type: 'call', contactId: 'con-zhao-min', accountId: 'acc-city1' });
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: 'con-zhao-min', accountId: 'acc-city1' });
    expect(task.title).toMatch(/确认|电话/);
    // Thursday 26 November, 09:00 in Shanghai: not next week, which was what she said of the contract.
    expect(task.dueAt.toISOString()).toBe('2026-11-26T01:00:00.000Z');
    expect(await counts()).toEqual([before[0], before[1]! + 1, before[2]! + 1, ...before.slice(3)]);
  });

  it('lists a rep\'s own open deals with their accounts, storing nothing', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-en', "what's in my pipeline?", { threadId: 'mine' });
    const reply = r.body.replies[0]!;
    expect(reply.kind).toBe('list');
    const shown = JSON.stringify(reply);
    expect(shown).toMatch(/Acme platform renewal \(Acme Corp\)/);
    expect(shown).not.toMatch(/心内科设备采购/); // another rep's deal
    expect(await counts()).toEqual(before);
  });
});
