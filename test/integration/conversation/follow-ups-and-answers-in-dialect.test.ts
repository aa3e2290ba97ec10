// The follow-up just made, named only as "that one" / "this reminder" / 跟进; answers given in
// dialect or with a "no, …" and what was meant instead; a bare weekday's tense said in the answer.
// Each case reads what was stored after the turn, and that nothing else was.
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';

describe('follow-ups named by reference, and answers in dialect, through the chat API', () => {
  // Wednesday 2026-11-25, 18:00 in Shanghai and 05:00 in New York.
  const t = appAtScenarioClock();
  const db = () => t.app.db.prisma;
  const counts = async () => [await db().contact.count(), await db().account.count(), await db().interaction.count(), await db().task.count()];

  it('moves the reminder just made by about a week (个把星期), from its own due date, its title without the particle', async () => {
    const r1 = await t.chat('demo-rep-zh', '提醒我明天给陈经理送新价格表啦', { threadId: 'ref-zh' });
    expect(r1.body.replies[0]!.kind).toBe('confirmation');
    const made = await db().task.findFirstOrThrow({ where: { contactId: 'con-chen-jie' }, orderBy: { createdAt: 'desc' } });
    expect(made.title).toBe('给陈经理送新价格表');
    expect(made.dueAt.toISOString()).toBe('2026-11-26T01:00:00.000Z');
    const before = await counts();
    const r2 = await t.chat('demo-rep-zh', '哎，那个推个把星期咯', { threadId: 'ref-zh' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    const moved = await db().task.findUniqueOrThrow({ where: { id: made.id } });
    expect(moved.dueAt.toISOString()).toBe('2026-12-03T01:00:00.000Z');
    expect(moved.title).toBe(made.title);
    expect(await counts()).toEqual(before);
  });

  it('moves the follow-up of the visit just logged (跟进改为下周四) and leaves the visit alone', async () => {
    await t.chat('demo-rep-zh', '拜访华山王丽副主任；试用方案已反馈；下周三再约', { threadId: 'ref-followup' });
    const visit = await db().interaction.findFirstOrThrow({ where: { contactId: 'con-wang-li' }, orderBy: { createdAt: 'desc' } });
    const task = await db().task.findFirstOrThrow({ where: { interactionId: visit.id } });
    expect(task.dueAt.toISOString()).toBe('2026-12-02T01:00:00.000Z');
    const r = await t.chat('demo-rep-zh', '跟进改为下周四', { threadId: 'ref-followup' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).dueAt.toISOString()).toBe('2026-12-03T01:00:00.000Z');
    expect(await db().interaction.findUniqueOrThrow({ where: { id: visit.id } })).toMatchObject({ occurredAt: visit.occurredAt, type: 'visit' });
  });

  it('keeps only the action of "Please make a reminder: …", and moves "this reminder" to Friday', async () => {
    await t.chat('demo-rep-en', 'Please make a reminder: tomorrow I must send Peter the release notes', { threadId: 'ref-en' });
    const made = await db().task.findFirstOrThrow({ where: { contactId: 'con-peter-gibbons' }, orderBy: { createdAt: 'desc' } });
    expect(made.title).toBe('send Peter the release notes');
    const r = await t.chat('demo-rep-en', 'this reminder please move to Friday', { threadId: 'ref-en' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect((await db().task.findUniqueOrThrow({ where: { id: made.id } })).dueAt.toISOString()).toBe('2026-11-27T14:00:00.000Z');
  });

  it('reads "Excuse me, I made a mistake, it was on Tuesday" as a correction of the day, not a contact called Excuse', async () => {
    await t.chat('demo-rep-en', 'Good day. On Monday I visited Mr. Tom Baker at Acme to present the new dashboards.', { threadId: 'excuse' });
    const visit = await db().interaction.findFirstOrThrow({ where: { contactId: 'con-tom-baker', type: 'visit' }, orderBy: { createdAt: 'desc' } });
    expect(visit.occurredAt.toISOString().slice(0, 10)).toBe('2026-11-23');
    const before = await counts();
    const r = await t.chat('demo-rep-en', 'Excuse me, I made a mistake, it was on Tuesday, not on Monday.', { threadId: 'excuse' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const after = await db().interaction.findUniqueOrThrow({ where: { id: visit.id } });
    expect(after.occurredAt.toISOString().slice(0, 10)).toBe('2026-11-24');
    expect(after).toMatchObject({ contactId: 'con-tom-baker', accountId: 'acc-acme', type: 'visit' });
    expect(await counts()).toEqual(before);
  });

  it('keeps the existing contact when the answer to "use that record?" is Cantonese (系佢啦，唔使新建)', async () => {
    const before = await counts();
    const r1 = await t.chat('demo-rep-zh', '新增联系人：市一院药剂科张主任', { threadId: 'dup-yue' });
    expect(r1.body.replies[0]!.kind).toBe('choices');
    const r2 = await t.chat('demo-rep-zh', '系佢啦，唔使新建', { threadId: 'dup-yue' });
    expect(r2.body.replies[0]!.text).toMatch(/张伟/);
    expect(await counts()).toEqual(before);
  });

  it('adds the contact at the account said after "no" to creating a new one', async () => {
    const before = await counts();
    const r1 = await t.chat('demo-rep-en', 'add contact Jo Kessler at Tidewater Marine', { threadId: 'no-then' });
    expect(r1.body.replies[0]!.kind).toBe('question');
    const r2 = await t.chat('demo-rep-en', "nope, my bad, she's at Globex", { threadId: 'no-then' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    const jo = await db().contact.findFirstOrThrow({ where: { name: 'Jo Kessler' } });
    expect(jo.accountId).toBe('acc-globex');
    expect(await db().account.count({ where: { name: { contains: 'Tidewater' } } })).toBe(0);
    expect(await counts()).toEqual([before[0]! + 1, before[1], before[2], before[3]]);
  });

  it('asks the tense of a bare weekday (礼拜一…续约), and "早去完了" logs last Monday with no follow-up', async () => {
    const before = await counts();
    const r1 = await t.chat('demo-rep-zh', '礼拜一去协和找王主任唠续约的事', { threadId: 'tense-zh' });
    expect(r1.body.replies[0]!.kind).toBe('choices');
    expect(await counts()).toEqual(before);
    const r2 = await t.chat('demo-rep-zh', '早去完了', { threadId: 'tense-zh' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    const visit = await db().interaction.findFirstOrThrow({ where: { contactId: 'con-wang-qiang' }, orderBy: { createdAt: 'desc' } });
    expect(visit).toMatchObject({ type: 'visit', accountId: 'acc-union', occurredAt: new Date('2026-11-23T01:00:00Z') });
    expect(await counts()).toEqual([before[0], before[1], before[2]! + 1, before[3]]);
  });

  it('asks the tense of `thursday - swing by…`, and "that was last week already" is last Thursday', async () => {
    const r1 = await t.chat('demo-rep-en', 'thursday - swing by Soylent to see Wei Ling', { threadId: 'tense-en' });
    expect(r1.body.replies[0]!.kind).toBe('choices');
    const r2 = await t.chat('demo-rep-en', 'that was last week already', { threadId: 'tense-en' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    const visit = await db().interaction.findFirstOrThrow({ where: { contactId: 'con-lim-weiling' }, orderBy: { createdAt: 'desc' } });
    expect(visit).toMatchObject({ type: 'visit', accountId: 'acc-soylent' });
    expect(visit.occurredAt.toISOString().slice(0, 10)).toBe('2026-11-19');
  });
});
