// Shared tools for the resilience and security suites: fresh PostgreSQL databases cloned from the
// migrated template, a cuttable TCP proxy (a real fault on a real connection), a throwaway
// redis-server, child `rapport` processes with captured output, and a tally of what ran.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminQuery, urlForDatabase } from '../helpers/pg-admin.ts';
import { cloneTemplate } from '../helpers/db.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A clone of the migrated template on the real PostgreSQL (milliseconds, no migration run). */
export async function cloneDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = await cloneTemplate('rapport_r');
  return { name, url: urlForDatabase(name), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * A loopback TCP proxy in front of PostgreSQL or Redis. `cut()` resets every open connection and
 * refuses new ones (as a stopped server does: ECONNREFUSED is emulated by destroying at once);
 * `restore()` lets traffic through again. The listening port never changes.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private down = false;
  /** While stalled, answers from upstream are held back (a database that stops answering). */
  private stalled: (() => void)[] | undefined;
  private trap: { at: RegExp; after: RegExp | undefined; mode: 'before' | 'after'; armed: boolean; fired: () => void } | undefined;
  port = 0;
  /** Connections accepted in total (to prove traffic really went through the proxy). */
  connections = 0;

  /**
   * Cuts at an exact moment of the wire protocol, once: the first packet from the app (on any
   * connection) matching `at` — once a packet matching `after`, if given, went by (the same packet
   * may do both) — triggers the cut. `mode: 'before'` drops that packet and cuts (the server never
   * sees it); `mode: 'after'` forwards it, waits for the server's answer, drops the answer and
   * cuts (the server did it, the client never hears so). Resolves when the cut happened.
   */
  cutAt(at: RegExp, mode: 'before' | 'after', after?: RegExp): Promise<void> {
    if (!this.watch) throw new Error('cutAt() needs a TcpProxy constructed with watch = true');
    return new Promise((resolve) => {
      this.trap = { at, after, mode, armed: !after, fired: resolve };
    });
  }

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
    /** Latency added to every answer from upstream (slows a worker down so it can be killed mid-work). */
    private readonly delayMs = 0,
    /** Forward bytes by hand so that cutAt() can act on one packet (tests that need an exact cut). */
    private readonly watch = false,
    /** Allow stall(): answers pass through a hand-forwarding path that can hold them. */
    private readonly stallable = false,
  ) {}

  /** Holds every answer from upstream until resume(): connections stay open, nothing comes back. */
  stall(): void {
    if (!this.stallable) throw new Error('stall() needs a TcpProxy constructed with stallable = true');
    this.stalled ??= [];
  }

  resume(): void {
    const held = this.stalled ?? [];
    this.stalled = undefined;
    for (const f of held) f();
  }

  async start(): Promise<this> {
    this.server = createServer((client) => {
      if (this.down) {
        client.resetAndDestroy();
        return;
      }
      this.connections++;
      const upstream = connect(this.targetPort, this.targetHost);
      this.sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      if (!this.watch) {
        client.pipe(upstream);
        if (this.delayMs > 0 || this.stallable) {
          upstream.on('data', (chunk: Buffer) => {
            const forward = (): void => {
              if (this.stalled) {
                this.stalled.push(forward);
                return;
              }
              if (!client.destroyed) client.write(chunk);
            };
            if (this.delayMs > 0) setTimeout(forward, this.delayMs);
            else forward();
          });
        } else upstream.pipe(client);
        return;
      }
      // Watched (see cutAt): bytes are forwarded by hand so that one packet can be held back.
      let swallowAnswer = false;
      client.on('data', (chunk: Buffer) => {
        const trap = this.trap;
        if (trap) {
          const text = chunk.toString('latin1');
          if (!trap.armed && trap.after?.test(text)) trap.armed = true;
          if (trap.armed && trap.at.test(text)) {
            this.trap = undefined;
            if (trap.mode === 'before') {
              this.cut();
              trap.fired();
              return;
            }
            swallowAnswer = true;
            upstream.once('data', () => {
              this.cut();
              trap.fired();
            });
          }
        }
        if (!upstream.destroyed) upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        if (swallowAnswer || client.destroyed) return;
        if (this.delayMs > 0) setTimeout(() => !client.destroyed && client.write(chunk), this.delayMs);
        else client.write(chunk);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  url(template: string): string {
    const u = new URL(template);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  cut(): void {
    this.down = true;
    for (const s of this.sockets) s.resetAndDestroy();
    this.sockets.clear();
  }

  restore(): void {
    this.down = false;
  }

  /** Drops a cutAt() that has not fired. */
  disarm(): void {
    this.trap = undefined;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** A throwaway redis-server on a free port (no persistence), so tests never touch the shared one's keys. */
export async function startRedis(): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-redis-'));
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const until = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const s = connect(port, '127.0.0.1', () => {
        s.end();
        r(true);
      }).on('error', () => r(false));
    });
    if (ok) break;
    if (Date.now() > until) throw new Error('redis-server did not start');
    await sleep(50);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, label = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v as T;
    if (Date.now() > until) throw new Error(`timed out waiting for ${label}`);
    await sleep(100);
  }
}

/** A `node bin/rapport.js …` child with stdout/stderr captured. */
export interface RapportChild {
  proc: ChildProcess;
  output(): string;
  waitForLine(re: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
}

export function spawnRapport(args: string[], env: Record<string, string>): RapportChild {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/rapport.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return {
    proc,
    output: () => out,
    exited,
    async waitForLine(re, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const line = out.split('\n').find((l) => re.test(l));
        if (line) return line;
        if (proc.exitCode !== null) throw new Error(`rapport ${args[0]} exited (${proc.exitCode}) before ${re}:\n${out.slice(-3000)}`);
        if (Date.now() > until) throw new Error(`timed out waiting for ${re}:\n${out.slice(-3000)}`);
        await sleep(100);
      }
    },
  };
}

/** The URL a `rapport serve` child logs in its "Rapport is running" line. */
export async function serveUrl(child: RapportChild): Promise<string> {
  const line = await child.waitForLine(/Rapport is running/, 60_000);
  return (JSON.parse(line) as { url: string }).url;
}

// --- tally -------------------------------------------------------------------------------------
// Every scenario adds its numbers to test-artifacts/reliability/tally.jsonl so the README's
// Reliability section can quote real runs.
export interface Tally {
  suite: string;
  scenario: string;
  faults?: number;
  badInputs?: number;
  eventsLost?: number;
  duplicates?: number;
  refusals?: number;
}

export function record(t: Tally): void {
  const dir = join(ROOT, 'test-artifacts', 'reliability');
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, 'tally.jsonl'), JSON.stringify({ at: new Date().toISOString(), ...t }) + '\n');
}

/** Deterministic PRNG (mulberry32) for bounded fuzzing. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
