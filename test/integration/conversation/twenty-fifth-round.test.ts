// The twenty-fifth round's dialog behaviours (after106–after108), read from what was stored after each turn:
// a misheard or mistyped name at the same account is offered as the person on record; "yes, the same person,
// please not to make a new one" keeps it; a note asked for stays a note; a follow-up is with whoever wants it
// (in Chinese too); a rough hour after a day; a deal that will be signed is not won; a third party who
// "tell me already"; a Uyghur name with its middle dot; a yes in traditional characters; 小姐 is no title.
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';
import { countRows, plus } from '../../helpers/stored.ts';

describe('the twenty-fifth round, through the chat API', () => {
  // Wednesday 2026-11-25, 18:00 in Shanghai and 05:00 in New York.
  const t = appAtScenarioClock();
  const db = () => t.app.db.prisma;
  const counts = () => countRows(db());
  const newestTask = () => db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  const newestInteraction = () => db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  const newestContact = () => db().contact.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });

  it('offers Bill Lumbergh for "Bill Lumberg at Initech", and a reminder said instead is about him, with no contact added', async () => {
    const before = await counts();
    const offer = await t.chat('demo-rep-en', "add a contact Bill Lumberg at Initech he's the division VP", { threadId: 'misheard' });
    expect(offer.body.replies[0]!.kind).toBe('choices');
    expect(offer.body.replies[0]!.text).toMatch(/Bill Lumbergh/);
    expect(await counts()).toEqual(before);
    await t.chat('demo-rep-en', 'oh never mind all that just remind me to call Bill Monday about the contract', { threadId: 'misheard' });
    const task = await newestTask();
    expect(task).toMatchObject({ contactId: 'con-bill-lumbergh', title: 'Call Bill Lumbergh about the contract' });
    expect(task.dueAt.toISOString()).toBe('2026-11-30T14:00:00.000Z');
    expect(await counts()).toEqual(plus(before, { task: 1 }));
  });

  it('keeps the existing contact when told "yes, it is the same person, please not to make a new one"', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'Please add new contact Wei Ling Lim, she is COO at Soylent Foods.', { threadId: 'same' });
    const r = await t.chat('demo-rep-en', 'Yes, it is the same person, please not to make a new one.', { threadId: 'same' });
    expect(r.body.replies[0]!.text).toMatch(/Kept the existing contact Lim Wei Ling/);
    expect(await counts()).toEqual(before);
  });

  it('stores "make a little note for Wei Ling …" as a note, whatever it says of calls', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', "just make a little note for Wei Ling she'd prefer we call her after three in the afternoon", { threadId: 'note' });
    const note = await newestInteraction();
    expect(note).toMatchObject({ type: 'note', contactId: 'con-lim-weiling', summary: "she'd prefer we call her after three in the afternoon" });
    expect(await counts()).toEqual(plus(before, { interaction: 1 }));
  });

  it('makes the follow-up of a dictated meeting with Tom, who needs the test plan', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'had a meeting with Sarah and Tom over at Acme yesterday and Tom needs the SSO test plan by Thursday', { threadId: 'who' });
    const task = await newestTask();
    expect(task).toMatchObject({ contactId: 'con-tom-baker', accountId: 'acc-acme' });
    expect(task.title).toMatch(/SSO test plan/);
    expect(task.title).not.toMatch(/Sarah/);
    expect(task.dueAt.toISOString()).toBe('2026-11-26T14:00:00.000Z');
    expect(await counts()).toEqual(plus(before, { interaction: 1, task: 1 }));
  });

  it('makes the follow-up of a Chinese meeting with 张主任, who wants the papers', async () => {
    await t.chat('demo-rep-zh', '今天同李主任和张主任开会 lah，张主任要那份进药资料，礼拜五前拿给他', { threadId: 'who-zh' });
    const task = await newestTask();
    expect(task).toMatchObject({ contactId: 'con-zhang-wei' });
    expect(task.title).toMatch(/进药资料/);
    expect(task.dueAt.toISOString()).toBe('2026-11-27T01:00:00.000Z');
  });

  it('reads "yesterday at four" and "last Thursday round about twelve thirty" as those hours', async () => {
    await t.chat('demo-rep-en', 'yesterday at four I had a call with Bill Lumbergh he wants the contract by Tuesday next week', { threadId: 'four' });
    const call = await newestInteraction();
    expect(call).toMatchObject({ type: 'call', contactId: 'con-bill-lumbergh' });
    expect(call.occurredAt.toISOString()).toBe('2026-11-24T21:00:00.000Z');
    await t.chat('demo-rep-en', 'I had lunch with Sarah Chen last Thursday round about twelve thirty and we talked over the SSO rollout', { threadId: 'lunch' });
    const lunch = await newestInteraction();
    expect(lunch).toMatchObject({ type: 'meeting', contactId: 'demo-customer' });
    expect(lunch.occurredAt.toISOString()).toBe('2026-11-19T17:30:00.000Z');
  });

  it('changes the amount of a deal that "can be signed at month end" and leaves its stage', async () => {
    const was = await db().opportunity.findUniqueOrThrow({ where: { id: 'opp-union-renewal' } });
    await t.chat('demo-rep-zh', '协和续约那单 金额改成九十万 月底能签下来', { threadId: 'not-won' });
    const deal = await db().opportunity.findUniqueOrThrow({ where: { id: 'opp-union-renewal' } });
    expect(Number(deal.amount)).toBe(900000);
    expect(deal.stage).toBe(was.stage);
  });

  it('opts Bill out of greetings when Peter "tell me already", and leaves Peter as he was', async () => {
    await t.chat('demo-rep-en', 'Peter Gibbons tell me already, Bill not want the Christmas greeting no more', { threadId: 'third' });
    const bill = await db().contact.findUniqueOrThrow({ where: { id: 'con-bill-lumbergh' } });
    const peter = await db().contact.findUniqueOrThrow({ where: { id: 'con-peter-gibbons' } });
    expect(bill.greetingOptOut).toBe(true);
    expect(peter.greetingOptOut).toBe(false);
  });

  it('stores 买买提·吐尔逊 whole, with the department head as the title', async () => {
    const before = await counts();
    await t.chat('demo-rep-zh', '您好，新的联系人添加：市一院检验科主任，买买提·吐尔逊', { threadId: 'dot' });
    const c = await newestContact();
    expect(c).toMatchObject({ name: '买买提·吐尔逊', title: '检验科主任', accountId: 'acc-city1' });
    expect(await counts()).toEqual(plus(before, { contact: 1 }));
  });

  it('creates the clinic and the contact after a yes in traditional characters, and 小姐 is no title', async () => {
    const before = await counts();
    const ask = await t.chat('demo-rep-zh', '新增聯絡人 林佩君小姐，她是康和診所的護理長，電話 021-6234-5678', { threadId: 'trad' });
    expect(ask.body.replies[0]!.kind).toBe('question');
    expect(await counts()).toEqual(before);
    await t.chat('demo-rep-zh', '對，幫我建一下', { threadId: 'trad' });
    const c = await newestContact();
    expect(c).toMatchObject({ name: '林佩君', phone: '021-6234-5678' });
    expect(c.title).toMatch(/^(?:护理长|護理長)$/);
    expect(await counts()).toEqual(plus(before, { contact: 1, account: 1 }));
  });
});
