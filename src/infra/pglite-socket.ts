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
//
// Notifications. With one session there is one set of LISTENs, and PostgreSQL hands a NOTIFY's
// NotificationResponse to that session when the notifying transaction ends — that is, in the
// output of the notifying client's own statement. Left alone, the client that LISTENed (BullMQ's
// worker, blocked until its next delayed job, up to an hour) never hears that a job was added, and
// a reminder due in a minute waits for that hour. So LISTEN/UNLISTEN are tracked per client, every
// NotificationResponse is taken out of the output it landed in and written to each client that
// listens on its channel (the running client keeps its own copy in place), and notifications that
// in-process queries receive go the same way.
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

/** Channels a statement starts or stops listening on (LISTEN a; UNLISTEN b; UNLISTEN *). */
export function listenStatements(sql: string): { listen: string[]; unlisten: string[]; unlistenAll: boolean } | null {
  if (!/listen/i.test(sql)) return null;
  const out = { listen: [] as string[], unlisten: [] as string[], unlistenAll: false };
  const bare = sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
  for (const stmt of bare.split(';')) {
    const m = /^\s*(UN)?LISTEN\s+("(?:[^"]|"")+"|[A-Za-z_][\w$]*|\*)\s*$/i.exec(stmt);
    if (!m) continue;
    const raw = m[2]!;
    if (raw === '*') {
      if (m[1]) out.unlistenAll = true;
      continue;
    }
    const channel = raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase();
    (m[1] ? out.unlisten : out.listen).push(channel);
  }
  return out.listen.length || out.unlisten.length || out.unlistenAll ? out : null;
}

/** The SQL text of a simple Query ('Q') or Parse ('P') message; null for any other message. */
function statementText(message: Uint8Array): string | null {
  const type = message[0];
  if (type !== 0x51 && type !== 0x50) return null;
  const body = Buffer.from(message.buffer, message.byteOffset + 5, Math.max(0, message.byteLength - 5));
  let start = 0;
  if (type === 0x50) start = body.indexOf(0) + 1; // skip the statement name
  const end = body.indexOf(0, start);
  return body.toString('utf8', start, end < 0 ? body.length : end);
}

/** A NotificationResponse message ('A': pid, channel, payload). */
function notificationMessage(channel: string, payload: string): Buffer {
  const c = Buffer.from(`${channel}\0`, 'utf8');
  const p = Buffer.from(`${payload}\0`, 'utf8');
  const msg = Buffer.alloc(1 + 4 + 4 + c.length + p.length);
  msg.write('A', 0, 'ascii');
  msg.writeInt32BE(4 + 4 + c.length + p.length, 1);
  msg.writeInt32BE(0, 5);
  c.copy(msg, 9);
  p.copy(msg, 9 + c.length);
  return msg;
}

function notificationChannel(msg: Buffer): string {
  const end = msg.indexOf(0, 9);
  return msg.toString('utf8', 9, end < 0 ? msg.length : end);
}

/**
 * Passes one client's output through, handing each NotificationResponse to `onNotification`
 * (which says whether it stays in this output). Messages may be split across chunks.
 */
function notificationFilter(out: (d: Uint8Array) => void, onNotification: (msg: Buffer) => boolean): { write(d: Uint8Array): void; end(): void } {
  let rest = 0; // bytes still to come of a message passed through
  let held: Buffer | null = null; // an incomplete header or NotificationResponse
  return {
    write(chunk) {
      let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (held) {
        buf = Buffer.concat([held, buf]);
        held = null;
      }
      let from = 0;
      let i = 0;
      let stop = buf.length;
      while (i < buf.length) {
        if (rest > 0) {
          const n = Math.min(rest, buf.length - i);
          i += n;
          rest -= n;
          continue;
        }
        if (buf.length - i < 5) {
          stop = i;
          break;
        }
        const total = 1 + buf.readUInt32BE(i + 1);
        if (buf[i] !== 0x41) {
          const n = Math.min(total, buf.length - i);
          i += n;
          rest = total - n;
          continue;
        }
        if (buf.length - i < total) {
          stop = i;
          break;
        }
        // Copied: PGlite may reuse the memory behind `chunk`.
        if (!onNotification(Buffer.from(buf.subarray(i, i + total)))) {
          if (i > from) out(buf.subarray(from, i));
          from = i + total;
        }
        i += total;
      }
      if (stop < buf.length) held = Buffer.from(buf.subarray(stop));
      if (stop > from) out(buf.subarray(from, stop));
    },
    end() {
      if (held) out(held);
      held = null;
      rest = 0;
    },
  };
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
  /** Each client's way to its socket, and the channels it listens on. */
  const writers = new Map<number, (d: Uint8Array) => void>();
  const listening = new Map<number, Set<string>>();
  const listeners = (channel: string) => [...listening].filter(([, set]) => set.has(channel)).map(([id]) => id);

  /** Written between messages: every client but the running one is at a message boundary. */
  const deliver = (msg: Buffer, except?: number) => {
    const channel = notificationChannel(msg);
    for (const id of listeners(channel)) if (id !== except) writers.get(id)?.(msg);
  };
  pglite.onNotification((channel, payload) => deliver(notificationMessage(channel, payload)));

  q.enqueue = (handlerId, message, onData) =>
    new Promise<number>((resolve, reject) => {
      writers.set(handlerId, onData);
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
    const sql = statementText(item.message);
    const changes = sql === null ? null : listenStatements(sql);
    const own = () => listening.get(item.handlerId);
    const output = notificationFilter(
      (d) => {
        bytes += d.length;
        item.onData(d);
      },
      (msg) => {
        deliver(msg, item.handlerId);
        return own()?.has(notificationChannel(msg)) ?? false;
      },
    );
    try {
      await db.runExclusive(() => db.execProtocolRawStream(item.message, { onRawData: (d) => output.write(d) }));
      output.end();
      if (changes) await track(item.handlerId, changes);
      item.resolve(bytes);
    } catch (err) {
      output.end();
      item.reject(err);
    }
  };

  /** Records a client's LISTEN/UNLISTEN; the session keeps listening while any client does. */
  const track = async (handlerId: number, changes: NonNullable<ReturnType<typeof listenStatements>>) => {
    let set = listening.get(handlerId);
    if (!set) listening.set(handlerId, (set = new Set()));
    const dropped = changes.unlistenAll ? [...set] : changes.unlisten;
    if (changes.unlistenAll) set.clear();
    for (const c of changes.unlisten) set.delete(c);
    for (const c of changes.listen) set.add(c);
    // The session-wide UNLISTEN also stopped everyone else's: listen again for them.
    const stillWanted = new Set([...listening.values()].flatMap((s) => [...s]));
    const again = changes.unlistenAll ? [...stillWanted] : dropped.filter((c) => stillWanted.has(c));
    for (const c of again) {
      await db.runExclusive(() => db.execProtocolRawStream(simpleQuery(`LISTEN "${c.replace(/"/g, '""')}"`), { onRawData: () => {} })).catch(() => {});
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
    writers.delete(handlerId);
    listening.delete(handlerId);
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
