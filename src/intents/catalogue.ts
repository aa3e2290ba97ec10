// One intent catalogue: what each intent means, which entity keys it carries, whether it writes and
// whether a customer may use it. The parser's output filter, the LLM route's prompt and schema, the
// dispatcher's read/write and customer checks are all derived from this table.
import type { EntityKey, IntentName } from './parser/schema.ts';

export interface IntentSpec {
  /** Entity keys the intent carries; the parser drops any other. */
  keys: readonly EntityKey[];
  /** Changes CRM data (confirmed before it is made when the reading is unsure). */
  writes: boolean;
  /** A customer (an external contact) may use it. */
  customer: boolean;
  /** One line for the LLM prompt and for reviewers. */
  means: string;
}

export const INTENTS: Readonly<Record<IntentName, IntentSpec>> = {
  log_interaction: {
    keys: ['contact', 'others', 'account', 'interactionType', 'when', 'due', 'summary'],
    writes: true, customer: false,
    means: 'report a visit, call, meeting, email, message or note that happened (past); may add a follow-up (due)',
  },
  schedule_followup: {
    keys: ['contact', 'others', 'account', 'interactionType', 'due', 'summary', 'priority'],
    writes: true, customer: false,
    means: 'ask to be reminded of / plan a future action, with nothing reported as done',
  },
  list_tasks: { keys: ['scope', 'period', 'rep'], writes: false, customer: false, means: 'list my (or the team\'s) open or overdue tasks' },
  complete_task: { keys: ['taskRef'], writes: true, customer: false, means: 'mark a task done' },
  snooze_task: { keys: ['taskRef', 'due', 'shift'], writes: true, customer: false, means: 'postpone a task to a date (due) or by a duration (shift)' },
  update_task: { keys: ['taskRef', 'priority'], writes: true, customer: false, means: 'change an open task\'s priority (mark the samples task urgent, 送样品那个任务标成紧急)' },
  account_overview: { keys: ['account', 'contact'], writes: false, customer: false, means: 'what is going on with an account or contact' },
  list_at_risk: { keys: ['period', 'scope', 'rep', 'account'], writes: false, customer: false, means: 'accounts at risk of churning, or why one account is at risk' },
  pipeline_summary: { keys: ['period', 'month', 'scope', 'stage', 'rep'], writes: false, customer: false, means: 'pipeline / deals / forecast overview' },
  create_opportunity: { keys: ['account', 'title', 'amount', 'currency', 'stage', 'due'], writes: true, customer: false, means: 'open a new deal (title, amount, expected close date as due)' },
  update_opportunity: { keys: ['opportunity', 'account', 'stage', 'amount', 'currency', 'due'], writes: true, customer: false, means: 'change a deal\'s stage, amount or close date, or mark it won or lost' },
  create_contact: { keys: ['contact', 'account', 'title', 'role', 'email', 'phone', 'birthday'], writes: true, customer: false, means: 'add a new contact person' },
  update_contact: { keys: ['contact', 'account', 'title', 'role', 'email', 'phone', 'birthday'], writes: true, customer: false, means: 'change a contact\'s phone, email, title, role, birthday or account' },
  create_account: { keys: ['account', 'tier'], writes: true, customer: false, means: 'add a new account (company, hospital)' },
  log_complaint: { keys: ['contact', 'account', 'summary', 'priority'], writes: true, customer: false, means: 'record a customer complaint' },
  send_survey: { keys: ['contact', 'account', 'surveyKind', 'tier'], writes: true, customer: false, means: 'send a CSAT or NPS survey' },
  survey_response: { keys: ['score', 'summary', 'surveyKind'], writes: true, customer: true, means: 'a customer answers a survey with a score and maybe a comment' },
  segment_customers: { keys: ['tier', 'scope'], writes: false, customer: false, means: 'RFM segments or value tiers' },
  decision_chain: { keys: ['account', 'role'], writes: false, customer: false, means: 'who decides or influences at an account' },
  kpi_report: { keys: ['period', 'month', 'scope', 'rep', 'metric'], writes: false, customer: false, means: 'performance figures: KPIs, visit counts, average CSAT/NPS, win rate, SLA' },
  opt_out: { keys: ['contact', 'account'], writes: true, customer: true, means: 'stop surveys and greetings: a customer unsubscribing, or a rep reporting that a contact opted out' },
  correct_last: {
    keys: ['contact', 'account', 'interactionType', 'when', 'due', 'summary', 'amount', 'currency', 'stage', 'priority'],
    writes: true, customer: false,
    means: 'correct the last record (no wait, it was a meeting; 不对，是李主任)',
  },
  undo: { keys: [], writes: true, customer: false, means: 'revert my last change' },
  help: { keys: [], writes: false, customer: true, means: 'what can you do, greetings' },
  cancel: { keys: [], writes: false, customer: true, means: 'drop the current question' },
  unknown: { keys: [], writes: false, customer: true, means: 'anything else' },
};

export const READ_ONLY_INTENTS: ReadonlySet<string> = new Set(
  (Object.keys(INTENTS) as IntentName[]).filter((i) => !INTENTS[i].writes),
);
export const CUSTOMER_INTENTS: ReadonlySet<IntentName> = new Set(
  (Object.keys(INTENTS) as IntentName[]).filter((i) => INTENTS[i].customer),
);
