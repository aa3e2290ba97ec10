// Answers said in a sentence of their own, and a task named in words that fit none: each case
// reads what was stored afterwards, and that nothing else was written.
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';

describe('answers in sentences, through the chat API', () => {
  // Wednesday 2026-11-25, 18:00 in Shanghai and 05:00 in New York.
  const t = appAtScenarioClock();
  const db = () => t.app.db.prisma;
  const counts = async () => [await db().contact.count(), await db().task.count(), await db().interaction.count()];

  it('"不是一个人，重新建一个" to "use that record?" adds a second 王强 with his title and the alias people call him by', async () => {
    const before = await counts();
    const first = await t.chat('demo-rep-zh', '加个联系人 协和医院的王强，设备科科长', { threadId: 'dup-new' });
    expect(first.body.replies[0]!.kind).toBe('choices');
    expect(await counts()).toEqual(before);
    const r = await t.chat('demo-rep-zh', '不是一个人，重新建一个', { threadId: 'dup-new' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const made = await db().contact.findMany({ where: { name: '王强' }, orderBy: { createdAt: 'asc' } });
    expect(made).toHaveLength(2);
    expect(made[1]).toMatchObject({ accountId: 'acc-union', title: '设备科科长' });
    expect(made[1]!.aliases).toContain('王科长');
    expect(await counts()).toEqual([before[0]! + 1, before[1], before[2]]);
  });

  it('"就用原来那个噻" keeps the existing 张伟 and stores only the new phone number', async () => {
    const before = await counts();
    const old = await db().contact.findUnique({ where: { id: 'con-zhang-wei' } });
    await t.chat('demo-rep-zh', '加个联系人 市一院的张伟，药剂科主任，手机13908331234', { threadId: 'dup-old' });
    const r = await t.chat('demo-rep-zh', '就用原来那个噻', { threadId: 'dup-old' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const after = await db().contact.findUnique({ where: { id: 'con-zhang-wei' } });
    expect(after).toMatchObject({ phone: '13908331234', name: old!.name, accountId: old!.accountId });
    expect(await counts()).toEqual(before);
  });

  it('a new request sent instead of the answer is that request, not an answer ("新建联系人 韩雪…" while asked about 韩东)', async () => {
    await db().contact.create({ data: { tenantId: (await db().contact.findUniqueOrThrow({ where: { id: 'con-zhang-wei' } })).tenantId, name: '韩东', accountId: 'acc-huashan', phone: '13764550198' } });
    const before = await counts();
    const q = await t.chat('demo-rep-zh', '新建联系人 韩东 华山医院 13764550198', { threadId: 'dup-other' });
    expect(q.body.replies[0]!.kind).toBe('choices');
    await t.chat('demo-rep-zh', '新建联系人 韩雪，华山医院护士长', { threadId: 'dup-other' });
    expect(await db().contact.count({ where: { name: '韩东' } })).toBe(1);
    const han = await db().contact.findFirst({ where: { name: '韩雪' } });
    expect(han).toMatchObject({ accountId: 'acc-huashan', title: '护士长' });
    expect(await counts()).toEqual([before[0]! + 1, before[1], before[2]]);
  });

  it('a snooze naming no open task offers the open ones, and the one picked moves from its own due time', async () => {
    const task = await db().task.findFirstOrThrow({ where: { title: '给李主任送样品' } });
    const before = await counts();
    const q = await t.chat('demo-rep-zh', '年会场地那个任务推迟两天', { threadId: 'snooze-none' });
    expect(q.body.replies[0]!.kind).toBe('choices');
    expect(q.body.replies[0]!.text).toMatch(/年会场地/);
    expect(await db().task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ dueAt: task.dueAt });
    const labels = q.body.replies[0]!.actions!.flat().map((b) => b.label);
    const pick = q.body.replies[0]!.actions!.flat().find((b) => b.label.includes('给李主任送样品'));
    expect(pick, labels.join(' | ')).toBeDefined();
    const r = await t.chat('demo-rep-zh', '', { threadId: 'snooze-none', action: pick!.value });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const after = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    expect(after.dueAt.getTime() - task.dueAt.getTime()).toBe(2 * 24 * 3600 * 1000);
    expect(await counts()).toEqual(before);
  });
});
