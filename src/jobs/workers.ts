// Starts one BullMQ worker per queue in QUEUES, each dispatching by job name to thin
// processors (ids-only payloads → the domain service reloads state and returns early when the
// work is no longer due), and registers the repeating scans.
//
// Rate limits: Slack allows about one message per second per channel, with bursts; BullMQ's
// limiter is per queue, not per channel, so the queues that deliver get a global limiter of
// 20 jobs/s when an external channel (Slack/Teams) is configured. A 429 with Retry-After
// pauses the queue for exactly that long (see processors/run-guarded.ts). The web inbox alone
// needs no limiter.
import type { Worker } from 'bullmq';
import type { Clock } from '../domain/shared/clock.ts';
import { QUEUES, type QueueName } from '../domain/shared/jobs.ts';
import type { Logger } from '../infra/logger.ts';
import type { ChannelRoutingPort } from '../domain/delivery/delivery.service.ts';
import { buildEngagementServices, type EngagementServices } from '../services.ts';
import type { JobBackend, WorkerOptions } from './backend.ts';
import { registerSchedulers } from './schedulers.ts';
import {
  digestHandlers,
  dispatcher,
  greetingHandlers,
  maintenanceHandlers,
  reminderHandlers,
  surveyHandlers,
  type NamedHandler,
  type ProcessorContext,
} from './processors/index.ts';

/** The services the workers use. Any that the caller lacks are built from `db` + `delivery`. */
export type WorkerServices = Partial<EngagementServices>;

export interface StartWorkersOptions {
  jobs: JobBackend;
  /** The database the missing services are built over (handed on to buildEngagementServices; no query here). */
  db: Parameters<typeof buildEngagementServices>[0];
  services: WorkerServices;
  /** CompositeDelivery in the app; any DeliveryPort works (channelFor is optional). */
  delivery: ChannelRoutingPort & { hasExternalChannels?(): boolean };
  logger: Logger;
  /** Time source for scans and quiet hours (tests). @defaultValue () => new Date() */
  now?: () => Date;
  /** Periodic upkeep the composition root provides (value recompute, sweeps). */
  housekeeping?: () => Promise<unknown>;
  /** Per-queue worker concurrency. @defaultValue 5 */
  concurrency?: number;
  /** Overrides `concurrency` for single queues (reminders to the web inbox alone run ~400 at once). */
  queueConcurrency?: Partial<Record<QueueName, number>>;
  /** Limiter on delivering queues; null for none. @defaultValue 20/s when Slack or Teams is configured */
  limiter?: { max: number; duration: number } | null;
  /** Register the repeating scans. @defaultValue true */
  schedulers?: boolean;
  /** Only these queues (tests, dedicated worker processes). @defaultValue all of QUEUES */
  queues?: QueueName[];
  lockDuration?: number;
  stalledInterval?: number;
}

export interface Workers {
  readonly workers: Partial<Record<QueueName, Worker>>;
  readonly services: EngagementServices;
  close(): Promise<void>;
}

export async function startWorkers(opts: StartWorkersOptions): Promise<Workers> {
  const now = opts.now ?? (() => new Date());
  const clock: Clock = { now };
  const services = buildEngagementServices(opts.db, opts.delivery, clock, opts.services);
  const external = opts.delivery.hasExternalChannels?.() ?? true;
  const limiter = opts.limiter === undefined ? (external ? { max: 20, duration: 1000 } : null) : opts.limiter;

  const handlers: Record<QueueName, Record<string, NamedHandler>> = {
    [QUEUES.reminders]: reminderHandlers(services.reminders),
    [QUEUES.surveys]: surveyHandlers(services.surveys),
    [QUEUES.greetings]: greetingHandlers(services.greetings, now),
    [QUEUES.digests]: digestHandlers(services.reminders, () => opts.jobs.queue(QUEUES.digests), now),
    [QUEUES.maintenance]: maintenanceHandlers(services.surveys, now, opts.housekeeping),
  };
  const delivering = new Set<QueueName>([QUEUES.reminders, QUEUES.surveys, QUEUES.greetings, QUEUES.digests]);
  const workers: Partial<Record<QueueName, Worker>> = {};
  const selected = opts.queues ?? (Object.values(QUEUES) as QueueName[]);
  for (const queue of selected) {
    const ctx: ProcessorContext = { logger: opts.logger, now };
    const wo: WorkerOptions = {
      concurrency: opts.queueConcurrency?.[queue] ?? opts.concurrency ?? 5,
      ...(limiter && delivering.has(queue) ? { limiter } : {}),
      ...(opts.lockDuration ? { lockDuration: opts.lockDuration } : {}),
      ...(opts.stalledInterval ? { stalledInterval: opts.stalledInterval } : {}),
    };
    const worker = opts.jobs.worker(queue, dispatcher(queue, handlers[queue], ctx), wo);
    ctx.worker = worker;
    worker.on('error', (err) => opts.logger.error({ err: err.message, queue }, 'worker error'));
    worker.on('failed', (job, err) =>
      opts.logger.warn({ queue, job: job?.name, jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message }, 'job failed'),
    );
    workers[queue] = worker;
  }
  if (opts.schedulers ?? true) await registerSchedulers(opts.jobs);
  opts.logger.info({ queues: Object.keys(workers), limiter }, 'workers started');
  return {
    workers,
    services,
    close: async () => {
      await Promise.allSettled(Object.values(workers).map((w) => w.close()));
    },
  };
}
