// BullMQ's PostgreSQL backend over PGlite's loopback socket while Prisma runs in-process
// transactions on the same single-session database: every job once, every write present, no
// protocol errors (the upstream socket server interleaves clients' extended-protocol messages).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/infra/logger.ts';
import { createJobBackend, type JobBackend } from '../../../src/jobs/backend.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.ts';

describe('PGlite shared between BullMQ (socket) and Prisma (in-process)', () => {
  let db: TestDatabase;
  let jobs: JobBackend;
  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    jobs = await createJobBackend({ postgresUrl: () => db.connectionString(), logger: createLogger('silent') });
  });
  afterAll(async () => {
    await jobs?.close();
    await db?.drop();
  });

  it('processes 600 jobs on two workers, each writing a transaction, with no error and no duplicate', async () => {
    const N = 600;
    const tenant = await db.prisma.tenant.create({ data: { kind: 'local', name: 'socket' } });
    const errors: string[] = [];
    let done = 0;
    const seen = new Set<number>();
    let duplicates = 0;
    const finished = new Promise<void>((resolve) => {
      for (let w = 0; w < 2; w++) {
        const worker = jobs.worker(
          'socket-stress',
          async (job) => {
            const n = job.data.n as number;
            if (seen.has(n)) duplicates++;
            seen.add(n);
            await db.prisma.$transaction(async (tx) => {
              await tx.processedEvent.create({ data: { source: 'socket-stress', eventId: String(n), tenantId: tenant.id } });
              await tx.auditLog.create({ data: { tenantId: tenant.id, actorKind: 'system', action: 'stress', entityType: 'Job', entityId: String(n) } });
            });
            if (++done === N) resolve();
          },
          { concurrency: 10 },
        );
        worker.on('error', (err) => errors.push(err.message));
        worker.on('failed', (_job, err) => errors.push(err.message));
      }
    });
    const queue = jobs.queue('socket-stress');
    await Promise.all(Array.from({ length: N }, (_, n) => queue.add('s', { n }, { jobId: `s-${n}` })));
    await finished;
    expect(errors).toEqual([]);
    expect(duplicates).toBe(0);
    expect(await db.prisma.processedEvent.count({ where: { source: 'socket-stress' } })).toBe(N);
    expect(await db.prisma.auditLog.count({ where: { action: 'stress' } })).toBe(N);
    const started = Date.now();
    await jobs.close();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
  it("delivers a NOTIFY to the socket client that LISTENs, not to the notifier, and survives another client's UNLISTEN", async () => {
    const url = await db.connectionString();
    const [listener, other, notifier] = [
      new pg.Client({ connectionString: url }),
      new pg.Client({ connectionString: url }),
      new pg.Client({ connectionString: url }),
    ];
    await Promise.all([listener.connect(), other.connect(), notifier.connect()]);
    try {
      const heard: Record<string, string[]> = { listener: [], other: [], notifier: [] };
      listener.on('notification', (m) => heard.listener!.push(`${m.channel}:${m.payload}`));
      other.on('notification', (m) => heard.other!.push(`${m.channel}:${m.payload}`));
      notifier.on('notification', (m) => heard.notifier!.push(`${m.channel}:${m.payload}`));
      await listener.query('-- as BullMQ does\nLISTEN wake_up;');
      await other.query('LISTEN wake_up');
      await notifier.query("SELECT pg_notify('wake_up', 'one')");
      await other.query('UNLISTEN wake_up');
      await notifier.query("BEGIN; SELECT pg_notify('wake_up', 'two'); COMMIT;");
      await db.prisma.$executeRawUnsafe("SELECT pg_notify('wake_up', 'three')");
      await new Promise((r) => setTimeout(r, 200));
      expect(heard).toEqual({ listener: ['wake_up:one', 'wake_up:two', 'wake_up:three'], other: ['wake_up:one'], notifier: [] });
    } finally {
      await Promise.all([listener.end(), other.end(), notifier.end()]);
    }
  });
});
