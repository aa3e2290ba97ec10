// Failure semantics shared by every processor:
// - a channel 429 (an error carrying `retryAfterMs`) pauses the queue for that long and puts the
//   job back without spending an attempt (worker.rateLimit + Worker.RateLimitError) when the
//   worker has a limiter, else moves just that job to delayed for that long;
// - a domain error (unreachable recipient, erased contact, missing row…) is permanent:
//   UnrecoverableError, so the job lands in the failed set at once with the error's code;
// - anything else is transient and retried with DEFAULT_JOB_OPTIONS' exponential backoff.
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { isPermanentError, retryAfterMs } from '../../domain/delivery/delivery.errors.ts';
import { parseJobPayload, type JobName, type JobNameOn, type JobPayload, type QueueName } from '../../domain/shared/jobs.ts';
import type { Logger } from '../../infra/logger.ts';

export interface ProcessorContext {
  /** Set once the worker exists (rate limiting needs it). */
  worker?: Worker;
  logger: Logger;
  now: () => Date;
}

export type NamedHandler = (job: Job, token: string | undefined) => Promise<unknown>;

/** A processor for job `N`: its data already read with the catalogue's schema (shared/jobs.ts). */
export type JobHandler<N extends JobName> = (data: JobPayload<N>, job: Job, token: string | undefined) => Promise<unknown>;
/** One processor for every job the catalogue puts on queue `Q`, no more, no less. */
export type QueueHandlers<Q extends QueueName> = { [N in JobNameOn<Q>]: JobHandler<N> };

/** Wraps typed processors for the dispatcher: data that does not fit its job's schema fails the
 * job for good (UnrecoverableError naming the job and the fields), as a retry cannot fix it. */
export function typedHandlers<Q extends QueueName>(handlers: QueueHandlers<Q>): Record<string, NamedHandler> {
  const out: Record<string, NamedHandler> = {};
  for (const [name, handle] of Object.entries(handlers) as [JobName, JobHandler<JobName>][]) {
    out[name] = async (job, token) => {
      const parsed = parseJobPayload(name, job.data);
      if (!parsed.ok) throw new UnrecoverableError(`job ${job.name} ${job.id}: ${parsed.error}`);
      return handle(parsed.data, job, token);
    };
  }
  return out;
}

export function dispatcher(queue: string, handlers: Record<string, NamedHandler>, ctx: ProcessorContext) {
  return async (job: Job, token?: string): Promise<unknown> => {
    const handler = Object.hasOwn(handlers, job.name) ? handlers[job.name] : undefined;
    if (!handler) throw new UnrecoverableError(`no processor for job "${job.name}" on queue ${queue}`);
    try {
      const result = await handler(job, token);
      ctx.logger.debug({ queue, job: job.name, jobId: job.id, result }, 'job done');
      return result;
    } catch (err) {
      if (err instanceof DelayedError || err instanceof UnrecoverableError) throw err;
      const wait = retryAfterMs(err);
      if (wait !== undefined) {
        ctx.logger.warn({ queue, job: job.name, jobId: job.id, wait }, 'channel rate limited; pausing the queue');
        // BullMQ only honours a manual rate limit on a worker that has a limiter; without
        // one, the job alone waits (moved to delayed; no attempt spent either way).
        if (ctx.worker?.opts.limiter) {
          await ctx.worker.rateLimit(wait);
          throw Worker.RateLimitError();
        }
        await job.moveToDelayed(Date.now() + wait, token);
        throw new DelayedError();
      }
      if (isPermanentError(err)) {
        const e = err as Error & { code?: string };
        ctx.logger.warn({ queue, job: job.name, jobId: job.id, code: e.code, err: e.message }, 'job failed permanently');
        throw new UnrecoverableError(`${e.code ?? 'PERMANENT'}: ${e.message}`);
      }
      throw err;
    }
  };
}

/** Re-delay the running job until `until` (quiet hours, not yet due). */
export async function delayUntil(job: Job, token: string | undefined, until: Date): Promise<never> {
  await job.moveToDelayed(until.getTime(), token);
  throw new DelayedError();
}
