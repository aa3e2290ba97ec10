// The fifth and sixth rounds' dialog behaviours (after46–after51), read from what was stored after
// each turn: Undo of an amount just corrected, an amount changed on the deal just changed, a report
// typed in traditional characters with Cantonese words, a new person said with "add anyway", a
// manager's "and what about …?", and a plan answered "it already happened".
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';

describe('follow-ons, corrections undone and dialect, through the chat API', () => {
  // Wednesday 2026-11-25, 18:00 in Shanghai and 05:00 in New York.
  const t = appAtScenarioClock();
  const db = () => t.app.db.prisma;
  const counts = async () => [
    await db().contact.count(), await db().interaction.count(), await db().task.count(), await db().opportunity.count(), await db().survey.count(),
  ];
  const press = async (userId: string, threadId: string, reply: { actions?: { label: string; value: string }[][] }, label: RegExp) => {
    const button = reply.actions?.flat().find((b) => label.test(b.label));
    expect(button, (reply.actions ?? []).flat().map((b) => b.label).join(' | ')).toBeDefined();
    return t.chat(userId, '', { threadId, action: button!.value });
  };

  it('undoes an amount just corrected back to what it was (a Decimal read back is the number written)', async () => {
    const r1 = await t.chat('demo-rep-en', 'new deal soylent - loyalty app, 50k, close jan 15', { threadId: 'undo-amount' });
    expect(r1.body.replies[0]!.kind).toBe('confirmation');
    const deal = await db().opportunity.findFirstOrThrow({ where: { name: 'loyalty app' } });
    expect(Number(deal.amount)).toBe(50000);
    const r2 = await t.chat('demo-rep-en', 'oops make it 55k', { threadId: 'undo-amount' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    expect(Number((await db().opportunity.findUniqueOrThrow({ where: { id: deal.id } })).amount)).toBe(55000);
    const r3 = await press('demo-rep-en', 'undo-amount', r2.body.replies[0]!, /^Undo$/);
    expect(r3.body.replies[0]!.kind).toBe('confirmation');
    expect(Number((await db().opportunity.findUniqueOrThrow({ where: { id: deal.id } })).amount)).toBe(50000);
  });

  it('changes the amount of the deal just moved when no deal is named (and bump the amount to 22k)', async () => {
    const r1 = await t.chat('demo-rep-en', 'umbrella pilot is at proposal now, update it', { threadId: 'amount-too' });
    expect(r1.body.replies[0]!.kind).toBe('confirmation');
    expect(await db().opportunity.findUniqueOrThrow({ where: { id: 'opp-umbrella-pilot' } })).toMatchObject({ stage: 'proposal' });
    const before = await counts();
    const r2 = await t.chat('demo-rep-en', 'and bump the amount to 22k', { threadId: 'amount-too' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    expect(Number((await db().opportunity.findUniqueOrThrow({ where: { id: 'opp-umbrella-pilot' } })).amount)).toBe(22000);
    expect(await counts()).toEqual(before);
  });

  it('logs a visit typed in traditional characters and Cantonese words, with the person and what was talked over', async () => {
    const before = await counts();
    const r = await t.chat('demo-rep-zh', '今日去咗仁和見陳經理 傾咗促銷方案', { threadId: 'traditional' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const visit = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(visit).toMatchObject({ type: 'visit', contactId: 'con-chen-jie', accountId: 'acc-renhe', summary: '促销方案' });
    expect(await counts()).toEqual([before[0], before[1]! + 1, before[2], before[3], before[4]]);
  });

  it('adds "another Peter, Peter Ramsamy" under the whole name said with "add him as a new one"', async () => {
    const r1 = await t.chat('demo-rep-en', 'please add Peter at Initech as a contact, he is the QA lead', { threadId: 'another-peter' });
    expect(r1.body.replies[0]!.kind).toBe('choices');
    expect(await db().contact.count({ where: { name: { startsWith: 'Peter' } } })).toBe(1);
    const r2 = await t.chat('demo-rep-en', 'no no, it is another Peter, Peter Ramsamy, add him as a new one', { threadId: 'another-peter' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    const added = await db().contact.findFirstOrThrow({ where: { name: 'Peter Ramsamy' } });
    expect(added).toMatchObject({ accountId: 'acc-initech', title: 'QA lead' });
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-peter-gibbons' } })).toMatchObject({ title: 'Engineering Lead' });
  });

  it('answers "n what about wang fang" with the last question (a pipeline) for that rep, storing nothing', async () => {
    const before = await counts();
    const r1 = await t.chat('demo-manager', "hey how's alex's pipeline lookin", { threadId: 'what-about' });
    expect(r1.body.replies[0]!.text).toMatch(/Alex/);
    const r2 = await t.chat('demo-manager', 'n what about wang fang', { threadId: 'what-about' });
    expect(r2.body.replies[0]!.kind).toBe('list');
    expect(r2.body.replies[0]!.text).toMatch(/王芳|Wang Fang/);
    expect(r2.body.replies[0]!.text).not.toMatch(/Alex/);
    const r3 = await t.chat('demo-manager', '那上个月呢', { threadId: 'what-about' });
    expect(r3.body.replies[0]!.kind).toBe('list');
    expect(await counts()).toEqual(before);
  });

  it('logs last Tuesday\'s visit when a plan offered is answered "it is done already, I went there yesterday"', async () => {
    const before = await counts();
    const r1 = await t.chat('demo-rep-en', 'tuesday visit Hans at Umbrella for the pilot', { threadId: 'plan-done' });
    expect(r1.body.replies[0]!.kind).toBe('choices');
    expect(await counts()).toEqual(before);
    const r2 = await t.chat('demo-rep-en', 'it is done already, I went there yesterday', { threadId: 'plan-done' });
    expect(r2.body.replies[0]!.kind).toBe('confirmation');
    const visit = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(visit).toMatchObject({ type: 'visit', contactId: 'con-hans-mueller' });
    expect(visit.occurredAt.toISOString().slice(0, 10)).toBe('2026-11-24');
    expect(await counts()).toEqual([before[0], before[1]! + 1, before[2], before[3], before[4]]);
  });
});
