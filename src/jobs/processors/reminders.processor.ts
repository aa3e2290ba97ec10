// Queue crm-reminders: `task-reminder` (written by TaskService with jobId reminder:<taskId>:<dueMs>).
import type { ReminderService } from '../../domain/reminders/reminder.service.ts';
import { str, type NamedHandler } from './run-guarded.ts';

export const reminderHandlers = (reminders: ReminderService): Record<string, NamedHandler> => ({
  'task-reminder': (job) => reminders.sendTaskReminder({ tenantId: str(job, 'tenantId'), taskId: str(job, 'taskId'), dueAt: str(job, 'dueAt') }),
});
