// help, undo, unknown, correct_last.
import { entityWord, fieldWord, listWords, typeWord } from '../words.ts';
import { L, type Handler } from './context.ts';
import type { Entities } from '../parser/index.ts';
import { typeOnlyAnswer } from '../answers.ts';
import { applyEdit, askWhatToChange, editableOf, timeOnlySaid } from './edit.ts';
import { firstNameMentioned } from './resolve.ts';
import type { HandlerContext } from './context.ts';

const HELP_EN = [
  'log visit with Dr. Li, she wants samples next Tuesday',
  'called Acme about the renewal · met Tom and Sarah at Acme yesterday',
  'no wait, it was a meeting (corrects your last record)',
  'remind me to call Maria tomorrow 3pm',
  'my tasks · what is overdue · done with the samples task',
  'tell me about Acme · decision makers at Initech',
  'which accounts are at risk this week?',
  'pipeline this quarter · move Acme renewal to negotiation',
  'new opportunity Acme SSO add-on $25k',
  'add contact Li Wei at City No.1 Hospital, decision maker',
  "Maria's birthday is March 3 · Tom was made VP of sales · Peter is an influencer",
  "how is Alex's pipeline? · why is Globex at risk?",
  'Globex complained about late delivery, urgent',
  'send satisfaction survey to Sarah Chen',
  'my KPIs this month · segment customers by RFM',
  'undo · cancel',
];
const HELP_ZH = [
  '拜访了李医生，下周二送样品',
  '给协和医院王主任打了电话，谈价格',
  '不对，是李主任 · 刚才那条记错了，是昨天（更正上一条记录）',
  '明天下午三点提醒我给张主任打电话',
  '我的任务 · 逾期任务 · 完成任务 送样品',
  '市第一医院的情况 · 市第一医院的决策链',
  '本周哪些客户有流失风险',
  '本季度销售漏斗 · 把市第一医院的商机推进到谈判阶段',
  '新建商机 华山医院 新药试用 15万',
  '新增联系人 张伟 市第一医院 主任 决策者',
  '刘医生的生日是3月3日 · 张伟升职了，现在是副院长 · 赵敏是影响者',
  '王芳的销售漏斗 · 协和医院为什么有流失风险',
  '协和医院投诉送货慢，紧急',
  '给李医生发满意度调查',
  '本月我的KPI · 客户分级',
  '撤销 · 取消',
];

export const help: Handler = async (ctx) => {
  if (ctx.actor.kind === 'contact') {
    return {
      replies: [
        {
          kind: 'help',
          text: L(
            ctx.lang,
            'I collect your feedback for the team. Answer a survey with a number (for example "4" or "9 - great support"), or say "unsubscribe" to stop surveys and greetings.',
            '我负责收集你对团队的反馈。回答调查时直接回复分数（例如“4”或“4 分，送货慢了”），或回复“退订”停止调查问卷和节日祝福。',
          ),
        },
      ],
    };
  }
  const examples = ctx.lang === 'zh' ? HELP_ZH : HELP_EN;
  return {
    replies: [
      {
        kind: 'help',
        text: L(ctx.lang, 'Here is what you can say — in English or Chinese:', '你可以这样说（中文或英文都可以）：'),
        sections: [{ title: L(ctx.lang, 'Examples', '示例'), lines: examples }],
      },
    ],
  };
};

export const undo: Handler = async (ctx) => {
  const u = await ctx.services.undo.undoLast(ctx.actor);
  const what = entityWord(u.entityType, ctx.lang);
  // An interaction without a note is labelled by its type: say it in words.
  if (u.entityType === 'Interaction' && /^(?:visit|call|meeting|email|message|note)$/.test(u.label)) u.label = typeWord(u.label, ctx.lang);
  let text: string;
  if (u.effect === 'deleted') {
    const tasks = u.also.filter((a) => a.entityType === 'Task').length;
    const tickets = u.also.filter((a) => a.entityType === 'Ticket').length;
    const en = [tasks ? (tasks === 1 ? 'follow-up' : `${tasks} follow-ups`) : '', tickets ? (tickets === 1 ? 'complaint' : `${tickets} complaints`) : ''].filter(Boolean).join(' and the ');
    const zh = [tasks ? `${tasks}个跟进任务` : '', tickets ? `${tickets}张投诉单` : ''].filter(Boolean).join('和');
    const also = u.also.length ? L(ctx.lang, ` and the ${en} created with it`, `以及随之创建的${zh}`) : '';
    text = L(ctx.lang, `Undone: removed the ${what} "${u.label}"${also}.`, `已撤销：已删除${what}“${u.label}”${also}。`);
  } else {
    const fields = [...new Set(u.fields.map((f) => fieldWord(f, ctx.lang)))];
    text = L(ctx.lang, `Undone: put back the ${listWords(fields, 'en')} of the ${what} "${u.label}".`, `已撤销：已恢复${what}“${u.label}”的${listWords(fields, 'zh')}。`);
  }
  return { wrote: true, replies: [{ kind: 'confirmation', text }] };
};

export const unknown: Handler = async (ctx, entities, resolved) => {
  if (ctx.actor.kind === 'contact') return help(ctx, entities, resolved);
  const suggestions = ctx.lang === 'zh'
    ? ['拜访了李医生，下周二送样品', '我的任务', '本周哪些客户有流失风险', '帮助']
    : ['log visit with Dr. Li, she wants samples next Tuesday', 'my tasks', 'which accounts are at risk this week?', 'help'];
  return {
    replies: [
      {
        kind: 'help',
        text: L(ctx.lang, "Sorry, I didn't get that. The closest things I can do:", '抱歉，我没有理解。你可以试试：'),
        sections: [{ title: L(ctx.lang, 'Try', '试试'), lines: suggestions }],
        actions: [suggestions.map((s) => ({ label: s, value: `say:${s}` }))],
      },
    ],
  };
};

/**
 * "no wait, it was a meeting", "不对，是李主任", "刚才那条记错了，是昨天": changes the record the
 * user's last write made or changed; when the message does not say what is right, asks.
 */
export const correctLast: Handler = async (ctx, entities, resolved) => {
  let target = resolved.edit;
  if (!target) {
    const last = await ctx.services.undo.lastWrite(ctx.actor);
    const entity = last ? editableOf(last.entityType) : undefined;
    if (!last || !entity) {
      return { replies: [{ kind: 'info', text: L(ctx.lang, "There's nothing recent of yours to correct.", '你最近没有可以更正的记录。') }] };
    }
    target = { entity, id: last.entityId };
  }
  if (target.entity === 'interaction') entities = await correctionSaid(ctx, entities);
  const said = Object.keys(entities).some((k) => k !== 'others') || ((target.entity === 'task' || target.entity === 'interaction') && timeOnlySaid(ctx.text) !== undefined);
  if (!said && !resolved.contactId && !resolved.accountId) return askWhatToChange(ctx, target, 'correct_last');
  return applyEdit(ctx, target, entities, resolved);
};

/**
 * What a correction of a logged interaction says beyond the parser's reading: the person it names
 * ("actually it was bill, not peter" — the one said with "not" is the one replaced, never the
 * new one) and a kind of contact said alone ("其实是打电话").
 */
async function correctionSaid(ctx: HandlerContext, entities: Entities): Promise<Entities> {
  const negated = /\bnot\s+([A-Za-z][\w'-]*)|不是(\p{Script=Han}{2,4}?)(?=[，,。\s]|$)/iu.exec(ctx.text);
  const replaced = (negated?.[1] ?? negated?.[2] ?? '').toLowerCase();
  let e = entities;
  if (replaced && e.contact && e.contact.toLowerCase() === replaced && !e.account) e = { ...e, contact: undefined };
  if (!e.contact && !e.account && /\b(?:was|it's|its|with|meant)\b/i.test(ctx.text)) {
    const m = await firstNameMentioned(ctx, ctx.text, replaced ? [replaced] : []);
    if (m) e = { ...e, contact: m.name };
  }
  if (!e.interactionType) {
    const kind = typeOnlyAnswer(ctx.text);
    if (kind) e = { ...e, interactionType: kind as Entities['interactionType'] };
  }
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as Entities;
}

