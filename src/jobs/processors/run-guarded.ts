// Failure semantics shared by every processor:
// - a channel 429 (an error carrying `retryAfterMs`) pauses the queue for that long and puts the
//   job back without spending an attempt (worker.rateLimit + Worker.RateLimitError) when the
//   worker has a limiter, else moves just that job to delayed for that long;
// - a domain error (unreachable recipient, erased contact, missing row…) is permanent:
//   UnrecoverableError, so the job lands in the failed set at once with the error's code;
// - anything else is transient and retried with DEFAULT_JOB_OPTIONS' exponential backoff.
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { isPermanentError, retryAfterMs } from '../../domain/delivery/delivery.errors.ts';
import type { Logger } from '../../infra/logger.ts';

export interface ProcessorContext {
  /** Set once the worker exists (rate limiting needs it). */
  worker?: Worker;
  logger: Logger;
  now: () => Date;
}

export type NamedHandler = (job: Job, token: string | undefined) => Promise<unknown>;

export function dispatcher(queue: string, handlers: Record<string, NamedHandler>, ctx: ProcessorContext) {
  return async (job: Job, token?: string): Promise<unknown> => {
    const handler = handlers[job.name];
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

export function str(job: Job, key: string): string {
  const v = (job.data as Record<string, unknown>)[key];
  if (typeof v !== 'string' || !v) throw new UnrecoverableError(`job ${job.name} ${job.id}: missing "${key}" in its data`);
  return v;
}
