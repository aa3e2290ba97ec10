// Reports written in formal Chinese or opened by a weekday, and a follow-up moved by "跟进那个":
// each case reads what was stored afterwards, and that nothing else was written.
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';

describe('dated and formal Chinese reports, through the chat API', () => {
  // Wednesday 2026-11-25, 18:00 in Shanghai and 05:00 in New York.
  const t = appAtScenarioClock();
  const db = () => t.app.db.prisma;
  const counts = async () => [await db().interaction.count(), await db().task.count()];
  const day = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);

  it('a report opened by a weekday is that past day, with no follow-up made of it', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '周二打电话给赵敏 聊了续约', { threadId: 'weekday' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const call = await db().interaction.findFirstOrThrow({ where: { contactId: 'con-zhao-min', type: 'call' }, orderBy: { createdAt: 'desc' } });
    expect(day(call.occurredAt)).toBe('2026-11-24');
    expect(call.summary).toContain('续约');
    expect(await counts()).toEqual([before[0]! + 1, before[1]]);
  });

  it('formal Chinese: 致电 is a call made, 本月3号 its day, 曾 says it is past', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '本月3号曾致电仁和大药房陈经理，确认了12月份的订货。', { threadId: 'formal' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const call = await db().interaction.findFirstOrThrow({ where: { contactId: 'con-chen-jie', type: 'call' }, orderBy: { createdAt: 'desc' } });
    expect(day(call.occurredAt)).toBe('2026-11-03');
    expect(call.accountId).toBe('acc-renhe');
    expect(await counts()).toEqual([before[0]! + 1, before[1]]);
  });

  it('"王主任" is the one whose title is 主任, not the 副主任, and the reminder is made for him', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '提醒我周四给王主任送资料。', { threadId: 'title' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const task = await db().task.findFirstOrThrow({ where: { title: { contains: '资料' } }, orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: 'con-wang-qiang', accountId: 'acc-union' });
    expect(await counts()).toEqual([before[0], before[1]! + 1]);
  });

  it('"跟进那个改到下周三" moves the follow-up just made, and leaves the visit as it was', async () => {
    await t.chat('demo-rep-zh', '拜访了华山王丽 聊了试用进展 周五前把试用方案发她', { threadId: 'move-followup' });
    const visit = await db().interaction.findFirstOrThrow({ where: { contactId: 'con-wang-li', type: 'visit' }, orderBy: { createdAt: 'desc' } });
    const task = await db().task.findFirstOrThrow({ where: { interactionId: visit.id } });
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '跟进那个改到下周三', { threadId: 'move-followup' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const moved = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    expect(day(moved.dueAt)).toBe('2026-12-02');
    expect((await db().interaction.findUniqueOrThrow({ where: { id: visit.id } })).occurredAt).toEqual(visit.occurredAt);
    expect(await counts()).toEqual(before);
  });
});
