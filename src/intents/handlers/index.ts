// Intent → handler. Exhaustive: adding an intent to the contract without a handler fails to compile.
import type { IntentName } from '../parser/index.ts';
import type { Handler } from './context.ts';
import { accountOverview, createAccount, createContact, decisionChain, updateContact } from './accounts.ts';
import { kpiReport, listAtRisk, segmentCustomers } from './insights.ts';
import { logInteraction, scheduleFollowup } from './interactions.ts';
import { correctLast, help, undo, unknown } from './meta.ts';
import { createOpportunity, pipelineSummary, updateOpportunity } from './pipeline.ts';
import { logComplaint, optOut, sendSurvey, surveyResponse } from './service.ts';
import { completeTask, listTasks, snoozeTask, updateTask } from './tasks.ts';

export { ACTION_HANDLERS } from './service.ts';

const cancel: Handler = async (ctx) => ({
  replies: [{ kind: 'info', text: ctx.lang === 'zh' ? '没有需要取消的操作。' : 'Nothing to cancel.' }],
});

export const HANDLERS: Record<IntentName, Handler> = {
  log_interaction: logInteraction,
  schedule_followup: scheduleFollowup,
  list_tasks: listTasks,
  complete_task: completeTask,
  snooze_task: snoozeTask,
  update_task: updateTask,
  account_overview: accountOverview,
  list_at_risk: listAtRisk,
  pipeline_summary: pipelineSummary,
  create_opportunity: createOpportunity,
  update_opportunity: updateOpportunity,
  create_contact: createContact,
  update_contact: updateContact,
  create_account: createAccount,
  log_complaint: logComplaint,
  send_survey: sendSurvey,
  survey_response: surveyResponse,
  segment_customers: segmentCustomers,
  decision_chain: decisionChain,
  kpi_report: kpiReport,
  opt_out: optOut,
  correct_last: correctLast,
  undo,
  help,
  cancel,
  unknown,
};

/** What a customer (an external contact) may do in chat. */
export { CUSTOMER_INTENTS } from '../catalogue.ts';
