// Task writes shared with other services (a follow-up created while logging an interaction
// runs inside that interaction's transaction).
import type { Task } from '../../generated/prisma/client.ts';
import type { AnyActor } from '../shared/access.ts';
import { audit } from '../shared/audit.ts';
import type { Db } from '../shared/db.ts';
import { QUEUES, writeOutbox } from '../shared/outbox.ts';
import type { JobRow } from '../shared/jobs.ts';
import { AUDIT } from '../audit/actions.ts';

export interface TaskDto {
  id: string;
  title: string;
  dueAt: Date;
  status: 'open' | 'done' | 'cancelled';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  assigneeId: string;
  createdById: string | null;
  accountId: string | null;
  contactId: string | null;
  interactionId: string | null;
  snoozeCount: number;
  completedAt: Date | null;
}

export const toTaskDto = (t: Task): TaskDto => ({
  id: t.id,
  title: t.title,
  dueAt: t.dueAt,
  status: t.status,
  priority: t.priority,
  assigneeId: t.assigneeId,
  createdById: t.createdById,
  accountId: t.accountId,
  contactId: t.contactId,
  interactionId: t.interactionId,
  snoozeCount: t.snoozeCount,
  completedAt: t.completedAt,
});

/** The reminder job for a task due at `dueAt`; a new due date gets a new job id. */
export function reminderJob(tenantId: string, taskId: string, dueAt: Date): JobRow<'task-reminder'> & { jobId: string; runAt: Date } {
  return {
    queue: QUEUES.reminders,
    jobName: 'task-reminder',
    jobId: `reminder:${taskId}:${dueAt.getTime()}`,
    runAt: dueAt,
    payload: { tenantId, taskId, dueAt: dueAt.toISOString() },
  };
}

export async function writeReminder(tx: Db, tenantId: string, taskId: string, dueAt: Date): Promise<void> {
  const job = reminderJob(tenantId, taskId, dueAt);
  await writeOutbox(tx, tenantId, { name: job.jobName, jobId: job.jobId, runAt: job.runAt, data: job.payload });
}

export interface NewTaskRow {
  title: string;
  dueAt: Date;
  assigneeId: string;
  accountId?: string | null;
  contactId?: string | null;
  interactionId?: string | null;
  sourceMessageId?: string | null;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
}

/** Inserts a task with its audit row and reminder job; the caller has checked access. */
export async function insertTask(tx: Db, actor: AnyActor, row: NewTaskRow): Promise<TaskDto> {
  const task = await tx.task.create({
    data: {
      tenantId: actor.tenantId,
      title: row.title,
      dueAt: row.dueAt,
      assigneeId: row.assigneeId,
      createdById: actor.kind === 'user' ? actor.userId : null,
      accountId: row.accountId ?? null,
      contactId: row.contactId ?? null,
      interactionId: row.interactionId ?? null,
      sourceMessageId: row.sourceMessageId ?? null,
      ...(row.priority ? { priority: row.priority } : {}),
    },
  });
  const dto = toTaskDto(task);
  await audit(tx, actor, {
    action: AUDIT.taskCreate,
    entityType: 'Task',
    entityId: task.id,
    after: dto,
    sourceMessageId: row.sourceMessageId,
  });
  await writeReminder(tx, actor.tenantId, task.id, task.dueAt);
  return dto;
}
