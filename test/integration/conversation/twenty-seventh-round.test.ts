// The twenty-seventh round's dialog behaviours (after112–after114), read from what was stored after each turn,
// in our own words: a department said before a bare Chinese title; a title taken back; the follow-up with
// whoever needs it, named in lower case or after a comma; a third party's opt-out for the one the stop names,
// keeping what was "not mentioned"; a one-word non-account giving way to a known account; a snooze's task
// named after "task of"; a new person's surname said in the answer to "Use that record?".
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';
import { countRows, plus } from '../../helpers/stored.ts';

describe('the twenty-seventh round, through the chat API', () => {
  // Wednesday 2026-11-25, 18:00 in Shanghai and 05:00 in New York.
  const t = appAtScenarioClock();
  const db = () => t.app.db.prisma;
  const counts = () => countRows(db());
  const newestTask = () => db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  const newestContact = () => db().contact.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });

  it('keeps the department said before a bare title, across a comma, and takes a title back', async () => {
    const before = await counts();
    await t.chat('demo-rep-zh', '新建联系人 人民医院检验科的 郑国平主任', { threadId: 'dept' });
    expect(await newestContact()).toMatchObject({ name: '郑国平', title: '检验科主任', accountId: 'acc-people' });
    await t.chat('demo-rep-zh', '加个人 仁和大药房的韦小红 收银主管 哦说错了 是采购主管', { threadId: 'back' });
    expect(await newestContact()).toMatchObject({ name: '韦小红', title: '采购主管', accountId: 'acc-renhe' });
    expect(await counts()).toEqual(plus(before, { contact: 2 }));
  });

  it('makes the follow-up with Tom when "tom" needs it, said in lower case with no stops', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'sat down with sarah chen and tom baker at acme this morning about licences tom needs the price sheet by monday', { threadId: 'lower' });
    const task = await newestTask();
    expect(task).toMatchObject({ contactId: 'con-tom-baker', accountId: 'acc-acme' });
    expect(task.title).toMatch(/price sheet/);
    expect(task.dueAt.toISOString()).toBe('2026-11-30T14:00:00.000Z');
    expect(await counts()).toEqual(plus(before, { interaction: 1, task: 1 }));
  });

  it('opts out the one a Chinese stop names, and only of what was said', async () => {
    await t.chat('demo-rep-zh', '王主任讲的。张主任么空填问卷，以后别给张主任发了，祝福倒没提', { threadId: 'stop' });
    const zhang = await db().contact.findUniqueOrThrow({ where: { id: 'con-zhang-wei' } });
    const wang = await db().contact.findUniqueOrThrow({ where: { id: 'con-wang-qiang' } });
    expect(zhang).toMatchObject({ surveyOptOut: true, greetingOptOut: false });
    expect(wang).toMatchObject({ surveyOptOut: false, greetingOptOut: false });
  });

  it('opts out the first name said after "told me that", in lower case', async () => {
    await t.chat('demo-rep-en', 'peter gibbons told me that bill wants no more holiday cards from us', { threadId: 'told' });
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-bill-lumbergh' } })).toMatchObject({ greetingOptOut: true, surveyOptOut: false });
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-peter-gibbons' } })).toMatchObject({ greetingOptOut: false, surveyOptOut: false });
  });

  it('adds the contact at the account named, not at a greeting read as one', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'Bom dia. Please add a new contact, Ana Matola, she is Procurement Manager in Globex. Obrigado', { threadId: 'bom' });
    expect(await newestContact()).toMatchObject({ name: 'Ana Matola', accountId: 'acc-globex', title: 'Procurement Manager' });
    expect(await counts()).toEqual(plus(before, { contact: 1 }));
  });

  it('snoozes the task named after "task of" by the days said, from its own due time', async () => {
    const task = await db().task.findFirstOrThrow({ where: { title: 'Call Maria at Globex about the support backlog' } });
    await t.chat('demo-rep-en', 'alors the task of maria for the backlog, push it 2 days more', { threadId: 'of' });
    const moved = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    expect(moved.dueAt.getTime() - task.dueAt.getTime()).toBe(2 * 86_400_000);
  });

  it('adds a new person with the surname said in the answer to "Use that record?"', async () => {
    const before = await counts();
    const offer = await t.chat('demo-rep-en', 'add contact peter gibons at initech', { threadId: 'surname' });
    expect(offer.body.replies[0]!.kind).toBe('choices');
    await t.chat('demo-rep-en', 'no another guy, his surname is gibson, add him as new', { threadId: 'surname' });
    expect(await newestContact()).toMatchObject({ name: 'Peter Gibson', accountId: 'acc-initech' });
    expect(await counts()).toEqual(plus(before, { contact: 1 }));
  });
});
