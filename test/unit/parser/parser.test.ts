import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INTENT_NAMES, extractEntities, normaliseText, parse, parseResultSchema, read, type Entities, type IntentName } from '../../../src/intents/parser/index.js';
import { formatIso, isoFromWall, tzOffsetMinutes } from '../../../src/intents/parser/dates.js';
import { loadDir, loadTraining } from '../../../src/intents/parser/evaluate.js';
import { loadModel } from '../../../src/intents/parser/classifier.js';
import { scenarioRows } from '../../../scripts/scenario-rows.js';
import { timeOnlySaid } from '../../../src/intents/handlers/edit.js';
import { priorityTail } from '../../../src/intents/parser/priority.js';

const NOW = new Date('2026-11-25T10:00:00Z'); // Wed; 18:00 in Shanghai, 05:00 in New York
const SH = { now: NOW, tz: 'Asia/Shanghai' };

/** A message read as the intent given, with (at least) the entities given. */
function readsAs(text: string, ctx: typeof SH, intent: IntentName, entities: Entities): void {
  const r = parse(text, ctx);
  expect(r.intent).toBe(intent);
  expect(r.entities).toMatchObject(entities);
}

type Case = [text: string, intent: IntentName, entities?: Entities];

const cases: Case[] = [
  // log_interaction
  ['log visit with Dr. Li, she wants samples next Tuesday', 'log_interaction',
    { contact: 'Dr. Li', interactionType: 'visit', summary: 'she wants samples', due: '2026-12-01T09:00:00+08:00' }],
  ['拜访了李医生，下周二送样品', 'log_interaction',
    { contact: '李医生', interactionType: 'visit', summary: '送样品', due: '2026-12-01T09:00:00+08:00' }],
  ['called Acme about renewal', 'log_interaction', { account: 'Acme', interactionType: 'call', summary: 'renewal' }],
  ['log 拜访 with Dr. Li', 'log_interaction', { contact: 'Dr. Li', interactionType: 'visit' }],
  ['visited City No.1 Hospital yesterday', 'log_interaction',
    { account: 'City No.1 Hospital', interactionType: 'visit', when: '2026-11-24T09:00:00+08:00' }],
  ['昨天给张总打了电话', 'log_interaction', { contact: '张总', interactionType: 'call', when: '2026-11-24T09:00:00+08:00' }],
  // schedule_followup
  ['remind me to call Dr. Wang tomorrow 3pm', 'schedule_followup',
    { contact: 'Dr. Wang', interactionType: 'call', due: '2026-11-26T15:00:00+08:00' }],
  ['明天下午三点提醒我给王主任打电话', 'schedule_followup',
    { contact: '王主任', interactionType: 'call', due: '2026-11-26T15:00:00+08:00' }],
  // tasks
  ['my tasks', 'list_tasks', { scope: 'mine' }],
  // a task's priority changed
  ['送样品那个任务 标成紧急', 'update_task', { taskRef: '送样品', priority: 'urgent' }],
  ['make the SSO proposal task high priority', 'update_task', { taskRef: 'SSO proposal', priority: 'high' }],
  // a date glued to an English word, a weekday said of what happened, a report then a reminder
  ['跟Dr. Li开了个zoom会 讲了新guideline 下周二follow up一下', 'log_interaction', { contact: 'Dr. Li', interactionType: 'meeting', due: '2026-12-01T09:00:00+08:00', summary: '讲了新guideline' }],
  ['周一去仁和药房看了下 陈经理说年底要多进点货 月底前把报价给他', 'log_interaction',
    { contact: '陈经理', account: '仁和药房', interactionType: 'visit', when: '2026-11-23T09:00:00+08:00', due: '2026-11-30T09:00:00+08:00', summary: '年底要多进点货,把报价给他' }],
  ['I had a long meeting with Sarah and Tom at Acme on Monday. Sarah said she will come back with the signed order form. Remind me to chase it next Wednesday.', 'log_interaction',
    { contact: 'Sarah', others: ['Tom'], account: 'Acme', interactionType: 'meeting', when: '2026-11-23T09:00:00+08:00', due: '2026-12-02T09:00:00+08:00', summary: 'Sarah said she will come back with the signed order form' }],
  ['我的任务', 'list_tasks', { scope: 'mine' }],
  ["what's overdue", 'list_tasks', {}],
  ['done with the samples task', 'complete_task', { taskRef: 'samples' }],
  ['完成任务 送样品', 'complete_task', { taskRef: '送样品' }],
  // a duration moves the task from its own due time (the handler adds it), not from now
  ['snooze the Acme task 1 day', 'snooze_task', { taskRef: 'Acme', shift: 'P1D' }],
  ['推迟一天', 'snooze_task', { shift: 'P1D' }],
  ['snooze the Acme task to friday', 'snooze_task', { taskRef: 'Acme', due: '2026-11-27T09:00:00+08:00' }],
  // accounts
  ['tell me about Acme', 'account_overview', { account: 'Acme' }],
  ['市第一医院的情况', 'account_overview', { account: '市第一医院' }],
  ['which accounts are at risk this week?', 'list_at_risk', { period: 'this_week' }],
  ['本周哪些客户有流失风险', 'list_at_risk', { period: 'this_week' }],
  ["which of my team's accounts are at risk this month", 'list_at_risk', { period: 'this_month', scope: 'team' }],
  ['pipeline this quarter', 'pipeline_summary', { period: 'this_quarter' }],
  ['本季度销售漏斗', 'pipeline_summary', { period: 'this_quarter' }],
  // opportunities
  ['new opportunity Acme CRM renewal $50k', 'create_opportunity',
    { account: 'Acme', title: 'CRM renewal', amount: 50000, currency: 'USD' }],
  ['新建商机 市第一医院 设备采购 5万', 'create_opportunity',
    { account: '市第一医院', title: '设备采购', amount: 50000, currency: 'CNY' }],
  ['move Acme renewal to negotiation', 'update_opportunity', { opportunity: 'Acme renewal', stage: 'negotiation' }],
  ['把市第一医院的商机推进到谈判阶段', 'update_opportunity', { opportunity: '市第一医院', stage: 'negotiation' }],
  // contacts / accounts
  ['add contact Li Wei, chief of cardiology at City No.1 Hospital, decision maker', 'create_contact',
    { contact: 'Li Wei', title: 'chief of cardiology', account: 'City No.1 Hospital', role: 'decision_maker' }],
  ['新增联系人 张伟 市第一医院 主任 决策者', 'create_contact',
    { contact: '张伟', account: '市第一医院', title: '主任', role: 'decision_maker' }],
  ["update Dr. Li's phone to 13812345678", 'update_contact', { contact: 'Dr. Li', phone: '13812345678' }],
  ['new account Globex, manufacturing', 'create_account', { account: 'Globex' }],
  ['新建客户 华山医院', 'create_account', { account: '华山医院' }],
  // complaints & surveys
  ['Acme complained about late delivery, urgent', 'log_complaint',
    { account: 'Acme', summary: 'late delivery', priority: 'urgent' }],
  ['市第一医院投诉送货慢，紧急', 'log_complaint', { account: '市第一医院', summary: '送货慢', priority: 'urgent' }],
  ['send satisfaction survey to Dr. Li', 'send_survey', { contact: 'Dr. Li', surveyKind: 'csat' }],
  ['给李医生发满意度调查', 'send_survey', { contact: '李医生', surveyKind: 'csat' }],
  ['send NPS survey to Acme', 'send_survey', { account: 'Acme', surveyKind: 'nps' }],
  ['4', 'survey_response', { score: 4 }],
  ['4 分，送货慢了', 'survey_response', { score: 4, summary: '送货慢了' }],
  ['9 - great support', 'survey_response', { score: 9, summary: 'great support' }],
  ['5 stars', 'survey_response', { score: 5 }],
  // segments, decision chain, kpi
  ['segment customers by RFM', 'segment_customers', {}],
  ['客户分级', 'segment_customers', {}],
  ['show tier A accounts', 'segment_customers', { tier: 'A' }],
  ['who are the decision makers at City No.1 Hospital', 'decision_chain',
    { account: 'City No.1 Hospital', role: 'decision_maker' }],
  ['市第一医院的决策链', 'decision_chain', { account: '市第一医院' }],
  ['my KPIs this month', 'kpi_report', { scope: 'mine', period: 'this_month' }],
  ['本月团队KPI', 'kpi_report', { scope: 'team', period: 'this_month' }],
  // control intents
  ['unsubscribe', 'opt_out', {}],
  ['stop sending me surveys', 'opt_out', {}],
  ['退订', 'opt_out', {}],
  ['undo', 'undo', {}],
  ['撤销', 'undo', {}],
  ['help', 'help', {}],
  ['帮助', 'help', {}],
  ['你能做什么', 'help', {}],
  ['cancel', 'cancel', {}],
  ['取消', 'cancel', {}],
  ['算了', 'cancel', {}],
];

describe('parse: examples (en + zh)', () => {
  it.each(cases)('%s', (text, intent, entities) => {
    const r = parse(text, SH);
    expect(r.intent).toBe(intent);
    if (entities) expect(r.entities).toEqual(entities);
    expect(parseResultSchema.safeParse(r).success).toBe(true);
  });

  // Written registers and dictation (2026-12-06): the same readings whatever the wording.
  it.each([
    ['已于昨日拜访海港医院孙科长，拟于下周三送样品', 'log_interaction',
      { contact: '孙科长', account: '海港医院', interactionType: 'visit', when: '2026-11-24T09:00:00+08:00', due: '2026-12-02T09:00:00+08:00' }],
    ['今日拜访中山医院吴主任；样品已收到；两周后再跟进', 'log_interaction', { contact: '吴主任', account: '中山医院', due: '2026-12-09T09:00:00+08:00' }],
    ['新增联系人：钱多多/市二院/放射科主任', 'create_contact', { contact: '钱多多', account: '市二院', title: '放射科主任' }],
    ['那个帮我加个联系人就是华山医院的吴建国然后他是药剂科的主任', 'create_contact', { contact: '吴建国', account: '华山医院' }],
    ['加个联系人市一院的周海涛放射科主任', 'create_contact', { contact: '周海涛' }],
    ['刘洋实际为决策人', 'update_contact', { contact: '刘洋', role: 'decision_maker' }],
    ['麻烦备注一下，金桥建材刘总喜欢喝茶', 'log_interaction', { contact: '刘总', account: '金桥建材' }],
    ['已电话联系赵敏，确认下月到货量', 'log_interaction', { contact: '赵敏', interactionType: 'call', summary: '确认下月到货量' }],
    ['called Rita at Globex on Thursday, oh no, on Friday it was', 'log_interaction', { contact: 'Rita', account: 'Globex', when: '2026-11-20T09:00:00+08:00' }],
    ['day before yesterday I emailed Rita the price list', 'log_interaction', { contact: 'Rita', when: '2026-11-23T09:00:00+08:00' }],
    ['send NPS to khun Anong', 'send_survey', { contact: 'khun Anong' }],
    ["Abebe's new phone number is +251 911 222 333", 'update_contact', { contact: 'Abebe', phone: '+251 911 222 333' }],
    // 2026-12-06, second round: regional words, two-character surnames, a day that is no company.
    ['周一赴仁和大药房拜访陈经理，商议年底备货事宜。', 'log_interaction', { contact: '陈经理', account: '仁和大药房', when: '2026-11-23T09:00:00+08:00' }],
    ['拟于周一赴协和拜访王主任', 'schedule_followup', { contact: '王主任', due: '2026-11-30T09:00:00+08:00' }],
    ['周一去人民医院拜访刘医生 送了宣传册', 'log_interaction', { contact: '刘医生', account: '人民医院', when: '2026-11-23T09:00:00+08:00' }],
    ['提醒俺明天给刘医生打个电话', 'schedule_followup', { contact: '刘医生', interactionType: 'call', due: '2026-11-26T09:00:00+08:00' }],
    ['18号有去协和拜访王主任，讲价格的事情啦', 'log_interaction', { contact: '王主任', account: '协和', when: '2026-11-18T09:00:00+08:00' }],
    ['本月3日与李主任召开了科室会，就用药指南进行了讲解', 'log_interaction', { contact: '李主任', interactionType: 'meeting', when: '2026-11-03T09:00:00+08:00' }],
    ['请新增联系人欧阳志远，系协和医院心内科副主任', 'create_contact', { contact: '欧阳志远', account: '协和医院', title: '心内科副主任' }],
    ['加个人，华山的，检验科主任，叫司马红梅', 'create_contact', { contact: '司马红梅', account: '华山', title: '检验科主任' }],
    ['请新增一名联系人：仁和大药房采购主管钱文静女士', 'create_contact', { contact: '钱文静', account: '仁和大药房', title: '采购主管' }],
    ['张伟升了，整成副院长了', 'update_contact', { contact: '张伟', title: '副院长' }],
    ['陈经理升区域经理了，电话也换了，13645678901', 'update_contact', { contact: '陈经理', title: '区域经理', phone: '13645678901' }],
    ['王强不是决策人，算影响者', 'update_contact', { contact: '王强', role: 'influencer' }],
    ['Hans is not the one who signs, he is more an influencer', 'update_contact', { contact: 'Hans', role: 'influencer' }],
    ['add contact Mwila Banda at Zambezi Copper Mines, head of procurement', 'create_contact', { contact: 'Mwila Banda', account: 'Zambezi Copper Mines' }],
    ['add contact Mr. Jean-Pierre Ndongo Essomba for Soylent, he is the new supply chain manager', 'create_contact',
      { contact: 'Mr. Jean-Pierre Ndongo Essomba', account: 'Soylent', title: 'supply chain manager' }],
    ['remind me to call 张主任 friday 3pm about the formulary', 'schedule_followup', { contact: '张主任', due: '2026-11-27T15:00:00+08:00' }],
    ['过两天提醒我跟仁和陈经理对一下月底的订货单', 'schedule_followup', { contact: '陈经理', due: '2026-11-27T09:00:00+08:00', summary: '对一下月底的订货单' }],
    ['张主任反馈：不再接收满意度问卷', 'opt_out', { contact: '张主任' }],
    ['the SSO proposal, put it for friday 11am', 'snooze_task', { taskRef: 'SSO proposal' }],
    ['请将试用方案相关任务调整至下周五下午', 'snooze_task', { taskRef: '试用方案', due: '2026-12-04T15:00:00+08:00' }],
    ['王芳那漏斗咋样了', 'pipeline_summary', { rep: '王芳' }],
    // The follow-up just made, named only by reference; about a week (个把星期).
    ['哎，那个推个把星期咯', 'snooze_task', { shift: 'P7D' }],
    ['跟进改为下周四', 'snooze_task', { due: '2026-12-03T09:00:00+08:00' }],
    ['this reminder please move to Friday', 'snooze_task', { due: '2026-11-27T09:00:00+08:00' }],
    ['put the Maria chase off until Monday', 'snooze_task', { taskRef: 'Maria chase' }],
    ['Please bring the Initech renewal quote forward to Monday 30th.', 'snooze_task', { taskRef: 'Initech renewal quote' }],
    ['还是改回普通吧', 'update_task', { priority: 'normal' }],
    ['Please, could you mark the task of the SSO proposal as high priority? Thank you.', 'update_task', { taskRef: 'SSO proposal', priority: 'high' }],
    ['回访协和王主任那个任务不急哒，优先级给我调低一哈', 'update_task', { taskRef: '回访协和王主任', priority: 'low' }],
    // An apology is no name; 上门去的 is no account.
    ['Excuse me, I made a mistake, it was on Tuesday, not on Monday.', 'correct_last', { when: '2026-11-24T09:00:00+08:00' }],
    ['不对 还在报价 金额改成七十五万', 'correct_last', { stage: 'proposal', amount: 750000 }],
    // Cantonese, Hakka, Hubei: 系 (是), 嚟嘅, 个 (的), 采购员 before a name, 寻 (找), 哒 (了), 上半天 (上午).
    ['加个联系人，仁和大药房嘅黎咏琪，佢系店长助理，系把关嘅', 'create_contact', { contact: '黎咏琪', title: '店长助理', role: 'gatekeeper' }],
    ['帮我加多个联系人啊，协和医院嘅麦嘉欣，佢系护士长嚟嘅', 'create_contact', { contact: '麦嘉欣', account: '协和医院', title: '护士长' }],
    ['帮我加个联系人，佢叫黄志强，系协和医院药剂科个主任', 'create_contact', { contact: '黄志强', title: '药剂科主任' }],
    ['新建个联系人，仁和大药房采购员高淑芬', 'create_contact', { contact: '高淑芬', account: '仁和大药房', title: '采购员' }],
    ['上礼拜四去市一院寻赵敏了，说了说采购单的事', 'log_interaction', { contact: '赵敏', when: '2026-11-19T09:00:00+08:00' }],
    ['3号跟仁和大药房的陈经理打哒个电话，聊哒年底备货的事', 'log_interaction', { interactionType: 'call', when: '2026-11-03T09:00:00+08:00' }],
    ['明天下半天三点钟提醒我给协和王主任打个电话，问一哈续约的事', 'schedule_followup', { due: '2026-11-26T15:00:00+08:00' }],
    ['跟刘医生打了个电话，他说周五之前要一份用药指南，周四提醒我一下', 'log_interaction', { interactionType: 'call', due: '2026-11-26T09:00:00+08:00' }],
    ['给赵敏发采购单那事儿不急哈，礼拜五整完就行，提醒我一下', 'schedule_followup', { summary: '发采购单', priority: 'low' }],
    // English calques and dialect: did a meeting, on day 2, made up to, got himself a new mobile, stick … in as a contact.
    ['we did a meeting with Tom Baker on day 2 about the renewal timeline', 'log_interaction', { interactionType: 'meeting', when: '2026-11-02T09:00:00+08:00' }],
    ['Peter Gibbons has been made up to Head of Engineering', 'update_contact', { title: 'Head of Engineering' }],
    ['oh, fun news - Tom Baker got bumped up to director of IT over there', 'update_contact', { title: 'director of IT' }],
    ["Bill's got hisself a new mobile, 07700 900456", 'update_contact', { contact: 'Bill', phone: '07700 900456' }],
    ['stick bill at initech in as a new contact will ya', 'create_contact', { contact: 'bill', account: 'initech' }],
    ["so Bill Lumbergh kinda mentioned he'd just as soon not get the birthday and holiday greetings anymore", 'opt_out', { contact: 'Bill Lumbergh' }],
  ] as Array<[string, IntentName, Entities]>)('%s', (text, intent, entities) => {
    const r = parse(text, SH);
    expect(r.intent).toBe(intent);
    expect(r.entities).toMatchObject(entities);
  });

  it('reads a time said roughly (`around 2`, `say about 10am`) as that time, and no amount as one', () => {
    expect(extractEntities("uh, tomorrow around 2 I s'pose", SH).due).toBe('2026-11-26T14:00:00+08:00');
    expect(extractEntities('Monday, say around 10am', SH).due).toBe('2026-11-30T10:00:00+08:00');
    expect(extractEntities('about 10 people came', SH).due).toBeUndefined();
  });

  it('stores no title or date that was not one', () => {
    // `I checked it`: no IT department; `it is 32.5k now`: now is no close date.
    expect(parse('Wei Ling date of birth is 5th september 1988, I checked it déjà', SH).entities.title).toBeUndefined();
    expect(extractEntities('it is 32.5k now', SH).due).toBeUndefined();
    expect(extractEntities('it is 32.5k now', SH).amount).toBe(32500);
    // 是前天不是昨天: the day said after 不是 is the wrong one.
    expect(parse('刚才那条记错了是前天不是昨天', SH).entities.when).toBe('2026-11-23T09:00:00+08:00');
  });

  it('asks between the report and the plan when a Chinese weekday says no tense, offering both', () => {
    const r = parse('周一去仁和拜访陈经理商量一下备货的事情', SH);
    expect(r.confidence).toBeLessThan(0.6);
    expect([r.intent, ...(r.alternatives ?? []).map((a) => a.intent)]).toEqual(expect.arrayContaining(['log_interaction', 'schedule_followup']));
  });

  it('reads small talk as unknown, and an empty message with no confidence', () => {
    for (const t of ["what's the weather like", '今天天气怎么样']) expect(parse(t, SH).intent).toBe('unknown');
    const gibberish = parse('asdfgh', SH);
    expect(gibberish.intent === 'unknown' || gibberish.confidence < 0.6).toBe(true);
    expect(parse('', SH)).toMatchObject({ intent: 'unknown', confidence: 0 });
  });

  it('detects language', () => {
    expect(parse('拜访了李医生', SH).language).toBe('zh');
    expect(parse('log visit with Dr. Li', SH).language).toBe('en');
    expect(parse('log 拜访 with Dr. Li', SH).language).toBe('en');
    expect(parse('给Dr. Li发满意度调查', SH).language).toBe('zh');
  });

  it('exports every intent name and a matching zod schema', () => {
    expect(INTENT_NAMES).toHaveLength(26);
    expect(parseResultSchema.safeParse({ intent: 'nope', confidence: 1, language: 'en', entities: {} }).success).toBe(false);
    expect(parseResultSchema.safeParse({ intent: 'help', confidence: 1.5, language: 'en', entities: {} }).success).toBe(false);
  });
});

describe('dates and time zones', () => {
  const due = (text: string, now: Date, tz: string) => parse(text, { now, tz }).entities.due;

  it('resolves 下周二上午十点 in Asia/Shanghai', () => {
    expect(due('下周二上午十点提醒我拜访王主任', NOW, 'Asia/Shanghai')).toBe('2026-12-01T10:00:00+08:00');
  });

  it('resolves English expressions against now in tz', () => {
    expect(due('remind me to call Dr. Wang next Tuesday 10am', NOW, 'Asia/Shanghai')).toBe('2026-12-01T10:00:00+08:00');
    expect(due('follow up with Acme in 3 days', NOW, 'Asia/Shanghai')).toBe('2026-11-28T09:00:00+08:00');
    expect(due('remind me to call Dr. Wang tomorrow', NOW, 'Asia/Shanghai')).toBe('2026-11-26T09:00:00+08:00');
    expect(due('remind me to call Dr. Wang tomorrow 3pm', NOW, 'UTC')).toBe('2026-11-26T15:00:00+00:00');
    // same instant is still Wednesday morning in New York
    expect(due('remind me to call Dr. Wang tomorrow 3pm', NOW, 'America/New_York')).toBe('2026-11-26T15:00:00-05:00');
  });

  it('resolves 月底 / end of month and 明天下午三点', () => {
    expect(due('月底前跟进刘院长', NOW, 'Asia/Shanghai')).toBe('2026-11-30T09:00:00+08:00');
    expect(due('follow up with Acme end of month', NOW, 'Asia/Shanghai')).toBe('2026-11-30T09:00:00+08:00');
    expect(due('明天下午三点提醒我给王主任打电话', NOW, 'Asia/Shanghai')).toBe('2026-11-26T15:00:00+08:00');
  });

  it('uses the local date of tz, not of UTC', () => {
    // 2026-11-25T20:00Z is already Thursday 04:00 in Shanghai
    const late = new Date('2026-11-25T20:00:00Z');
    expect(due('remind me to call Dr. Wang tomorrow', late, 'Asia/Shanghai')).toBe('2026-11-27T09:00:00+08:00');
    expect(due('remind me to call Dr. Wang tomorrow', late, 'America/New_York')).toBe('2026-11-26T09:00:00-05:00');
  });

  it('handles the America/New_York DST change (Nov 1 2026)', () => {
    const fri = new Date('2026-10-30T14:00:00Z'); // Fri 10:00 EDT
    expect(due('remind me to visit Acme next Tuesday 10am', fri, 'America/New_York')).toBe('2026-11-03T10:00:00-05:00');
    expect(due('remind me to visit Acme tomorrow', fri, 'America/New_York')).toBe('2026-10-31T09:00:00-04:00');
    expect(tzOffsetMinutes(new Date('2026-11-01T05:59:00Z'), 'America/New_York')).toBe(-240);
    expect(tzOffsetMinutes(new Date('2026-11-01T06:00:00Z'), 'America/New_York')).toBe(-300);
    expect(isoFromWall(2026, 3, 8, 12, 0, 'America/New_York')).toBe('2026-03-08T12:00:00-04:00');
    expect(formatIso(new Date('2026-03-08T06:30:00Z'), 'America/New_York')).toBe('2026-03-08T01:30:00-05:00');
  });

  it('separates when (past interaction) from due (follow-up)', () => {
    const r = parse('昨天给张总打了电话，合同下周三签', SH);
    expect(r.entities.when).toBe('2026-11-24T09:00:00+08:00');
    expect(r.entities.due).toBe('2026-12-02T09:00:00+08:00');
  });

  it('does not read dates out of ids and codes glued to letters or digits', () => {
    // Found by the PostgreSQL-outage test: a UUID in a note became a due date in the year 4599.
    for (const t of ['log call with Tom Baker: note 80e5c6cc-3dec-4599-a1b2-ffee', 'log call with Tom Baker ref 1dec7112', 'log call with Tom Baker re x-feb4-4502']) {
      const r = parse(t, SH);
      expect(r.entities.due, t).toBeUndefined();
      expect(r.entities.when, t).toBeUndefined();
    }
    expect(parse('log visit with Tom, follow up on 3 dec', SH).entities.due).toBe('2026-12-03T09:00:00+08:00');
    expect(parse('remind me on 2026-12-03 to call Acme', SH).entities.due).toBe('2026-12-03T09:00:00+08:00');
  });

  it('does not read "Dr. Sun" as Sunday', () => {
    expect(parse('visited Dr. Sun, no interest', SH).entities.when).toBeUndefined();
  });
});

describe('amounts', () => {
  const amt = (text: string) => {
    const e = parse(text, SH).entities;
    return [e.amount, e.currency];
  };
  it.each([
    ['new opportunity Acme CRM renewal $50k', 50000, 'USD'],
    ['new opportunity Acme renewal ¥20,000', 20000, 'CNY'],
    ['new deal Hooli analytics, 50 thousand dollars', 50000, 'USD'],
    ['new opportunity Umbrella Corp security suite 1.2m', 1200000, 'USD'],
    ['新建商机 市第一医院 设备采购 5万', 50000, 'CNY'],
    ['新建商机 协和医院 影像系统 300万元', 3000000, 'CNY'],
    ['新建商机 省人民医院 信息化改造 1.2亿', 120000000, 'CNY'],
    ['new opportunity Huashan Hospital reagents €40k', 40000, 'EUR'],
  ] as const)('%s', (text, amount, currency) => {
    expect(amt(text)).toEqual([amount, currency]);
  });

  it('does not read "City No.1" as an amount', () => {
    expect(parse('new opportunity at City No.1 Hospital for ultrasound devices', SH).entities.amount).toBeUndefined();
  });
});

describe('corpus and model', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const train = loadTraining(root);
  const test = loadDir(fileURLToPath(new URL('../../../data/nlu/test', import.meta.url)));

  it('has at least 3,000 labelled utterances, about half Chinese, every intent in training', () => {
    const all = [...train, ...test];
    expect(all.length).toBeGreaterThanOrEqual(3000);
    const zh = all.filter((u) => /\p{Script=Han}/u.test(u.text)).length / all.length;
    expect(zh).toBeGreaterThan(0.4);
    expect(zh).toBeLessThan(0.6);
    const intents = new Set(train.map((r) => r.intent));
    for (const i of INTENT_NAMES) expect(intents.has(i)).toBe(true);
  });

  it('keeps at least a quarter of the paraphrase families test-only, none shared with training', () => {
    const trainFamilies = new Set(train.filter((u) => !/^(?:legacy|blind):/.test(u.family)).map((u) => u.family));
    const testFamilies = new Set(test.map((u) => u.family));
    for (const f of testFamilies) expect(trainFamilies.has(f)).toBe(false);
    const trainTexts = new Set(train.map((u) => u.text.trim().toLowerCase()));
    // Independent writers sometimes type the same everyday message; npm run eval:nlu scores only
    // the test messages that do not also occur in training, and says how many it left out.
    expect(test.filter((u) => trainTexts.has(u.text.trim().toLowerCase())).length / test.length).toBeLessThan(0.1);
    expect(testFamilies.size / (testFamilies.size + trainFamilies.size)).toBeGreaterThanOrEqual(0.25);
  });

  it('ships a model trained on the current training families and scored scenario sets (npm run train:nlu)', () => {
    const model = loadModel();
    expect(model).not.toBeNull();
    const fromScenarios = scenarioRows(root);
    const trainedOn = (model!.meta as { trainedOn: { rows: number; fromScenarios: number } }).trainedOn;
    expect(trainedOn).toMatchObject({ rows: train.length + fromScenarios.length, fromScenarios: fromScenarios.length });
  });

  it('normalises every message to a fixed point: a second pass changes nothing', () => {
    // Offsets found on the normalised text are used on it again (`，` made `,` on a second pass once
    // cut a note short), so normalising must be idempotent.
    const changed = [...train, ...test].map((u) => normaliseText(u.text)).filter((n) => normaliseText(n) !== n);
    expect(changed).toEqual([]);
    // (Some 21,000 messages normalised twice: allowed more than the default time on a busy two-core machine.)
  }, 180_000);

  it('ships a calibrator fitted to the inputs parse() gives it', () => {
    const model = loadModel()!;
    expect(model.calibrator).toBeDefined();
    const r = read('called Acme about the renewal', { now: NOW, tz: 'America/New_York' });
    expect(r.inputs?.names).toEqual(model.calibrator!.names);
    expect(model.calibrator!.weights).toHaveLength(r.inputs!.values.length);
  });

  // Speed is measured by `npm run eval:nlu` (latency p50/p99), not by a timed unit test.
});

describe('fourth round (after43–after45): courtesy, dialect and calque readings', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    // Courtesy around a request is no part of it.
    ['Please, could you mark the task of the SSO proposal as high priority? Thank you.', NY, 'update_task', { taskRef: 'SSO proposal', priority: 'high' }],
    ['Good morning. Please could you remember me to send the renewal quotation to Mr. Tom Baker of Acme? Thank you.', NY, 'schedule_followup', { account: 'Acme', summary: 'send the renewal quotation' }],
    ['您好，麻烦把送样品那个任务推迟两天，谢谢', SH, 'snooze_task', { taskRef: '送样品', shift: 'P2D' }],
    // A task moved or marked by its name; a title said of a person; the present said of today.
    ['push the Maria task please', NY, 'snooze_task', { taskRef: 'Maria' }],
    ['Kindly move the task of Mrs. Maria to Friday at 2 pm.', NY, 'snooze_task', { taskRef: 'Mrs. Maria', due: '2026-11-27T14:00:00-05:00' }],
    ['Mr. Hans Müller actually is the CTO of Umbrella, please update it.', NY, 'update_contact', { account: 'Umbrella', title: 'CTO' }],
    ["wor Tom at Acme's been made VP of Engineering, canny lad", NY, 'update_contact', { contact: 'Tom', account: 'Acme', title: 'VP of Engineering' }],
    ['I catch up with Peter today about the reporting module issues', NY, 'log_interaction', { contact: 'Peter', summary: 'the reporting module issues' }],
    // Wu, northern, Cantonese words.
    ['弗对，弗是电话，是上门拜访个', SH, 'correct_last', { interactionType: 'visit' }],
    ['明朝提醒我拨王医生送会议资料', SH, 'schedule_followup', { contact: '王医生', due: '2026-11-26T09:00:00+08:00', summary: '送会议资料' }],
    ['华山王丽讲以后唔要再发问卷给她了 节日祝福照发冇问题', SH, 'opt_out', { contact: '王丽' }],
    ['后日 提醒我 跟陈经理 对下账 不急', SH, 'schedule_followup', { contact: '陈经理', due: '2026-11-27T09:00:00+08:00', priority: 'low' }],
    ['约了下周二跟市一院李主任开会，到时候提醒我', SH, 'schedule_followup', { contact: '李主任', due: '2026-12-01T09:00:00+08:00' }],
    ['给李主任送样品那活儿，标个重要', SH, 'update_task', { taskRef: '给李主任送样品', priority: 'high' }],
    ['王芳 的 逾期 任务 有哪些，看一下 请', SH, 'list_tasks', { rep: '王芳' }],
    // Hawaiian Pidgin, Geordie, Spanish and Swiss-German English.
    ['remind me tomorrow fo send Tom at Acme da SSO test plan, no need rush', NY, 'schedule_followup', { contact: 'Tom', account: 'Acme', priority: 'low' }],
    ['howay, shove the acme sso proposal back a couple of days', NY, 'snooze_task', { taskRef: 'acme sso proposal', shift: 'P2D' }],
    ['Register a call about the renewal prices', NY, 'log_interaction', { interactionType: 'call', summary: 'the renewal prices' }],
    ['The day 3 I assisted to a meeting with Wei Ling in Soylent about the expansion', NY, 'log_interaction', { interactionType: 'meeting', when: '2026-11-03T09:00:00-05:00' }],
    ['Grüezi. Please open a new opportunity for Soylent Foods: Warehouse analytics, 12,5k USD, closing until 15th January.', NY, 'create_opportunity', { title: 'Warehouse analytics', amount: 12500, currency: 'USD', due: '2027-01-15T09:00:00-05:00' }],
    ["reckon Wei Ling ain't the one who signs no more, she's more of an influencer these days", NY, 'update_contact', { contact: 'Wei Ling', role: 'influencer' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('stores no wrong date, stage or title for words that only look like one', () => {
    // `the budget of next year` is a topic, not a follow-up in a year; `won't close` is no win.
    expect(parse('On Monday I visited to Bill Lumbergh in Initech, we talked about the budget of next year', { now: NOW, tz: 'America/New_York' }).entities.due).toBeUndefined();
    expect(parse("reckon the Globex expansion won't close till december 18th, move the close date", { now: NOW, tz: 'America/New_York' }).entities.stage).toBeUndefined();
    // What someone is like, or how they were met, is no title.
    expect(parse('跟你说一哈嘛，协和那边新认识了一个老师，叫段志红，是药剂科的副主任，人还挺好相处的，帮我加成联系人噻，她算是个影响者哦', SH).entities).toMatchObject({ contact: '段志红', title: '药剂科副主任', role: 'influencer' });
    expect(parse('跟赵敏微信聊了两句，她说采购单还在走流程', SH).entities).toMatchObject({ contact: '赵敏', summary: '她说采购单还在走流程' });
    expect(parse('跟赵敏微信聊了两句，她说采购单还在走流程', SH).entities.account).toBeUndefined();
    // A one-character word typed apart joins its neighbours, an interjection does not.
    expect(normaliseText('张伟主任 满意度调查 再 不要 发 说了。')).toBe('张伟主任,满意度调查再不要发说了.');
    expect(normaliseText('新联系人 孙悦 嗯 华山医院')).toBe('新联系人 孙悦 嗯 华山医院');
  });
});

describe('fifth round (after46–after48): traditional characters, dialect, army-style reports', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    // Traditional characters are read as simplified; Cantonese words and verbs.
    // (Names keep the characters they were written in; the rest is read as simplified.)
    ['今日去咗仁和見陳經理 傾咗促銷方案', SH, 'log_interaction', { contact: '陳經理', account: '仁和', interactionType: 'visit', summary: '促销方案' }],
    ['昨日拜咗市一院李主任，佢話下礼拜二前要收到样品', SH, 'log_interaction', { contact: '李主任', interactionType: 'visit', when: '2026-11-24T09:00:00+08:00', due: '2026-12-01T09:00:00+08:00' }],
    ['啱先嗰个日期唔啱 应该系昨日', SH, 'correct_last', { when: '2026-11-24T09:00:00+08:00' }],
    ['给李主任送样品嗰个任务调做唔急', SH, 'update_task', { taskRef: '给李主任送样品', priority: 'low' }],
    // Northern and army-style Chinese.
    ['记岔了 前天打的', SH, 'correct_last', { when: '2026-11-23T09:00:00+08:00' }],
    ['市一院新来了个麻醉科主任 叫韩冬梅 给整进去', SH, 'create_contact', { contact: '韩冬梅', account: '市一院', title: '麻醉科主任' }],
    ['报告：仁和订货单任务提前至明日下午3时办理', SH, 'snooze_task', { taskRef: '仁和订货单', due: '2026-11-26T15:00:00+08:00' }],
    ['报告：张伟主任已升任副院长，完毕', SH, 'update_contact', { contact: '张伟主任', title: '副院长' }],
    ['报告：回访协和王主任处理价格异议一项，即刻标为紧急', SH, 'update_task', { priority: 'urgent' }],
    ['报告：本月3号已赴协和医院拜访王主任，商议续约事宜，完毕', SH, 'log_interaction', { contact: '王主任', interactionType: 'visit', when: '2026-11-03T09:00:00+08:00' }],
    ['协和医院 检验科 副主任 朴美玉 联系人 添加一下 请。她是影响者的。', SH, 'create_contact', { contact: '朴美玉', account: '协和医院', role: 'influencer' }],
    ['加个联系人仁和大药房的吴芳采购主管拍板的就是她', SH, 'create_contact', { contact: '吴芳', title: '采购主管', role: 'decision_maker' }],
    ['不对 是当面谈的', SH, 'correct_last', { interactionType: 'meeting' }],
    ['周一跑了趟华山 拜访了王丽 试用的事聊了聊', SH, 'log_interaction', { contact: '王丽', summary: '试用的事' }],
    // Belfast, Bajan, Bristol, Brooklyn, Indonesian and Spanish-speaking English.
    ["no wait, wasn't one call, we wen meet in person", NY, 'correct_last', { interactionType: 'meeting' }],
    ['add a contact for initech, Dr Niamh McAllister, she\'s the CFO and she decides on spend', NY, 'create_contact', { contact: 'Dr Niamh McAllister', account: 'initech', title: 'CFO', role: 'decision_maker' }],
    ['new contact fuh soylent: marcus greaves, head of finance. he de one dat does sign off on de budget', NY, 'create_contact', { contact: 'marcus greaves', account: 'soylent', role: 'decision_maker' }],
    ['add andre clarke at globex, he de finance manager an he does make de final call', NY, 'create_contact', { contact: 'andre clarke', title: 'finance manager', role: 'decision_maker' }],
    ['lemme add a contact real quick, tony russo, VP of engineering', NY, 'create_contact', { contact: 'tony russo', title: 'VP of engineering' }],
    ['add contact jess harding at Avon Gorge Cycles, she\'s their marketing lead', NY, 'create_contact', { contact: 'jess harding', title: 'marketing lead' }],
    ['add loveday hocking, ops manager at Tamar Valley Creamery', NY, 'create_contact', { contact: 'loveday hocking', account: 'Tamar Valley Creamery', title: 'ops manager' }],
    ['加個聯絡人，康寧醫院嘅梁家豪醫生', SH, 'create_contact', { contact: '梁家豪', account: '康寧醫院' }],
    ['开个新 deal: 人民医院 心内科耗材, 20万, 预计 明年1月15号 close', SH, 'create_opportunity', { title: '心内科耗材', amount: 200000, due: '2027-01-15T09:00:00+08:00' }],
    ['提我聽日下晝三點call張主任，講進藥嘅事', SH, 'schedule_followup', { due: '2026-11-26T15:00:00+08:00' }],
    ['回访 王主任 那个 task 改到 周五 10am', SH, 'snooze_task', { due: '2026-11-27T10:00:00+08:00' }],
    ['the SSO proposal one, bump it up to urgent, Sarah\'s chasin it', NY, 'update_task', { taskRef: 'SSO proposal', priority: 'urgent' }],
    ['push the acme sso thing back a week, flat out this week', NY, 'snooze_task', { taskRef: 'acme sso thing', shift: 'P7D' }],
    ["Globex expansion's back in negotiation, they're talkin again", NY, 'update_opportunity', { opportunity: 'Globex expansion', stage: 'negotiation' }],
    ['Remember me to send to Hans Müller the pilot contract the next Monday', NY, 'schedule_followup', { contact: 'Hans Müller', summary: 'send Hans Müller the pilot contract' }],
    ['I have emailed Hans the pilot pricing, he has promised to revert in 2 weeks so let me follow up with him then', NY, 'log_interaction', { contact: 'Hans', summary: 'the pilot pricing' }],
    ['had a sit down wid sarah an tom at acme yesterday, went over de renewal terms', NY, 'log_interaction', { contact: 'sarah', others: ['tom'], interactionType: 'meeting' }],
    ["Bill's new mobile is 0417 555 203", NY, 'update_contact', { contact: 'Bill', phone: '0417 555 203' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('keeps words that only look like a name, title or field out of them', () => {
    // 对方索要: 方 of 对方 starts no name; 单要等院长: 要/等 end a name; 升任: 任 is no surname.
    expect(parse('报告：今日上午拜访华山医院王丽副主任，对方索要试用方案，拟于次日送达，完毕', SH).entities.others).toBeUndefined();
    expect(parse('打咗电话俾赵敏 佢话采购单要等院长签字先得', SH).entities).toMatchObject({ contact: '赵敏', summary: '他说采购单要等院长签字' });
    expect(parse('张伟已升任副院长', SH).entities).toMatchObject({ contact: '张伟', title: '副院长' });
    expect(parse('张伟已升任副院长', SH).entities.account).toBeUndefined();
    // A note after a colon is kept as said; the field words of `and bump the amount` name no deal.
    expect(parse('Please make a note on Bill Lumbergh: he is relocating to the Manchester office in January', NY).entities.summary).toBe('he is relocating to the Manchester office in January');
    expect(parse('and bump the amount to 22k', NY).entities.opportunity).toBeUndefined();
    // The frame of an army-style report and a pinyin title typed after a surname.
    expect(normaliseText('报告：请提醒本人与陈经理核对账目，完毕')).toBe('请提醒我与陈经理核对账目');
    expect(normaliseText('不对 是李zr')).toBe('不对 是李主任');
  });
});

describe('sixth round (after49–after51): Wu, Jin, Hunan, Hainan, Cockney, Brummie, Indian and Kreol-French English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    ['remind me tomorrow evening 6pm', NY, 'schedule_followup', { due: '2026-11-26T18:00:00-05:00' }],
    ['提醒我礼拜五搭李主任约下科室会个时间', SH, 'schedule_followup', { contact: '李主任', summary: '约下科室会的时间' }],
    ['人民医院有个新商机，检验试剂，18万，12月20号能签', SH, 'create_opportunity', { title: '检验试剂', amount: 180000, due: '2026-12-20T09:00:00+08:00' }],
    ['协和医院有个护士长钟丽华，加进去', SH, 'create_contact', { contact: '钟丽华', title: '护士长' }],
    ['礼拜一去仁和药房看了看陈经理，说年底要备货，下礼拜三给他送报价单', SH, 'log_interaction', { contact: '陈经理', due: '2026-12-02T09:00:00+08:00' }],
    ['刘医生过生是5月20号咯', SH, 'update_contact', { contact: '刘医生', birthday: '05-20' }],
    ['3号跟赵敏打咯电话 讲了采购单', SH, 'log_interaction', { contact: '赵敏', interactionType: 'call', when: '2026-11-03T09:00:00+08:00' }],
    ['王芳这个月有去拜访几次', SH, 'kpi_report', { rep: '王芳', metric: 'visits' }],
    ['协和王主任那个FU不急的 标低一点', SH, 'update_task', { taskRef: '协和王主任', priority: 'low' }],
    ['给刘医生送资料那个咋也赶不上了，往后圪挪三天', SH, 'snooze_task', { taskRef: '给刘医生送资料', shift: 'P3D' }],
    ['李主任送样品那桩事体，优先级改成紧急', SH, 'update_task', { taskRef: '李主任送样品', priority: 'urgent' }],
    ['赵敏说了不算，顶多算个影响者', SH, 'update_contact', { contact: '赵敏', role: 'influencer' }],
    ['陈经理说了，以后甚问卷也不要给他发了', SH, 'opt_out', { contact: '陈经理' }],
    ["'ad a call with tom earlier, 'e's keen on the upgrade", NY, 'log_interaction', { contact: 'tom', interactionType: 'call' }],
    ['which all accounts are going cold this week, kindly list', NY, 'list_at_risk', { period: 'this_week' }],
    ['new contact for ya, Dave Peckham, ops manager, proper sound geezer', NY, 'create_contact', { contact: 'Dave Peckham', title: 'ops manager' }],
    ['Ms. Lakshmi Iyer from Sundaram Textiles, purchase manager - kindly add her as contact', NY, 'create_contact', { account: 'Sundaram Textiles', title: 'purchase manager' }],
    ['I humbly request you add Mr. Kagiso Sebego from Globex, he is the IT manager and he signs off on purchases.', NY, 'create_contact', { account: 'Globex', title: 'IT manager', role: 'decision_maker' }],
    ['chuck a new contact in for acme - priya sandhu, procurement lead. went to uni with our kid she did', NY, 'create_contact', { contact: 'priya sandhu', account: 'acme', title: 'procurement lead' }],
    ['please create a new deal for Umbrella, the rollout phase 2, closing the 15 of January', NY, 'create_opportunity', { title: 'rollout phase 2', due: '2027-01-15T09:00:00-05:00' }],
    ['I have visited Hans at Umbrella yesterday. note: he prefers that we send everything by email, not by post', NY, 'log_interaction', { summary: 'he prefers that we send everything by email, not by post' }],
    ["heads up globex expansion's in negotiation now", NY, 'update_opportunity', { opportunity: 'globex expansion', stage: 'negotiation' }],
    ["Peter from Initech, it's him who decides now for the licences", NY, 'update_contact', { contact: 'Peter', role: 'decision_maker' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('asks rather than guesses, and leaves words that only look like a frame alone', () => {
    // A pronoun names no task; a weekday with a bare verb says no tense (asked, below the threshold).
    expect(parse('这个要标重要哦', SH).entities).toEqual({ priority: 'high' });
    expect(parse('tuesday visit Hans at Umbrella for the pilot', NY).confidence).toBeLessThan(0.6);
    // `over` ends `cutover` (no army-style frame), and `which all` asks about no whole company.
    expect(normaliseText('I just had a meeting with Tom and Sarah at Acme to plan the SSO cutover.')).toBe('I just had a meeting with Tom and Sarah at Acme to plan the SSO cutover.');
    expect(parse('which all accounts are going cold this week, kindly list', NY).entities.scope).toBeUndefined();
    // FU is 跟进 only in a Chinese message: an English one keeps it.
    expect(normaliseText('FU with bill friday re pricing')).toBe('FU with bill friday re pricing');
    expect(normaliseText('协和王主任那个FU不急的')).toContain('那个跟进不急');
  });
});

describe('eighth round (after53–after57): code-mixed and spaced Chinese, Cantonese and Teochew 个, Creolese, Krio and Liberian English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    // English CRM words in a Chinese message, and Chinese written with its words apart.
    ['送样品 的 task push 到 下周一 下午', SH, 'snooze_task', { taskRef: '送样品', due: '2026-11-30T15:00:00+08:00' }],
    ['协和 送资料 那个 task 往后 push 一周', SH, 'snooze_task', { shift: 'P7D' }],
    ['回访王主任 那个 task, priority 改成 low 吧', SH, 'update_task', { taskRef: '回访王主任', priority: 'low' }],
    ['王丽 那边 no more 问卷 please, 生日 祝福 还是 OK 的', SH, 'opt_out', { contact: '王丽' }],
    ['开个 deal 给 华山, 叫 胰岛素泵试点', SH, 'create_opportunity', { account: '华山', title: '胰岛素泵试点' }],
    ['加个 contact: 人民医院 药剂科 副主任 吴涛, email wutao@people.example.cn', SH, 'create_contact', { contact: '吴涛', account: '人民医院', title: '药剂科副主任' }],
    ['上周五 跟 陈经理 开了个 meeting, 他要 新的 promo 方案, 周五 EOD 前 发给他', SH, 'log_interaction', { contact: '陈经理', interactionType: 'meeting', due: '2026-11-27T17:00:00+08:00' }],
    // Cantonese, Teochew, Gan, Jianghuai and northern words.
    ['唔係電話，係見面傾嘅', SH, 'correct_last', { interactionType: 'meeting' }],
    ['不对不对，冇打电话，是上门去的', SH, 'correct_last', { interactionType: 'visit' }],
    ['趙敏話唔想再收滿意度問卷', SH, 'opt_out', { contact: '趙敏' }],
    ['協和科室會嗰個task唔急，priority改做低', SH, 'update_task', { taskRef: '协和科室会', priority: 'low' }],
    ['俺才知道赵敏生日是8月12号', SH, 'update_contact', { contact: '赵敏', birthday: '08-12' }],
    ['听说王丽升职做主任了', SH, 'update_contact', { contact: '王丽', title: '主任' }],
    ['王芳个销售漏斗睇一下啦', SH, 'pipeline_summary', { rep: '王芳' }],
    ['帮我加个连系人啦 华山个林佩珊 伊系内分泌科主任', SH, 'create_contact', { contact: '林佩珊', account: '华山', title: '内分泌科主任' }],
    ['3号克人民医院拜访了刘医生送了样品之前忘了记', SH, 'log_interaction', { contact: '刘医生', account: '人民医院', when: '2026-11-03T09:00:00+08:00' }],
    ['送样品个事改做下礼拜一上午十点', SH, 'snooze_task', { taskRef: '送样品', due: '2026-11-30T10:00:00+08:00' }],
    ['王丽嗰个task推后三日', SH, 'snooze_task', { shift: 'P3D' }],
    ['提醒俺明个给刘医生送宣传册，多晚都照，不急嘞', SH, 'schedule_followup', { contact: '刘医生', due: '2026-11-26T09:00:00+08:00', priority: 'low' }],
    ['王医生夜个拜访了，聊了聊续约嘞', SH, 'log_interaction', { contact: '王医生', when: '2026-11-24T09:00:00+08:00' }],
    ['拜访了刘医生他说礼拜五要看下新的临床数据', SH, 'log_interaction', { contact: '刘医生', summary: '他说要看下新的临床数据' }],
    ['金额也改一下 十八万', SH, 'update_opportunity', { amount: 180000 }],
    // Creolese, Krio, Liberian, Toronto, Australian and second-language English.
    ['me visit Peter at Initech on monday, show he de new dashboards', NY, 'log_interaction', { contact: 'Peter', interactionType: 'visit', when: '2026-11-23T09:00:00-05:00' }],
    ['de Globex expansion gone to negotiation', NY, 'update_opportunity', { opportunity: 'Globex expansion', stage: 'negotiation' }],
    ['add contact Rohan Singh at Berbice Logistics, he de CFO', NY, 'create_contact', { contact: 'Rohan Singh', account: 'Berbice Logistics', title: 'CFO' }],
    ['my man, Peter from Initech call me on monday, he say he need the training plan by next wednesday', NY, 'log_interaction', { contact: 'Peter', interactionType: 'call', when: '2026-11-23T09:00:00-05:00', due: '2026-12-02T09:00:00-05:00' }],
    ['Peter Gibbons the decision maker now, he the one who sign', NY, 'update_contact', { contact: 'Peter Gibbons', role: 'decision_maker' }],
    ['sorry my man, it na Peter, it was Bill', NY, 'correct_last', { contact: 'Bill' }],
    ['wallahi bill from initech said he dont want the bday n holiday msgs no more', NY, 'opt_out', { contact: 'bill', account: 'initech' }],
    ['Wei Ling is saying no surveys anymore please, but the birthday and Eid greetings is ok', NY, 'opt_out', { contact: 'Wei Ling' }],
    ['fyi bill lumbergh got taken off the budget sign off, mans is just an influencer now', NY, 'update_contact', { contact: 'bill lumbergh', role: 'influencer' }],
    ['the maria globex ting is low priority, mans got bare other stuff first', NY, 'update_task', { priority: 'low' }],
    ['Please postpone the Initech renewal quote task one more week', NY, 'snooze_task', { taskRef: 'Initech renewal quote', shift: 'P7D' }],
    ['Peter from Initech is become Head of Engineering, please update his title', NY, 'update_contact', { contact: 'Peter', title: 'Head of Engineering' }],
    ['new deal for Acme: data retention add-on, $32.5k, closing jan 15 - dead chuffed with this one', NY, 'create_opportunity', { title: 'data retention add-on', amount: 32500 }],
    ['Dear, what is the reason Globex is in risk? kindly explain', NY, 'list_at_risk', { account: 'Globex' }],
    ['maria told me she\'s done with the surveys, she still likes the holiday cards tho', NY, 'opt_out', { contact: 'maria' }],
    ['can you bump the Acme SSO proposal one up to urgent, ta', NY, 'update_task', { priority: 'urgent' }],
    ['add maria garcia at globex, accounts payable clerk', NY, 'create_contact', { contact: 'maria garcia', account: 'globex', title: 'accounts payable clerk' }],
    // The ninth round (after58–after60): Krio, Southern US, Baltimore, Czech and Danish English; Putian, Wu and Gan Chinese.
    ['Peter na influencer now, abeg change am for di system', NY, 'update_contact', { contact: 'Peter', role: 'influencer' }],
    ['remind me tumara make I call Wei Ling bout di site list', NY, 'schedule_followup', { contact: 'Wei Ling', due: '2026-11-26T09:00:00-05:00', summary: 'the site list' }],
    ['I done visit Hans for Umbrella on tuesday, e say make I send am di pilot contract next week', NY, 'log_interaction', { contact: 'Hans', account: 'Umbrella', interactionType: 'visit', when: '2026-11-24T09:00:00-05:00', due: '2026-11-30T09:00:00-05:00' }],
    ['sorry o, no be yesterday, that was on monday', NY, 'correct_last', { when: '2026-11-23T09:00:00-05:00' }],
    ['abeg open new deal for Initech, di analytics upgrade. dem say dem go close am by december 18', NY, 'create_opportunity', { account: 'Initech', title: 'analytics upgrade', due: '2026-12-18T09:00:00-05:00' }],
    ['remind me to send Hans them security docs friday mornin\', poor fella\'s been waitin\' on \'em all week', NY, 'schedule_followup', { contact: 'Hans', summary: 'send Hans those security docs' }],
    ['well I\'ll be, Tom over at Acme done got promoted to VP of Engineering, good for him', NY, 'update_contact', { contact: 'Tom', title: 'VP of Engineering' }],
    ['which accounts y\'all reckon are at risk this week', NY, 'list_at_risk', { period: 'this_week' }],
    ['add a contact hon, Dr. Rachel Kim over at umbrella, she\'s their cmo', NY, 'create_contact', { contact: 'Dr. Rachel Kim', account: 'umbrella', title: 'cmo' }],
    ['Yesterday I was by Maria Garcia at Globex, we spoke about onboarding problems.', NY, 'log_interaction', { contact: 'Maria Garcia', interactionType: 'visit', when: '2026-11-24T09:00:00-05:00' }],
    ['called tom over at acme yesterday evenin, he\'s wantin the SSO test plan by friday', NY, 'log_interaction', { interactionType: 'call', when: '2026-11-24T19:00:00-05:00', due: '2026-11-27T09:00:00-05:00' }],
    ['last thursday drove a ways out to umbrella to see hans in person, he said circle back in 2 weeks', NY, 'log_interaction', { contact: 'hans', interactionType: 'visit', when: '2026-11-19T09:00:00-05:00' }],
    ['Had a meeting the 18. with Sarah from Acme about the QBR preparation', NY, 'log_interaction', { interactionType: 'meeting', when: '2026-11-18T09:00:00-05:00' }],
    ['New deal for Umbrella: pilot extension, closing the 31. December', NY, 'create_opportunity', { title: 'pilot extension', due: '2026-12-31T09:00:00-05:00' }],
    ['Yesterday we did meeting with Sarah Chen and Tom Baker from Acme about SSO rollout plan.', NY, 'log_interaction', { contact: 'Sarah Chen', others: ['Tom Baker'], interactionType: 'meeting' }],
    ['heads up, peter at initech\'s a real champion for us', NY, 'update_contact', { contact: 'peter', role: 'champion' }],
    ['New contact at Soylent: J. Holm, phone +45 20 12 34 56, he is head of procurement', NY, 'create_contact', { contact: 'J. Holm', account: 'Soylent' }],
    ['下午有给张伟打电话，讲下进药的量', SH, 'log_interaction', { contact: '张伟', interactionType: 'call', when: '2026-11-25T15:00:00+08:00' }],
    ['帮阿拉题醒一记，搭市一院张主任讲讲进药目录个事体', SH, 'schedule_followup', { contact: '张主任', account: '市一院', summary: '讲讲进药目录的事情' }],
    ['帮阿拉把协和年度续约个金额改成九十万', SH, 'update_opportunity', { opportunity: '协和年度续约', amount: 900000 }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('reads a weekday said with a day of the month as that day, behind or ahead', () => {
    const NYC = { now: NOW, tz: 'America/New_York' };
    expect(extractEntities('Monday 23rd', NYC)).toEqual({ when: '2026-11-23T09:00:00-05:00' });
    expect(extractEntities('Tuesday 1st at 3pm', NYC).due).toBe('2026-12-01T15:00:00-05:00');
  });

  it('keeps apart what only looks like a name, an account or a measure word', () => {
    const NYC = { now: NOW, tz: 'America/New_York' };
    // A matter said with 的 is no account; a place or group after `the` is no person; a language is no person.
    expect(parse('下周三 提醒我 follow up 陈经理 年底 备货 的事', SH).entities.account).toBeUndefined();
    expect(parse('quick note on tom at acme - he\'s moving over to the london office in january, well gutted', NYC).entities.others).toBeUndefined();
    expect(parse('Please make a note for Hans: he prefers all documents in German language', NYC).entities.others).toBeUndefined();
    // 个 after a verb, a number or 这/那 stays a measure word; 电话 and 说话 keep their 话.
    expect(normaliseText('给王医生打个电话')).toBe('给王医生打个电话');
    expect(normaliseText('上个月拜访了几个客户')).toBe('上个月拜访了几个客户');
    expect(normaliseText('打电话不接')).toBe('打电话不接');
    // An amount said roughly is no account; `30 grand` is an amount.
    expect(extractEntities('大概十二万咯', SH)).toEqual({ amount: 120000, currency: 'CNY' });
    expect(extractEntities('30 grand', NYC)).toMatchObject({ amount: 30000, currency: 'USD' });
    // `that follow-up`, `那个跟进` name no task: the one just made is meant.
    expect(parse('Kindly that follow-up shift to Wednesday please', NYC).entities.taskRef).toBeUndefined();
    expect(parse('那个跟进改到下个礼拜一', SH).entities.taskRef).toBeUndefined();
  });
});

describe('twelfth round (after67–after69): Yorkshire, Bermudian, Canadian, Nepali and Bangladeshi English; Jin, Minnan, voice-typed Chinese', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    // Yorkshire: `were` for was, `fone`, `nowt urgent`, `wi'`, `t'`, `half eleven`, `love` said to whoever reads.
    ['nah hang on, that were tuesday', NY, 'correct_last', { when: '2026-11-24T09:00:00-05:00' }],
    ['remind us to ring Maria tomorrow 3pm, it\'s nowt urgent', NY, 'schedule_followup', { contact: 'Maria', priority: 'low', summary: 'ring Maria' }],
    ['were at Soylent last thursday seeing Wei Ling, she wants a quote for the new sites by the 3rd', NY, 'log_interaction',
      { contact: 'Wei Ling', account: 'Soylent', interactionType: 'visit', when: '2026-11-19T09:00:00-05:00', due: '2026-12-03T09:00:00-05:00' }],
    ['Maria at Globex were on the fone moaning about invoices being late again', NY, 'log_interaction', { contact: 'Maria', account: 'Globex', interactionType: 'call' }],
    ['make t\'SSO proposal task asap', NY, 'update_task', { taskRef: 'SSO proposal', priority: 'urgent' }],
    ['new deal for Initech love - support renewal, £30k, closing 31st January', NY, 'create_opportunity', { account: 'Initech', title: 'support renewal', amount: 30000, currency: 'GBP' }],
    ['how\'s Alex getting on wi\' his deals, love?', NY, 'pipeline_summary', { rep: 'Alex' }],
    ['add Dawn Hepworth at Umbrella Health, she\'s t\'procurement lead - not the one who signs but she\'s got a lot o\' say', NY, 'create_contact',
      { contact: 'Dawn Hepworth', account: 'Umbrella Health', title: 'procurement lead', role: 'influencer' }],
    ['Bill\'s not the one who signs owt off, more of an influencer', NY, 'update_contact', { contact: 'Bill', role: 'influencer' }],
    // Bermudian `bye` and `ace boy`, `fa`, `bout`, `de`; `got made up to`.
    ['new contact bye, Keisha Simons at Acme, keisha.simons@acme.example, she head of procurement', NY, 'create_contact',
      { contact: 'Keisha Simons', account: 'Acme', title: 'head of procurement', email: 'keisha.simons@acme.example' }],
    ['remind me fa chase Umbrella bout de pilot contract next wednesday bye', NY, 'schedule_followup', { account: 'Umbrella', summary: 'the pilot contract', due: '2026-12-02T09:00:00-05:00' }],
    ['ace boy Peter Gibbons got made up to Head of Engineering bye', NY, 'update_contact', { contact: 'Peter Gibbons', title: 'Head of Engineering' }],
    // Canadian `sorry, could you…`; the priority asked for over the words of why.
    ['sorry, could you add Jenna Halverson at Globex as a contact? she\'s the finance director and the decision maker, eh', NY, 'create_contact',
      { contact: 'Jenna Halverson', account: 'Globex', title: 'finance director', role: 'decision_maker' }],
    ['sorry, that Initech quote task isn\'t that important after all — just make it normal priority', NY, 'update_task', { taskRef: 'Initech quote', priority: 'normal' }],
    // Nepali and Bangladeshi English: `promoted as`, `final decision is hers`, `expected closing`.
    ['Peter is promoted as Head of Engineering, kindly update', NY, 'update_contact', { contact: 'Peter', title: 'Head of Engineering' }],
    ['kindly add Farhana Akter at Soylent, she is procurement head and final decision is hers', NY, 'create_contact', { contact: 'Farhana Akter', role: 'decision_maker' }],
    ['kindly create new deal for Globex - data migration services, 45k USD, expected closing 18th december', NY, 'create_opportunity',
      { title: 'data migration services', amount: 45000, due: '2026-12-18T09:00:00-05:00' }],
    ['add Graham Sykes, he\'s finance director at Forgemasters Engineering', NY, 'create_contact', { contact: 'Graham Sykes', account: 'Forgemasters Engineering', title: 'finance director' }],
    // Chinese: a title said alone at a place, 那活儿, 下个月15号, 叫 (named), 啦 and 哇, voice typing's homophones and run-ons.
    ['礼拜五给市一院那主任送样品 提醒俺', SH, 'schedule_followup', { contact: '主任', account: '市一院', due: '2026-11-27T09:00:00+08:00' }],
    ['给李主任送样品那活儿 比较急 给标上', SH, 'update_task', { taskRef: '给李主任送样品', priority: 'urgent' }],
    ['开个 deal 给人民医院啦，叫学术推广合作，下个月15号签', SH, 'create_opportunity', { account: '人民医院', title: '学术推广合作', due: '2026-12-15T09:00:00+08:00' }],
    ['新建商机 学术推广合作 人民医院 12万 下个月底成交', SH, 'create_opportunity', { title: '学术推广合作', amount: 120000, due: '2026-12-31T09:00:00+08:00' }],
    ['今天上午去人民医院拜访了刘医生他要下周二送样品过去', SH, 'log_interaction', { contact: '刘医生', account: '人民医院', due: '2026-12-01T09:00:00+08:00', summary: '他要送样品过去' }],
    ['新建连系人华山医院检验科主任黄志刚他是影响着', SH, 'create_contact', { contact: '黄志刚', account: '华山医院', title: '检验科主任', role: 'influencer' }],
    ['加一个联系人仁和大药房的采购刘婷电话13907981234', SH, 'create_contact', { contact: '刘婷', account: '仁和大药房', title: '采购', phone: '13907981234' }],
    ['张伟升值了现在是副院长', SH, 'update_contact', { contact: '张伟', title: '副院长' }],
    ['刘医生升了，现在是心内科副主任了哇', SH, 'update_contact', { contact: '刘医生', title: '心内科副主任' }],
    ['赵敏实际上是个影响者哇', SH, 'update_contact', { contact: '赵敏', role: 'influencer' }],
    ['23号跟仁和陈经理 meeting 啦，谈促销方案', SH, 'log_interaction', { contact: '陈经理', interactionType: 'meeting', when: '2026-11-23T09:00:00+08:00' }],
    ['今仔日有 call 赵敏 confirm 采购单啦', SH, 'log_interaction', { contact: '赵敏', interactionType: 'call', summary: '确认采购单' }],
    ['华山王丽 promote 做内分泌科主任了咧', SH, 'update_contact', { contact: '王丽', title: '内分泌科主任' }],
    ['王芳手上的商机现在咋样了', SH, 'pipeline_summary', { rep: '王芳' }],
    ['王芳过期没办的任务有哪些哇', SH, 'list_tasks', { rep: '王芳' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('keeps what only looks like a Yorkshire or Bermudian word', () => {
    // `half an hour` is no time of day; `de` before a name's particle stays; `bye` alone is a goodbye.
    expect(normaliseText('call back in half an hour')).toBe('call back in half an hour');
    expect(normaliseText('met Ana de Souza at Globex')).toContain('Ana de Souza');
    expect(normaliseText('bye')).toBe('bye');
    expect(normaliseText('tomorrow half eleven')).toBe('tomorrow 11:30');
    // `if it were` stays; `she'd love` keeps its love.
    expect(normaliseText('if it were up to me')).toBe('if it were up to me');
    expect(normaliseText('she said she would love')).toBe('she said she would love');
  });
});

describe('thirteenth round (after70–after72): Henan, Sichuan, Dalian, Minnan; Welsh, Ghanaian, Doric, Malaysian and Filipino English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    ['不对不对，木有打电话，是当面去哩', SH, 'correct_last', { interactionType: 'visit' }],
    ['刘医生说问卷木有必要再发了', SH, 'opt_out', { contact: '刘医生' }],
    ['明天下午提醒我给李主任送会议资料，中不中', SH, 'schedule_followup', { contact: '李主任', summary: '送会议资料', due: '2026-11-26T15:00:00+08:00' }],
    ['给人民医院开个新商机，叫心内科耗材集采，十八万，月底能签下来，得劲', SH, 'create_opportunity',
      { account: '人民医院', title: '心内科耗材集采', amount: 180000, due: '2026-11-30T09:00:00+08:00' }],
    ['新加个联系人，洛阳正骨医院哩骨科主任郭亚伟', SH, 'create_contact', { contact: '郭亚伟', account: '洛阳正骨医院', title: '骨科主任' }],
    ['提醒我下周一给协和王主任送报价单，这个事急得很', SH, 'schedule_followup', { contact: '王主任', summary: '送报价单', priority: 'urgent' }],
    ['送样品那活儿 给我整成紧急的', SH, 'update_task', { taskRef: '送样品', priority: 'urgent' }],
    ['下礼拜二提醒我给华山王丽送会议资料 这事贼急', SH, 'schedule_followup', { contact: '王丽', summary: '送会议资料', priority: 'urgent' }],
    ['整错了 改成下礼拜一', SH, 'correct_last', { due: '2026-11-30T09:00:00+08:00' }],
    ['协和投诉讲上批货包装破了好几箱，asap搞定嘛', SH, 'log_complaint', { account: '协和', priority: 'urgent', summary: '讲上批货包装破了好几箱' }],
    ['make the SSO proposal task asap butt', NY, 'update_task', { taskRef: 'SSO proposal', priority: 'urgent' }],
    ['please the SSO proposal task, push it for me', NY, 'snooze_task', { taskRef: 'SSO proposal' }],
    ['please add new contact Kwame Asante at Soylent Foods, he is the IT manager, he said he will be the one using the system please', NY, 'create_contact',
      { contact: 'Kwame Asante', title: 'IT manager', role: 'user' }],
    ['Acme have signed the platform renewal, lush!', NY, 'update_opportunity', { opportunity: 'Acme platform renewal', stage: 'closed_won' }],
    ['no wait, it was a meetin, not a call', NY, 'correct_last', { interactionType: 'meeting' }],
    ['sorry, that wis yesterday efternoon', NY, 'correct_last', { when: '2026-11-24T15:00:00-05:00' }],
    ['Peter at Initech\'s been made up tae Head of Engineering, good on him', NY, 'update_contact', { contact: 'Peter', account: 'Initech', title: 'Head of Engineering' }],
    ['remind me call Peter at Initech tomorrow 3pm, not urgent one', NY, 'schedule_followup', { contact: 'Peter', priority: 'low', due: '2026-11-26T15:00:00-05:00' }],
    ['Globex complain their support tickets very slow, need to settle asap', NY, 'log_complaint', { account: 'Globex', priority: 'urgent', summary: 'their support tickets very slow' }],
    ['Bill from Initech not the one who sign lah, he more like influencer only', NY, 'update_contact', { contact: 'Bill', role: 'influencer' }],
    ['call Hans at Umbrella just now, discuss the pilot budget', NY, 'log_interaction', { contact: 'Hans', interactionType: 'call', summary: 'discuss the pilot budget' }],
    ['spoke tae Hans at Umbrella on the phone last thursday aboot the pilot, he\'ll sign next week. gie me a shout on tuesday tae chase him', NY, 'log_interaction',
      { contact: 'Hans', interactionType: 'call', when: '2026-11-19T09:00:00-05:00', due: '2026-12-01T09:00:00-05:00' }],
    ['Kindly add new contact po, Mr. Renato Dela Cruz from Globex, he is the IT director', NY, 'create_contact', { contact: 'Mr. Renato Dela Cruz', account: 'Globex', title: 'IT director' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);
});

describe('fourteenth round (after73–after75): Northeast, Hakka, Leizhou and Cantonese Chinese; Minnesotan, Zambian and Malaysian English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    ['明儿个下午三点跟市一院李主任还有张主任开会 提醒我一下', SH, 'schedule_followup', { contact: '李主任', others: ['张主任'], account: '市一院', due: '2026-11-26T15:00:00+08:00' }],
    ['周五提醒我给刘医生打个电话 这事老重要了', SH, 'schedule_followup', { contact: '刘医生', priority: 'high' }],
    ['给我整个新联系人呗 协和那边的孙立新 药剂科副主任 算是个影响者吧', SH, 'create_contact', { contact: '孙立新', account: '协和', title: '药剂科副主任', role: 'influencer' }],
    ['搞错了搞错了，冇打电话，俺系当面上门去个', SH, 'correct_last', { interactionType: 'visit' }],
    ['明日下昼三点提我打个电话俾张主任，几急嘅', SH, 'schedule_followup', { contact: '张主任', priority: 'urgent', due: '2026-11-26T15:00:00+08:00' }],
    ['赵敏其实冇么子决定权，系个影响者', SH, 'update_contact', { contact: '赵敏', role: 'influencer' }],
    ['昨儿个给仁和陈经理打了个电话 说年底要多备点货', SH, 'log_interaction', { contact: '陈经理', interactionType: 'call', when: '2026-11-24T09:00:00+08:00' }],
    ['Kindly create new opportunity for Umbrella Health, name is Data Migration, amount 18,500 dollars, expected close 20th December', NY, 'create_opportunity',
      { account: 'Umbrella Health', title: 'Data Migration', amount: 18500, due: '2026-12-20T09:00:00-05:00' }],
    ['need a reminder to follow up with Wei Ling at Soylent on the site list in 2 weeks, you betcha', NY, 'schedule_followup', { contact: 'Wei Ling', summary: 'the site list', due: '2026-12-09T09:00:00-05:00' }],
    ['kindly add new contact ba Mwansa Chileshe at Soylent, he is the finance director, he is the one who is signing', NY, 'create_contact',
      { contact: 'Mwansa Chileshe', title: 'finance director', role: 'decision_maker' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('keeps no follow-up in what a contact said they will do themselves, but keeps the one asked for', () => {
    expect(parse('昨儿个给仁和陈经理打了个电话 说年底要多备点货', SH).entities.due).toBeUndefined();
    expect(parse('拜访了李医生，她说下周二要样品', SH).entities.due).toBe('2026-12-01T09:00:00+08:00');
    expect(parse('拜访了陈经理，他说年底要多备货，提醒我下周给他送报价', SH).entities.due).toBe('2026-11-30T09:00:00+08:00');
  });
});

describe('fifteenth round (after76–after78): Northeast, Minnan, Hunan, Shandong and Yunnan Chinese; Southern US, Detroit and Kazakh-born English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    ['拜五要送样品去市一院给那个主任，提醒我一下哦', SH, 'schedule_followup', { contact: '主任', account: '市一院', summary: '送样品', due: '2026-11-27T09:00:00+08:00' }],
    ['周五给赵敏送采购单 挺重要的 提醒我一下', SH, 'schedule_followup', { contact: '赵敏', summary: '送采购单', priority: 'high' }],
    ['记个待办：比较急，礼拜五前要把报价单送到协和王主任那边', SH, 'schedule_followup', { contact: '王主任', account: '协和', priority: 'urgent' }],
    ['夜个去仁和找陈经理唠了唠促销方案 他说年底要备货 下礼拜三给他送报价单', SH, 'log_interaction', { contact: '陈经理', summary: '促销方案', due: '2026-12-02T09:00:00+08:00' }],
    ['陈经理说了 以后问卷啥的别给他整了 过节那些祝福也白发了', SH, 'opt_out', { contact: '陈经理' }],
    ['华山新来个科主任 叫欧阳志远 拍板的 给加上', SH, 'create_contact', { contact: '欧阳志远', account: '华山', title: '科主任', role: 'decision_maker' }],
    ['加个联系人：协和医院神经外科副主任欧阳海涛，佢冇拍板个权，就系个使用者', SH, 'create_contact', { contact: '欧阳海涛', title: '神经外科副主任', role: 'user' }],
    ['新添一位联系人：皇甫文静，主任医师。', SH, 'create_contact', { contact: '皇甫文静', title: '主任医师' }],
    ['下午去看了王医生咯', SH, 'log_interaction', { contact: '王医生', interactionType: 'visit', when: '2026-11-25T15:00:00+08:00' }],
    ['给李主任送样品那个活儿，比较急咯，帮我标一哈', SH, 'update_task', { taskRef: '给李主任送样品', priority: 'urgent' }],
    ['跟您报告个事，市一院张伟主任升副院长了', SH, 'update_contact', { account: '市一院', title: '副院长' }],
    ['帮俺加上仁和大药房的冯雪梅经理，采购这块她说了算', SH, 'create_contact', { contact: '冯雪梅', account: '仁和大药房', title: '经理', role: 'decision_maker' }],
    ['人民医院再加个刘洋，骨科的大夫', SH, 'create_contact', { contact: '刘洋', account: '人民医院' }],
    ['Important: follow up w/ Wei Ling on the site list thursday 2pm', NY, 'schedule_followup', { contact: 'Wei Ling', summary: 'the site list', priority: 'high', due: '2026-11-26T14:00:00-05:00' }],
    ['remind me to send Wei Ling that site list she was askin about', NY, 'schedule_followup', { contact: 'Wei Ling', summary: 'send Wei Ling that site list' }],
    ["y'all can add Wei Ling Lim from Soylent for me, she's the COO over there", NY, 'create_contact', { contact: 'Wei Ling Lim', account: 'Soylent', title: 'COO' }],
    ['Need to move task with Maria for one week', NY, 'snooze_task', { taskRef: 'Maria', shift: 'P7D' }],
    ['Please move task with Initech quote to tomorrow morning, Bill wants it earlier', NY, 'snooze_task', { taskRef: 'Initech quote', due: '2026-11-26T09:00:00-05:00' }],
    ['can u push the umbrella demo', NY, 'snooze_task', { taskRef: 'umbrella demo' }],
    ['oh, and the birthday and holiday messages as well please', NY, 'opt_out', {}],
    ['actually that one can be normal priority', NY, 'update_task', { priority: 'normal' }],
    ['talked budget for next yr w wei ling on the phone last thurs', NY, 'log_interaction', { interactionType: 'call', summary: 'budget for next yr', when: '2026-11-19T09:00:00-05:00' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('keeps no follow-up in what a customer plans for themselves, but keeps one that is ours or asked for', () => {
    expect(parse("met Wei Ling yesterday, she said next year they'll probably look at a third site", NY).entities.due).toBeUndefined();
    expect(parse('called Peter, he says they will expand next month', NY).entities.due).toBeUndefined();
    expect(parse('talked budget for next yr w wei ling on the phone last thurs', NY).entities.due).toBeUndefined();
    expect(parse('昨天有去仁和拜访陈经理，伊讲年底要多备一些货', SH).entities.due).toBeUndefined();
    expect(parse('log visit with Dr. Li, she wants samples next Tuesday', NY).entities.due).toBe('2026-12-01T09:00:00-05:00');
    expect(parse('called Tom yesterday, they\'ll decide on the renewal next quarter', NY).entities.due).toBeUndefined();
    expect(parse('called tom, he said they need the quote next week', NY).entities.due).toBe('2026-11-30T09:00:00-05:00');
  });

  it('reads a time alone as a change of time on the record\'s own day', () => {
    expect(timeOnlySaid('make it 4pm actually')).toEqual({ hour: 16, minute: 0 });
    expect(timeOnlySaid('改到下午四点')).toEqual({ hour: 16, minute: 0 });
    expect(timeOnlySaid('不对，是下午3点半')).toEqual({ hour: 15, minute: 30 });
    expect(timeOnlySaid('make it friday 4pm')).toBeUndefined();
    expect(timeOnlySaid('remind me at 4pm')).toBeUndefined();
  });
});

describe('sixteenth round (after79–after81): Beijing-flavoured, Hubei, Henan, Shandong and Cantonese Chinese; Kiwi, Ethiopian, Québécois, Cuban, Australian and Armenian English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    ['Today I had a phone call with Mr. Hans from Umbrella Health. He needs the security documents before Monday. Please remind me on Friday afternoon to send them.', NY,
      'log_interaction', { account: 'Umbrella Health', interactionType: 'call', due: '2026-11-27T15:00:00-05:00' }],
    ['Please, the task to call Maria from Globex, kindly move it to Friday 2 PM.', NY, 'snooze_task', { due: '2026-11-27T14:00:00-05:00' }],
    ['make it urgent too pls', NY, 'update_task', { priority: 'urgent' }],
    ['actually nah, make the sso one urgent', NY, 'update_task', { taskRef: 'sso', priority: 'urgent' }],
    ["oh and her mobile's 0412 555 019", NY, 'update_contact', { phone: '0412 555 019' }],
    ['oh and no xmas greetings for her either', NY, 'opt_out', {}],
    ['remind me thursday to send Tom at Acme the SSO test plan, asap svp', NY, 'schedule_followup', { summary: 'send Tom at Acme the SSO test plan', priority: 'urgent' }],
    ['Please add a new contact, Mr. Tesfaye Alemu from Addis Pharma Trading, he is the IT Lead and he is influencer.', NY, 'create_contact',
      { account: 'Addis Pharma Trading', title: 'IT Lead', role: 'influencer' }],
    ['Please open a new deal for Globex: support add-on, 18 thousand dollars, expected to close on 31st December.', NY, 'create_opportunity',
      { account: 'Globex', title: 'support add-on', amount: 18000, due: '2026-12-31T09:00:00-05:00' }],
    ["peter rang me friday, he'll send over the test results when they're done", NY, 'log_interaction', { interactionType: 'call', when: '2026-11-20T09:00:00-05:00' }],
    ['刚跟仁和陈经理通了个电话，他说年底要多备点货，下礼拜三俺给他送报价单过去', SH, 'log_interaction', { contact: '陈经理', interactionType: 'call', due: '2026-12-02T09:00:00+08:00' }],
    ['赵敏说以后白给她发满意度调查了，过年过节哩祝福还中', SH, 'opt_out', { contact: '赵敏' }],
    ['哦对，祝福也白给她发了', SH, 'opt_out', {}],
    ['哎 还是改成普通的吧', SH, 'correct_last', { priority: 'normal' }],
    ['不对，送样品那个还是普通就行', SH, 'correct_last', { priority: 'normal' }],
    ['赵敏甭当她是把关的了，她其实是个影响者', SH, 'update_contact', { contact: '赵敏', role: 'influencer' }],
    ['3号去了趟华山，见着王丽了，聊了聊她们科的用量', SH, 'log_interaction', { contact: '王丽', account: '华山', when: '2026-11-03T09:00:00+08:00' }],
    ['搞错哒，不是打电话，是当面克的', SH, 'correct_last', { interactionType: 'visit' }],
    ['头先call咗张主任，佢话药剂科要开会讨论，下礼拜四再follow up下', SH, 'log_interaction', { contact: '张主任', due: '2026-12-03T09:00:00+08:00' }],
    ['佢手机系13923456789', SH, 'update_contact', { phone: '13923456789' }],
    ['人民医院心内科新来了个主任，加一下，决策人', SH, 'create_contact', { account: '人民医院', title: '心内科主任', role: 'decision_maker' }],
    ['后日上午十点提醒我一哈，打个电话给华山的王丽，问下试用搞得么样哒', SH, 'schedule_followup', { contact: '王丽', account: '华山', due: '2026-11-27T10:00:00+08:00' }],
    ['王芳 逾期的任务有哪些', SH, 'list_tasks', { rep: '王芳' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('keeps no follow-up in a period named as a matter or in what the customer will do themselves', () => {
    expect(parse("had a meeting w bill at initech on monday, went thru next yr's budget. sweet as", NY).entities.due).toBeUndefined();
    expect(parse('夜儿个后晌给赵敏打了个电话，她说采购单下周能批下来', SH).entities.due).toBeUndefined();
    expect(parse('全公司的销售漏斗', SH).entities.rep).toBeUndefined();
    expect(parse('后日上午十点提醒我一哈，打个电话给华山的王丽，问下试用搞得么样哒', SH).entities.summary).toMatch(/试用/);
  });

  it('asks rather than guesses a present tense with a day that may be past or ahead', () => {
    const r = parse('I visit Peter in Initech the day 2, we review the reporting module together', NY);
    expect(r.confidence).toBeLessThan(0.6);
    expect(r.alternatives?.some((a) => a.intent === 'log_interaction' && a.entities.when === '2026-11-02T09:00:00-05:00') || r.entities.when === '2026-11-02T09:00:00-05:00').toBe(true);
  });
});

describe('seventeenth round (after82–after84): Northeast, Sichuan, Henan, Gan, Guizhou and code-mixed Fujian Chinese; Oklahoman, Filipino, Maritime, Ukrainian, Tennessean and Pakistani English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    ['add contact Jan Kowalski at Initech, IT manager', NY, 'create_contact', { contact: 'Jan Kowalski', account: 'Initech', title: 'IT manager' }],
    ['call Jun Santos thursday', NY, 'schedule_followup', { contact: 'Jun Santos', due: '2026-11-26T09:00:00-05:00' }],
    ['pls add Ma. Luisa Reyes of Acme as contact po, she is the buyer', NY, 'create_contact', { contact: 'Ma. Luisa Reyes', account: 'Acme' }],
    ['add contact Atty. Ramon Cruz at Soylent, legal counsel', NY, 'create_contact', { contact: 'Atty. Ramon Cruz', account: 'Soylent' }],
    ['add contact Engr. Dante Ocampo at Globex, plant head', NY, 'create_contact', { contact: 'Engr. Dante Ocampo', account: 'Globex' }],
    ['Bill Lumbergh got promoted po, he is VP of Operations na', NY, 'update_contact', { contact: 'Bill Lumbergh', title: 'VP of Operations' }],
    ['remind me to send Tom the SOW monday, not urgent naman', NY, 'schedule_followup', { summary: 'send Tom the SOW', priority: 'low', due: '2026-11-30T09:00:00-05:00' }],
    ['明个提醒我给李主任送样品', SH, 'schedule_followup', { contact: '李主任', due: '2026-11-26T09:00:00+08:00' }],
    ['提醒我后天下午三点给市一院赵敏打电话', SH, 'schedule_followup', { contact: '赵敏', account: '市一院', due: '2026-11-27T15:00:00+08:00' }],
    ['提醒我周五把合同发给协和王主任，这个挺重要的', SH, 'schedule_followup', { contact: '王主任', account: '协和', summary: '把合同发给协和王主任', priority: 'high' }],
    ['新增联系人 吴芳，人民医院超声科主任', SH, 'create_contact', { contact: '吴芳', account: '人民医院', title: '超声科主任' }],
    ['加个联系人 周杰，email zhoujie@example.com', SH, 'create_contact', { contact: '周杰', email: 'zhoujie@example.com' }],
    ['remind 我明天给赵敏送发票', SH, 'schedule_followup', { contact: '赵敏', due: '2026-11-26T09:00:00+08:00' }],
    ['华山王丽那个 task，标个 low priority', SH, 'update_task', { priority: 'low' }],
    ['刘医生说 survey 不要再 send 给他了，greeting 还可以', SH, 'opt_out', { contact: '刘医生' }],
    ['给赵敏白发问卷了 她嫌烦', SH, 'opt_out', { contact: '赵敏' }],
    ['搞错哩 冇上门 是打哩电话', SH, 'correct_last', { interactionType: 'call' }],
    ['港错哩 金额是二十万', SH, 'correct_last', { amount: 200000 }],
    ['王丽港冇要再发问卷哩', SH, 'opt_out', { contact: '王丽' }],
    ['刚跟赵敏通了电话她说合同下礼拜能签让我礼拜四再给她打个电话确认一下', SH, 'log_interaction', { contact: '赵敏', interactionType: 'call', due: '2026-11-26T09:00:00+08:00' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('keeps a month with its day a date, and a name standing alone no date', () => {
    expect(parse('follow up with Acme on Jun 5', NY).entities.due).toBe('2027-06-05T09:00:00-04:00');
    expect(parse('call Jun Santos thursday', NY).entities.due).toBe('2026-11-26T09:00:00-05:00');
    expect(normaliseText('说明个问题')).toBe('说明个问题');
    expect(normaliseText('香港冇要去')).toBe('香港不要去');
  });
});

describe('eighteenth round (after85–after87): Xiang, Shandong, Guizhou, Sichuan and Wu Chinese; Idahoan, Peruvian, Irish, Vietnamese, West Australian and Ugandan English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    ['New contact: Rosa Quispe, plant manager of Cusco Textiles SAC', NY, 'create_contact', { contact: 'Rosa Quispe', account: 'Cusco Textiles SAC', title: 'plant manager' }],
    ['that reminder pls push it by one more week', NY, 'snooze_task', { shift: 'P7D' }],
    ['remind me to call Tom tuesday mornin, say 11', NY, 'schedule_followup', { contact: 'Tom', due: '2026-12-01T11:00:00-05:00' }],
    ['Called in to Globex Monday, sat down with Maria and went over the renewal', NY, 'log_interaction', { interactionType: 'visit', when: '2026-11-23T09:00:00-05:00' }],
    ['yesterday I visit Peter at Initech, he say they decide on the module next month', NY, 'log_interaction', { contact: 'Peter', when: '2026-11-24T09:00:00-05:00' }],
    ['Tuesday already call Tom, he need the quote by Friday', NY, 'log_interaction', { contact: 'Tom', interactionType: 'call', when: '2026-11-24T09:00:00-05:00', due: '2026-11-27T09:00:00-05:00' }],
    ['just off a call with Hans, he needs the pilot budget by Monday', NY, 'log_interaction', { contact: 'Hans', interactionType: 'call', due: '2026-11-30T09:00:00-05:00' }],
    ['push out the Globex quote one, would ya', NY, 'snooze_task', { taskRef: 'Globex quote' }],
    ['new contact for Acme - Siobhan Walsh, finance lead, mobile 0861234567', NY, 'create_contact', { contact: 'Siobhan Walsh', phone: '0861234567' }],
    ['toms been bumped up to head of IT', NY, 'update_contact', { title: 'head of IT' }],
    ['跟李主任约了下礼拜四见面谈方案 到时候提醒俺', SH, 'schedule_followup', { contact: '李主任', due: '2026-12-03T09:00:00+08:00' }],
    ['礼拜一头午十点提醒我给赵敏打电话', SH, 'schedule_followup', { contact: '赵敏', due: '2026-11-30T10:00:00+08:00' }],
    ['20号跟陈经理恰咯餐饭，他讲下礼拜一要看促销方案，到时候提醒我带过克', SH, 'log_interaction', { contact: '陈经理', interactionType: 'meeting', when: '2026-11-20T09:00:00+08:00', due: '2026-11-30T09:00:00+08:00' }],
    ['拜访了张主任他讲下礼拜三要样品', SH, 'log_interaction', { contact: '张主任', interactionType: 'visit', due: '2026-12-02T09:00:00+08:00' }],
    ['不对哦 没得上门 是打哩电话', SH, 'correct_last', { interactionType: 'call' }],
    ['王丽讲问卷侪覅发了', SH, 'opt_out', { contact: '王丽' }],
    ['提醒我礼拜五拨赵敏送发票', SH, 'schedule_followup', { contact: '赵敏', due: '2026-11-27T09:00:00+08:00', summary: '送发票' }],
    ['跟进改到下礼拜一', SH, 'snooze_task', { due: '2026-11-30T09:00:00+08:00' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);
});

describe('nineteenth round (after88–after90): Henan, Liaoning, Hunan, Hakka, Guizhou and Cantonese-mixed Chinese; Arizonan, Colombian, Yorkshire, Indian, Washington and Sri Lankan English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    ['Please add as contact the engineer Camilo Rojas, he is the plant manager of Globex', NY, 'create_contact', { contact: 'Engr. Camilo Rojas', account: 'Globex', title: 'plant manager' }],
    ['no more xmas cards or bday msgs for Maria at Globex, surveys are ok', NY, 'opt_out', { contact: 'Maria', account: 'Globex' }],
    ['Please put the task of the pilot budget in high priority', NY, 'update_task', { taskRef: 'pilot budget', priority: 'high' }],
    ['I need the pipeline of all the team for this month, by stage', NY, 'pipeline_summary', { period: 'this_month', scope: 'team' }],
    ['Please add contact Anjali Rao, purchase head at Kalyani Steel, anjali@kalyani.example', NY, 'create_contact', { contact: 'Anjali Rao', account: 'Kalyani Steel' }],
    ['Hans Mueller requested not to send him any surveys', NY, 'opt_out', { contact: 'Hans Mueller' }],
    ['add contact Rahul Patil at Varad Logistics, mobile 98220 12345', NY, 'create_contact', { phone: '98220 12345' }],
    ['push that task about the deck to friday', NY, 'snooze_task', { taskRef: 'deck', due: '2026-11-27T09:00:00-05:00' }],
    ['On Monday I spoke to Maria on the phone, she needs the quote by 3rd December', NY, 'log_interaction', { interactionType: 'call', when: '2026-11-23T09:00:00-05:00', due: '2026-12-03T09:00:00-05:00' }],
    ['把华山医院的王丽加成联系人，座机021-52889999', SH, 'create_contact', { contact: '王丽', account: '华山医院' }],
    ['昨天下午去仁和拜访了陈经理，他说下礼拜想多进点货', SH, 'log_interaction', { contact: '陈经理', when: '2026-11-24T15:00:00+08:00' }],
    ['加个连系人宝庆骨科医院的药剂科主任刘建国电话13907391234', SH, 'create_contact', { contact: '刘建国', account: '宝庆骨科医院', title: '药剂科主任', phone: '13907391234' }],
    ['加个联系人协和医院心内科的欧阳华副主任医师邮箱ouyang@union.example.cn', SH, 'create_contact', { contact: '欧阳华', account: '协和医院', title: '心内科副主任医师' }],
    ['帮我建个连系人市一院检验科主任谭国平', SH, 'create_contact', { contact: '谭国平', account: '市一院', title: '检验科主任' }],
    ['张伟其实是影响着不是决策人', SH, 'update_contact', { contact: '张伟', role: 'influencer' }],
    ['王芳手上个商机有几多', SH, 'pipeline_summary', { rep: '王芳' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('asks past or ahead for a bare weekday with 克 (去) and no tense', () => {
    expect(parse('礼拜一 克仁和找陈经理 谈下年底备货', SH).confidence).toBeLessThan(0.6);
  });
});

describe('leftovers read in general form: a month and day said with a past verb, the field first then the deal, a legal form after a suffix', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    ['had a meeting with Dr. Li on Jan 5', NY, 'log_interaction', { contact: 'Dr. Li', when: '2026-01-05T09:00:00-05:00' }],
    ['met Sarah Chen on the 5th of January', NY, 'log_interaction', { contact: 'Sarah Chen', when: '2026-01-05T09:00:00-05:00' }],
    ['visited Sarah Chen jan 5th, follow up on Feb 2', NY, 'log_interaction', { when: '2026-01-05T09:00:00-05:00', due: '2027-02-02T09:00:00-05:00' }],
    ['met sarah, she wants a demo on Jan 5', NY, 'log_interaction', { due: '2027-01-05T09:00:00-05:00' }],
    ['close date Jun 30 for the Acme deal', NY, 'update_opportunity', { opportunity: 'Acme', due: '2027-06-30T09:00:00-04:00' }],
    ['amount 50k on the initech pilot', NY, 'update_opportunity', { opportunity: 'initech pilot', amount: 50000 }],
    ['new account Pacific Trading Pty', NY, 'create_account', { account: 'Pacific Trading Pty' }],
    ['met Tom at Acme Holdings Inc yesterday', NY, 'log_interaction', { contact: 'Tom', account: 'Acme Holdings Inc' }],
  ] as Array<[string, typeof NY, IntentName, Entities]>)('%s', readsAs);
});

describe('twentieth round (after91–after93): Liaoning, Hakka, Cantonese, Xiang and code-mixed Fujian Chinese; Scots, Franco-Tunisian, dictated Nebraskan, Ecuadorian, Tasmanian and Cebuano English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    ['remind me to call Bill monday at ten about the contract', NY, 'schedule_followup', { contact: 'Bill', due: '2026-11-30T10:00:00-05:00' }],
    ['set a meeting with Tom and Sarah at Acme next wednesday at two in the afternoon', NY, 'schedule_followup', { due: '2026-12-02T14:00:00-05:00' }],
    ['tomorrow at 10h remind me to call Bill for the contract svp', NY, 'schedule_followup', { contact: 'Bill', due: '2026-11-26T10:00:00-05:00' }],
    ['push the umbrella task to thursday the third', NY, 'snooze_task', { taskRef: 'umbrella', due: '2026-12-03T09:00:00-05:00' }],
    ['new contact svp: Karim Haddad, he is the IT director at Globex', NY, 'create_contact', { contact: 'Karim Haddad', account: 'Globex', title: 'IT director' }],
    ['add Dana Whitfield at Globex phone 402 555 0177 she\'s the procurement manager', NY, 'create_contact', { contact: 'Dana Whitfield', title: 'procurement manager', phone: '402 555 0177' }],
    ['note for Wei Ling: she prefers that we call her after 3pm her time', NY, 'log_interaction', { interactionType: 'note', summary: 'she prefers that we call her after 3pm her time' }],
    ['the day 2 I made a visit to Peter in Initech for review the reports', NY, 'log_interaction', { contact: 'Peter', account: 'Initech', interactionType: 'visit', when: '2026-11-02T09:00:00-05:00' }],
    ['please pass the task of Maria to the next week', NY, 'snooze_task', { taskRef: 'Maria', due: '2026-11-30T09:00:00-05:00' }],
    ['the task of Hans, put it one day later svp', NY, 'snooze_task', { taskRef: 'Hans', shift: 'P1D' }],
    ['push the Initech quote task back to days', NY, 'snooze_task', { taskRef: 'Initech quote', shift: 'P2D' }],
    ['Tom Baker\'s birthday is the 3rd o March', NY, 'update_contact', { contact: 'Tom Baker', birthday: '03-03' }],
    ['had brekkie with Peter from Initech on monday', NY, 'log_interaction', { interactionType: 'meeting', when: '2026-11-23T09:00:00-05:00' }],
    ['yesterday I had rdv with Wei Ling at Soylent for the expansion', NY, 'log_interaction', { contact: 'Wei Ling', interactionType: 'meeting' }],
    ['new contact - Jarrah Whitfield, ops manager over at Tidewater Marine', NY, 'create_contact', { contact: 'Jarrah Whitfield', account: 'Tidewater Marine', title: 'ops manager' }],
    ['kindly don\'t send greetings anymore to Hans Mueller po, he\'d rather not', NY, 'opt_out', { contact: 'Hans Mueller' }],
    ['remind me bukas to send Bill the signed NDA', NY, 'schedule_followup', { contact: 'Bill', due: '2026-11-26T09:00:00-05:00' }],
    ['今天下午两点拜访了张主任 聊了进药流程', SH, 'log_interaction', { contact: '张主任', when: '2026-11-25T14:00:00+08:00' }],
    ['提醒 周四上午 给仁和陈经理送促销方案 急', SH, 'schedule_followup', { contact: '陈经理', priority: 'urgent' }],
    ['帮我add一个contact，协和医院药剂科的副主任林秀英，她是我们的KOL，算influencer吧', SH, 'create_contact', { contact: '林秀英', account: '协和医院', title: '药剂科副主任', role: 'influencer' }],
    ['嗯那个市一院个赵敏 佢其实係影响着', SH, 'update_contact', { contact: '赵敏', account: '市一院', role: 'influencer' }],
    ['下礼拜三下昼两点约咗李主任同张主任开会 到时提我', SH, 'schedule_followup', { contact: '李主任', others: ['张主任'], due: '2026-12-02T14:00:00+08:00' }],
    ['王医生那边打了个电话 聊新药', SH, 'log_interaction', { contact: '王医生', interactionType: 'call' }],
    ['哎 还是改返普通啦', SH, 'update_task', { priority: 'normal' }],
    ['今晡日朝晨去仁和药房见了陈经理 讲促销方案', SH, 'log_interaction', { contact: '陈经理', when: '2026-11-25T09:00:00+08:00' }],
    ['帮我add个contact 协和的王强', SH, 'create_contact', { contact: '王强', account: '协和' }],
    ['协和回访那个task priority改成high', SH, 'update_task', { taskRef: '协和回访', priority: 'high' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('reads 唔知喎 as not knowing, never as an account', () => {
    expect(parse('唔知喎', SH).entities.account).toBeUndefined();
  });
});

describe('twenty-first round (after94–after96): Xiang, Minnan, Guizhou, Yunnan, Gan and code-mixed Shenzhen Chinese; Californian, Chilean, dictated Washington, Brazilian, Northern Irish and Nigerian English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    ['Please register a new contact, Bill Lumbergh of Initech, his phone is +44 20 7946 0958', NY, 'create_contact', { contact: 'Bill Lumbergh', account: 'Initech' }],
    ['no xmas or bday msgs for wei ling, she said its kinda weird lol. surveys r ok tho', NY, 'opt_out', { contact: 'wei ling' }],
    ['lemme push the initech quote task 2 more days', NY, 'snooze_task', { taskRef: 'initech quote', shift: 'P2D' }],
    ['I need that you postpone the task of the Soylent contract one week more', NY, 'snooze_task', { taskRef: 'Soylent contract', shift: 'P7D' }],
    ['the task of the site plan for Wei Ling, I need to anticipate it to monday please', NY, 'snooze_task', { taskRef: 'site plan', due: '2026-11-30T09:00:00-05:00' }],
    ['quick note on tom baker - he\'d rather do email than calls', NY, 'log_interaction', { contact: 'tom baker', interactionType: 'note' }],
    ['actually not that important, make it normal', NY, 'update_task', { priority: 'normal' }],
    ['add new contact doctor megan rhodes over at umbrella health comma she is head of procurement', NY, 'create_contact', { account: 'umbrella health', title: 'head of procurement' }],
    ['add contact Luiza Fernandes from Globex, she works like procurement manager there', NY, 'create_contact', { contact: 'Luiza Fernandes', title: 'procurement manager' }],
    ['stick a new contact in for us, wee Ciaran Doherty, finance director over at Initech. he\'s the one signs off on the money so he is', NY, 'create_contact', { contact: 'Ciaran Doherty', account: 'Initech', title: 'finance director', role: 'decision_maker' }],
    ['Tom at Acme\'s complaining the SSO config keeps falling over, it\'s pretty urgent so it is', NY, 'log_complaint', { summary: 'the SSO config keeps falling over', priority: 'urgent' }],
    ['刘医生港他冇想再收节日祝福哩', SH, 'opt_out', { contact: '刘医生' }],
    ['仁和促销那个 follow up delay 三天', SH, 'snooze_task', { taskRef: '仁和促销', shift: 'P3D' }],
    ['彼个再往后推一个礼拜喔', SH, 'snooze_task', { shift: 'P7D' }],
    ['协和医院药剂科新来一个副主任叫郑雨桐啦，帮我加落去联系人喔', SH, 'create_contact', { contact: '郑雨桐', account: '协和医院', title: '药剂科副主任' }],
    ['下周二下午 remind 我跟李主任还有张主任开个 meeting，过一下设备采购', SH, 'schedule_followup', { contact: '李主任', others: ['张主任'], due: '2026-12-01T15:00:00+08:00' }],
    ['帮我记一下 刘医生讲他们科室下个月要搞个学术会 嗯 提醒我礼拜五给他打个电话问一哈', SH, 'log_interaction', { contact: '刘医生', interactionType: 'note', due: '2026-11-27T09:00:00+08:00' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('keeps no follow-up in what a customer will do in a while with no day said, but keeps one with a day, or ours', () => {
    const dictated = parse('had a meeting with tom baker at acme last thursday about the sso rollout he is going to send us the test accounts next week', NY);
    expect(dictated.entities).toMatchObject({ when: '2026-11-19T09:00:00-05:00' });
    expect(dictated.entities.due).toBeUndefined();
    expect(dictated.entities.summary).toMatch(/^the sso rollout, he is going to send me the test accounts$/);
    expect(parse("call w hans yesterday he'll get back to us next month on budget", NY).entities.due).toBeUndefined();
    expect(parse('met Wei Ling yesterday, she will send the site list next week', NY).entities.due).toBeUndefined();
    expect(parse('visited Wei Ling yesterday, she will send the site list by friday', NY).entities.due).toBe('2026-11-27T09:00:00-05:00');
    expect(parse('called tom, he said they need the quote next week', NY).entities.due).toBe('2026-11-30T09:00:00-05:00');
  });

  it('takes a time said later in the sentence as the day\'s: the meeting tomorrow … at 2 pm', () => {
    expect(parse('remind me of the meeting tomorrow with Tom and Sarah of Acme at 2 pm', NY).entities.due).toBe('2026-11-26T14:00:00-05:00');
    const met = parse('met Tom yesterday with Sarah at 3pm', NY).entities;
    expect(met.when).toBe('2026-11-24T15:00:00-05:00');
    expect(met.due).toBeUndefined();
  });

  it('reads 随便啦, said to a question, as no answer', () => {
    expect(parse('随便啦', SH).intent).toBe('unknown');
  });
});

describe('twenty-third round (after100–after102): Jin, Cantonese-mixed, Wu, Hebei, Northeast and code-mixed Malaysian Chinese; Scots, Portuguese-born, dictated Tennessean, Peruvian, Swindon and Bangladeshi English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    // (Written in our own words, of the kinds the round showed.)
    ['remind me to ring Tom at Acme friday about the extra seats, not urgent mind', NY, 'schedule_followup', { contact: 'Tom', priority: 'low', summary: 'the extra seats' }],
    ['remind me to chase Peter friday, top priority', NY, 'schedule_followup', { contact: 'Peter', priority: 'urgent', summary: 'chase Peter' }],
    ['提醒我周五给王丽送资料，慢慢来', SH, 'schedule_followup', { contact: '王丽', priority: 'low', summary: '送资料' }],
    ['提醒我周五给王丽送资料 十万火急', SH, 'schedule_followup', { contact: '王丽', priority: 'urgent', summary: '送资料' }],
    ['new task - send Bill the NDA by friday', NY, 'schedule_followup', { contact: 'Bill', summary: 'send Bill the NDA' }],
    ['add Ana Costa at Umbrella, she works as a buyer there', NY, 'create_contact', { contact: 'Ana Costa', account: 'Umbrella', title: 'buyer' }],
    ['add Joe Root at Hooli - he is in charge of procurement', NY, 'create_contact', { contact: 'Joe Root', account: 'Hooli', title: 'in charge of procurement' }],
    ['Hiya can ye add Morag Reid fae Globex', NY, 'create_contact', { contact: 'Morag Reid', account: 'Globex' }],
    ['add Morag Duncan as a contact', NY, 'create_contact', { contact: 'Morag Duncan' }],
    ['Kindly add Fatima Rahman at Acme as contact, designation is Head of Procurement', NY, 'create_contact', { contact: 'Fatima Rahman', title: 'Head of Procurement' }],
    ['新增联系人 人民医院心内科的孙建国主任', SH, 'create_contact', { contact: '孙建国', account: '人民医院', title: '心内科主任' }],
    ['加个联系人 市一院检验科个欧阳明辉主任 生日八三年五月十二号', SH, 'create_contact', { contact: '欧阳明辉', title: '检验科主任', birthday: '1983-05-12' }],
    ['加个联系人 于海波 管采购那块的 手机号15604671234', SH, 'create_contact', { contact: '于海波', title: '采购', phone: '15604671234' }],
    ['明天三点提醒我给王丽打电话', SH, 'schedule_followup', { contact: '王丽', due: '2026-11-26T15:00:00+08:00' }],
    ['周五两点半跟王主任开会', SH, 'schedule_followup', { contact: '王主任', due: '2026-11-27T14:30:00+08:00' }],
    ['bill lumbergh has a new email it is bill dot lumbergh at initech dot example', NY, 'update_contact', { contact: 'bill lumbergh', email: 'bill.lumbergh@initech.example' }],
    ['that SSO proposal one has gone proper urgent now, bump it up for us', NY, 'update_task', { taskRef: 'SSO proposal', priority: 'urgent' }],
    ['which of our accounts are looking a bit shaky this week?', NY, 'list_at_risk', { period: 'this_week' }],
    ['sent the revised quote off, tick that task off would you', NY, 'complete_task', { taskRef: 'revised quote' }],
    ['no wait, the proposal is for the Monday, not the Friday', NY, 'correct_last', { due: '2026-11-30T09:00:00-05:00' }],
    ['sorry ma mistake, that wis Tuesday no Monday', NY, 'correct_last', { when: '2026-11-24T09:00:00-05:00' }],
    ['华山王丽话以后唔使再发满意度调查俾佢', SH, 'opt_out', { contact: '王丽' }],
    ['王芳手头那些单子咋样了', SH, 'pipeline_summary', { rep: '王芳' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('keeps no follow-up in what they said they will do in a while, in Chinese and English, nor in a period far off', () => {
    expect(parse('礼拜一给赵敏通了个电话 采购单的事情 她讲下个礼拜好批下来', SH).entities.due).toBeUndefined();
    expect(parse('前天上午去协和找王主任了 他说续约的事下礼拜科里开会再定', SH).entities.due).toBeUndefined();
    expect(parse("met with bill lumbergh on the 20th and went over the contract, he's gonna get back to us next week", NY).entities.due).toBeUndefined();
    expect(parse('took wei ling out to lunch last friday, she wants to add a third site next year', NY).entities.due).toBeUndefined();
    // (What they want of us stays ours.)
    expect(parse('拜访了王主任，他说下周要样品', SH).entities.due).toBe('2026-11-30T09:00:00+08:00');
  });

  it('reads how long something lasted as no time, and 后一点 as a little later', () => {
    const visit = parse('Tuesday went roond tae Acme, sat doon wi Tom for an hour, he wants the SSO test plan by Thursday', NY).entities;
    expect(visit).toMatchObject({ interactionType: 'visit', when: '2026-11-24T09:00:00-05:00', due: '2026-11-26T09:00:00-05:00' });
    expect(parse('送样品那个任务往后推一点', SH).entities.due).toBeUndefined();
  });

  it('reads the English kind said after 不是 and 是 in a correction', () => {
    expect(parse('eh sorry，不是 call leh，是 meeting 来的', SH).entities).toMatchObject({ interactionType: 'meeting' });
  });

  it('reads an aside of priority in its own words, and cuts it from the title', () => {
    expect(priorityTail('remind me to send Bill the NDA friday, it is kinda urgent tbh')).toMatchObject({ priority: 'urgent' });
    expect(priorityTail('remind me tae call Maria the morra , nae rush')).toMatchObject({ priority: 'low' });
    expect(priorityTail('remind me to call Maria about the urgent backlog')).toBeUndefined();
  });
});

describe('twenty-fourth round (after103–after105): Wu, Jianghuai, Hui, Jin, Taiwanese and Aussie-mixed Chinese; Irish, Polish-born, dictated Ohioan, Indonesian-born, Jamaican and Belizean English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    // (Written in our own words, of the kinds the round showed.)
    ['Hans get a promotion, him a di CTO now', NY, 'update_contact', { contact: 'Hans', title: 'CTO' }],
    ['add a contact name Kemar Ellis, him a sales ops analyst', NY, 'create_contact', { contact: 'Kemar Ellis', title: 'sales ops analyst' }],
    ['had a call wid Peter at Initech yestideh bout di report timeouts', NY, 'log_interaction', { contact: 'Peter', interactionType: 'call', when: '2026-11-24T09:00:00-05:00' }],
    ['no wait, da a meeting we had, noh call', NY, 'correct_last', { interactionType: 'meeting' }],
    ['Sarah told me Tom Baker does not want surveys anymore', NY, 'opt_out', { contact: 'Tom Baker' }],
    ['pls add new contact Pak Budi Santoso, finance manager at Soylent, hp 0812 6543 2109', NY, 'create_contact', { contact: 'Budi Santoso', phone: '0812 6543 2109' }],
    ['mark the sso proposal one high priority would ya', NY, 'update_task', { taskRef: 'sso proposal', priority: 'high' }],
    ['bill lumberghs new email is bill.lumbergh@initech.example and his birthdays march third', NY, 'update_contact', { contact: 'bill lumbergh', birthday: '03-03' }],
    ['18號有跟人民醫院劉醫師吃過飯', SH, 'log_interaction', { contact: '劉醫師', when: '2026-11-18T09:00:00+08:00' }],
    ['幫我把趙敏的角色改成影響者', SH, 'update_contact', { contact: '趙敏', role: 'influencer' }],
    ['昨个克市一院拜访了张主任 港进药流程的事', SH, 'log_interaction', { contact: '张主任', when: '2026-11-24T09:00:00+08:00', summary: '进药流程的事' }],
    ['李主任 samples 那个 task push 到 next Monday arvo', SH, 'snooze_task', { taskRef: '李主任 samples', due: '2026-11-30T15:00:00+08:00' }],
    ['上个 Friday 去了仁和 see 陈经理, 他说 next week 会 place 一个 big order', SH, 'log_interaction', { contact: '陈经理', when: '2026-11-20T09:00:00+08:00' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('reads an hour said roughly, or a few words after its day, as that day\'s', () => {
    expect(parse('remind me to call Tom tomorrow about ten', NY).entities.due).toBe('2026-11-26T10:00:00-05:00');
    expect(parse('remind me to call Tom on Friday after lunch, like 2 pm', NY).entities.due).toBe('2026-11-27T14:00:00-05:00');
    expect(parse('met Tom yesterday, he wants a call at 3pm tomorrow', NY).entities).toMatchObject({ when: '2026-11-24T09:00:00-05:00', due: '2026-11-26T15:00:00-05:00' });
  });

  it('keeps no follow-up of what they said they will do by the end of the month, and the one asked for', () => {
    expect(parse('跟仁和陈经理微信聊了哈 他港货款月底前打过来 叫我礼拜四再催下', SH).entities.due).toBe('2026-11-26T09:00:00+08:00');
  });
});

describe('twenty-fifth round (after106–after108): Hebei, Henan, Sichuan, Malaysian-mixed and Uyghur-written Chinese; West Texan, Romanian-born, dictated Georgian, Zimbabwean, Scranton and Vietnamese-born English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    // (Written in our own words, of the kinds the round showed.)
    ['remind me monday 9am to set up a call with tom n sarah at acme', NY, 'schedule_followup', { contact: 'tom', others: ['sarah'] }],
    ['Kindly to move the Globex deal in negotiation stage.', NY, 'update_opportunity', { opportunity: 'Globex', stage: 'negotiation' }],
    ["umbrella pilot's lookin like 20k now", NY, 'update_opportunity', { opportunity: 'umbrella pilot', amount: 20000 }],
    ['the renewal task is not so urgent anymore, set it back to normal priority', NY, 'update_task', { priority: 'normal' }],
    ['ok so the Hans task, move for Monday morning pls', NY, 'snooze_task', { due: '2026-11-30T09:00:00-05:00' }],
    ['so add Tran Minh for Globex, he procurement lead', NY, 'create_contact', { contact: 'Tran Minh', account: 'Globex' }],
    ['new contact at Umbrella Rudo Chikwanha she works as lab manager', NY, 'create_contact', { contact: 'Rudo Chikwanha', account: 'Umbrella' }],
    ['Bill Lumbergh told me already, Peter not want the holiday cards no more', NY, 'opt_out', { contact: 'Peter' }],
    ['Hans Müller birthday is April the ninth', NY, 'update_contact', { birthday: '04-09' }],
    ['visited Initech and saw Peter, he wants the revised SOW by Wednesday', NY, 'log_interaction', { contact: 'Peter', due: '2026-12-02T09:00:00-05:00' }],
    ['华山刘医生说问卷白再发给他了', SH, 'opt_out', { contact: '刘医生' }],
    ['人民医院检验科又来了个主任 叫钱立新 他说了算 给俺加上', SH, 'create_contact', { contact: '钱立新', account: '人民医院', title: '检验科主任', role: 'decision_maker' }],
    ['赵敏的报价单那个 优先级调低点', SH, 'update_task', { taskRef: '赵敏的报价单', priority: 'low' }],
    ['上个月十五号 跟仁和陈经理吃了顿饭 摆了一哈年底促销', SH, 'log_interaction', { contact: '陈经理', when: '2026-10-15T09:00:00+08:00', summary: '年底促销' }],
    ['提醒我俩礼拜以后回访协和王主任 中不中', SH, 'schedule_followup', { contact: '王主任', due: '2026-12-09T09:00:00+08:00' }],
    ['新的联系人：华山医院放射科主任，艾尼瓦尔·买买提', SH, 'create_contact', { contact: '艾尼瓦尔·买买提', account: '华山医院', title: '放射科主任' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('reads a rough hour after a day, a spelled time, and the day a task is moved to over one ruled out', () => {
    expect(parse('remind me to call Maria tomorrow after lunch, like 2', NY).entities.due).toBe('2026-11-26T14:00:00-05:00');
    expect(parse('called Peter yesterday around 3, he needs the invoice by friday', NY).entities.when).toBe('2026-11-24T15:00:00-05:00');
    expect(parse('met Maria last Friday round about eleven thirty and went over the backlog', NY).entities.when).toBe('2026-11-20T11:30:00-05:00');
    expect(parse('给李主任送样品的任务，明天不行，后天下午三点改一下吧', SH).entities.due).toBe('2026-11-27T15:00:00+08:00');
  });

  it('keeps a code-mixed note\'s English words, and a deal signing ahead is no win', () => {
    expect(parse('今天 arvo 跟刘医生开了个 quick meeting, 聊新药 pricing', SH).entities.summary).toBe('新药 pricing');
    expect(parse('协和续约那单 月底能签下来', SH).entities.stage).toBeUndefined();
    expect(parse('协和续约签下来了', SH).entities.stage).toBe('closed_won');
  });
});

describe('twenty-seventh round (after112–after114): Hebei, Gansu, Guangxi, Anhui and Ningxia Chinese; Texan, Korean-born, dictated Minnesotan and Moroccan-born, Oregon and Mozambican-born English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    // (Written in our own words, of the kinds the round showed.)
    ['新建联系人 市一院检验科的，刘海波主任', SH, 'create_contact', { contact: '刘海波', account: '市一院', title: '检验科主任' }],
    ['加个联系人，上海和平眼科医院的周主任，全名周建华', SH, 'create_contact', { contact: '周建华', title: '主任' }],
    ['加个人 仁和大药房的韦小红 收银主管 哦说错了 是采购主管', SH, 'create_contact', { contact: '韦小红', title: '采购主管' }],
    ['new contact at initech the new head of procurement jane roe', NY, 'create_contact', { contact: 'jane roe', title: 'head of procurement' }],
    ['tom baker got promoted to VP of sales', NY, 'update_contact', { title: 'VP of sales' }],
    ['peter gibbons told me that bill wants no more holiday cards from us', NY, 'opt_out', { contact: 'bill' }],
    ['王主任讲的。张主任么空填问卷，以后别给张主任发了', SH, 'opt_out', { contact: '张主任' }],
    ['Maria she not want the greetings anymore', NY, 'opt_out', { contact: 'Maria' }],
    ['ope actually it wasnt a call, we met in person', NY, 'correct_last', { interactionType: 'meeting' }],
    ['alors the task of hans for the whitepaper, push it one week more', NY, 'snooze_task', { taskRef: 'hans for the whitepaper', shift: 'P7D' }],
    ['李主任那个样品的活 往后推三天', SH, 'snooze_task', { taskRef: '李主任', shift: 'P3D' }],
    ['提醒我后个给王丽打电话', SH, 'schedule_followup', { contact: '王丽', due: '2026-11-27T09:00:00+08:00' }],
    ['提醒我礼拜三 哦不对不对 礼拜四咯 给赵敏送资料', SH, 'schedule_followup', { due: '2026-11-26T09:00:00+08:00' }],
    ['王芳pipeline看一下', SH, 'pipeline_summary', { rep: '王芳' }],
    ['the deal of globex put it at 80K', NY, 'update_opportunity', { opportunity: 'globex', amount: 80000 }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('reads French and Portuguese days and hours, and spaced p m', () => {
    expect(parse('move the globex task to le 4 december 15h', NY).entities.due).toBe('2026-12-04T15:00:00-05:00');
    expect(parse('called Peter yesterday 16h about the invoice', NY).entities.when).toBe('2026-11-24T16:00:00-05:00');
    expect(parse('remind me amanhã at 10h to call Hans', NY).entities.due).toBe('2026-11-26T10:00:00-05:00');
    expect(parse('push the SSO task to friday three p m', NY).entities.due).toBe('2026-11-27T15:00:00-05:00');
  });
});

describe('twenty-eighth round (after115–after117): Shaanxi, Guangxi, Sichuan and Hubei Chinese; Upper-Midwest, Angolan-born, Georgian, Bulgarian-born, dictated Virginian and Uzbek-born English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    // (Written in our own words, of the kinds the round showed.)
    ['met tom n sarah at acme tues aft about the rollout', NY, 'log_interaction', { contact: 'tom', account: 'acme', when: '2026-11-24T15:00:00-05:00' }],
    ['remind me to touch base with Bill on monday', NY, 'schedule_followup', { contact: 'Bill', due: '2026-11-30T09:00:00-05:00' }],
    ['please pass the task of Hans two days more', NY, 'snooze_task', { taskRef: 'Hans', shift: 'P2D' }],
    ["ok i'm done with the pricing deck one", NY, 'complete_task', { taskRef: 'pricing deck' }],
    ['and make the renewal reminder friday at 3', NY, 'snooze_task', { taskRef: 'renewal', due: '2026-11-27T15:00:00-05:00' }],
    ['no, put it back to normal', NY, 'update_task', { priority: 'normal' }],
    ['add a contact, dana okafor, procurement lead', NY, 'create_contact', { contact: 'dana okafor' }],
    ['new contact in Globex: Eng. Rui Tavares, works like network manager', NY, 'create_contact', { contact: 'Eng. Rui Tavares', account: 'Globex' }],
    ['the soylent expansion moves to negotiation and the signature will be the 20 of january', NY, 'update_opportunity', { stage: 'negotiation', due: '2027-01-20T09:00:00-05:00' }],
    ['umbrella pilot went well today, now at proposal', NY, 'update_opportunity', { stage: 'proposal' }],
    ['将将跟仁和陈经理打了个电话 对了下账', SH, 'log_interaction', { contact: '陈经理', account: '仁和', interactionType: 'call' }],
    ['帮我设个提醒哈，礼拜四下午给王丽送资料，不急的，慢慢来', SH, 'schedule_followup', { contact: '王丽', priority: 'low', due: '2026-11-26T15:00:00+08:00' }],
    ['再提醒我礼拜五去协和看王主任', SH, 'schedule_followup', { contact: '王主任', account: '协和', due: '2026-11-27T09:00:00+08:00' }],
    ['今天上午9点 电话华山医院王丽 问试用情况', SH, 'log_interaction', { contact: '王丽', account: '华山医院', when: '2026-11-25T09:00:00+08:00' }],
    ['新增联系人 人民医院检验科主任何立新给加上', SH, 'create_contact', { contact: '何立新', title: '检验科主任' }],
    ['加个联系人 仁和的钱小梅 她是店长，哦说错了，上周刚升的区域经理', SH, 'create_contact', { contact: '钱小梅', title: '区域经理' }],
    ['华山王丽那个任务往后推两天，哦不是两天，推五天', SH, 'snooze_task', { shift: 'P5D' }],
    ['在华山开个新商机，就叫胰岛素泵试用，金额还没定', SH, 'create_opportunity', { account: '华山', title: '胰岛素泵试用' }],
    ['她手机13900001111', SH, 'update_contact', { phone: '13900001111' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('reads Hubei and Guangxi 伢 said of a person as 他, not 伢们 or 伢子', () => {
    expect(normaliseText('对就是伢 用原来那个')).toContain('就是他');
    expect(normaliseText('伢在华山 是设备科科长')).toMatch(/^他在华山/);
    expect(normaliseText('伢们放学了')).toContain('伢们');
  });

  it('keeps a taken-back day, a past hour of today and a close date out of the wrong fields', () => {
    expect(parse('帮我记一下，前天上午，哦不对，是昨天上午，去华山见了王丽', SH).entities.when).toBe('2026-11-24T09:00:00+08:00');
    expect(parse('协和那单今天谈得不错，金额改成六十万', SH).entities.due).toBeUndefined();
    expect(parse('oh n they bumped it to 40k', NY).entities.opportunity).toBeUndefined();
  });
});

describe('twenty-ninth round (after118–after120): Hubei, Sichuan and Yunnan Chinese; Gulf Coast, Serbian-born, dictated Pennsylvanian, Croatian-born, Ohioan and Indonesian-born English', () => {
  const NY = { now: NOW, tz: 'America/New_York' };
  it.each([
    // (Written in our own words, of the kinds the round showed.)
    ['Perdón, the visit was not today, it was yesterday at 15h', NY, 'correct_last', { when: '2026-11-24T15:00:00-05:00' }],
    ['Tom Baker got promotion, he is now on position of Head of IT', NY, 'update_contact', { contact: 'Tom Baker', title: 'Head of IT' }],
    ["hmm it isn't that urgent, make it low", NY, 'update_task', { priority: 'low' }],
    ['nah never mind put it back to high', NY, 'update_task', { priority: 'high' }],
    ['move the reminder for Monday', NY, 'snooze_task', { due: '2026-11-30T09:00:00-05:00' }],
    ['and for Maria at Globex the same, no surveys for her', NY, 'opt_out', { contact: 'Maria' }],
    ['heard from tom at acme that sarah doesnt want the surveys anymore', NY, 'opt_out', { contact: 'sarah' }],
    ['quick call with Maria at Globex follow up next week on the support backlog', NY, 'log_interaction', { contact: 'Maria', summary: 'the support backlog' }],
    ['加个联系人 王建 仁和药房滴店长', SH, 'create_contact', { contact: '王建', title: '店长' }],
    ['在华山开个新商机哈，叫血糖仪升级，是王丽介绍的', SH, 'create_opportunity', { account: '华山', title: '血糖仪升级' }],
    ['加个联系人 人民医院药剂科周永刚 他管采购', SH, 'create_contact', { contact: '周永刚' }],
    ['补录一下，21号——不对，是22号——下午跟华山的王丽开了个会', SH, 'log_interaction', { when: '2026-11-22T15:00:00+08:00' }],
    ['加个联系人，仁和的店长，叫陈明——陈明辉，对', SH, 'create_contact', { contact: '陈明辉' }],
    ['王丽那个任务挪到下礼拜三——哦不对，还是下礼拜四吧', SH, 'snooze_task', { due: '2026-12-03T09:00:00+08:00' }],
    ['去华山拜访了王丽，聊了新的那批试纸——不是试纸，是试剂，说错了——她挺满意', SH, 'log_interaction', { contact: '王丽' }],
  ] as Array<[string, typeof SH, IntentName, Entities]>)('%s', readsAs);

  it('keeps the first clause that says what was done for them in the note, and reads 电联 as a call', () => {
    expect(parse('拜访了华山王丽，给她演示了新的血糖仪，她说不错', SH).entities.summary).toMatch(/^给她演示了新的血糖仪/);
    expect(parse('去华山拜访了王丽，聊了新的那批试纸——不是试纸，是试剂，说错了——她挺满意', SH).entities.summary).toMatch(/试剂/);
    expect(normaliseText('电联了陈经理')).toContain('电话联系');
  });
});
