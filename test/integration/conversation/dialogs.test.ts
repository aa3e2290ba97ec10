// Multi-turn dialogs end to end through POST /api/chat on the real server: slot filling,
// disambiguation by button and by text, confirmation, cancel, undo, language, and refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';

describe('dialogs through the chat API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });
  const db = () => t.app.db.prisma;

  it('asks for a missing contact and fills it from the next message', async () => {
    const thread = { threadId: 'slot-1' };
    const q = await t.chat('demo-rep-en', 'log a call', thread);
    expect(q.body.replies[0]).toMatchObject({ kind: 'question', text: 'Who did you meet or talk to?' });
    const a = await t.chat('demo-rep-en', 'Tom Baker', thread);
    expect(a.body.replies[0]!.kind).toBe('confirmation');
    expect(a.body.replies[0]!.text).toMatch(/^Logged call with Tom Baker \(Acme Corp\)/);
    expect(await db().conversationState.count({ where: { threadKey: 'slot-1' } })).toBe(0);
  });

  it('disambiguates two Dr. Wangs by button', async () => {
    const thread = { threadId: 'choose-button' };
    const q = await t.chat('demo-rep-zh', '拜访了王医生，聊了新药', thread);
    const reply = q.body.replies[0]!;
    expect(reply.kind).toBe('choices');
    const buttons = reply.actions![0]!;
    expect(buttons.map((b) => b.label).join(' ')).toMatch(/王强.*王丽|王丽.*王强/);
    const wangLi = buttons.find((b) => b.label.includes('王丽'))!;
    const done = await t.chat('demo-rep-zh', '', { ...thread, action: wangLi.value });
    expect(done.body.replies[0]!.text).toMatch(/^已记录拜访：王丽（华山医院）/);
    const row = await db().interaction.findFirst({ where: { contactId: 'con-wang-li', summary: { contains: '新药' } } });
    expect(row?.type).toBe('visit');
  });

  it('disambiguates by typed text: an ordinal, or the name of the account', async () => {
    const q1 = await t.chat('demo-rep-zh', 'log call with Dr. Wang', { threadId: 'choose-text-1' });
    expect(q1.body.replies[0]!.kind).toBe('choices');
    const labels = q1.body.replies[0]!.actions![0]!.map((b) => b.label);
    const second = await t.chat('demo-rep-zh', 'the second one', { threadId: 'choose-text-1' });
    expect(second.body.replies[0]!.kind).toBe('confirmation');
    const secondName = labels[1]!.split(' · ')[0]!;
    expect(second.body.replies[0]!.text).toContain(secondName === '王丽' ? 'Huashan Hospital' : 'Union Hospital');

    const q2 = await t.chat('demo-rep-zh', 'log call with Dr. Wang', { threadId: 'choose-text-2' });
    expect(q2.body.replies[0]!.kind).toBe('choices');
    const byName = await t.chat('demo-rep-zh', 'Huashan', { threadId: 'choose-text-2' });
    expect(byName.body.replies[0]!.text).toMatch(/^Logged call with .*\(Huashan Hospital\)/);
  });

  it('keeps asking when the answer matches no choice, and cancel ends the dialog', async () => {
    const thread = { threadId: 'cancel-1' };
    await t.chat('demo-rep-zh', '拜访了王医生', thread);
    const unclear = await t.chat('demo-rep-zh', 'zzz', thread);
    expect(unclear.body.replies[0]!.kind).toBe('question');
    const cancel = await t.chat('demo-rep-zh', '取消', thread);
    expect(cancel.body.replies[0]!.text).toBe('已取消。');
    expect(await db().conversationState.count({ where: { threadKey: 'cancel-1' } })).toBe(0);
  });

  it('undo reverts the last write, text or button', async () => {
    const logged = await t.chat('demo-rep-en', 'log meeting with Maria Garcia about the support backlog, call her back tomorrow 10am', { threadId: 'undo-1' });
    expect(logged.body.replies[0]!.kind).toBe('confirmation');
    const interaction = await db().interaction.findFirst({ where: { contactId: 'con-maria-garcia', summary: { contains: 'support backlog' } } });
    expect(interaction).not.toBeNull();
    const undoButton = logged.body.replies[0]!.actions![0]!.find((b) => b.value === 'undo')!;
    const undone = await t.chat('demo-rep-en', '', { threadId: 'undo-1', action: undoButton.value });
    expect(undone.body.replies[0]!.kind).toBe('confirmation');
    expect(undone.body.replies[0]!.text).toMatch(/^Undone/);
    expect(await db().interaction.findUnique({ where: { id: interaction!.id } })).toBeNull();
    const task = await db().task.findFirst({ where: { interactionId: interaction!.id, status: 'open' } });
    expect(task).toBeNull();
  });

  it('answers in the language the user wrote in', async () => {
    const zh = await t.chat('demo-rep-en', '我的任务');
    expect(zh.body.replies[0]!.text).toMatch(/[\u4e00-\u9fff]/);
    const en = await t.chat('demo-rep-zh', 'my tasks');
    expect(en.body.replies[0]!.text).not.toMatch(/[\u4e00-\u9fff]{2}/);
  });

  it('lists at-risk accounts for a manager with reasons', async () => {
    const res = await t.chat('demo-manager', 'which accounts are at risk this week?');
    const reply = res.body.replies[0]!;
    expect(reply.kind).toBe('list');
    const globex = reply.sections!.find((s) => s.title.includes('Globex'));
    expect(globex).toBeDefined();
    expect(globex!.lines.join(' ')).toMatch(/contact|CSAT|ticket|SLA|deal/i);
  });

  it('refuses a customer anything but surveys, and a rep another team\'s account', async () => {
    const customer = await t.chat('demo-customer', 'my tasks');
    expect(customer.body.replies[0]!.kind).toBe('error');
    expect(customer.body.replies[0]!.text).toMatch(/customer/i);
    const other = await t.chat('demo-rep-en', 'tell me about 市第一医院');
    expect(other.body.replies[0]!.kind).toBe('error');
  });

  it('help shows examples in the user\'s language; nonsense gets the closest things', async () => {
    const help = await t.chat('demo-rep-zh', '帮助');
    expect(help.body.replies[0]!.sections![0]!.lines.join('\n')).toContain('拜访了李医生');
    const unknown = await t.chat('demo-rep-en', 'purple elephants dance');
    expect(unknown.body.replies[0]!.text).toMatch(/didn't get that/);
  });
});

describe('names the parser misses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('finds a lowercase name the user knows instead of asking', async () => {
    const res = await t.chat('demo-rep-en', 'met tom baker today, he wants a quote');
    expect(res.body.replies[0]!.text).toMatch(/^Logged meeting with Tom Baker \(Acme Corp\)/);
    const acme = await t.chat('demo-rep-en', 'called acme about the renewal');
    expect(acme.body.replies[0]!.text).toMatch(/^Logged call with Acme Corp/);
  });

  it('still asks when nothing in the message is a known name', async () => {
    const res = await t.chat('demo-rep-en', 'had a call about pricing', { threadId: 'nobody' });
    expect(res.body.replies[0]).toMatchObject({ kind: 'question', text: 'Who did you meet or talk to?' });
  });
});
