// A task's priority changed by chat (update_task), and a report whose follow-up is said in a
// sentence of its own. Each case reads what was stored, and that nothing else changed.
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';

describe('task priority and report-then-reminder, through the chat API', () => {
  // Wednesday 2026-11-25, 18:00 in Shanghai and 05:00 in New York.
  const t = appAtScenarioClock();
  const db = () => t.app.db.prisma;

  it('marks a task urgent in Chinese, changes nothing else, and Undo puts the priority back', async () => {
    const before = await db().task.findFirst({ where: { title: '给李主任送样品' } });
    expect(before?.priority).toBe('normal');
    const r = await t.chat('demo-rep-zh', '送样品那个任务 标成紧急', { threadId: 'prio-zh' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(r.body.replies[0]!.text).toMatch(/紧急/);
    expect(r.body.replies[0]!.text).not.toMatch(/urgent|priority/);
    const after = await db().task.findUnique({ where: { id: before!.id } });
    expect(after).toMatchObject({ priority: 'urgent', status: 'open', title: before!.title, contactId: before!.contactId });
    expect(after!.dueAt.getTime()).toBe(before!.dueAt.getTime());
    const undo = r.body.replies[0]!.actions![0]!.find((b) => b.value === 'undo')!;
    await t.chat('demo-rep-zh', '', { threadId: 'prio-zh', action: undo.value });
    expect((await db().task.findUnique({ where: { id: before!.id } }))?.priority).toBe('normal');
  });

  it('makes a task high priority in English (Jamaican `mek di`)', async () => {
    const before = await db().task.findFirst({ where: { title: 'Send Acme the SSO proposal' } });
    const r = await t.chat('demo-rep-en', 'mek di SSO proposal task high priority', { threadId: 'prio-en' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const after = await db().task.findUnique({ where: { id: before!.id } });
    expect(after).toMatchObject({ priority: 'high', status: 'open', title: 'Send Acme the SSO proposal' });
    expect(after!.dueAt.getTime()).toBe(before!.dueAt.getTime());
  });

  it('logs a meeting with both people on the Monday said, and the follow-up asked in the next sentence on its own day', async () => {
    const [interactions, tasks] = [await db().interaction.count(), await db().task.count()];
    const r = await t.chat('demo-rep-en',
      'I had a long meeting with Sarah and Tom at Acme on Monday, lots to discuss. Sarah said she will come back with the signed order form. Remind me to chase it next Wednesday.',
      { threadId: 'report-reminder' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const meeting = await db().interaction.findFirst({ where: { contactId: 'demo-customer', type: 'meeting' }, orderBy: { createdAt: 'desc' }, include: { participants: true } });
    expect(meeting).toMatchObject({ accountId: 'acc-acme' });
    expect(meeting!.occurredAt.toISOString().slice(0, 10)).toBe('2026-11-23');
    // Sarah once, Tom once.
    expect(meeting!.participants.map((p) => p.contactId).sort()).toEqual(['con-tom-baker', 'demo-customer']);
    const task = await db().task.findFirst({ where: { contactId: 'demo-customer' }, orderBy: { createdAt: 'desc' } });
    expect(task!.dueAt.toISOString()).toBe('2026-12-02T14:00:00.000Z');
    // "chase it": the note says what it is.
    expect(task!.title).toMatch(/order form/);
    expect([await db().interaction.count(), await db().task.count()]).toEqual([interactions + 1, tasks + 1]);
  });
});
