// The dialog layer's checks on a reading before it writes: what an opt-out stopped, a priority said
// as a clause, the kind of contact actually said, a title as said, a name inside a Chinese title, a
// date left in a deal's name, the words besides who and when.
import { describe, expect, it } from 'vitest';
import { priorityInText, stoppedChannels, typeIsSaid, typeSaidOnly, withoutPriorityWords } from '../../../src/intents/words.ts';
import { hanRunAround, isHanJobTitle, splitHanTitledName, titleAsSaid } from '../../../src/domain/customers/person-name.ts';
import { splitDateRemnant } from '../../../src/intents/handlers/pipeline.ts';
import { wordsBesides } from '../../../src/intents/handlers/interactions.ts';
import { hanNameWithoutVerb } from '../../../src/intents/handlers/resolve.ts';
import { everyoneAt, everyoneInText } from '../../../src/intents/handlers/service.ts';
import { hanAmountDigits } from '../../../src/intents/answers.ts';

const now = new Date('2026-11-25T10:00:00Z');

describe('what a reported opt-out stopped', () => {
  it.each([
    ['Maria asked us to stop sending her surveys', 'surveys'],
    ['hans said pls no more feedback surveys', 'surveys'],
    ['Peter doesn\'t want any more surveys or birthday messages from us', 'both'],
    ['陈经理说以后别给他发问卷和祝福了', 'both'],
    ['刘医生说不用再给他发节日祝福了', 'greetings'],
    ['Raj opted out', null],
    ['赵敏退订了，别再给她发消息', null],
    // A clause that keeps one of them says which one stops.
    ['she still wants surveys but no greetings', 'greetings'],
    ['Maria Garcia said no more surveys for her. Greetings are fine though.', 'surveys'],
    ['陈经理说问卷别发了，节日祝福还可以发', 'surveys'],
    // A hedge that keeps nothing named is asked about.
    ['he only wants fewer emails', null],
  ])('%s → %s', (text, want) => expect(stoppedChannels(text)).toBe(want));
});

describe('priority said as a clause of its own', () => {
  it.each([
    ['Important: remind me to send Bill the renewal terms tomorrow', 'high'],
    ['提醒我周四给李主任送资料，很重要', 'high'],
    ['call Tom, not urgent', 'low'],
    ['仓库包装破损，比较急', 'urgent'],
    ['ping Wei Ling on monday, no rush', 'low'],
    ['discuss the important clause with Tom', null],
    ['send the urgent fix to Acme', null],
  ])('%s → %s', (text, want) => expect(priorityInText(text)).toBe(want));

  it('is taken out of a title, and nothing else is', () => {
    expect(withoutPriorityWords('送资料,很重要')).toBe('送资料');
    expect(withoutPriorityWords('Important: send Bill the renewal terms')).toBe('send Bill the renewal terms');
    expect(withoutPriorityWords('discuss the important clause')).toBe('discuss the important clause');
  });
});

describe('the kind of contact the message says', () => {
  it('keeps a kind the words say, or that no words contradict', () => {
    expect(typeIsSaid('meeting', 'met Tom Baker yesterday')).toBe(true);
    expect(typeIsSaid('call', 'spoke with Hans at Umbrella just now')).toBe(true);
    expect(typeIsSaid('meeting', '和陈经理吃了个饭，聊补货')).toBe(true);
  });
  it('refuses a kind only guessed or contradicted', () => {
    expect(typeIsSaid('meeting', 'caught up with Peter Gibbons on the roadmap')).toBe(false);
    expect(typeIsSaid('note', '记录一次拜访')).toBe(false);
  });
  it('takes the one kind the words say instead of a guess', () => {
    expect(typeSaidOnly('caught up with Maria on the phone about the renewal')).toBe('call');
    expect(typeSaidOnly('记录一次拜访')).toBe('visit');
    expect(typeSaidOnly('caught up with Peter Gibbons on the roadmap')).toBeNull();
    expect(typeSaidOnly('met Tom, he will call me back')).toBeNull();
  });
});

describe('titles and names as said', () => {
  it.each([
    ['VP', 'Tom was made VP of sales', 'VP of sales'],
    ['procurement', 'add contact Megan Bowen at Contoso Pharma, procurement lead', 'procurement lead'],
    ['IT', 'add contact Nina Park at Umbrella, IT buyer', 'IT buyer'],
    ['chief', 'add Dr. Ann Lee at Acme, chief medical officer', 'chief medical officer'],
    ['CFO', 'Tom is CFO', 'CFO'],
    ['chief', 'Ann is chief at Acme now', 'chief'],
  ])('%s in "%s" → %s', (title, text, want) => expect(titleAsSaid(title, text)).toBe(want));

  it('splits a Chinese title with the person inside it, only around a common surname', () => {
    expect(splitHanTitledName('神经外科何建国副主任')).toEqual({ name: '何建国', title: '神经外科副主任' });
    expect(splitHanTitledName(hanRunAround('加联系人 仁和大药房的采购刘婷，电话13812345678', '采购') ?? '')).toEqual({ name: '刘婷', title: '采购' });
    expect(splitHanTitledName('采购部门')).toBeNull();
    expect(splitHanTitledName('心内科主任')).toBeNull();
  });

  it('knows a Han job title said alone', () => {
    expect(isHanJobTitle('副院长')).toBe(true);
    expect(isHanJobTitle('华山医院')).toBe(false);
  });

  it('reads "王丽送" as 王丽 only when a verb character was read onto the name', () => {
    expect(hanNameWithoutVerb('王丽送')).toBe('王丽');
    expect(hanNameWithoutVerb('赵敏退')).toBe('赵敏');
    expect(hanNameWithoutVerb('李明华')).toBeNull();
  });
});

describe('a deal name with a date left in it', () => {
  it.each([
    ['胰岛素泵项目, 明年1', '胰岛素泵项目', '明年1'],
    ['胰岛素泵项目 明年1', '胰岛素泵项目', '明年1'],
    ['新商机 年度供货', '年度供货', null],
    ['耗材集采 下个', '耗材集采', '下个'],
    ['Acme 2027 renewal', 'Acme 2027 renewal', null],
    ['analytics upgrade', 'analytics upgrade', null],
  ])('%s → %s (%s)', (said, name, remnant) => expect(splitDateRemnant(said)).toEqual({ name, remnant }));
});

describe('the words besides who and when', () => {
  it('gives a log its note and a reminder its action', () => {
    expect(wordsBesides('met Bill Lumbergh on the 2nd to go over the budget', 'log', ['Bill Lumbergh'], { now, tz: 'America/New_York' })).toBe('go over the budget');
    expect(wordsBesides('提醒我周五给王丽送会议资料', 'reminder', [], { now, tz: 'Asia/Shanghai' })).toBe('给王丽送会议资料');
  });
  it('gives nothing when nothing else was said', () => {
    expect(wordsBesides('called Tom Baker yesterday', 'log', ['Tom Baker'], { now, tz: 'America/New_York' })).toBe('');
    expect(wordsBesides('remind me tomorrow', 'reminder', [], { now, tz: 'America/New_York' })).toBe('');
    expect(wordsBesides('记录一次拜访', 'log', [], { now, tz: 'Asia/Shanghai' })).toBe('');
    expect(wordsBesides('上周五给王丽打了电话', 'log', ['王丽'], { now, tz: 'Asia/Shanghai' })).toBe('');
  });
});

describe('a survey to everyone at an account', () => {
  it('reads the account out of "all contacts at"', () => {
    expect(everyoneAt('市一院所有联系人')).toBe('市一院');
    expect(everyoneAt('all contacts at Acme')).toBe('Acme');
    expect(everyoneAt('Maria Garcia')).toBeNull();
    expect(everyoneInText('给市一院所有联系人发满意度调查')).toBe('市一院');
  });
});

describe('an amount answered in Chinese numerals', () => {
  it.each([
    ['大概十五万', '15万'],
    ['差不多三十万吧', '30万'],
    ['二十五万左右', '25万'],
    ['about 30k', '30k'],
  ])('%s → %s', (said, want) => expect(hanAmountDigits(said)).toBe(want));
});
