// Issue 17, item 9: shutdown and start-up. While a SIGTERM drain is in progress, an answer to a
// request that was already in flight says `Connection: close`, so the client does not send its
// next request down a socket about to close (it was reset). And the embedded database's lock file
// only locks while a live Rapport holds it: a pid left behind by a killed process — now a zombie,
// or reused by some unrelated process — does not block start-up; a running Rapport still does.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/infra/database.ts';
import { cloneDatabase, record, ROOT, serveUrl, sleep, spawnRapport, TcpProxy, type RapportChild } from './_support.ts';

describe('SIGTERM drain', () => {
  let db: Awaited<ReturnType<typeof cloneDatabase>>;
  let slowDb: TcpProxy;
  let child: RapportChild | undefined;

  beforeAll(async () => {
    db = await cloneDatabase();
    // Latency on every database answer: a chat turn takes about a second.
    slowDb = await new TcpProxy('127.0.0.1', 5432, 40).start();
  }, 60_000);

  afterAll(async () => {
    if (child && child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
    await slowDb?.stop();
    await db?.drop();
  });

  it('answers the in-flight request with Connection: close', async () => {
    child = spawnRapport(['serve'], { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: slowDb.url(db.url), RAPPORT_SEED_DEMO: 'true', RAPPORT_WORKERS: 'false' });
    const url = new URL(await serveUrl(child));
    const agent = new Agent({ keepAlive: true });
    const body = JSON.stringify({ userId: 'demo-rep-en', text: 'log call with Tom Baker: drained politely', messageId: randomUUID() });
    const answered = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/api/chat', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      });
      req.on('error', reject);
      req.end(body);
    });
    await sleep(200);
    child.proc.kill('SIGTERM');
    const res = await answered;
    agent.destroy();
    expect(res.status).toBe(200);
    expect(res.connection).toBe('close');
    expect(await child.exited).toBe(0);
    record({ suite: 'resilience', scenario: 'SIGTERM drain answers in-flight requests with Connection: close', faults: 1, eventsLost: 0, duplicates: 0 });
  }, 120_000);
});

describe('the embedded database lock file', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const dataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'rapport-lock-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a pid reused by an unrelated process does not block start-up', async () => {
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    children.push(other);
    const dir = dataDir();
    writeFileSync(join(dir, 'pglite.pid'), String(other.pid));
    const db = await openDatabase({ dataDir: dir });
    await db.ping();
    await db.close();
  }, 60_000);

  it('a pid left by a killed process that is now a zombie does not block start-up', async () => {
    // `sh` starts a short `sleep` in the background and replaces itself with a long one that never
    // reaps it: once the short one ends, its pid is a zombie.
    const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 60'], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(parent);
    const zombie = await new Promise<number>((resolve) => parent.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
    await sleep(600);
    let alive = true;
    try {
      process.kill(zombie, 0);
    } catch {
      alive = false;
    }
    expect(alive, 'the zombie still answers kill(pid, 0)').toBe(true);
    const dir = dataDir();
    writeFileSync(join(dir, 'pglite.pid'), String(zombie));
    const db = await openDatabase({ dataDir: dir });
    await db.ping();
    await db.close();
  }, 60_000);

  it('a running Rapport holding the directory still locks it (DATABASE.LOCKED)', async () => {
    const dir = dataDir();
    // A Node process that opened the embedded database the way `rapport serve` does, and holds it.
    const script = `const { openDatabase } = await import(${JSON.stringify(join(ROOT, 'src/infra/database.ts'))}); await openDatabase({ dataDir: ${JSON.stringify(dir)} }); console.log('holding'); setInterval(() => {}, 1000);`;
    const holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(holder);
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (d: Buffer) => d.toString().includes('holding') && resolve());
      holder.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
    });
    await expect(openDatabase({ dataDir: dir })).rejects.toMatchObject({ code: 'DATABASE.LOCKED' });
    holder.kill('SIGKILL');
    record({ suite: 'resilience', scenario: 'stale pglite.pid (zombie, reused pid) does not block start; a live Rapport does', faults: 2, eventsLost: 0, duplicates: 0 });
  }, 120_000);
});
