// Readers the dialog layer uses, from the twenty-eighth round (after115–after117 as development sets), in our
// own words: a value said alone after a write, an hour said alone, which kinds an opt-out stops.
import { describe, expect, it } from 'vitest';
import { valueOnlySaid } from '../../../src/intents/answers.ts';
import { timeOnlySaid } from '../../../src/intents/handlers/edit.ts';
import { stoppedChannels } from '../../../src/intents/words.ts';

const NY = { now: new Date('2026-11-25T10:00:00Z'), tz: 'America/New_York' };
const SH = { now: new Date('2026-11-25T10:00:00Z'), tz: 'Asia/Shanghai' };

describe('a value said alone, right after a write', () => {
  it.each([
    ['n the total on that one is 45k', NY, { amount: 45000 }, ['amount']],
    ['eh actually just low is fine', NY, { priority: 'low' }, ['priority']],
    ["ope, that one's super urgent", NY, { priority: 'urgent' }, ['priority']],
    ['n it went to negotiation', NY, { stage: 'negotiation' }, ['stage']],
    ['nah just put it on fri the 4th', NY, { due: '2026-12-04T09:00:00-05:00' }, ['day']],
    ['金额调成三十万吧', SH, { amount: 300000 }, ['amount']],
    ['算了 还是普通的就行', SH, { priority: 'normal' }, ['priority']],
    ['阶段也到方案了', SH, { stage: 'proposal' }, ['stage']],
  ] as const)('%s', (text, opts, entities, fields) => {
    const v = valueOnlySaid(text, opts);
    expect(v?.entities).toEqual(entities);
    expect([...(v?.fields ?? [])]).toEqual(fields);
  });

  it('reads an hour said alone as that hour, for the record’s own day', () => {
    expect(valueOnlySaid('oh n it was at 4', NY)).toMatchObject({ fields: new Set(['time']), at: { hour: 16, minute: 0 } });
    expect(valueOnlySaid('make it two p m', NY)?.at).toEqual({ hour: 14, minute: 0 });
  });

  it('is nothing when anything else is said besides', () => {
    for (const t of ['met tom yesterday at 2', 'call bill friday', 'the amount is 3 people', 'thanks', 'tom needs it by friday', '给王丽打电话 下午三点']) {
      expect(valueOnlySaid(t, /\p{Script=Han}/u.test(t) ? SH : NY)).toBeNull();
    }
  });
});

describe('an hour said alone', () => {
  it.each([
    ['oh n it was at 2', { hour: 14, minute: 0 }],
    ['the visit was at 9h15', { hour: 9, minute: 15 }],
    ['make it four p m actually', { hour: 16, minute: 0 }],
    ['哦不对改成下午三点吧', { hour: 15, minute: 0 }],
    ['改成下午三点嘛', { hour: 15, minute: 0 }],
  ])('%s', (text, at) => expect(timeOnlySaid(text)).toEqual(at));

  it('is no hour when a person or a count is said with it', () => {
    expect(timeOnlySaid('tom at 2')).toBeUndefined();
    expect(timeOnlySaid('at 2 people')).toBeUndefined();
  });
});

describe('which kinds an opt-out stops', () => {
  it.each([
    ['and maria too but just the surveys for her', 'surveys'],
    ['and hans as well, only the greetings', 'greetings'],
    ['no more surveys for him, about the greetings he did not say nothing', 'surveys'],
    ['only the greetings are ok', 'surveys'],
  ])('%s', (text, kind) => expect(stoppedChannels(text)).toBe(kind));
});
