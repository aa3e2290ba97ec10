// Serving the embedded PGlite on a loopback socket, safely shared with in-process Prisma.
//
// PGlite has ONE session. @electric-sql/pglite-socket lets several wire-protocol clients (BullMQ's
// PostgreSQL backend opens a pool and a LISTEN connection) share it by running their messages one
// at a time. Two things break with that alone:
//  1. Messages of one client's extended-protocol sequence (Parse, Bind, Execute, … Sync) can be
//     interleaved with another client's, or with an in-process Prisma query, and the unnamed
//     statement or portal is clobbered ("unnamed prepared statement does not exist").
//  2. A socket client's message can run in the middle of an in-process Prisma transaction (or the
//     other way round), mixing their work into one transaction.
// So a client owns the whole session — PGlite's transaction lock, which in-process queries and
// transactions take too — from its first message until it reaches a boundary: a Sync or simple
// Query answered outside a transaction. Its next message is awaited while it holds the lock; pg
// sends a sequence in one write, so this wait is short. A client that goes quiet mid-sequence for
// longer than `idleMs` gives the lock up (its later messages queue again) rather than hang everyone.
// Also fixed here: the upstream queue stops processing for good after one failed message.
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

interface QueueItem {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (err: unknown) => void;
  onData: (data: Uint8Array) => void;
}

interface PGliteInternals {
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  execProtocolRawStream(message: Uint8Array, opts: { onRawData: (d: Uint8Array) => void }): Promise<void>;
  isInTransaction(): boolean;
}

/** Frontend messages after which a client may be between statements (when not in a transaction). */
const BOUNDARY = new Set(['S', 'Q', 'X', 'p', 'F']);

function simpleQuery(sql: string): Uint8Array {
  const body = Buffer.from(`${sql}\0`, 'utf8');
  const msg = Buffer.alloc(5 + body.length);
  msg.write('Q', 0, 'ascii');
  msg.writeInt32BE(4 + body.length, 1);
  body.copy(msg, 5);
  return msg;
}

export function createSharedSocketServer(pglite: PGlite, opts: { maxConnections?: number; idleMs?: number } = {}): PGLiteSocketServer {
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: opts.maxConnections ?? 64 });
  const db = pglite as unknown as PGliteInternals;
  const idleMs = opts.idleMs ?? 10_000;
  const q = (server as unknown as { queryQueue: Record<string, unknown> }).queryQueue as {
    queue: QueueItem[];
    processing: boolean;
    lastHandlerId: number | null;
    enqueue: (handlerId: number, message: Uint8Array, onData: (d: Uint8Array) => void) => Promise<number>;
    processQueue: () => Promise<void>;
    clearQueueForHandler: (handlerId: number) => void;
    clearTransactionIfNeeded: (handlerId: number) => Promise<void>;
    getQueueLength: () => number;
  };
  const waiters = new Map<number, (item: QueueItem | null) => void>();

  q.enqueue = (handlerId, message, onData) =>
    new Promise<number>((resolve, reject) => {
      const item: QueueItem = { handlerId, message, resolve, reject, onData };
      const waiter = waiters.get(handlerId);
      if (waiter) {
        waiters.delete(handlerId);
        waiter(item);
        return;
      }
      q.queue.push(item);
      if (!q.processing) void q.processQueue();
    });

  const nextFrom = (handlerId: number): Promise<QueueItem | null> => {
    const i = q.queue.findIndex((x) => x.handlerId === handlerId);
    if (i >= 0) return Promise.resolve(q.queue.splice(i, 1)[0]!);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiters.delete(handlerId);
        resolve(null);
      }, idleMs);
      waiters.set(handlerId, (item) => {
        clearTimeout(timer);
        resolve(item);
      });
    });
  };

  const run = async (item: QueueItem): Promise<void> => {
    let bytes = 0;
    try {
      await db.runExclusive(() =>
        db.execProtocolRawStream(item.message, {
          onRawData: (d) => {
            bytes += d.length;
            item.onData(d);
          },
        }),
      );
      item.resolve(bytes);
    } catch (err) {
      item.reject(err);
    }
  };

  q.processQueue = async () => {
    if (q.processing) return;
    q.processing = true;
    try {
      while (q.queue.length > 0) {
        const first = q.queue.shift()!;
        await db._runExclusiveTransaction(async () => {
          let item: QueueItem | null = first;
          while (item) {
            const type = String.fromCharCode(item.message[0] ?? 0);
            await run(item);
            q.lastHandlerId = item.handlerId;
            const atBoundary = (BOUNDARY.has(type) || item.message[0] === 0) && !db.isInTransaction();
            if (atBoundary) return;
            item = await nextFrom(item.handlerId);
            if (!item && db.isInTransaction() && gone.has(first.handlerId)) {
              // The client went away inside a transaction: roll it back before anyone else runs.
              await db.runExclusive(() => db.execProtocolRawStream(simpleQuery('ROLLBACK'), { onRawData: () => {} })).catch(() => {});
            }
          }
        });
      }
    } finally {
      q.processing = false;
    }
  };

  const gone = new Set<number>();
  const originalClear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId) => {
    gone.add(handlerId);
    originalClear(handlerId);
    const waiter = waiters.get(handlerId);
    if (waiter) {
      waiters.delete(handlerId);
      waiter(null);
    }
  };
  // Handled above, inside the lock; the upstream version would run ROLLBACK outside it.
  q.clearTransactionIfNeeded = async () => {};
  return server;
}
