// Queue crm-surveys: triggers (after an interaction or a ticket), send, reminder, close, detractor alert.
import type { SurveyService } from '../../domain/surveys/survey.service.ts';
import { str, type NamedHandler } from './run-guarded.ts';

export const surveyHandlers = (surveys: SurveyService): Record<string, NamedHandler> => ({
  'survey-after-interaction': (job) => surveys.surveyAfterInteraction({ tenantId: str(job, 'tenantId'), interactionId: str(job, 'interactionId') }),
  'survey-after-ticket': (job) => surveys.surveyAfterTicket({ tenantId: str(job, 'tenantId'), ticketId: str(job, 'ticketId') }),
  'survey-send': (job) => surveys.sendSurvey(str(job, 'surveyId')),
  'survey-reminder': (job) => surveys.remindSurvey(str(job, 'surveyId')),
  'survey-close': (job) => surveys.closeSurvey(str(job, 'surveyId')),
  'detractor-alert': (job) => surveys.sendDetractorAlert({ tenantId: str(job, 'tenantId'), surveyId: str(job, 'surveyId') }),
});
