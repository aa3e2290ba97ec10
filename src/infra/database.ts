// Opens the database: real PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise.
// Prisma Client 7 talks to either through a driver adapter; anything that needs the wire
// protocol (BullMQ's PostgreSQL backend) gets a connection string — for PGlite that is a
// loopback socket served by @electric-sql/pglite-socket from the same in-process database.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
// The driver of the other kind is never loaded: PGlite, its socket and its adapter only without
// DATABASE_URL, node-postgres' adapter only with it (an idle server carries one of them).
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client.ts';

export type { PrismaClient };

export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly prisma: PrismaClient;
  /** Adapter factory for the schema engine (migrations). */
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** A postgres:// URL for wire-protocol clients; starts the PGlite socket on first use. */
  connectionString(): Promise<string>;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; unset means embedded PGlite. */
  url?: string | undefined;
  /** Directory for PGlite's files; 'memory://' keeps it in memory (tests). */
  dataDir: string;
}

export class DatabaseLockedError extends Error {
  readonly code = 'DATABASE.LOCKED';
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url) : openPglite(opts.dataDir);
}

async function openPostgres(url: string): Promise<Database> {
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const adapterFactory = new PrismaPg({ connectionString: url, max: 10 });
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    kind: 'postgres',
    prisma,
    adapterFactory,
    connectionString: async () => url,
    ping: async () => {
      await prisma.$queryRaw`SELECT 1`;
    },
    close: async () => {
      await prisma.$disconnect();
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir === 'memory://';
  let lockFile: string | undefined;
  let dir = dataDir;
  if (!inMemory) {
    dir = resolve(dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    lockFile = join(resolve(dataDir), 'pglite.pid');
    acquireLock(lockFile);
  }
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
  // PostgreSQL's default 128 MB of shared buffers is touched at start inside PGlite's WebAssembly
  // memory, so it all counts in the process's RSS; 32 MB hold the demo data many times over
  // (measured: ~95 MB less idle RSS, the same server CPU per chat call, 10.5–10.7 ms).
  const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];
  const pglite = new PGlite(inMemory ? undefined : dir, { startParams });
  await pglite.waitReady;
  // PGlite has one session for every socket client, and its socket ignores the search_path
  // that BullMQ's PostgreSQL backend sets per connection: put BullMQ's schema on the path here.
  // Prisma qualifies its tables with "public", so this does not change what it sees.
  await pglite.exec('SET search_path TO "$user", public, bullmq');
  yieldBetweenStatements(pglite);
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  let socket: PGLiteSocketServer | undefined;
  let socketUrl: Promise<string> | undefined;
  return {
    kind: 'pglite',
    prisma,
    adapterFactory,
    connectionString: () =>
      (socketUrl ??= (async () => {
        const { createSharedSocketServer } = await import('./pglite-socket.ts');
        socket = createSharedSocketServer(pglite);
        await socket.start();
        return `postgresql://postgres@${socket.getServerConn()}/postgres?sslmode=disable`;
      })()),
    ping: async () => {
      await pglite.query('SELECT 1');
    },
    close: async () => {
      await prisma.$disconnect();
      await socket?.stop();
      await pglite.close();
      if (lockFile) rmSync(lockFile, { force: true });
    },
  };
}

/**
 * PGlite runs each statement synchronously on this thread, and its lock passes from one queued
 * statement to the next in promise callbacks only, so while statements are queued (a burst of
 * requests, the workers) no socket is read: /healthz went unanswered for half a minute under a
 * burst of writes, and the admission bound (src/server/admission.ts) never even saw the burst.
 * Each statement first lets pending I/O run (one setImmediate, microseconds when there is none).
 */
function yieldBetweenStatements(pglite: object): void {
  const db = pglite as { _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T> };
  const exclusive = db._runExclusiveQuery.bind(pglite);
  db._runExclusiveQuery = <T>(fn: () => Promise<T>) =>
    exclusive(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      return fn();
    });
}

/**
 * PGlite is single-process: a second process opening the same directory would corrupt it. The lock
 * file names the holder by pid and start time (`<pid> <start>`, the start from /proc where there
 * is one), so that a pid left behind by a killed process does not lock the directory for good:
 * the holder must be alive, not a zombie, and the same process that wrote the file — not an
 * unrelated one that got its pid later (a file without a start time: a Node process).
 */
function acquireLock(file: string): void {
  try {
    const [pidText, start] = readFileSync(file, 'utf8').trim().split(/\s+/);
    const pid = Number(pidText);
    if (pid && pid !== process.pid && holdsLock(pid, start)) {
      throw new DatabaseLockedError(
        `The embedded database in ${file.replace(/pglite\.pid$/, '')} is in use by process ${pid}. ` +
          'Stop it, or set DATABASE_URL to a PostgreSQL server to run several Rapport processes.',
      );
    }
  } catch (err) {
    if (err instanceof DatabaseLockedError) throw err;
  }
  const me = procStat(process.pid);
  writeFileSync(file, me ? `${process.pid} ${me.start}` : String(process.pid));
}

/** State and start time (clock ticks since boot) of a process, from /proc; null where there is none. */
function procStat(pid: number): { state: string; start: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (in parentheses) may hold spaces: fields are counted after its closing ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: rest[0] ?? '', start: rest[19] ?? '' };
  } catch {
    return null;
  }
}

function holdsLock(pid: number, start: string | undefined): boolean {
  if (!isAlive(pid)) return false;
  if (!existsSync('/proc/self/stat')) return true; // no /proc: alive is all we can tell
  const stat = procStat(pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X') return false; // gone, or a zombie
  if (start) return stat.start === start;
  // An older lock file (a pid alone): only a Node process may be the Rapport that wrote it.
  try {
    return /(^|\/)(node|rapport)[^/]*$/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '');
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
