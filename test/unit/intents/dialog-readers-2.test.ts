// Readers the dialog layer uses where the parser read less than was said (after2/after3 scenarios
// as development sets): an opt-out answer in words, a pinyin name in a Chinese message, a kind of
// contact said alone, a report's future part, a date answer that is already past.
import { describe, expect, it } from 'vitest';
import { optOutChoice } from '../../../src/intents/words.ts';
import { latinRunAround } from '../../../src/domain/customers/person-name.ts';
import { readSlotAnswer, typeOnlyAnswer, type SlotPending } from '../../../src/intents/answers.ts';
import { futurePart } from '../../../src/intents/handlers/interactions.ts';

const now = new Date('2026-11-25T10:00:00Z');

describe('the answer to "What should … no longer get?"', () => {
  it.each([
    ['just the surveys', 'surveys'],
    ['只停问卷', 'surveys'],
    ['就问卷吧 节日祝福还可以发', 'surveys'],
    ['just surveys, greetings are fine', 'surveys'],
    ['生日祝福别发了', 'greetings'],
    ['都不要', 'both'],
    ['都别发了', 'both'],
    ['both', 'both'],
    ['surveys and greetings', 'both'],
    ['hmm not sure', null],
  ])('%s → %s', (text, want) => expect(optOutChoice(text)).toBe(want));
});

describe('a pinyin name is the whole run of Latin words in a Chinese message', () => {
  it.each([
    ['新增联系人 Sun Li，协和医院', 'Li', 'Sun Li'],
    ['加个联系人 人民医院 zhou xiaoming', 'zhou', 'zhou xiaoming'],
    ['加个联系人 Zhang Wei，市第一医院', 'Zhang Wei', 'Zhang Wei'],
  ])('%s (read %s) → %s', (text, read, want) => expect(latinRunAround(text, read)).toBe(want));

  it('leaves English messages and Chinese names alone', () => {
    expect(latinRunAround('add contact tom hanks at initech', 'tom hanks')).toBeNull();
    expect(latinRunAround('新增联系人 李铭 市第一医院', '李铭')).toBeNull();
  });
});

describe('a correction that says only a kind of contact', () => {
  it.each([
    ['其实是打电话', 'call'],
    ['it was a meeting', 'meeting'],
    ['phone', 'call'],
    ['是上门拜访', 'visit'],
    ['called him again about pricing and the discount', null],
    ['聊了价格，下次带样品', null],
  ])('%s → %s', (text, want) => expect(typeOnlyAnswer(text)).toBe(want));
});

describe("a report's future part as the follow-up's action", () => {
  const opts = { now, tz: 'America/New_York' };
  it.each([
    ['visited umbrella today, hans needs the security whitepaper by monday', 'security whitepaper'],
    ['visited umbrella on monday, hans wants a demo next tuesday', 'demo'],
  ])('%s', (text, want) => expect(futurePart(text, opts)).toContain(want));

  it('is empty for a report of one clause', () => expect(futurePart('met bill to send contract next tuesday', opts)).toBe(''));
});

describe('a date answer to "When should I remind you?"', () => {
  const pending: SlotPending = { type: 'slot', intent: 'schedule_followup', entities: { contact: 'Bill' }, resolved: {}, slot: 'due', lang: 'en', text: 'remind me to call Bill', sourceMessageId: 'm1' };
  const unread = { intent: 'unknown' as const, confidence: 0.5, language: 'en' as const, entities: {} };

  it('asks again when the day said is past (last monday), even if read as the next one', () => {
    const a = readSlotAnswer(pending, 'last monday', unread, { now, tz: 'America/New_York' });
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.ask).toMatch(/already passed/);
  });

  it('takes a day ahead', () => {
    const a = readSlotAnswer(pending, 'monday 9:30am', unread, { now, tz: 'America/New_York' });
    expect(a.ok && a.entities.due).toBe('2026-11-30T09:30:00-05:00');
  });
});
