// The job catalogue is the contract between the Outbox writers and the processors: every job on a
// queue has exactly one processor, and a job whose data does not fit its schema fails for good.
import { UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { JOBS, QUEUES, parseJobPayload, queueOf, type JobName } from '../../../src/domain/shared/jobs.ts';
import { AUDIT } from '../../../src/domain/audit/actions.ts';
import {
  digestHandlers,
  dispatcher,
  greetingHandlers,
  maintenanceHandlers,
  reminderHandlers,
  surveyHandlers,
} from '../../../src/jobs/processors/index.ts';
import { SCHEDULES } from '../../../src/jobs/schedulers.ts';
import { createLogger } from '../../../src/infra/logger.ts';

const calls: unknown[] = [];
const record = (...args: unknown[]) => {
  calls.push(args);
  return Promise.resolve({ status: 'ok' });
};
const anyService = new Proxy({}, { get: () => record }) as never;
const handlers = {
  [QUEUES.reminders]: reminderHandlers(anyService),
  [QUEUES.surveys]: surveyHandlers(anyService),
  [QUEUES.greetings]: greetingHandlers(anyService, () => new Date()),
  [QUEUES.digests]: digestHandlers(anyService, () => ({}) as never, () => new Date()),
  [QUEUES.maintenance]: maintenanceHandlers(anyService, () => new Date()),
};
const job = (name: string, data: unknown) => ({ name, id: `${name}-1`, data }) as unknown as Job;

describe('job catalogue', () => {
  it('has one processor per job, on the job’s own queue', () => {
    for (const [queue, byName] of Object.entries(handlers)) {
      const expected = (Object.keys(JOBS) as JobName[]).filter((n) => queueOf(n) === queue).sort();
      expect(Object.keys(byName).sort()).toEqual(expected);
    }
    for (const s of SCHEDULES) expect(parseJobPayload(s.name, s.data).ok).toBe(true);
  });

  it('hands the processor the parsed payload', async () => {
    calls.length = 0;
    await handlers[QUEUES.surveys]['survey-send']!(job('survey-send', { tenantId: 't1', surveyId: 's1' }), undefined);
    expect(calls).toEqual([['s1']]);
  });

  it('fails a job with data that does not fit, for good, naming the job and the field', async () => {
    const run = dispatcher(QUEUES.surveys, handlers[QUEUES.surveys], { logger: createLogger('silent'), now: () => new Date() });
    const err = await run(job('survey-send', { tenantId: 't1' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect((err as Error).message).toMatch(/survey-send.*"surveyId"/);
    const unknown = await run(job('constructor', {})).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(UnrecoverableError);
    expect((unknown as Error).message).toMatch(/no processor for job "constructor"/);
  });

  it('audit actions are one table of distinct names', () => {
    const values = Object.values(AUDIT);
    expect(new Set(values).size).toBe(values.length);
  });
});
