// BullMQ on either of its backends behind one small interface: Redis (through ioredis, the
// production default, when REDIS_URL is set) or PostgreSQL (the configured database, or the
// embedded PGlite served on a loopback socket) when it is not. Queues, workers and processors
// are the same code on both.
import { createPostgresBackend, Queue, Worker, withBackend, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Logger } from '../infra/logger.ts';

export type JobProcessor = (job: Job) => Promise<unknown>;

export interface JobQueue {
  readonly name: string;
  add(name: string, data: Record<string, unknown>, opts?: JobsOptions): Promise<{ id?: string | undefined }>;
  getJobCounts(): Promise<Record<string, number>>;
  /** The underlying BullMQ queue (Bull Board, tests). */
  readonly raw: Queue;
}

export interface WorkerOptions {
  concurrency?: number;
  /** BullMQ rate limiter: at most `max` jobs per `duration` ms for this queue. */
  limiter?: { max: number; duration: number };
  /** How long a job may run before it is considered stalled (ms). */
  lockDuration?: number;
  stalledInterval?: number;
}

export interface JobBackend {
  readonly kind: 'redis' | 'postgres';
  queue(name: string): JobQueue;
  worker(name: string, processor: JobProcessor, opts?: WorkerOptions): Worker;
  /** Throws when the backend does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Sensible defaults: retries with exponential backoff, finished jobs kept long enough to dedupe. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export interface JobBackendOptions {
  redisUrl?: string | undefined;
  /** postgres:// URL for the PostgreSQL backend (used when redisUrl is unset). */
  postgresUrl?: () => Promise<string>;
  logger: Logger;
  /** Prefix for queue names (tests isolate themselves with it). */
  prefix?: string;
}

export async function createJobBackend(opts: JobBackendOptions): Promise<JobBackend> {
  let backend: JobBackend;
  if (opts.redisUrl) {
    const redis = createRedisBackend(opts.redisUrl, opts);
    await redis.ready;
    backend = redis;
  } else {
    if (!opts.postgresUrl) throw new Error('createJobBackend needs a Redis URL or a PostgreSQL URL');
    backend = createPgBackend(await opts.postgresUrl(), opts);
  }
  // Closing twice (a test's afterAll after the app's own stop) is harmless.
  let closing: Promise<void> | undefined;
  const close = backend.close.bind(backend);
  backend.close = () => (closing ??= close());
  return backend;
}

function wrapQueue(queue: Queue): JobQueue {
  return {
    name: queue.name,
    raw: queue,
    add: async (name, data, o) => {
      const job = await queue.add(name, data, o);
      return { id: job.id };
    },
    getJobCounts: () => queue.getJobCounts(),
  };
}

function createRedisBackend(url: string, opts: JobBackendOptions): JobBackend & { ready: Promise<void> } {
  // Producers fail fast while Redis is away (the Outbox keeps the job); workers wait and resume.
  const producer = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  producer.on('error', (err) => opts.logger.debug({ err: err.message }, 'redis producer connection error'));
  // Wait briefly for the first connection; if Redis is down at start we go on (and say so in /readyz).
  const ready = new Promise<void>((resolve) => {
    const t = setTimeout(() => {
      opts.logger.warn('Redis is not answering; jobs wait in the Outbox until it is back');
      resolve();
    }, 3_000);
    producer.once('ready', () => {
      clearTimeout(t);
      resolve();
    });
  });
  const queues = new Map<string, JobQueue>();
  const workers: Worker[] = [];
  const connections: Redis[] = [producer];
  const prefix = opts.prefix ?? 'rapport';
  return {
    ready,
    kind: 'redis',
    queue(name) {
      let q = queues.get(name);
      if (!q) {
        const raw = new Queue(name, { connection: producer, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
        // Without a listener BullMQ prints every connection error to stderr (unstructured, once per
        // queue per retry) while Redis is away; the producer's own listener already logs it.
        raw.on('error', (err) => opts.logger.debug({ err: err.message, queue: name }, 'queue connection error'));
        q = wrapQueue(raw);
        queues.set(name, q);
      }
      return q;
    },
    worker(name, processor, wo = {}) {
      const connection = new Redis(url, { maxRetriesPerRequest: null });
      connection.on('error', (err) => opts.logger.debug({ err: err.message }, 'redis worker connection error'));
      connections.push(connection);
      const w = new Worker(name, processor, {
        connection,
        prefix,
        concurrency: wo.concurrency ?? 5,
        ...(wo.limiter ? { limiter: wo.limiter } : {}),
        ...(wo.lockDuration ? { lockDuration: wo.lockDuration } : {}),
        ...(wo.stalledInterval ? { stalledInterval: wo.stalledInterval } : {}),
      });
      workers.push(w);
      return w;
    },
    ping: async () => {
      if ((await producer.ping()) !== 'PONG') throw new Error('Redis did not answer PONG');
    },
    close: async () => {
      await Promise.allSettled(workers.map((w) => w.close()));
      await Promise.allSettled([...queues.values()].map((q) => q.raw.close()));
      for (const c of connections) c.disconnect();
    },
  };
}

function createPgBackend(url: string, opts: JobBackendOptions): JobBackend {
  const { Queue: PgQueue, Worker: PgWorker } = withBackend(createPostgresBackend);
  // One schema ('bullmq'): PGlite's socket ignores a per-connection search_path, so tests
  // isolate themselves by queue name instead.
  const qname = (name: string) => (opts.prefix ? `${opts.prefix}-${name}` : name);
  // BullMQ keeps its tables in their own schema and migrates them itself (under an advisory lock).
  const connection = { connectionString: url, max: 6, migrate: true };
  const queues = new Map<string, JobQueue>();
  const workers: Worker[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', (err) => opts.logger.debug({ err: err.message }, 'job backend ping pool error'));
  return {
    kind: 'postgres',
    queue(name) {
      let q = queues.get(name);
      if (!q) {
        const raw = new PgQueue(qname(name), { connection, defaultJobOptions: DEFAULT_JOB_OPTIONS });
        q = wrapQueue(raw as unknown as Queue);
        queues.set(name, q);
      }
      return q;
    },
    worker(name, processor, wo = {}) {
      const w = new PgWorker(qname(name), processor, {
        connection,
        concurrency: wo.concurrency ?? 5,
        ...(wo.limiter ? { limiter: wo.limiter } : {}),
        ...(wo.lockDuration ? { lockDuration: wo.lockDuration } : {}),
        ...(wo.stalledInterval ? { stalledInterval: wo.stalledInterval } : {}),
      }) as unknown as Worker;
      workers.push(w);
      return w;
    },
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: async () => {
      await Promise.allSettled(workers.map((w) => w.close()));
      await Promise.allSettled([...queues.values()].map((q) => q.raw.close()));
      await pool.end();
    },
  };
}
