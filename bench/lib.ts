// Shared helpers for the benchmarks: fresh PostgreSQL databases, `rapport serve` child processes,
// RSS sampling, percentiles, markdown tables and result files.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { adminQuery, urlForDatabase, TEST_REDIS_URL } from '../test/helpers/pg-admin.ts';
import { openDatabase, type Database } from '../src/infra/database.ts';
import { applyMigrations } from '../src/infra/migrations.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS = join(ROOT, 'bench', 'results');
/** A Redis database of its own, so the `rapport` BullMQ prefix of a bench server meets nobody else's. */
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? `${TEST_REDIS_URL.replace(/\/\d*$/, '')}/5`;

export const flag = (name: string) => process.argv.includes(`--${name}`);
export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
export const r1 = (x: number) => Math.round(x * 10) / 10;

/** Prints a markdown table (pasteable into BENCHMARKS.md). */
export function table(rows: Record<string, unknown>[]): void {
  if (!rows.length) return;
  const cols = Object.keys(rows[0]!);
  const cell = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(1)) : String(v ?? ''));
  const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  console.log(`| ${cols.map((c, i) => c.padEnd(w[i]!)).join(' | ')} |`);
  console.log(`|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
  for (const r of rows) console.log(`| ${cols.map((c, i) => (typeof r[c] === 'number' ? cell(r[c]).padStart(w[i]!) : cell(r[c]).padEnd(w[i]!))).join(' | ')} |`);
}

export function writeResult(name: string, data: object): string {
  mkdirSync(RESULTS, { recursive: true });
  const out = join(RESULTS, `${name}.json`);
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, ...data }, null, 2) + '\n');
  console.log(`\nwrote ${out}`);
  return out;
}

export interface BenchDb extends Database {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, migrated PostgreSQL database (dropped by drop()). */
export async function benchDatabase(label: string): Promise<BenchDb> {
  const name = `rapport_bench_${label}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = urlForDatabase(name);
  const db = await openDatabase({ url, dataDir: 'unused' });
  await applyMigrations(db.adapterFactory);
  return Object.assign(db, {
    url,
    name,
    drop: async () => {
      await db.close().catch(() => undefined);
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  });
}

export async function flushRedis(url = BENCH_REDIS_URL): Promise<void> {
  const r = new Redis(url, { maxRetriesPerRequest: 1 });
  await r.flushdb();
  r.disconnect();
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  pid: number;
  /** Resident set size in MB (from /proc). */
  rssMb(): number;
  stop(): Promise<void>;
  output(): string;
}

/** Starts `node bin/rapport.js <cmd>` and waits for /readyz (serve) or the "workers are running" line. */
export async function startRapport(cmd: 'serve' | 'worker', env: Record<string, string>, timeoutMs = 90_000): Promise<ServeProcess> {
  const port = cmd === 'serve' ? await freePort() : 0;
  const child = spawn(process.execPath, ['bin/rapport.js', cmd, ...(cmd === 'serve' ? ['--port', String(port)] : [])], {
    cwd: ROOT,
    // A worker says it is ready only in an info line.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', NODE_ENV: 'production', ...(cmd === 'serve' ? { PORT: String(port) } : {}), ...env, ...(cmd === 'worker' ? { LOG_LEVEL: 'info' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never leave a child behind if this process ends first (a test timeout kills the test fork).
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.removeListener('exit', reap));
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const proc: ServeProcess = {
    child,
    url,
    pid: child.pid!,
    rssMb: () => rssMb(child.pid!),
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode) return resolve();
        const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`rapport ${cmd} exited (${child.exitCode}):\n${out}`);
    if (Date.now() > end) {
      await proc.stop();
      throw new Error(`rapport ${cmd} not ready after ${timeoutMs} ms:\n${out}`);
    }
    if (cmd === 'serve') {
      const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
      if (ok) return proc;
    } else if (/workers are running|workers started/.test(out)) return proc;
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/** Samples RSS every `everyMs` until stopped; returns the peak. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = rssMb(pid);
  const t = setInterval(() => {
    const v = rssMb(pid);
    if (v > peak) peak = v;
  }, everyMs);
  return {
    stop: () => {
      clearInterval(t);
      return peak;
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A stand-in for Slack's Web API that acks at once (chat.postMessage, auth.test, users.info…). */
export async function fakeSlackApi(team: string): Promise<{ url: string; posts: () => number; close(): Promise<void> }> {
  let posts = 0;
  let seq = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
      let body: object = { ok: true };
      if (method === 'auth.test') body = { ok: true, team_id: team, user_id: 'UBOT', bot_id: 'BBOT', team: 'Bench', user: 'rapport' };
      else if (method === 'chat.postMessage' || method === 'chat.update') {
        posts++;
        body = { ok: true, channel: 'C', ts: `1800000000.${String(++seq).padStart(6, '0')}` };
      } else if (method === 'users.info') body = { ok: false, error: 'user_not_found' };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    posts: () => posts,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
