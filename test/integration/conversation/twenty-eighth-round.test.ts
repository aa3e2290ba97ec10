// The twenty-eighth round's dialog behaviours (after115–after117), read from what was stored after each turn,
// in our own words: a value said alone right after a write changes that field of the record written; an hour
// said alone moves a logged visit on its own day; a birthday said again is corrected; a rep or an account
// pointed at ("him", "over there") is the last question's; a duplicate answered "update the email" replaces it;
// a task moved by a while answered to "To when?" counts from its own due time. And the twenty-ninth round's
// (after118–after120): a follow-up with a colleague at the account who was not at the call; a reminder about
// "him" right after a report; a deal's close date said alone after its stage; an hour said alone after a report
// with a follow-up moves the follow-up.
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';
import { countRows, plus } from '../../helpers/stored.ts';

describe('the twenty-eighth round, through the chat API', () => {
  // Wednesday 2026-11-25, 18:00 in Shanghai and 05:00 in New York.
  const t = appAtScenarioClock();
  const db = () => t.app.db.prisma;
  const counts = () => countRows(db());
  const deal = (id: string) => db().opportunity.findUniqueOrThrow({ where: { id } });

  it('changes the amount, then the stage, of the deal just updated when only the value is said', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'the umbrella pilot is at proposal now', { threadId: 'deal' });
    expect(await deal('opp-umbrella-pilot')).toMatchObject({ stage: 'proposal' });
    const r = await t.chat('demo-rep-en', 'n the figure on that one is 22k', { threadId: 'deal' });
    expect(r.body.replies[0]!.kind).toBe('confirmation');
    // (A euro deal keeps its currency when none is said.)
    const pilot = await deal('opp-umbrella-pilot');
    expect({ amount: Number(pilot.amount), currency: pilot.currency, stage: pilot.stage }).toEqual({ amount: 22000, currency: 'EUR', stage: 'proposal' });
    await t.chat('demo-rep-zh', '协和续约那单 金额改成九十万', { threadId: 'zh-deal' });
    await t.chat('demo-rep-zh', '阶段也进到谈判了', { threadId: 'zh-deal' });
    const renewal = await deal('opp-union-renewal');
    expect({ amount: Number(renewal.amount), stage: renewal.stage }).toEqual({ amount: 900000, stage: 'negotiation' });
    expect(await counts()).toEqual(before);
  });

  it('sets the priority of the reminder just made back, said as a value and nothing else', async () => {
    await t.chat('demo-rep-en', 'remind me to send tom the rollout plan friday, pretty urgent', { threadId: 'prio' });
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ priority: 'urgent', contactId: 'con-tom-baker' });
    await t.chat('demo-rep-en', 'eh actually normal is fine', { threadId: 'prio' });
    expect(await db().task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ priority: 'normal', dueAt: task.dueAt });
  });

  it('moves a logged call to the hour said alone, on the day it happened', async () => {
    await t.chat('demo-rep-en', 'called bill lumbergh on monday about the renewal terms', { threadId: 'hour' });
    const call = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(call).toMatchObject({ contactId: 'con-bill-lumbergh', type: 'call' });
    await t.chat('demo-rep-en', 'oh and it was at 3', { threadId: 'hour' });
    // Monday 23 November, 15:00 in New York.
    expect((await db().interaction.findUniqueOrThrow({ where: { id: call.id } })).occurredAt.toISOString()).toBe('2026-11-23T20:00:00.000Z');
    expect(await db().task.count({ where: { interactionId: call.id } })).toBe(0);
  });

  it('corrects a birthday said again in a correction', async () => {
    await t.chat('demo-rep-zh', '赵敏生日是八月三号', { threadId: 'bday' });
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-zhao-min' } })).toMatchObject({ birthMonth: 8, birthDay: 3 });
    await t.chat('demo-rep-zh', '哦记错了 是八月十三', { threadId: 'bday' });
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-zhao-min' } })).toMatchObject({ birthMonth: 8, birthDay: 13 });
  });

  it('answers about the rep or account the last question was about, said as "him" or "over there"', async () => {
    await t.chat('demo-manager', "how are alex's numbers this month", { threadId: 'him' });
    const r = await t.chat('demo-manager', 'and the tasks of him?', { threadId: 'him' });
    expect(r.body.replies[0]!.kind).not.toBe('error');
    expect(r.body.replies.map((x: { text: string }) => x.text).join('\n')).not.toMatch(/couldn't find a colleague/);
    await t.chat('demo-manager', 'tell me about initech', { threadId: 'there' });
    const chain = await t.chat('demo-manager', 'who decides over there?', { threadId: 'there' });
    expect(chain.body.replies[0]!.text).toMatch(/Initech/);
  });

  it('replaces the email on record when the duplicate is answered "use that one and update the email"', async () => {
    const before = await counts();
    const offer = await t.chat('demo-rep-zh', '加个联系人 华山医院的王丽 邮箱 wangli.new@huashan.example.cn', { threadId: 'dup' });
    expect(offer.body.replies[0]!.kind).toBe('choices');
    await t.chat('demo-rep-zh', '是她 用原来的 把邮箱换成新的', { threadId: 'dup' });
    expect(await db().contact.findUniqueOrThrow({ where: { id: 'con-wang-li' } })).toMatchObject({ email: 'wangli.new@huashan.example.cn' });
    expect(await counts()).toEqual(before);
  });

  it('moves a task asked "to when?" by the while answered, from its own due time', async () => {
    const task = await db().task.findFirstOrThrow({ where: { title: 'Send Acme the SSO proposal' } });
    const ask = await t.chat('demo-rep-en', 'push the sso proposal task', { threadId: 'while' });
    expect(ask.body.replies[0]!.kind).toBe('question');
    await t.chat('demo-rep-en', 'um three days', { threadId: 'while' });
    const moved = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    expect(moved.dueAt.getTime() - task.dueAt.getTime()).toBe(3 * 86_400_000);
  });

  it('makes the follow-up with the colleague at the account who needs it, though not at the call', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'short call w peter at initech, bill needs the license redlines by friday', { threadId: 'needer' });
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: 'con-bill-lumbergh', accountId: 'acc-initech' });
    expect(task.title).toMatch(/license redlines/);
    const call = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' }, include: { participants: true } });
    expect(call).toMatchObject({ contactId: 'con-peter-gibbons', type: 'call' });
    expect(call.participants.map((p) => p.contactId)).toEqual(['con-peter-gibbons']);
    expect(await counts()).toEqual(plus(before, { interaction: 1, task: 1 }));
  });

  it('makes a reminder about "him", said right after a report, about the person reported on', async () => {
    await t.chat('demo-rep-en', 'had coffee with Hans Müller at Umbrella yesterday about the pilot scope', { threadId: 'him-task' });
    await t.chat('demo-rep-en', 'and remind me to send him the scope doc on monday', { threadId: 'him-task' });
    const task = await db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(task).toMatchObject({ contactId: 'con-hans-mueller', accountId: 'acc-umbrella' });
    expect(task.dueAt.toISOString()).toBe('2026-11-30T14:00:00.000Z');
  });

  it("sets a deal's close date said alone after its stage, and not a day said without closing", async () => {
    await t.chat('demo-rep-en', 'globex expansion is in negotiation now', { threadId: 'close' });
    await t.chat('demo-rep-en', "n they reckon it'll close by dec 21", { threadId: 'close' });
    const d = await deal('opp-globex-expansion');
    expect(d.stage).toBe('negotiation');
    expect(d.expectedCloseAt?.toISOString()).toBe('2026-12-21T14:00:00.000Z');
  });

  it('moves the follow-up of a report just made, not the report, to an hour said alone that is still ahead', async () => {
    await t.chat('demo-rep-en', 'quick call with Bill at Initech follow up in two weeks on the licence true-up', { threadId: 'fu-hour' });
    const call = await db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    const task = await db().task.findFirstOrThrow({ where: { interactionId: call.id } });
    expect(task.title).toMatch(/licence true-up/);
    await t.chat('demo-rep-en', 'make it 3 p.m. actually', { threadId: 'fu-hour' });
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).dueAt.toISOString()).toBe('2026-12-09T20:00:00.000Z');
    expect((await db().interaction.findUniqueOrThrow({ where: { id: call.id } })).occurredAt).toEqual(call.occurredAt);
  });
});
