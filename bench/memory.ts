// Memory benchmark: RSS of an idle `rapport serve` with the embedded defaults (PGlite, BullMQ on
// PGlite, in-process workers) and with PostgreSQL + Redis, then the peak under a burst of
// POST /api/chat calls, with the server's CPU time per call during the burst. References in the
// same run: a bare Node process (`node -e` idle HTTP server), and PostgreSQL + Redis with
// RAPPORT_MEMORY_TUNING=false (without bin/rapport.js's malloc and young-generation settings).
//   npm run bench -- memory [--burst 400]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, benchDatabase, BENCH_REDIS_URL, flushRedis, r1, rssMb, sampleRss, sleep, startRapport, table, writeResult } from './lib.ts';

const BURST = Number(arg('burst') ?? 400);
const CONC = 8;
const TEXTS = ['my tasks', 'log visit with Tom Baker about the renewal', 'tell me about Acme', 'pipeline this quarter', "what's overdue", 'which accounts are at risk this week?'];

async function burst(url: string): Promise<{ ms: number; perSec: number; errors: number }> {
  let i = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONC }, async () => {
      while (i < BURST) {
        const n = i++;
        const r = await fetch(`${url}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: 'demo-rep-en', text: TEXTS[n % TEXTS.length], messageId: `mem-${n}`, threadId: `mem-${n % 20}` }),
        }).catch(() => null);
        if (!r?.ok) errors++;
        await r?.arrayBuffer();
      }
    }),
  );
  const ms = performance.now() - t0;
  return { ms, perSec: (BURST / ms) * 1000, errors };
}

/** CPU time (user + system) the process has used, in ms. */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

async function measure(label: string, env: Record<string, string>) {
  const s = await startRapport('serve', env, 120_000);
  try {
    await sleep(5000);
    const idle = s.rssMb();
    const sampler = sampleRss(s.pid);
    const cpu0 = cpuMs(s.pid);
    const b = await burst(s.url);
    const cpuPerCall = (cpuMs(s.pid) - cpu0) / BURST;
    const peak = sampler.stop();
    await sleep(3000);
    return {
      setup: label,
      idleMb: idle,
      peakMb: peak,
      afterMb: s.rssMb(),
      chatCalls: BURST,
      callsPerSec: r1(b.perSec),
      cpuMsPerCall: Math.round(cpuPerCall * 100) / 100,
      errors: b.errors,
    };
  } finally {
    await s.stop();
  }
}

const bare = spawn(process.execPath, ['-e', "require('http').createServer((q,s)=>s.end('ok')).listen(0); setInterval(()=>{},1e6)"]);
await sleep(1000);
const bareRss = rssMb(bare.pid!);
bare.kill();

const dir = mkdtempSync(join(tmpdir(), 'rapport-mem-'));
const results = [];
let reference: Awaited<ReturnType<typeof measure>> | undefined;
try {
  results.push(await measure('embedded defaults (PGlite + BullMQ on PGlite, workers in-process)', { RAPPORT_DATA_DIR: dir }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const db = await benchDatabase('mem');
await db.close();
await flushRedis();
try {
  results.push(await measure('PostgreSQL + Redis, workers in-process', { DATABASE_URL: db.url, REDIS_URL: BENCH_REDIS_URL, RAPPORT_SEED_DEMO: 'true' }));
  results.push(await measure('PostgreSQL + Redis, RAPPORT_WORKERS=false', { DATABASE_URL: db.url, REDIS_URL: BENCH_REDIS_URL, RAPPORT_SEED_DEMO: 'true', RAPPORT_WORKERS: 'false' }));
  reference = await measure('reference: PostgreSQL + Redis, workers in-process, RAPPORT_MEMORY_TUNING=false', { DATABASE_URL: db.url, REDIS_URL: BENCH_REDIS_URL, RAPPORT_SEED_DEMO: 'true', RAPPORT_MEMORY_TUNING: 'false' });
} finally {
  await db.drop();
}
console.log(`\nmemory: RSS of rapport serve, idle (5 s after ready) and peak during ${BURST} POST /api/chat calls (${CONC} at a time); bare node HTTP server: ${bareRss} MB\n`);
table([...results, ...(reference ? [reference] : [])].map((r) => ({ setup: r.setup, 'idle MB': r.idleMb, 'peak MB': r.peakMb, 'after MB': r.afterMb, 'calls/s': r.callsPerSec, 'server CPU ms/call': r.cpuMsPerCall, errors: r.errors })));
// The embedded default runs PostgreSQL itself inside the process (PGlite): the target is for the
// production setups (PostgreSQL + Redis); the embedded figure is reported as it is.
const production = results.filter((r) => r.setup.startsWith('PostgreSQL'));
const pass = production.every((r) => r.idleMb < 200);
console.log(`\ntarget idle < 200 MB on PostgreSQL + Redis: ${pass ? 'met' : 'missed'}; embedded defaults: ${results[0]?.idleMb} MB (${results[0] && results[0].idleMb < 200 ? 'under' : 'over'} 200)`);
writeResult('memory', { bareNodeMb: bareRss, burst: BURST, concurrency: CONC, results, reference, target: { idleMb: 200, setups: 'PostgreSQL + Redis' }, pass });
process.exit(0);
