// The job catalogue: every background job by name, with the queue it runs on and the schema of its
// payload. It is the contract between the writers (the domain puts jobs in the Outbox, the digest
// scan asks for jobs, the schedulers register repeating ones) and the readers (the processors in
// src/jobs, which parse each job's data with the schema before calling the domain). Payloads carry
// ids only; the domain service reloads the state and returns early when the work is no longer due.
// Plain names and zod schemas, no job runner: the domain and the jobs layer both import this file.
import { z } from 'zod';

export const QUEUES = {
  reminders: 'crm-reminders',
  surveys: 'crm-surveys',
  greetings: 'crm-greetings',
  digests: 'crm-digests',
  maintenance: 'crm-maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const id = z.string().min(1);
const tenantAndSurvey = z.object({ tenantId: id, surveyId: id });
const tenantAndGreeting = z.object({ tenantId: id, greetingId: id });
const digest = z.object({ tenantId: id, userId: id, localDate: id });
/** Scans run for one tenant, or for all ('all' or no tenantId). */
const scan = z.object({ tenantId: id.optional() });
const none = z.object({});

export const JOBS = {
  /** TaskService: jobId reminder:<taskId>:<dueMs>, run at the due time. */
  'task-reminder': { queue: QUEUES.reminders, payload: z.object({ tenantId: id, taskId: id, dueAt: id }) },
  'survey-after-interaction': { queue: QUEUES.surveys, payload: z.object({ tenantId: id, interactionId: id }) },
  'survey-after-ticket': { queue: QUEUES.surveys, payload: z.object({ tenantId: id, ticketId: id }) },
  'survey-send': { queue: QUEUES.surveys, payload: tenantAndSurvey },
  'survey-reminder': { queue: QUEUES.surveys, payload: tenantAndSurvey },
  'survey-close': { queue: QUEUES.surveys, payload: tenantAndSurvey },
  'detractor-alert': { queue: QUEUES.surveys, payload: tenantAndSurvey },
  'greeting-scan': { queue: QUEUES.greetings, payload: scan },
  'greeting-send': { queue: QUEUES.greetings, payload: tenantAndGreeting },
  'greeting-approval': { queue: QUEUES.greetings, payload: tenantAndGreeting },
  'digest-scan': { queue: QUEUES.digests, payload: scan },
  'digest-morning': { queue: QUEUES.digests, payload: digest },
  'digest-weekly': { queue: QUEUES.digests, payload: digest },
  'risk-snapshot': { queue: QUEUES.digests, payload: z.object({ tenantId: id, weekStart: id }) },
  'survey-maintenance': { queue: QUEUES.maintenance, payload: none },
  housekeeping: { queue: QUEUES.maintenance, payload: none },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodType<Record<string, unknown>> }>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;
/** The names of the jobs that run on queue `Q`. */
export type JobNameOn<Q extends QueueName> = { [N in JobName]: (typeof JOBS)[N]['queue'] extends Q ? N : never }[JobName];

/** A job as a writer asks for it: the name decides the queue and the shape of `data`. */
export type JobRequest<N extends JobName = JobName> = {
  [K in N]: {
    name: K;
    /** Deterministic id: BullMQ keeps one job per id. */
    jobId?: string;
    /** Run no earlier than this. */
    runAt?: Date;
    data: JobPayload<K>;
  };
}[N];

export function queueOf(name: JobName): QueueName {
  return JOBS[name].queue;
}

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}

/** Reads a job's data with its schema; the message names the job and the fields that are wrong. */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): { ok: true; data: JobPayload<N> } | { ok: false; error: string } {
  const r = JOBS[name].payload.safeParse(data ?? {});
  if (r.success) return { ok: true, data: r.data as JobPayload<N> };
  const fields = r.error.issues.map((i) => `"${i.path.join('.') || '(data)'}" ${i.message}`).join('; ');
  return { ok: false, error: `bad data for job ${name}: ${fields}` };
}

/** A job as Outbox columns, for writers that insert the rows in bulk SQL (interaction-write.ts). */
export type JobRow<N extends JobName = JobName> = {
  [K in N]: { queue: (typeof JOBS)[K]['queue']; jobName: K; jobId: string | null; runAt: Date | null; payload: JobPayload<K> };
}[N];
