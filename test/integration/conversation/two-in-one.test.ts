// Messages that ask for two things at once (the after18 families): a report with a complaint in it
// opens the complaint as well, and Undo takes both back; a request followed by "and remind me…"
// does both, the reminder about the same person; so does a reminder followed by "and note that…". Each case reads what was stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';

describe('two requests in one message, through the chat API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });
  const db = () => t.app.db.prisma;

  it('logs a call and opens the complaint said in it; Undo removes both', async () => {
    const [interactions, tickets] = [await db().interaction.count(), await db().ticket.count()];
    const r = await t.chat('demo-rep-en', "called Peter at Initech, he's complaining the reports keep timing out, pretty urgent", { threadId: 'report-complaint' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    expect(r.body.replies[0]!.text).toMatch(/Complaint opened/);
    const call = await db().interaction.findFirst({ where: { contactId: 'con-peter-gibbons' }, orderBy: { createdAt: 'desc' } });
    expect(call).toMatchObject({ type: 'call', accountId: 'acc-initech' });
    const ticket = await db().ticket.findFirst({ where: { contactId: 'con-peter-gibbons', kind: 'complaint' }, orderBy: { createdAt: 'desc' } });
    expect(ticket).toMatchObject({ accountId: 'acc-initech', priority: 'urgent', status: 'open' });
    expect(ticket!.subject).toMatch(/reports keep timing out/);
    expect(ticket!.subject).not.toMatch(/urgent/i);
    expect([await db().interaction.count(), await db().ticket.count()]).toEqual([interactions + 1, tickets + 1]);

    const undo = r.body.replies[0]!.actions![0]!.find((b) => b.value === 'undo')!;
    const u = await t.chat('demo-rep-en', '', { threadId: 'report-complaint', action: undo.value });
    expect(u.body.replies[0]!.text).toMatch(/complaint/);
    expect([await db().interaction.count(), await db().ticket.count()]).toEqual([interactions, tickets]);
  });

  it('does the same in Chinese: the visit and an urgent complaint without 比较急 in its subject', async () => {
    const r = await t.chat('demo-rep-zh', '今天去协和拜访了王主任，他投诉上批试剂有两盒破损，比较急', { threadId: 'report-complaint-zh' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    const visit = await db().interaction.findFirst({ where: { contactId: 'con-wang-qiang', type: 'visit' }, orderBy: { createdAt: 'desc' } });
    expect(visit?.accountId).toBe('acc-union');
    const ticket = await db().ticket.findFirst({ where: { contactId: 'con-wang-qiang', kind: 'complaint' }, orderBy: { createdAt: 'desc' } });
    expect(ticket).toMatchObject({ priority: 'urgent' });
    expect(ticket!.subject).toMatch(/破损/);
    expect(ticket!.subject).not.toMatch(/急/);
  });

  it('updates a contact and sets the reminder said after it, about the same person', async () => {
    const r = await t.chat('demo-rep-zh', '对了，市一院的赵敏其实是影响者，另外提醒我周五给她发报价单', { threadId: 'update-remind' });
    expect(r.body.replies.map((x) => x.kind)).toEqual(['confirmation', 'confirmation']);
    const c = await db().contact.findUnique({ where: { id: 'con-zhao-min' } });
    expect(c?.decisionRole).toBe('influencer');
    const task = await db().task.findFirst({ where: { contactId: 'con-zhao-min', title: { contains: '报价单' } } });
    expect(task).toMatchObject({ accountId: 'acc-city1', status: 'open' });
  });

  it('sets a reminder and records the note said after it, about the same person, and nothing else', async () => {
    const [tasks, interactions] = [await db().task.count(), await db().interaction.count()];
    const r = await t.chat('demo-rep-en', 'remind me to send Peter at Initech the deck friday, and note that he liked the new pricing', { threadId: 'remind-note' });
    expect(r.body.replies.map((x) => x.kind)).toEqual(['confirmation', 'confirmation']);
    const task = await db().task.findFirst({ where: { contactId: 'con-peter-gibbons', title: { contains: 'deck' } }, orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ accountId: 'acc-initech', status: 'open' });
    expect(task!.title).not.toMatch(/pricing|note/);
    const note = await db().interaction.findFirst({ where: { contactId: 'con-peter-gibbons', type: 'note' }, orderBy: { createdAt: 'desc' } });
    expect(note?.summary).toMatch(/liked the new pricing/);
    expect([await db().task.count(), await db().interaction.count()]).toEqual([tasks + 1, interactions + 1]);
  });

  it('does not split a report that has its own follow-up', async () => {
    const before = await db().task.count();
    const r = await t.chat('demo-rep-en', 'met Bill at Initech about the budget, and remind me to send him the deck on friday', { threadId: 'report-remind' });
    expect(r.body.replies).toHaveLength(1);
    const call = await db().interaction.findFirst({ where: { contactId: 'con-bill-lumbergh', summary: { contains: 'budget' } }, orderBy: { createdAt: 'desc' } });
    expect(call?.type).toBe('meeting');
    expect(await db().task.count()).toBe(before + 1);
  });
});
