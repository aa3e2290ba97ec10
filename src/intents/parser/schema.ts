import { z } from 'zod';

export const INTENT_NAMES = [
  'log_interaction', 'schedule_followup', 'list_tasks', 'complete_task', 'snooze_task',
  'account_overview', 'list_at_risk', 'pipeline_summary', 'create_opportunity', 'update_opportunity',
  'create_contact', 'update_contact', 'create_account', 'log_complaint', 'send_survey',
  'survey_response', 'segment_customers', 'decision_chain', 'kpi_report', 'opt_out',
  'undo', 'help', 'cancel', 'unknown',
] as const;

export type IntentName = (typeof INTENT_NAMES)[number];

export const entitiesSchema = z.object({
  contact: z.string().optional(),
  account: z.string().optional(),
  interactionType: z.enum(['visit', 'call', 'meeting', 'email', 'message', 'note']).optional(),
  /** ISO 8601 with offset: when an interaction happened */
  when: z.string().optional(),
  /** ISO 8601 with offset: when a follow-up / task is due */
  due: z.string().optional(),
  summary: z.string().optional(),
  stage: z.enum(['qualification', 'needs_analysis', 'proposal', 'negotiation', 'closed_won', 'closed_lost']).optional(),
  amount: z.number().optional(),
  currency: z.string().optional(),
  score: z.number().optional(),
  surveyKind: z.enum(['csat', 'nps']).optional(),
  period: z.enum(['this_week', 'last_week', 'this_month', 'last_month', 'this_quarter', 'today']).optional(),
  scope: z.enum(['mine', 'team', 'all']).optional(),
  tier: z.enum(['A', 'B', 'C']).optional(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
  title: z.string().optional(),
  role: z.enum(['decision_maker', 'influencer', 'user', 'gatekeeper', 'champion']).optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  opportunity: z.string().optional(),
  taskRef: z.string().optional(),
});

export const parseResultSchema = z.object({
  intent: z.enum(INTENT_NAMES),
  confidence: z.number().min(0).max(1),
  language: z.enum(['en', 'zh']),
  entities: entitiesSchema,
});

export type Entities = z.infer<typeof entitiesSchema>;
export type ParseResult = z.infer<typeof parseResultSchema>;
