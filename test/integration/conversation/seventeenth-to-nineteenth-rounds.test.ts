// The seventeenth to nineteenth rounds' dialog behaviours (after82–after90), read from what was stored
// after each turn: a month's name that is a given name (`Jan`, `Jun`), `Ma.` and `Atty.` before a Filipino name,
// Tagalog particles kept out of a title, 明个 before 提醒, a place said between 提醒我…给 and the person,
// a department's doctor as the title (超声科), an English field label in a Chinese message, survey and
// greeting said in English inside Chinese, Gan 冇/哩/港, a dictated report with no stop in it, and a
// rep's own pipeline listing the deals; a company's legal form (SAC), a complaint inside a report dictated
// with no stop, a reminder that names who it is with, `already call` as done, Wu 拨 and `跟进改到…`, a
// Sichuan `对头，建嘛`, and a role said as people say it; the nineteenth's whole company asked by a manager,
// a duplicate answered with another person's full name, a contact typed with no stop, greetings said as 祝福.
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';

describe('the seventeenth to nineteenth rounds, through the chat API', () => {
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

  it('creates "Cusco Textiles SAC" whole, legal form and all, on a yes', async () => {
    const r1 = await t.chat('demo-rep-en', 'New contact: Rosa Quispe, plant manager of Cusco Textiles SAC', { threadId: 'sac' });
    expect(['question', 'choices']).toContain(r1.body.replies[0]!.kind);
    const before = await counts();
    const r2 = await t.chat('demo-rep-en', 'yes please, create it', { threadId: 'sac' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    const account = await db().account.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(account.name).toBe('Cusco Textiles SAC');
    expect(await newest()).toMatchObject({ name: 'Rosa Quispe', accountId: account.id, title: 'plant manager' });
    expect(await counts()).toEqual([before[0]! + 1, ...before.slice(1)]);
  });

  it('logs the visit and opens the urgent complaint from "拜访了王主任他投诉这批货有三箱破损比较急"', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '拜访了王主任他投诉这批货有三箱破损比较急', { threadId: 'complaint' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } })).toMatchObject({ type: 'visit', contactId: 'con-wang-qiang' });
    const ticket = await db().ticket.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(ticket).toMatchObject({ kind: 'complaint', priority: 'urgent', contactId: 'con-wang-qiang', accountId: 'acc-union' });
    expect(ticket.subject).toMatch(/破损/);
    expect(ticket.subject).not.toMatch(/急/);
    expect(await counts()).toEqual([before[0], before[1]! + 1, before[2], before[3], before[4]! + 1, before[5]]);
  });

  it('makes the follow-up with the one the reminder names, not the first person met', async () => {
    await t.chat('demo-rep-en', 'We met Sarah and Tom at Acme on Monday about the rollout. Please remind me to chase Tom for the test plan next Wednesday.', { threadId: 'chase-tom' });
    const meeting = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(meeting).toMatchObject({ type: 'meeting', accountId: 'acc-acme' });
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: 'con-tom-baker', accountId: 'acc-acme' });
    expect(task.title).toMatch(/test plan/);
    // Wednesday 2 December, 09:00 in New York.
    expect(task.dueAt.toISOString()).toBe('2026-12-02T14:00:00.000Z');
  });

  it('logs "Tuesday already call Peter, he need the quote by Friday" as Tuesday\'s call with the Friday follow-up', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-en', 'Tuesday already call Peter, he need the quote by Friday', { threadId: 'already' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const call = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(call).toMatchObject({ type: 'call', contactId: 'con-peter-gibbons' });
    expect(call.occurredAt.toISOString().slice(0, 10)).toBe('2026-11-24');
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: 'con-peter-gibbons' });
    expect(task.dueAt.toISOString()).toBe('2026-11-27T14:00:00.000Z');
    expect(await counts()).toEqual([before[0], before[1]! + 1, before[2]! + 1, ...before.slice(3)]);
  });

  it('reads Wu 拨 as 给, and moves that reminder on "跟进改到礼拜五" without making another', async () => {
    await t.chat('demo-rep-zh', '提醒我礼拜四拨赵敏送发票', { threadId: 'bo' });
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: 'con-zhao-min', accountId: 'acc-city1' });
    expect(task.title).toMatch(/送发票/);
    expect(task.dueAt.toISOString()).toBe('2026-11-26T01:00:00.000Z');
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '跟进改到礼拜五', { threadId: 'bo' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).dueAt.toISOString()).toBe('2026-11-27T01:00:00.000Z');
    expect(await counts()).toEqual(before);
  });

  it('takes the Sichuan "对头，建嘛" as yes to a new hospital and its contact', async () => {
    const r1 = await t.chat('demo-rep-zh', '加个联系人 罗明 江阳区人民医院的骨科主任', { threadId: 'duitou' });
    expect(['question', 'choices']).toContain(r1.body.replies[0]!.kind);
    const r2 = await t.chat('demo-rep-zh', '对头，建嘛', { threadId: 'duitou' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    const account = await db().account.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(account.name).toBe('江阳区人民医院');
    expect(await newest()).toMatchObject({ name: '罗明', accountId: account.id });
  });

  it('says a new contact\'s role as people say it, and stores it', async () => {
    const r = await t.chat('demo-rep-en', 'Please add Grace Akello of Umbrella as a contact, she is our champion there, IT lead', { threadId: 'role' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(r.body.replies[0]!.text).toMatch(/champion/);
    expect(r.body.replies[0]!.text).not.toMatch(/\brole\s*[:=]|decision_maker/);
    expect(await newest()).toMatchObject({ name: 'Grace Akello', accountId: 'acc-umbrella', decisionRole: 'champion' });
  });

  it('shows a manager their team when they ask for the whole company, and says so', async () => {
    const before = await counts();
    const r = await t.chat('demo-manager', '全公司这季度的商机按阶段给我看看', { threadId: 'whole' });
    const reply = r.body.replies[0]!;
    expect(reply.kind).toBe('list');
    expect(reply.text).toMatch(/只有管理员/);
    expect(reply.text).toMatch(/团队/);
    expect(await counts()).toEqual(before);
  });

  it('adds the new person with the full name given when the duplicate offered is not them', async () => {
    const r1 = await t.chat('demo-rep-en', 'Kindly add one Mr. Peter from Initech, finance side, peter.k@initech.example', { threadId: 'other-peter' });
    expect(['choices', 'question']).toContain(r1.body.replies[0]!.kind);
    const before = await counts();
    const r2 = await t.chat('demo-rep-en', 'No no, different person. Peter Kowalczyk, please add as new', { threadId: 'other-peter' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    expect(await newest()).toMatchObject({ name: 'Peter Kowalczyk', accountId: 'acc-initech', email: 'peter.k@initech.example' });
    expect(await counts()).toEqual([before[0]! + 1, ...before.slice(1)]);
  });

  it('reads a contact typed with no stop, its place before its title, and its phone after', async () => {
    await t.chat('demo-rep-zh', '帮我建个连系人市一院检验科主任谭国平电话13907391234', { threadId: 'tan' });
    expect(await newest()).toMatchObject({ name: '谭国平', accountId: 'acc-city1', title: '检验科主任', phone: '13907391234' });
  });

  it('stops greetings only for "no more xmas cards or bday msgs for Maria at Globex, surveys are ok", and says 祝福 in Chinese', async () => {
    const r = await t.chat('demo-rep-en', 'no more xmas cards or bday msgs for Maria at Globex, surveys are ok', { threadId: 'xmas' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-maria-garcia' } })).toMatchObject({ greetingOptOut: true, surveyOptOut: false });
    const r2 = await t.chat('demo-rep-zh', '陈经理说以后莫给他发节日祝福了', { threadId: 'zhufu' });
    expect(r2.body.replies[0]!.text).toMatch(/祝福/);
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-chen-jie' } })).toMatchObject({ greetingOptOut: true, surveyOptOut: false });
  });
});
