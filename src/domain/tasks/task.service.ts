// Follow-up tasks: create, complete, snooze, reschedule, reassign, cancel, list, find by text.
// Each new due date writes a reminder job; the processor skips jobs whose dueAt no longer
// matches the task (or whose task is closed), so moving a task needs no cancellation.
import type { Task } from '../../generated/prisma/client.ts';
import type { PrismaClient } from '../shared/db.ts';
import type { Clock } from '../shared/clock.ts';
import type { AnyActor } from '../shared/access.ts';
import { getVisibleAccount, getVisibleContact, requireStaff, visibleOwnerIds } from '../shared/access.ts';
import { audit } from '../shared/audit.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { AUDIT } from '../audit/actions.ts';
import { requireAssignableUser } from '../customers/account-access.ts';
import { endOfLocalDay } from './time.ts';
import { insertTask, toTaskDto, writeReminder, type TaskDto } from './task-writes.ts';

export interface CreateTaskInput {
  title: string;
  dueAt: Date | string;
  /** Defaults to the acting user. */
  assigneeId?: string;
  accountId?: string | null;
  contactId?: string | null;
  interactionId?: string | null;
  sourceMessageId?: string | null;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
}

export interface SnoozeBy {
  minutes?: number;
  hours?: number;
  days?: number;
  weeks?: number;
  /** Calendar months (the same day of the month, clamped to its last day). */
  months?: number;
}

/** What a correction may change on a task. */
export interface TaskPatch {
  title?: string;
  dueAt?: Date;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  contactId?: string | null;
  accountId?: string | null;
}

export type TaskListFilter = 'all' | 'today' | 'overdue';

export interface TaskCandidate {
  task: TaskDto;
  score: number;
  accountName: string | null;
  contactName: string | null;
}

export type TaskFindResult =
  | { status: 'found'; task: TaskDto; candidate: TaskCandidate }
  | { status: 'ambiguous'; candidates: TaskCandidate[] }
  | { status: 'none' };

const STOPWORDS = new Set([
  'the', 'a', 'an', 'to', 'for', 'with', 'of', 'on', 'my', 'task', 'tasks', 'done', 'complete', 'completed',
  'mark', 'as', 'finish', 'finished', 'snooze', 'cancel', 'reschedule', 'move', 'it', 'and', 'please', 'by',
]);

export class TaskService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
  ) {}

  async createFollowUp(actor: AnyActor, input: CreateTaskInput): Promise<TaskDto> {
    requireStaff(actor);
    const title = input.title?.trim();
    if (!title) throw new ValidationError('title', 'The task needs a title.', '任务需要一个标题。');
    const dueAt = parseDate(input.dueAt, 'dueAt');
    const assigneeId = input.assigneeId ?? (actor.kind === 'user' ? actor.userId : undefined);
    if (!assigneeId) throw new ValidationError('assigneeId', 'Who should do this task?', '这个任务由谁来做？');
    await requireAssignableUser(this.db, actor, assigneeId);
    let accountId = input.accountId ?? null;
    if (input.contactId) {
      const contact = await getVisibleContact(this.db, actor, input.contactId);
      if (accountId && contact.accountId && contact.accountId !== accountId) {
        throw new ValidationError('contactId', `${contact.name} is not at that account.`, `${contact.name}不属于该客户。`);
      }
      accountId ??= contact.accountId;
    }
    if (accountId) await getVisibleAccount(this.db, actor, accountId);
    if (input.interactionId) {
      const interaction = await this.db.interaction.findFirst({ where: { id: input.interactionId, tenantId: actor.tenantId } });
      if (!interaction) throw new NotFoundError('Interaction', input.interactionId, { en: 'that interaction', zh: '该互动记录' });
      await getVisibleAccount(this.db, actor, interaction.accountId);
      accountId ??= interaction.accountId;
    }
    return this.db.$transaction((tx) =>
      insertTask(tx, actor, {
        title,
        dueAt,
        assigneeId,
        accountId,
        contactId: input.contactId ?? null,
        interactionId: input.interactionId ?? null,
        sourceMessageId: input.sourceMessageId ?? null,
        ...(input.priority ? { priority: input.priority } : {}),
      }),
    );
  }

  /** One task the actor may see (theirs or their team's). */
  async getTask(actor: AnyActor, taskId: string): Promise<TaskDto> {
    requireStaff(actor);
    const task = await this.db.task.findFirst({ where: { id: taskId, tenantId: actor.tenantId } });
    if (!task) throw new NotFoundError('Task', taskId, { en: 'that task', zh: '该任务' });
    const owners = await visibleOwnerIds(this.db, actor);
    if (owners !== 'all' && !owners.includes(task.assigneeId)) {
      throw new ForbiddenError(`task ${taskId} belongs to someone outside the actor's team`, { en: `"${task.title}" is someone else's task.`, zh: `“${task.title}”是别人的任务。` });
    }
    return toTaskDto(task);
  }

  /** Corrects an open task: its title, due date, priority, contact or account. */
  async updateTask(actor: AnyActor, taskId: string, patch: TaskPatch): Promise<TaskDto> {
    const task = await this.openTask(actor, taskId);
    const out: Partial<Pick<Task, 'title' | 'dueAt' | 'priority' | 'contactId' | 'accountId'>> = {};
    if (patch.title !== undefined) {
      const title = patch.title.trim();
      if (!title) throw new ValidationError('title', 'The task needs a title.', '任务需要一个标题。');
      if (title !== task.title) out.title = title;
    }
    if (patch.dueAt !== undefined) {
      const dueAt = parseDate(patch.dueAt, 'dueAt');
      if (dueAt.getTime() !== task.dueAt.getTime()) out.dueAt = dueAt;
    }
    if (patch.priority !== undefined && patch.priority !== task.priority) out.priority = patch.priority;
    let accountId = patch.accountId !== undefined ? patch.accountId : task.accountId;
    if (patch.contactId !== undefined && patch.contactId !== task.contactId) {
      if (patch.contactId) {
        const contact = await getVisibleContact(this.db, actor, patch.contactId);
        if (patch.accountId === undefined) accountId = contact.accountId;
        else if (accountId && contact.accountId && contact.accountId !== accountId) {
          throw new ValidationError('contactId', `${contact.name} is not at that account.`, `${contact.name}不属于该客户。`);
        }
      }
      out.contactId = patch.contactId;
    }
    if (accountId !== task.accountId) {
      if (accountId) await getVisibleAccount(this.db, actor, accountId);
      out.accountId = accountId;
    }
    if (!Object.keys(out).length) return toTaskDto(task);
    return this.write(actor, task, out);
  }

  async complete(actor: AnyActor, taskId: string): Promise<TaskDto> {
    const task = await this.openTask(actor, taskId);
    return this.write(actor, task, { status: 'done', completedAt: this.clock.now() });
  }

  async cancel(actor: AnyActor, taskId: string): Promise<TaskDto> {
    const task = await this.openTask(actor, taskId);
    return this.write(actor, task, { status: 'cancelled' });
  }

  /**
   * Pushes the task back by a duration from its own due time, so a snooze never moves a task
   * earlier; when that is still in the past (a task long overdue), from now.
   */
  async snooze(actor: AnyActor, taskId: string, by: SnoozeBy): Promise<TaskDto> {
    const ms = (((by.weeks ?? 0) * 7 + (by.days ?? 0)) * 24 * 60 + (by.hours ?? 0) * 60 + (by.minutes ?? 0)) * 60_000;
    const months = by.months ?? 0;
    if (!(ms > 0 || months > 0) || ms < 0 || months < 0) throw new ValidationError('by', 'Snooze by how long?', '要推迟多久？');
    const task = await this.openTask(actor, taskId);
    const now = this.clock.now();
    const shift = (from: Date) => new Date((months ? addMonths(from, months) : from).getTime() + ms);
    let base = task.dueAt;
    let dueAt = shift(base);
    if (!(dueAt > now)) {
      base = now;
      dueAt = shift(now);
    }
    // 999,999,999 days is no date at all (or a year no one means): refused, nothing changes.
    if (Number.isNaN(dueAt.getTime()) || dueAt.getTime() - base.getTime() > MAX_SNOOZE_MS) {
      throw new ValidationError('by', 'That is too far to snooze a task; give a date within the next few years.', '推迟得太远了，请给出几年内的日期。');
    }
    return this.write(actor, task, { dueAt, snoozeCount: task.snoozeCount + 1 });
  }

  async reschedule(actor: AnyActor, taskId: string, dueAt: Date | string): Promise<TaskDto> {
    const task = await this.openTask(actor, taskId);
    return this.write(actor, task, { dueAt: parseDate(dueAt, 'dueAt') });
  }

  /** To self or someone the actor manages; admins to anyone in the tenant. */
  async reassign(actor: AnyActor, taskId: string, assigneeId: string): Promise<TaskDto> {
    const task = await this.openTask(actor, taskId);
    await requireAssignableUser(this.db, actor, assigneeId);
    return this.write(actor, task, { assigneeId });
  }

  /** Open tasks of a user (default: the actor). `today` = due before the end of the assignee's day. */
  async listOpen(actor: AnyActor, opts: { userId?: string; filter?: TaskListFilter; limit?: number } = {}): Promise<TaskDto[]> {
    requireStaff(actor);
    const userId = opts.userId ?? (actor.kind === 'user' ? actor.userId : undefined);
    if (!userId) throw new ValidationError('userId', 'Whose tasks?', '谁的任务？');
    const user = await requireAssignableUser(this.db, actor, userId);
    const now = this.clock.now();
    const filter = opts.filter ?? 'all';
    const dueBefore = filter === 'overdue' ? now : filter === 'today' ? endOfLocalDay(now, user.timezone) : undefined;
    const rows = await this.db.task.findMany({
      where: { tenantId: actor.tenantId, assigneeId: userId, status: 'open', ...(dueBefore ? { dueAt: { lt: dueBefore } } : {}) },
      orderBy: { dueAt: 'asc' },
      take: opts.limit ?? 200,
    });
    return rows.map(toTaskDto);
  }

  /** Overdue open tasks of everyone the actor manages (a rep: their own). */
  async listTeamOverdue(actor: AnyActor): Promise<(TaskDto & { assigneeName: string })[]> {
    requireStaff(actor);
    const owners = await visibleOwnerIds(this.db, actor);
    const rows = await this.db.task.findMany({
      where: {
        tenantId: actor.tenantId,
        status: 'open',
        dueAt: { lt: this.clock.now() },
        ...(owners === 'all' ? {} : { assigneeId: { in: owners } }),
      },
      include: { assignee: { select: { name: true } } },
      orderBy: [{ assigneeId: 'asc' }, { dueAt: 'asc' }],
    });
    return rows.map((t) => ({ ...toTaskDto(t), assigneeName: t.assignee.name }));
  }

  /** Finds one of the actor's open tasks from free text (title words, account or contact names). */
  async findTaskByText(actor: AnyActor, text: string): Promise<TaskFindResult> {
    requireStaff(actor);
    if (actor.kind !== 'user') throw new ValidationError('actor', 'Only a person has tasks.', '只有用户才有任务。');
    const tasks = await this.db.task.findMany({
      where: { tenantId: actor.tenantId, assigneeId: actor.userId, status: 'open' },
      include: {
        account: { select: { name: true, aliases: true } },
        contact: { select: { name: true, aliases: true } },
      },
      orderBy: { dueAt: 'asc' },
      take: 1000,
    });
    const tokens = queryTokens(text);
    if (!tokens.length || !tasks.length) return { status: 'none' };
    const scored: TaskCandidate[] = [];
    for (const t of tasks) {
      const hay = [t.title, t.account?.name, ...(t.account?.aliases ?? []), t.contact?.name, ...(t.contact?.aliases ?? [])]
        .filter(Boolean)
        .join(' ')
        .toLowerCase();
      const hayWords = new Set(hay.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
      let hit = 0;
      for (const tok of tokens) {
        if (/\p{Script=Han}/u.test(tok) ? hay.includes(tok) : hayWords.has(tok) || [...hayWords].some((w) => w.length > 3 && tok.length > 3 && (w.startsWith(tok) || tok.startsWith(w)))) hit++;
      }
      if (hit) {
        scored.push({
          task: toTaskDto(t),
          score: Math.round((hit / tokens.length) * 100) / 100,
          accountName: t.account?.name ?? null,
          contactName: t.contact?.name ?? null,
        });
      }
    }
    scored.sort((a, b) => b.score - a.score);
    const [top, second] = scored;
    if (!top) return { status: 'none' };
    if (!second || top.score - second.score >= 0.25) return { status: 'found', task: top.task, candidate: top };
    return { status: 'ambiguous', candidates: scored.filter((c) => c.score >= top.score - 0.25).slice(0, 5) };
  }

  // -- internals --

  private async openTask(actor: AnyActor, taskId: string): Promise<Task> {
    requireStaff(actor);
    const task = await this.db.task.findFirst({ where: { id: taskId, tenantId: actor.tenantId } });
    if (!task) throw new NotFoundError('Task', taskId, { en: 'that task', zh: '该任务' });
    const owners = await visibleOwnerIds(this.db, actor);
    if (owners !== 'all' && !owners.includes(task.assigneeId)) {
      throw new ForbiddenError(`task ${taskId} belongs to someone outside the actor's team`, {
        en: `"${task.title}" is someone else's task.`,
        zh: `“${task.title}”是别人的任务。`,
      });
    }
    if (task.status !== 'open') {
      throw new ConflictError(
        'TASK.NOT_OPEN',
        `"${task.title}" is already ${task.status === 'done' ? 'done' : 'cancelled'}.`,
        `“${task.title}”已经${task.status === 'done' ? '完成' : '取消'}了。`,
      );
    }
    return task;
  }

  private write(actor: AnyActor, task: Task, patch: Partial<Pick<Task, 'status' | 'completedAt' | 'dueAt' | 'snoozeCount' | 'assigneeId' | 'title' | 'priority' | 'contactId' | 'accountId'>>) {
    const before: Record<string, unknown> = {};
    for (const k of Object.keys(patch) as (keyof typeof patch)[]) before[k] = task[k];
    return this.db.$transaction(async (tx) => {
      const updated = await tx.task.update({ where: { id: task.id }, data: patch });
      await audit(tx, actor, { action: AUDIT.taskUpdate, entityType: 'Task', entityId: task.id, before, after: patch });
      if (patch.dueAt && patch.dueAt.getTime() !== task.dueAt.getTime()) {
        await writeReminder(tx, actor.tenantId, task.id, patch.dueAt);
      }
      return toTaskDto(updated);
    });
  }
}

/** The same instant-of-day `n` calendar months later (UTC calendar; the day clamped to the month's end). */
function addMonths(d: Date, n: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const out = new Date(d.getTime());
  out.setUTCFullYear(y, m, Math.min(d.getUTCDate(), last));
  return out;
}

/** The longest a snooze may push a task (the chat's own limit for a follow-up date). */
const MAX_SNOOZE_MS = 5 * 365 * 86_400_000;

function parseDate(value: Date | string, field: string): Date {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new ValidationError(field, 'That is not a date I understand.', '无法识别该日期。');
  return d;
}

function queryTokens(text: string): string[] {
  const lower = text.toLowerCase();
  const latin = (lower.match(/[a-z0-9]+/g) ?? []).filter((w) => w.length > 1 && !STOPWORDS.has(w));
  const han: string[] = [];
  for (const run of lower.match(/\p{Script=Han}+/gu) ?? []) {
    const cleaned = run.replace(/^(完成|取消|推迟|改期|把|的|任务)+|(任务|完成了|做完了)+$/gu, '');
    if (cleaned.length === 1) han.push(cleaned);
    for (let i = 0; i + 1 < cleaned.length; i++) han.push(cleaned.slice(i, i + 2));
  }
  return [...new Set([...latin, ...han])];
}
