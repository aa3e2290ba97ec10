// Jobs benchmark: (1) the greeting scan over N contacts (bench/greetings.ts; 250k by default,
// 1M with --full) and (2) task-reminder dispatch vs a bare BullMQ no-op worker on the same Redis
// in the same run (bench/reminders.ts: alternating rounds) at worker concurrency 10, 50, 200 and 400.
// Writes bench/results/jobs.json (and the two scripts' own greetings.json / reminders.json).
//   npm run bench -- jobs [--full] [--reminders 3000] [--rounds 3] [--concurrency 10,50,200,400]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { arg, flag, r1, RESULTS, ROOT, table, writeResult } from './lib.ts';

const contacts = flag('full') ? 1_000_000 : Number(arg('contacts') ?? 250_000);
const reminders = Number(arg('reminders') ?? 3000);
const rounds = Number(arg('rounds') ?? 3);
const concurrencies = (arg('concurrency') ?? '10,50,200,400').split(',').map(Number);
const run = (script: string, args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: 'inherit', timeout: 400_000 });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status ?? r.signal})`);
};
const read = (name: string) => JSON.parse(readFileSync(join(RESULTS, name), 'utf8'));

run('bench/greetings.ts', [String(contacts)]);
const greetings = read('greetings.json');
const rem: {
  concurrency: number;
  jobs: number;
  noop: number;
  reminders: number;
  ratio: number;
  adapter: number | null;
  adapterRatio: number | null;
  sent: number;
  failed: number;
  load: number[];
}[] = [];
for (const c of concurrencies) {
  run('bench/reminders.ts', [String(reminders), String(c), '--rounds', String(rounds)]);
  const r = read('reminders.json');
  rem.push({
    concurrency: c, jobs: r.jobs, noop: Math.round(r.noop.perSec), reminders: Math.round(r.reminders.perSec), ratio: r1(r.ratio * 100),
    adapter: r.driverAdapter ? Math.round(r.driverAdapter.perSec) : null, adapterRatio: r.driverAdapter ? r1(r.driverAdapter.ratio * 100) : null,
    sent: r.reminders.sent, failed: r.reminders.failed, load: r.loadAverage,
  });
}
console.log(`\njobs: greeting scan over ${contacts.toLocaleString('en')} contacts (target < 60 s per scan)\n`);
table(greetings.runs.map((x: { run: string; created: number; ms: number }) => ({ scan: x.run, created: x.created, seconds: r1(x.ms / 1000) })));
console.log(`\njobs: task-reminder dispatch to the web inbox vs a bare BullMQ no-op worker, ${rounds} alternating rounds × ${reminders} jobs each, same Redis (target ≥ 50 %)\n`);
table(rem.map((x) => ({
  concurrency: x.concurrency, 'jobs each': x.jobs, 'no-op jobs/s': x.noop, 'reminder jobs/s': x.reminders, '% of no-op': x.ratio,
  ...(x.adapter !== null ? { 'via driver adapter jobs/s': x.adapter, '% of no-op (adapter)': x.adapterRatio } : {}),
  'failed jobs': x.failed, 'load avg': x.load.join('→'),
})));
console.log('(reminder jobs/s: statements through Prisma Client, as on PGlite; via driver adapter: DeliveryService given `raw`, as `rapport serve`/`worker` run on PostgreSQL)');
writeResult('jobs', {
  greetings: { contacts, runs: greetings.runs, worstMs: greetings.worstMs, pass: greetings.pass },
  reminders: rem,
  targets: {
    greetingScanUnder60s: greetings.pass,
    remindersAtLeast50PctOfNoop: rem.map((x) => ({
      concurrency: x.concurrency,
      pass: x.ratio >= 50,
      passViaDriverAdapter: x.adapterRatio === null ? null : x.adapterRatio >= 50,
    })),
  },
});
process.exit(0);
