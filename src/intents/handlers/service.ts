// log_complaint, send_survey, survey_response, opt_out, and the survey / greeting / edit buttons.
import { formatWhen } from '../format.ts';
import { priorityInText, priorityPart, priorityWord, withoutPriorityWords } from '../words.ts';
import { L, type EditableEntity, type Handler, type HandlerContext, type HandlerResult, type Pending } from './context.ts';
import { describeParty, personAtAccount, resolveParty } from './resolve.ts';
import { accountOverview } from './accounts.ts';
import { askWhatToChange } from './edit.ts';
import { sentence, written } from './reply.ts';
import { meaningful, wordsBesides } from './interactions.ts';

const EDITABLE: readonly EditableEntity[] = ['interaction', 'task', 'opportunity', 'contact', 'ticket', 'account'];

export const logComplaint: Handler = async (ctx, entities, resolved) => {
  // "协和王主任投诉…": the person who complained is kept with the account (the account narrows who).
  const need = entities.contact?.trim() ? 'any' : 'account';
  const who = await resolveParty(ctx, 'log_complaint', entities, resolved, need, { en: 'Which account is complaining?', zh: '是哪个客户投诉？' });
  if (!who.ok) return who.result;
  const accountId = who.party.accountId;
  if (!accountId) return { replies: [{ kind: 'error', text: L(ctx.lang, 'A complaint needs an account.', '投诉需要关联客户。') }] };
  let party = who.party;
  if (!party.contactId && !resolved.accountId) {
    // "Initech complaint - Bill says the CSV export broke": the one person of that account named.
    const person = await personAtAccount(ctx, ctx.text, accountId, entities.account ? entities.account.toLowerCase().split(/\s+/) : []);
    if (person) party = await describeParty(ctx, { contactId: person.id, accountId });
  }
  // No subject read: what the message says besides the names, rather than a bare "Complaint".
  const subject = withoutPriorityWords(entities.summary ?? '') || meaningful(withoutPriorityWords(wordsBesides(ctx.text, 'log', [entities.contact, entities.account, party.contactName, party.accountName], { now: ctx.now, tz: ctx.tz }))) || L(ctx.lang, 'Complaint', '投诉');
  const priority = entities.priority ?? priorityInText(ctx.text) ?? 'normal';
  const ticket = await ctx.services.tickets.openTicket(ctx.actor, {
    accountId,
    contactId: party.contactId ?? null,
    kind: 'complaint',
    priority,
    subject,
    description: ctx.text,
    ...(ctx.sourceMessageId ? { sourceMessageId: ctx.sourceMessageId } : {}),
  });
  const due = formatWhen(ticket.firstResponseDueAt, ctx.tz, ctx.lang, ctx.now);
  const head = L(ctx.lang, `Complaint logged for ${party.label}: "${ticket.subject}".`, `已登记${party.label}的投诉：“${ticket.subject}”。`);
  const text = sentence(ctx, head, [ctx.lang === 'zh' ? priorityPart(ticket.priority, 'zh') : ` Priority: ${priorityWord(ticket.priority, 'en')}.`, L(ctx.lang, ` First response due ${due}.`, `需在${due}前首次响应。`)]);
  return written(ctx, text, { entity: 'ticket', id: ticket.id });
};

/** "市一院所有联系人", "all contacts at Acme": everyone at an account, said with the account's name. */
const EVERYONE_AT = [/^(.+?)(?:的)?(?:所有|全部|每一?[个位]|各位)(?:的)?(?:联系人|人)$/u, /^(?:all|every|each)(?: of the| the)? (?:contacts?|people)(?: at| of| in)? (.+)$/i, /^(.+?)(?:'s)? (?:contacts|people)$/i];

export function everyoneAt(said: string | undefined): string | null {
  const t = said?.trim();
  if (!t) return null;
  for (const re of EVERYONE_AT) {
    const m = re.exec(t);
    if (m?.[1]?.trim()) return m[1].trim();
  }
  return null;
}

/** The same said anywhere in the message, when the parser read no name: "给市一院所有联系人发…". */
export function everyoneInText(text: string): string | null {
  const zh = /(?:^|给|向|对)([\p{Script=Han}A-Za-z0-9]{2,12}?)(?:的)?(?:所有|全部|每一?[个位]|各位)(?:的)?联系人/u.exec(text);
  if (zh?.[1]) return zh[1].replace(/^(?:给|向|对)/, '');
  const en = /\b(?:all|every|each)(?: of)?(?: the)? (?:contacts?|people) (?:at|of|in) ([A-Za-z][\w&.-]*(?: [A-Z][\w&.-]*)*)/i.exec(text);
  return en?.[1] ?? null;
}

export const sendSurvey: Handler = async (ctx, entities, resolved) => {
  const everyone = everyoneAt(entities.account) ?? everyoneAt(entities.contact) ?? (entities.account || entities.contact ? null : everyoneInText(ctx.text));
  if (everyone && !resolved.accountId) entities = { ...entities, account: everyone, contact: undefined };
  const who = await resolveParty(ctx, 'send_survey', entities, resolved, everyone ? 'account' : 'any', { en: 'Who should get the survey?', zh: '要给谁发调查？' });
  if (!who.ok) return who.result;
  const kind = entities.surveyKind ?? 'csat';
  let contactIds: string[];
  if (who.party.contactId) contactIds = [who.party.contactId];
  else {
    const o = await ctx.services.accounts.accountOverview(ctx.actor, who.party.accountId!);
    contactIds = Object.values(o.decisionChain).flat().map((c) => c.id);
    if (!contactIds.length) return { replies: [{ kind: 'error', text: L(ctx.lang, `${who.party.label} has no contacts to survey.`, `${who.party.label}没有可调查的联系人。`) }] };
    if (contactIds.length > 1 && !resolved.confirmed) {
      const pending: Pending = { type: 'confirm', intent: 'send_survey', entities, resolved: { ...resolved, accountId: who.party.accountId! }, lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId };
      return {
        replies: [
          {
            kind: 'question',
            text: L(ctx.lang, `Send a ${kind.toUpperCase()} survey to all ${contactIds.length} contacts at ${who.party.label}?`, `要给${who.party.label}的全部 ${contactIds.length} 位联系人发送 ${kind.toUpperCase()} 调查吗？`),
            actions: [[{ label: L(ctx.lang, 'Yes, send', '确认发送'), value: 'confirm:yes', style: 'primary' }, { label: L(ctx.lang, 'No', '不用了'), value: 'confirm:no' }]],
          },
        ],
        pending,
      };
    }
  }
  if (resolved.afterUnconfirmedOptOut && !resolved.confirmed) {
    // The opt-out just reported was not recorded (its question was left): never sent on that doubt.
    return {
      replies: [
        {
          kind: 'question',
          text: L(ctx.lang, `You just reported an opt-out that was not recorded. Send a ${kind.toUpperCase()} survey to ${who.party.label} anyway?`, `你刚才说有人退订，但还没有记录。仍然给${who.party.label}发送 ${kind.toUpperCase()} 调查吗？`),
          actions: [[{ label: L(ctx.lang, 'Yes, send', '确认发送'), value: 'confirm:yes', style: 'primary' }, { label: L(ctx.lang, 'No', '不用了'), value: 'confirm:no' }]],
        },
      ],
      pending: { type: 'confirm', intent: 'send_survey', entities, resolved: { ...resolved, ...(who.party.contactId ? { contactId: who.party.contactId } : {}), ...(who.party.accountId ? { accountId: who.party.accountId } : {}) }, lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
    };
  }
  const sent: string[] = [];
  const skipped: string[] = [];
  for (const contactId of contactIds) {
    try {
      await ctx.services.surveys.requestSurvey(ctx.actor, { contactId, kind, ...(ctx.sourceMessageId ? { sourceMessageId: `${ctx.sourceMessageId}:${contactId}` } : {}) });
      sent.push(contactId);
    } catch (err) {
      if (contactIds.length === 1) throw err;
      skipped.push(contactId);
    }
  }
  // In Chinese the survey is named in words (满意度调查, 推荐度调查), not by its English acronym.
  const zhKind = kind === 'nps' ? '推荐度调查' : '满意度调查';
  // In English by its acronym only when the message says it so (`send a CSAT survey`); else in words.
  const enKind = new RegExp(`\\b${kind}\\b`, 'i').test(ctx.text) ? `${kind.toUpperCase()} survey` : kind === 'nps' ? 'Recommendation survey (0–10)' : 'Satisfaction survey (1–5)';
  const text =
    contactIds.length === 1
      ? L(ctx.lang, `${enKind} on its way to ${who.party.label}. I'll tell you when they answer.`, `${zhKind}已发送给${who.party.label}，对方回复后我会通知你。`)
      : L(ctx.lang, `${enKind} sent to ${sent.length} contact(s)${skipped.length ? `; ${skipped.length} skipped (opted out or surveyed recently)` : ''}.`, `已向 ${sent.length} 位联系人发送${zhKind}${skipped.length ? `；${skipped.length} 位已跳过（已退订或近期已调查）` : ''}。`);
  return { wrote: sent.length > 0, replies: [{ kind: 'confirmation', text }] };
};

async function recordAnswer(ctx: HandlerContext, input: { surveyId?: string; score?: number; comment?: string }): Promise<HandlerResult> {
  if (ctx.actor.kind !== 'contact') {
    return { replies: [{ kind: 'error', text: L(ctx.lang, 'Survey answers come from customers. To send one, say "send satisfaction survey to <name>".', '调查由客户回答。如需发送调查，请说“给<姓名>发满意度调查”。') }] };
  }
  const threadRef = ctx.message.threadKey;
  const r = await ctx.services.surveys.answer(ctx.actor, { ...input, threadRef, channel: ctx.message.channel });
  const kind = r.survey.kind;
  const thanks = r.detractor
    ? L(ctx.lang, "Thank you for telling us — we're sorry. Your account manager has been told and will get back to you.", '感谢你的反馈，很抱歉给你带来不好的体验。我们已通知你的客户经理，会尽快联系你。')
    : L(ctx.lang, 'Thank you for your feedback!', '感谢你的反馈！');
  const scoreText = r.response.score !== null && r.response.score !== undefined ? L(ctx.lang, ` We recorded ${r.response.score}${kind === 'csat' ? '/5' : '/10'}`, ` 已记录 ${r.response.score}${kind === 'csat' ? '/5' : '/10'} 分`) : '';
  const comment = r.response.comment ? L(ctx.lang, ` with your comment.`, '及你的留言。') : '.';
  const actions = r.response.comment ? undefined : [[{ label: L(ctx.lang, 'Add a comment', '补充留言'), value: `survey-comment:${r.survey.id}` }]];
  return {
    wrote: true,
    replies: [{ kind: 'confirmation', text: `${thanks}${scoreText}${scoreText ? comment : ''}`.trim(), ...(actions ? { actions } : {}) }],
  };
}

export const surveyResponse: Handler = async (ctx, entities, resolved) => {
  if (resolved.surveyId) return recordAnswer(ctx, { surveyId: resolved.surveyId, comment: entities.summary ?? ctx.message.text });
  if (entities.score === undefined && !entities.summary) {
    return { replies: [{ kind: 'question', text: L(ctx.lang, 'Please answer with a number, for example "4" or "9 - great support".', '请回复一个分数，例如“4”或“4 分，送货慢了”。') }] };
  }
  return recordAnswer(ctx, { ...(entities.score !== undefined ? { score: entities.score } : {}), ...(entities.summary ? { comment: entities.summary } : {}) });
};

export { optOut } from './opt-out.ts';

/** Buttons that are not intents: survey ratings, "add a comment", greeting approval, edit. */
export type ActionHandler = (ctx: HandlerContext, args: string[], pending: Pending | null) => Promise<HandlerResult>;

export const ACTION_HANDLERS: Record<string, ActionHandler> = {
  survey: async (ctx, [surveyId, score]) => {
    const n = Number(score);
    if (!surveyId || !Number.isInteger(n)) return { replies: [{ kind: 'error', text: L(ctx.lang, 'That rating button is broken.', '评分按钮无效。') }] };
    return recordAnswer(ctx, { surveyId, score: n });
  },
  'survey-comment': async (ctx, [surveyId]) => ({
    replies: [{ kind: 'question', text: L(ctx.lang, 'What would you like to tell us?', '请写下你想告诉我们的话：') }],
    pending: { type: 'slot', intent: 'survey_response', entities: {}, resolved: { surveyId: surveyId ?? '' }, slot: 'summary', lang: ctx.lang, text: '', sourceMessageId: ctx.sourceMessageId },
  }),
  greeting: async (ctx, [op, greetingId]) => {
    if (!greetingId || (op !== 'approve' && op !== 'skip')) return { replies: [{ kind: 'error', text: L(ctx.lang, 'That button is broken.', '按钮无效。') }] };
    if (op === 'approve') await ctx.services.greetings.approveGreeting(ctx.actor, greetingId);
    else await ctx.services.greetings.skipGreeting(ctx.actor, greetingId);
    return { wrote: true, replies: [{ kind: 'confirmation', text: op === 'approve' ? L(ctx.lang, 'Approved; the greeting will go out on time.', '已批准，问候将按时发送。') : L(ctx.lang, 'Skipped; no greeting will be sent.', '已跳过，不会发送问候。') }] };
  },
  // "Plan" on an at-risk digest or a detractor alert: the account's 360° view, to plan the next step.
  risk: async (ctx, [, accountId]) => (accountId ? accountOverview(ctx, {}, { accountId }) : { replies: [{ kind: 'error', text: L(ctx.lang, 'That button is broken.', '按钮无效。') }] }),
  // "Edit" under a confirmation: what should change on that record?
  edit: async (ctx, [entity, id]) => {
    const e = EDITABLE.find((x) => x === entity);
    if (!e || !id) return { replies: [{ kind: 'error', text: L(ctx.lang, 'That button is broken.', '按钮无效。') }] };
    return askWhatToChange(ctx, { entity: e, id }, 'correct_last');
  },
};
