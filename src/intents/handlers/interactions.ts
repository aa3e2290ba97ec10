// log_interaction and schedule_followup.
import { formatWhen } from '../format.ts';
import { L, type Handler, type HandlerContext, type HandlerResult } from './context.ts';
import { resolveParty } from './resolve.ts';

const TYPE_WORDS = {
  visit: ['visit', '拜访'],
  call: ['call', '电话'],
  meeting: ['meeting', '会议'],
  email: ['email', '邮件'],
  message: ['message', '消息'],
  note: ['note', '备注'],
} as const;

/** "in 3 days" style due dates come with a time; a date alone means 09:00 local (the parser's rule). */
function parseIso(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function sanityCheckDate(ctx: HandlerContext, d: Date | undefined, what: 'when' | 'due'): HandlerResult | null {
  if (!d) return null;
  const years = (d.getTime() - ctx.now.getTime()) / (365 * 86_400_000);
  if (years > 5 || years < -20 || (what === 'when' && d.getTime() - ctx.now.getTime() > 86_400_000)) {
    return {
      replies: [
        {
          kind: 'error',
          text: L(
            ctx.lang,
            what === 'when' ? "That date is in the future; I can only log what already happened. Say when it happened, e.g. 'yesterday 3pm'." : 'That date is too far away to be a follow-up. Try a date within the next few years.',
            what === 'when' ? '这个时间在未来，只能记录已经发生的拜访。请说明发生时间，例如“昨天下午三点”。' : '这个日期太远了，不像是跟进时间。请给出几年内的日期。',
          ),
        },
      ],
    };
  }
  return null;
}

export const logInteraction: Handler = async (ctx, entities, resolved) => {
  if (resolved.editInteractionId) {
    const summary = (entities.summary ?? ctx.message.text).trim();
    const updated = await ctx.services.interactions.updateInteraction(ctx.actor, resolved.editInteractionId, { summary });
    return {
      wrote: true,
      replies: [{ kind: 'confirmation', text: L(ctx.lang, `Updated the note: ${updated.summary}`, `已更新记录：${updated.summary}`), actions: [[{ label: L(ctx.lang, 'Undo', '撤销'), value: 'undo', style: 'danger' }]] }],
    };
  }
  const who = await resolveParty(ctx, 'log_interaction', entities, resolved, 'any', {
    en: 'Who did you meet or talk to?',
    zh: '你拜访或联系了谁？',
  });
  if (!who.ok) return who.result;
  const { party } = who;
  const type = entities.interactionType ?? 'note';
  const occurredAt = parseIso(entities.when) ?? ctx.now;
  const due = parseIso(entities.due);
  const bad = sanityCheckDate(ctx, occurredAt, 'when') ?? sanityCheckDate(ctx, due, 'due');
  if (bad) return bad;
  const summary = (entities.summary ?? '').trim();
  const followTitle = summary || L(ctx.lang, `Follow up with ${party.contactName ?? party.accountName}`, `跟进${party.contactName ?? party.accountName}`);
  const result = await ctx.services.interactions.logInteraction(ctx.actor, {
    ...(party.contactId ? { contactId: party.contactId } : {}),
    ...(party.accountId ? { accountId: party.accountId } : {}),
    type,
    occurredAt,
    summary,
    nextStep: due ? followTitle : null,
    channel: ctx.message.channel,
    sourceMessageId: ctx.sourceMessageId ?? null,
    ...(due ? { followUp: { title: followTitle, dueAt: due } } : {}),
  });
  const typeWord = TYPE_WORDS[type][ctx.lang === 'zh' ? 1 : 0];
  const when = formatWhen(result.interaction.occurredAt, ctx.tz, ctx.lang, ctx.now);
  let text =
    ctx.lang === 'zh'
      ? `已记录${typeWord}：${party.label}，${when}。`
      : `Logged ${typeWord} with ${party.label} ${when}.`;
  // A duplicate quotes what was stored the first time, not this message's wording.
  const note = result.duplicate ? result.interaction.summary : summary;
  if (note && !(result.task && result.task.title === note)) text += ctx.lang === 'zh' ? `内容：${note}。` : ` Note: ${note}.`;
  if (result.task) {
    const dueText = formatWhen(result.task.dueAt, ctx.tz, ctx.lang, ctx.now);
    text += ctx.lang === 'zh' ? `跟进：${result.task.title}，${dueText}。` : ` Follow-up: ${result.task.title}, ${dueText}.`;
  }
  if (result.duplicate) text = L(ctx.lang, 'Already logged: ', '已经记录过：') + text;
  return {
    wrote: !result.duplicate,
    replies: [
      {
        kind: 'confirmation',
        text,
        actions: [[{ label: L(ctx.lang, 'Undo', '撤销'), value: 'undo', style: 'danger' }, { label: L(ctx.lang, 'Edit', '编辑'), value: `edit:interaction:${result.interaction.id}` }]],
      },
    ],
  };
};

export const scheduleFollowup: Handler = async (ctx, entities, resolved) => {
  const due = parseIso(entities.due ?? entities.when);
  if (!due) {
    return {
      replies: [{ kind: 'question', text: L(ctx.lang, 'When should I remind you?', '什么时候提醒你？') }],
      pending: { type: 'slot', intent: 'schedule_followup', entities, resolved, slot: 'due', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
    };
  }
  const bad = sanityCheckDate(ctx, due, 'due');
  if (bad) return bad;
  let party: Awaited<ReturnType<typeof resolveParty>> | null = null;
  if (entities.contact || entities.account || resolved.contactId || resolved.accountId) {
    party = await resolveParty(ctx, 'schedule_followup', entities, resolved, 'any', { en: 'Who is it about?', zh: '是关于谁的？' });
    if (!party.ok) return party.result;
  }
  const p = party?.ok ? party.party : undefined;
  const title = (entities.summary ?? '').trim() || L(ctx.lang, `Follow up with ${p?.contactName ?? p?.accountName ?? 'customer'}`, `跟进${p?.contactName ?? p?.accountName ?? '客户'}`);
  const task = await ctx.services.tasks.createFollowUp(ctx.actor, {
    title,
    dueAt: due,
    accountId: p?.accountId ?? null,
    contactId: p?.contactId ?? null,
    sourceMessageId: ctx.sourceMessageId ?? null,
  });
  const dueText = formatWhen(task.dueAt, ctx.tz, ctx.lang, ctx.now);
  return {
    wrote: true,
    replies: [
      {
        kind: 'confirmation',
        text: ctx.lang === 'zh' ? `好的，${dueText}提醒你：${task.title}${p ? `（${p.label}）` : ''}。` : `I'll remind you ${dueText}: ${task.title}${p ? ` (${p.label})` : ''}.`,
        actions: [[{ label: L(ctx.lang, 'Undo', '撤销'), value: 'undo', style: 'danger' }]],
      },
    ],
  };
};
