// Words that say when and were not read are asked about, not guessed: what was stored after each turn.
// A log keeps nothing until the time is said (or "yes" keeps what was read); an hour alone is that hour on
// the day read; a reminder's title loses the words asked about; an answer to "When?" that cannot be read
// is asked again.
import { describe, expect, it } from 'vitest';
import { appAtScenarioClock } from '../../helpers/scenario-clock-app.ts';
import { countRows, plus } from '../../helpers/stored.ts';

describe('words that say when, left unread, through the chat API', () => {
  // Wednesday 2026-11-25, 18:00 in Shanghai and 05:00 in New York.
  const t = appAtScenarioClock();
  const db = () => t.app.db.prisma;
  const counts = () => countRows(db());
  const newestTask = () => db().task.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  const newestInteraction = () => db().interaction.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });

  it('asks when a visit was, stores nothing meanwhile, and takes "at 4pm" as that hour yesterday', async () => {
    const before = await counts();
    const asked = await t.chat('demo-rep-en', 'met tom baker yesterday at fower pee em about the renewal', { threadId: 'fower' });
    expect(asked.body.replies[0]!.kind).toBe('question');
    expect(asked.body.replies[0]!.text).toMatch(/at fower pee em/);
    expect(await counts()).toEqual(before);
    const done = await t.chat('demo-rep-en', 'at 4pm', { threadId: 'fower' });
    expect(done.body.replies[0]!.kind).toBe('confirmation');
    const i = await newestInteraction();
    expect(i).toMatchObject({ contactId: 'con-tom-baker', accountId: 'acc-acme', summary: 'the renewal' });
    expect(i.occurredAt.toISOString()).toBe('2026-11-24T21:00:00.000Z');
    expect(await counts()).toEqual(plus(before, { interaction: 1 }));
  });

  it('asks in Chinese when 擦黑 was, and stores the dinner at seven that evening', async () => {
    const before = await counts();
    const asked = await t.chat('demo-rep-zh', '二十号那天擦黑跟协和王主任吃了个饭 他对价格还是有意见', { threadId: 'cahei' });
    expect(asked.body.replies[0]!.kind).toBe('question');
    expect(asked.body.replies[0]!.text).toMatch(/擦黑/);
    expect(await counts()).toEqual(before);
    await t.chat('demo-rep-zh', '晚上七点', { threadId: 'cahei' });
    const i = await newestInteraction();
    expect(i).toMatchObject({ contactId: 'con-wang-qiang', accountId: 'acc-union', summary: '他对价格还是有意见' });
    expect(i.occurredAt.toISOString()).toBe('2026-11-20T11:00:00.000Z');
    expect(await counts()).toEqual(plus(before, { interaction: 1 }));
  });

  it('asks again after an answer it cannot read, then keeps the day read with the hour said, and a clean title', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'remind me to call maria at globex thursday round about quarter past fower', { threadId: 'quarter' });
    const again = await t.chat('demo-rep-en', 'ah round about fower-ish like', { threadId: 'quarter' });
    expect(again.body.replies[0]!.kind).toBe('question');
    expect(await counts()).toEqual(before);
    await t.chat('demo-rep-en', '4:15pm', { threadId: 'quarter' });
    const task = await newestTask();
    expect(task).toMatchObject({ contactId: 'con-maria-garcia', accountId: 'acc-globex' });
    expect(task.title).not.toMatch(/fower|quarter/);
    expect(task.dueAt.toISOString()).toBe('2026-11-26T21:15:00.000Z');
    expect(await counts()).toEqual(plus(before, { task: 1 }));
  });

  it('keeps what was read when told "yes"', async () => {
    const before = await counts();
    await t.chat('demo-rep-en', 'log a call with Peter Gibbons yesterday round about sevenish pee em, he wants the invoice copy', { threadId: 'yes' });
    expect(await counts()).toEqual(before);
    await t.chat('demo-rep-en', 'yes', { threadId: 'yes' });
    const i = await newestInteraction();
    expect(i).toMatchObject({ type: 'call', contactId: 'con-peter-gibbons' });
    expect(i.occurredAt.toISOString()).toBe('2026-11-24T14:00:00.000Z');
  });
});
