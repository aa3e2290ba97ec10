// Queue crm-reminders: `task-reminder` (written by TaskService with jobId reminder:<taskId>:<dueMs>).
import type { QUEUES } from '../../domain/shared/jobs.ts';
import type { ReminderService } from '../../domain/reminders/reminder.service.ts';
import { typedHandlers, type NamedHandler } from './run-guarded.ts';

export const reminderHandlers = (reminders: ReminderService): Record<string, NamedHandler> =>
  typedHandlers<typeof QUEUES.reminders>({
    'task-reminder': (d) => reminders.sendTaskReminder({ tenantId: d.tenantId, taskId: d.taskId, dueAt: d.dueAt }),
  });
