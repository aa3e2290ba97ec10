export { TaskService, type CreateTaskInput, type SnoozeBy, type TaskListFilter, type TaskFindResult, type TaskCandidate } from './task.service.ts';
export { toTaskDto, type TaskDto } from './task-writes.ts';
export { endOfLocalDay } from './time.ts';
