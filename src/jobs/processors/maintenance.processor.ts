// Queue crm-maintenance: housekeeping that has no natural owner job.
import type { QUEUES } from '../../domain/shared/jobs.ts';
import type { SurveyService } from '../../domain/surveys/survey.service.ts';
import { typedHandlers, type NamedHandler } from './run-guarded.ts';

export const maintenanceHandlers = (surveys: SurveyService, now: () => Date, housekeeping?: () => Promise<unknown>): Record<string, NamedHandler> =>
  typedHandlers<typeof QUEUES.maintenance>({
    'survey-maintenance': () => surveys.maintenance(now()),
    housekeeping: async () => (housekeeping ? housekeeping() : undefined),
  });
