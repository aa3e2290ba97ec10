// Queue crm-surveys: triggers (after an interaction or a ticket), send, reminder, close, detractor alert.
import type { QUEUES } from '../../domain/shared/jobs.ts';
import type { SurveyService } from '../../domain/surveys/survey.service.ts';
import { typedHandlers, type NamedHandler } from './run-guarded.ts';

export const surveyHandlers = (surveys: SurveyService): Record<string, NamedHandler> =>
  typedHandlers<typeof QUEUES.surveys>({
    'survey-after-interaction': (d) => surveys.surveyAfterInteraction({ tenantId: d.tenantId, interactionId: d.interactionId }),
    'survey-after-ticket': (d) => surveys.surveyAfterTicket({ tenantId: d.tenantId, ticketId: d.ticketId }),
    'survey-send': (d) => surveys.sendSurvey(d.surveyId),
    'survey-reminder': (d) => surveys.remindSurvey(d.surveyId),
    'survey-close': (d) => surveys.closeSurvey(d.surveyId),
    'detractor-alert': (d) => surveys.sendDetractorAlert({ tenantId: d.tenantId, surveyId: d.surveyId }),
  });
