// The parser's contract: intents and entity keys. `rapport parse`, the LLM route, the handlers and
// the evaluation all read it from here; the intent catalogue (../catalogue.ts) says what each
// intent may carry and whether it writes.
import { z } from 'zod';

export const INTENT_NAMES = [
  'log_interaction', 'schedule_followup', 'list_tasks', 'complete_task', 'snooze_task', 'update_task',
  'account_overview', 'list_at_risk', 'pipeline_summary', 'create_opportunity', 'update_opportunity',
  'create_contact', 'update_contact', 'create_account', 'log_complaint', 'send_survey',
  'survey_response', 'segment_customers', 'decision_chain', 'kpi_report', 'opt_out',
  'correct_last', 'undo', 'help', 'cancel', 'unknown',
] as const;

export type IntentName = (typeof INTENT_NAMES)[number];

export const INTERACTION_TYPES = ['visit', 'call', 'meeting', 'email', 'message', 'note'] as const;
export const STAGES = ['qualification', 'needs_analysis', 'proposal', 'negotiation', 'closed_won', 'closed_lost'] as const;
export const PERIODS = ['today', 'this_week', 'last_week', 'next_week', 'this_month', 'last_month', 'this_quarter', 'last_quarter', 'this_year'] as const;
export const ROLES = ['decision_maker', 'influencer', 'user', 'gatekeeper', 'champion'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const METRICS = ['csat', 'nps', 'interactions', 'visits', 'calls', 'meetings', 'win_rate', 'sla', 'coverage', 'greetings'] as const;

export const entitiesSchema = z.object({
  /** A customer contact as written, title included when written (`Dr. Li`, `周主任`, `jenny`). */
  contact: z.string().optional(),
  /** Further people in the same message (`met Dr. Li and Nurse Zhang`): everyone after `contact`. */
  others: z.array(z.string()).optional(),
  /** An account (company, hospital) as written (`Contoso`, `同仁医院`, `市一院`). */
  account: z.string().optional(),
  interactionType: z.enum(INTERACTION_TYPES).optional(),
  /** ISO 8601 with offset: when a logged interaction happened (absent = now). */
  when: z.string().optional(),
  /** ISO 8601 with offset: when a follow-up / task is due. */
  due: z.string().optional(),
  /** ISO 8601 duration (`P2D`, `PT3H`, `P1W`): how far to move a task from its own due time. */
  shift: z.string().optional(),
  summary: z.string().optional(),
  stage: z.enum(STAGES).optional(),
  amount: z.number().optional(),
  currency: z.string().optional(),
  score: z.number().optional(),
  surveyKind: z.enum(['csat', 'nps']).optional(),
  period: z.enum(PERIODS).optional(),
  /** A named month, `YYYY-MM` (the latest one that has begun: `november`, `11月`). */
  month: z.string().optional(),
  scope: z.enum(['mine', 'team', 'all']).optional(),
  /** A sales rep named by a manager (`王芳的漏斗`, `how is alex doing`). */
  rep: z.string().optional(),
  metric: z.enum(METRICS).optional(),
  tier: z.enum(['A', 'B', 'C']).optional(),
  priority: z.enum(PRIORITIES).optional(),
  title: z.string().optional(),
  role: z.enum(ROLES).optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  /** `MM-DD`, or `YYYY-MM-DD` when the year is given. */
  birthday: z.string().optional(),
  opportunity: z.string().optional(),
  taskRef: z.string().optional(),
});

const readingSchema = z.object({
  intent: z.enum(INTENT_NAMES),
  confidence: z.number().min(0).max(1),
  entities: entitiesSchema,
});

export const parseResultSchema = z.object({
  intent: z.enum(INTENT_NAMES),
  /** Calibrated: below the ask threshold the reading is not acted on as a write without asking. */
  confidence: z.number().min(0).max(1),
  language: z.enum(['en', 'zh']),
  entities: entitiesSchema,
  /** The next best readings, best first (for a clarifying question). */
  alternatives: z.array(readingSchema).optional(),
});

export type Entities = z.infer<typeof entitiesSchema>;
export type EntityKey = keyof Entities;
export type ParseResult = z.infer<typeof parseResultSchema>;
export type Reading = z.infer<typeof readingSchema>;
