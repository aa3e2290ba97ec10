// list_tasks, complete_task, snooze_task, and the Done / Snooze buttons on reminder cards.
import type { TaskDto } from '../../domain/tasks/index.ts';
import { formatWhen } from '../format.ts';
import { L, type Handler, type HandlerContext, type HandlerResult } from './context.ts';
import { askToChoose } from './resolve.ts';

function taskLine(ctx: HandlerContext, t: TaskDto): string {
  const overdue = t.dueAt < ctx.now;
  const when = formatWhen(t.dueAt, ctx.tz, ctx.lang, ctx.now);
  return `${t.title} — ${when}${overdue ? L(ctx.lang, ' (overdue)', '（已逾期）') : ''}`;
}

export const listTasks: Handler = async (ctx, entities) => {
  const text = ctx.text.toLowerCase();
  const filter = /overdue|逾期|过期/.test(text) ? 'overdue' : entities.period === 'today' || /today|今天|今日/.test(text) ? 'today' : 'all';
  const tasks = await ctx.services.tasks.listOpen(ctx.actor, { filter, limit: 20 });
  if (tasks.length === 0) {
    return {
      replies: [
        {
          kind: 'info',
          text: filter === 'overdue' ? L(ctx.lang, 'Nothing overdue. Nice.', '没有逾期任务，很好。') : L(ctx.lang, 'You have no open follow-ups.', '你没有待办的跟进任务。'),
        },
      ],
    };
  }
  const title =
    filter === 'overdue' ? L(ctx.lang, `Overdue follow-ups (${tasks.length})`, `逾期任务（${tasks.length}）`)
    : filter === 'today' ? L(ctx.lang, `Due today (${tasks.length})`, `今天到期（${tasks.length}）`)
    : L(ctx.lang, `Your open follow-ups (${tasks.length})`, `你的待办跟进（${tasks.length}）`);
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

async function findTask(ctx: HandlerContext, intent: 'complete_task' | 'snooze_task', entities: Parameters<Handler>[1], resolved: Parameters<Handler>[2]): Promise<{ task: TaskDto } | { result: HandlerResult }> {
  if (resolved.taskId) {
    const open = await ctx.services.tasks.listOpen(ctx.actor, { filter: 'all', limit: 500 });
    const task = open.find((t) => t.id === resolved.taskId);
    if (task) return { task };
    return { result: { replies: [{ kind: 'error', text: L(ctx.lang, 'That follow-up is no longer open.', '该跟进任务已不是待办状态。') }] } };
  }
  const ref = entities.taskRef ?? entities.summary ?? entities.contact ?? entities.account ?? ctx.text;
  const found = await ctx.services.tasks.findTaskByText(ctx.actor, ref);
  if (found.status === 'found') return { task: found.task };
  if (found.status === 'ambiguous') {
    return {
      result: askToChoose(
        ctx,
        intent,
        entities,
        resolved,
        'task',
        L(ctx.lang, 'Which follow-up?', '哪一个跟进任务？'),
        found.candidates.map((c) => ({ id: c.task.id, kind: 'task' as const, label: c.task.title, detail: formatWhen(c.task.dueAt, ctx.tz, ctx.lang, ctx.now) })),
      ),
    };
  }
  return { result: { replies: [{ kind: 'error', text: L(ctx.lang, "I couldn't find an open follow-up like that. Say 'my tasks' to see them.", '没有找到匹配的待办任务。发送“我的任务”查看全部。') }] } };
}

export const completeTask: Handler = async (ctx, entities, resolved) => {
  const found = await findTask(ctx, 'complete_task', entities, resolved);
  if ('result' in found) return found.result;
  const task = await ctx.services.tasks.complete(ctx.actor, found.task.id);
  return {
    wrote: true,
    replies: [{ kind: 'confirmation', text: L(ctx.lang, `Done: ${task.title}.`, `已完成：${task.title}。`), actions: [[{ label: L(ctx.lang, 'Undo', '撤销'), value: 'undo', style: 'danger' }]] }],
  };
};

export const snoozeTask: Handler = async (ctx, entities, resolved) => {
  const found = await findTask(ctx, 'snooze_task', entities, resolved);
  if ('result' in found) return found.result;
  const due = entities.due ? new Date(entities.due) : undefined;
  const task =
    due && !Number.isNaN(due.getTime()) && due > ctx.now
      ? await ctx.services.tasks.reschedule(ctx.actor, found.task.id, due)
      : await ctx.services.tasks.snooze(ctx.actor, found.task.id, { days: 1 });
  return {
    wrote: true,
    replies: [
      {
        kind: 'confirmation',
        text: L(ctx.lang, `Moved "${task.title}" to ${formatWhen(task.dueAt, ctx.tz, ctx.lang, ctx.now)}.`, `已将“${task.title}”推迟到${formatWhen(task.dueAt, ctx.tz, ctx.lang, ctx.now)}。`),
        actions: [[{ label: L(ctx.lang, 'Undo', '撤销'), value: 'undo', style: 'danger' }]],
      },
    ],
  };
};
