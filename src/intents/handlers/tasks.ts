// list_tasks, complete_task, snooze_task, update_task, and the Done / Snooze buttons on reminder cards.
import type { TaskDto } from '../../domain/tasks/index.ts';
import { formatWhen } from '../format.ts';
import { normaliseText } from '../parser/index.ts';
import { unreadTime } from '../parser/unread-time.ts';
import { L, type Handler, type HandlerContext, type HandlerResult } from './context.ts';
import { applyEdit } from './edit.ts';
import { priorityWord } from '../words.ts';
import { askToChoose } from './resolve.ts';
import { written } from './reply.ts';
import { repOf } from './team.ts';

function taskLine(ctx: HandlerContext, t: TaskDto): string {
  const overdue = t.dueAt < ctx.now;
  const when = formatWhen(t.dueAt, ctx.tz, ctx.lang, ctx.now);
  return `${t.title} — ${when}${overdue ? L(ctx.lang, ' (overdue)', '（已逾期）') : ''}`;
}

export const listTasks: Handler = async (ctx, entities, resolved) => {
  const text = ctx.text.toLowerCase();
  const filter = /overdue|逾期|过期/.test(text) ? 'overdue' : entities.period === 'today' || /today|今天|今日/.test(text) ? 'today' : 'all';
  const rep = await repOf(ctx, 'list_tasks', entities, resolved);
  if ('result' in rep) return rep.result;
  const tasks = await ctx.services.tasks.listOpen(ctx.actor, { filter, limit: 20, ...(rep.userId ? { userId: rep.userId } : {}) });
  const whose = rep.name ? L(ctx.lang, `${rep.name}'s`, `${rep.name}的`) : L(ctx.lang, 'Your', '你的');
  if (tasks.length === 0) {
    return {
      replies: [
        {
          kind: 'info',
          text: filter === 'overdue' ? L(ctx.lang, 'Nothing overdue. Nice.', '没有逾期任务，很好。') : rep.name ? L(ctx.lang, `${rep.name} has no open follow-ups.`, `${rep.name}没有待办的跟进任务。`) : L(ctx.lang, 'You have no open follow-ups.', '你没有待办的跟进任务。'),
        },
      ],
    };
  }
  const title =
    filter === 'overdue' ? L(ctx.lang, `Overdue follow-ups (${tasks.length})`, `逾期任务（${tasks.length}）`)
    : filter === 'today' ? L(ctx.lang, `Due today (${tasks.length})`, `今天到期（${tasks.length}）`)
    : L(ctx.lang, `${whose} open follow-ups (${tasks.length})`, `${whose}待办跟进（${tasks.length}）`);
  return {
    replies: [
      {
        kind: 'list',
        text: title,
        sections: tasks.map((t) => ({
          title: t.title,
          lines: [taskLine(ctx, t).slice(t.title.length + 3)],
          actions: [
            { label: L(ctx.lang, 'Done', '完成'), value: `task:done:${t.id}`, style: 'primary' as const },
            { label: L(ctx.lang, 'Snooze 1 day', '推迟一天'), value: `task:snooze:${t.id}` },
          ],
        })),
      },
    ],
  };
};

/** Words that name no task but "the follow-up" (or "it", "the one just made") itself. */
const GENERIC_TASK_REF =
  /^(?:(?:the|that|this|my|last|latest|new)\s+)*(?:(?:follow[- ]?up|reminder|task|to-?do)(?:\s+one)?|it|one|that one|this one)$|^(?:刚才|刚刚|刚|上一条|最新的?)?(?:建的|说的|定的|的)?(?:那个|这个|那条|这条|那一条|这一条)?(?:跟进|提醒|任务|待办|回访)?(?:那个|这个|那条|这条|的)?$/i;

async function findTask(ctx: HandlerContext, intent: 'complete_task' | 'snooze_task' | 'update_task', entities: Parameters<Handler>[1], resolved: Parameters<Handler>[2]): Promise<{ task: TaskDto } | { result: HandlerResult }> {
  if (resolved.taskId) {
    const open = await ctx.services.tasks.listOpen(ctx.actor, { filter: 'all', limit: 500 });
    const task = open.find((t) => t.id === resolved.taskId);
    if (task) return { task };
    return { result: { replies: [{ kind: 'error', text: L(ctx.lang, 'That follow-up is no longer open.', '该跟进任务已不是待办状态。') }] } };
  }
  const named = entities.taskRef ?? entities.summary ?? entities.contact ?? entities.account;
  const ref = named ?? ctx.text;
  // "跟进那个改到下周三", "move the follow-up to friday", "那个推个把星期": the follow-up just made,
  // when the last write made one and the message names no other. (A bare "done" is not taken as
  // marking it done: that one is asked.)
  if ((named === undefined && intent !== 'complete_task') || (named !== undefined && GENERIC_TASK_REF.test(named.trim()))) {
    const last = await ctx.services.undo.lastWrite(ctx.actor).catch(() => null);
    if (last && ctx.now.getTime() - last.at.getTime() < 60 * 60 * 1000) {
      const open = await ctx.services.tasks.listOpen(ctx.actor, { filter: 'all', limit: 500 });
      const made = open.filter((t) => t.id === last.entityId || t.interactionId === last.entityId);
      if (made.length === 1) return { task: made[0]! };
    }
  }
  // (`Kindly the task move to Friday at 10 am`: nothing said of which task but that it is one — picked, not guessed.)
  const saysWhich = named !== undefined || /\p{Script=Han}/u.test(ref) || ref.replace(/\b(?:kindly|please|pls|can you|could you|the|a|an|my|our|that|this|it|one|task|reminder|to-?do|follow-?up|move|moved|push|postpone|snooze|shift|bump|reschedule|mark|set|make|change|to|till|until|for|by|on|at|in|from|of|am|pm|a\.m\.|p\.m\.|today|tomorrow|tmrw|next|this|week|weeks|day|days|hour|hours|morning|afternoon|evening|noon|(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d+(?::\d+)?(?:st|nd|rd|th)?|done|complete|completed|finished|urgent|important|priority|high|low|normal)\b|[^A-Za-z]/gi, '').length >= 3;
  const found = saysWhich ? await ctx.services.tasks.findTaskByText(ctx.actor, ref) : ({ status: 'none' } as const);
  if (found.status === 'found') return { task: found.task };
  const pick = (question: string, tasks: TaskDto[]) => ({
    result: askToChoose(ctx, intent, entities, resolved, 'task', question,
      tasks.map((t) => ({ id: t.id, kind: 'task' as const, label: t.title, detail: formatWhen(t.dueAt, ctx.tz, ctx.lang, ctx.now) }))),
  });
  // (`约刘医生食饭嗰个` for 约人民医院刘医生食饭: the titles read as the message is, in plain words, may tell them apart.)
  if (found.status === 'ambiguous' && /\p{Script=Han}/u.test(ref)) {
    const plain = plainHanPairs(normaliseText(ref));
    const scored = found.candidates.map((c) => {
      const hay = normaliseText([c.task.title, c.contactName, c.accountName].filter(Boolean).join(' '));
      return { task: c.task, score: plain.length ? plain.filter((p) => hay.includes(p)).length / plain.length : 0 };
    }).sort((a, b) => b.score - a.score);
    if (scored[0] && scored[0].score >= 0.5 && scored[0].score - (scored[1]?.score ?? 0) >= 0.25) return { task: scored[0].task };
  }
  if (found.status === 'ambiguous') return pick(L(ctx.lang, 'Which follow-up?', '哪一个跟进任务？'), found.candidates.map((c) => c.task));
  // Nothing fits the words: the open follow-ups, soonest first, to pick from (nothing is changed until one is).
  const open = await ctx.services.tasks.listOpen(ctx.actor, { filter: 'all', limit: 5 });
  if (open.length === 0) return { result: { replies: [{ kind: 'error', text: L(ctx.lang, 'You have no open follow-ups.', '你没有待办的跟进任务。') }] } };
  const said = [...ref].length > 40 ? `${[...ref].slice(0, 40).join('')}…` : ref;
  return pick(L(ctx.lang, `I couldn't find an open follow-up like "${said}". Which one did you mean?`, `没有找到“${said}”这样的待办任务。你指的是哪一个？`), open);
}

export const completeTask: Handler = async (ctx, entities, resolved) => {
  const found = await findTask(ctx, 'complete_task', entities, resolved);
  if ('result' in found) return found.result;
  const task = await ctx.services.tasks.complete(ctx.actor, found.task.id);
  // A closed task has nothing left to edit: Undo reopens it.
  return written(ctx, L(ctx.lang, `Done: ${task.title}.`, `已完成：${task.title}。`));
};

/** `P2D`, `PT3H`, `P1W`, `P1M`, `P1DT12H` → a snooze; null when it is not an ISO 8601 duration. */
export function parseDuration(iso: string | undefined): { months: number; weeks: number; days: number; hours: number; minutes: number } | null {
  if (!iso) return null;
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:\d+(?:\.\d+)?S)?)?$/i.exec(iso.trim());
  if (!m || iso.trim().toUpperCase() === 'P' || iso.trim().toUpperCase() === 'PT') return null;
  const n = (i: number) => Number(m[i] ?? 0);
  const d = { months: n(1) * 12 + n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6) };
  return d.months + d.weeks + d.days + d.hours + d.minutes > 0 ? d : null;
}

/** Words that ask for a snooze as such (a day, when no time is said). */
// (`move the SSO proposal for later` names no day: asked. `later` alone, `remind me later` are a snooze.)
const SNOOZE_SAID = /\bsno+ze?d?\b|\bremind me (?:again|later)\b|^\s*(?:ok,?\s*)?later[.!]*\s*$|稍后提醒|晚点提醒|晚点再说|回头再提醒|再提醒/i;

export const snoozeTask: Handler = async (ctx, entities, resolved) => {
  const found = await findTask(ctx, 'snooze_task', entities, resolved);
  if ('result' in found) return found.result;
  const before = found.task.dueAt;
  const shift = parseDuration(entities.shift);
  const due = entities.due ? new Date(entities.due) : undefined;
  let task;
  if (shift) {
    // A duration counts from the task's own due time: a snooze never moves a task earlier.
    task = await ctx.services.tasks.snooze(ctx.actor, found.task.id, shift);
  } else if (due && !Number.isNaN(due.getTime())) {
    // A date the user named is taken as said, earlier or later; not one already past.
    if (due <= ctx.now) {
      return { replies: [{ kind: 'error', text: L(ctx.lang, `${formatWhen(due, ctx.tz, ctx.lang, ctx.now)} has already passed; nothing was changed.`, `${formatWhen(due, ctx.tz, ctx.lang, ctx.now)}已经过去了，没有做任何修改。`) }] };
    }
    // (`move that task to friday two p m`: words that say when, left unread — the time is asked, not guessed.)
    const unread = resolved.timeAsked ? null : unreadTime(normaliseText(ctx.text), { now: ctx.now, tz: ctx.tz, lang: ctx.lang });
    if (unread) {
      return {
        replies: [{ kind: 'question', text: L(ctx.lang,
          `To when should I move "${found.task.title}"? I could not read "${unread.text}" — I have ${formatWhen(due, ctx.tz, ctx.lang, ctx.now)}. Say "yes" to keep that, or the day and time, for example "friday 2pm".`,
          `“${found.task.title}”改到什么时候？“${unread.text}”我没看懂，目前是${formatWhen(due, ctx.tz, ctx.lang, ctx.now)}。回复“是”保留，或说日期和时间，例如“周五下午两点”。`) }],
        pending: { type: 'slot', intent: 'snooze_task', entities, resolved: { ...resolved, taskId: found.task.id, timeAsked: true }, slot: 'due', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
      };
    }
    task = await ctx.services.tasks.reschedule(ctx.actor, found.task.id, due);
  } else if (!SNOOZE_SAID.test(ctx.text)) {
    // "往后挪挪", "push the Maria task": moved, but not said to when — asked, not guessed.
    return {
      replies: [{ kind: 'question', text: L(ctx.lang, `To when should I move "${found.task.title}"? For example "next Wednesday" or "by 2 days".`, `“${found.task.title}”改到什么时候？例如“下周三”或“推迟两天”。`) }],
      pending: { type: 'slot', intent: 'snooze_task', entities, resolved: { ...resolved, taskId: found.task.id }, slot: 'due', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
    };
  } else {
    // "snooze it": a snooze is a day.
    task = await ctx.services.tasks.snooze(ctx.actor, found.task.id, { days: 1 });
  }
  const from = formatWhen(before, ctx.tz, ctx.lang, ctx.now);
  const to = formatWhen(task.dueAt, ctx.tz, ctx.lang, ctx.now);
  return written(ctx, L(ctx.lang, `Moved "${task.title}" from ${from} to ${to}.`, `已将“${task.title}”从${from}改到${to}。`), { entity: 'task', id: task.id });
};

/** `mark the samples task urgent`, `送样品那个任务标成紧急`: a task's priority changed, said as such. */
export const updateTask: Handler = async (ctx, entities, resolved) => {
  if (!entities.priority) {
    return { replies: [{ kind: 'info', text: L(ctx.lang, 'What should change? For example "mark the samples task urgent" or "push it to Friday".', '要改什么？例如“送样品那个任务标成紧急”或“推迟到周五”。') }] };
  }
  const found = await findTask(ctx, 'update_task', entities, resolved);
  if ('result' in found) return found.result;
  if (found.task.priority === entities.priority) {
    const p = priorityWord(entities.priority, ctx.lang);
    return { replies: [{ kind: 'info', text: L(ctx.lang, `"${found.task.title}" is already ${p} priority; nothing was changed.`, `“${found.task.title}”的优先级已经是${p}，没有做任何修改。`) }] };
  }
  return applyEdit(ctx, { entity: 'task', id: found.task.id }, { priority: entities.priority }, resolved, { updated: true });
};

/** The pairs of characters in a text's Chinese (`约刘医生吃饭` → 约刘, 刘医, 医生, 生吃, 吃饭), without the words for a task itself. */
function plainHanPairs(text: string): string[] {
  const out = new Set<string>();
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const r = run.replace(/(?:那个|这个|那|个|任务|的)+$/u, '');
    for (let i = 0; i + 1 < r.length; i++) out.add(r.slice(i, i + 2));
  }
  return [...out];
}
