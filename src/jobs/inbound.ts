// The inbound queue (see src/bots/inbound.ts): Slack events acknowledged by a server, run here.
// One job per event id (BullMQ keeps one job per id, so a redelivery while the job exists is the
// same job; later ones meet the ProcessedEvent claim the handler takes). A run that finds the
// database down is retried with backoff for about half an hour.
import type { Worker } from 'bullmq';
import type { InboundAttempt, InboundEvent, InboundPort } from '../bots/inbound.ts';
import type { Logger } from '../infra/logger.ts';
import type { JobBackend, WorkerOptions } from './backend.ts';

export const INBOUND_QUEUE = 'chat-inbound';

/** Retried 1 s, 2 s, 4 s … apart (≈ 34 min in all); finished jobs are kept an hour for dedupe. */
const INBOUND_JOB_OPTIONS = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 3600, count: 20_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

const jobIdFor = (e: Pick<InboundEvent, 'source' | 'eventId'>) => `${e.source}-${e.eventId.replace(/[^A-Za-z0-9_.-]/g, '_')}`;

export function inboundQueue(jobs: JobBackend): InboundPort {
  const queue = jobs.queue(INBOUND_QUEUE);
  return {
    async enqueue(event) {
      await queue.add(`${event.source}-event`, { ...event }, { ...INBOUND_JOB_OPTIONS, jobId: jobIdFor(event) });
    },
  };
}

export type InboundHandlers = Partial<Record<InboundEvent['source'], (event: InboundEvent, attempt: InboundAttempt) => Promise<void>>>;

export function startInboundWorker(jobs: JobBackend, handlers: InboundHandlers, logger: Logger, opts: WorkerOptions): Worker {
  const worker = jobs.worker(
    INBOUND_QUEUE,
    async (job) => {
      const event = job.data as InboundEvent;
      const handle = handlers[event.source];
      if (!handle) throw new Error(`no inbound handler for ${event.source} in this process`);
      await handle(event, {
        first: job.attemptsMade === 0 && !job.stalledCounter,
        last: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
      });
    },
    opts,
  );
  worker.on('error', (err) => logger.error({ err: err.message, queue: INBOUND_QUEUE }, 'worker error'));
  worker.on('failed', (job, err) => logger.warn({ queue: INBOUND_QUEUE, jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message }, 'inbound event failed'));
  return worker;
}
