import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../src/intents/parser/index.ts';
import { saysDay, unreadTime } from '../../../src/intents/parser/unread-time.ts';

const now = new Date('2026-11-25T10:00:00Z');
const en = (t: string) => unreadTime(normaliseText(t), { now, tz: 'America/New_York', lang: 'en' });
const zh = (t: string) => unreadTime(normaliseText(t), { now, tz: 'Asia/Shanghai', lang: 'zh' });

describe('words that say when, left unread', () => {
  it('finds an hour or a part of the day the date reader did not take', () => {
    expect(en('saw tom yesterday at fower pee em about the renewal')?.text).toBe('at fower pee em');
    expect(en('remind me to ring maria thursday round about quarter past fower')?.kind).toBe('hour');
    expect(zh('二十号那天擦黑跟协和王主任吃了个饭')?.text).toBe('擦黑');
  });

  it('is quiet when every such word was read', () => {
    expect(en('met Tom yesterday at 4pm, he wants the quote by friday')).toBeNull();
    expect(en('log call with maria on dec 3 at 2')).toBeNull();
    expect(zh('昨天下午三点给王丽打了电话')).toBeNull();
    expect(zh('明个晌午提醒我给陈经理打个电话')).toBeNull();
  });

  it('does not take quantities, amounts, floors or preferences for times', () => {
    expect(en('new deal for Soylent, estimated at 75,000 USD, close by end of December')).toBeNull();
    expect(en('visited Acme today, they want about two more seats')).toBeNull();
    expect(en('note for Wei Ling: she prefers we call after three in the afternoon')).toBeNull();
    expect(zh('今天拜访了王主任，价格再便宜一点就签，3号楼的科室')).toBeNull();
  });

  it('tells a day said from an hour alone', () => {
    expect(saysDay('yesterday 4pm')).toBe(true);
    expect(saysDay('周一下午三点')).toBe(true);
    expect(saysDay('at 4pm')).toBe(false);
    expect(saysDay('下午四点')).toBe(false);
  });
});
