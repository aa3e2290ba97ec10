// Queue crm-maintenance: housekeeping that has no natural owner job.
import type { SurveyService } from '../../domain/surveys/survey.service.ts';
import type { NamedHandler } from './run-guarded.ts';

export const maintenanceHandlers = (surveys: SurveyService, now: () => Date, housekeeping?: () => Promise<unknown>): Record<string, NamedHandler> => ({
  'survey-maintenance': () => surveys.maintenance(now()),
  housekeeping: async () => (housekeeping ? housekeeping() : undefined),
});
