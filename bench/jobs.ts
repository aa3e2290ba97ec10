// Jobs benchmark: (1) the greeting scan over N contacts (bench/greetings.ts; 250k by default,
// 1M with --full) and (2) task-reminder dispatch vs a bare BullMQ no-op worker on the same Redis
// in the same run (bench/reminders.ts) at worker concurrency 10 and 50. Writes bench/results/jobs.json
// (and the two scripts' own greetings.json / reminders.json).
//   npm run bench -- jobs [--full] [--reminders 5000]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { arg, flag, r1, RESULTS, ROOT, table, writeResult } from './lib.ts';

const contacts = flag('full') ? 1_000_000 : Number(arg('contacts') ?? 250_000);
const reminders = Number(arg('reminders') ?? 5000);
const run = (script: string, args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: 'inherit', timeout: 400_000 });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status ?? r.signal})`);
};
const read = (name: string) => JSON.parse(readFileSync(join(RESULTS, name), 'utf8'));

run('bench/greetings.ts', [String(contacts)]);
const greetings = read('greetings.json');
const rem: { concurrency: number; noop: number; reminders: number; ratio: number; sent: number; failed: number }[] = [];
for (const c of [10, 50]) {
  run('bench/reminders.ts', [String(reminders), String(c)]);
  const r = read('reminders.json');
  rem.push({ concurrency: c, noop: r1(r.noop.perSec), reminders: r1(r.reminders.perSec), ratio: r1(r.ratio * 100), sent: r.reminders.sent, failed: r.reminders.failed });
}
console.log(`\njobs: greeting scan over ${contacts.toLocaleString('en')} contacts (target < 60 s per scan)\n`);
table(greetings.runs.map((x: { run: string; created: number; ms: number }) => ({ scan: x.run, created: x.created, seconds: r1(x.ms / 1000) })));
console.log(`\njobs: task-reminder dispatch to the web inbox vs a bare BullMQ no-op worker, ${reminders} jobs each, same Redis (target ≥ 50 %)\n`);
table(rem.map((x) => ({ concurrency: x.concurrency, 'no-op jobs/s': x.noop, 'reminder jobs/s': x.reminders, '% of no-op': x.ratio, 'deliveries sent': x.sent, 'failed jobs': x.failed })));
writeResult('jobs', {
  greetings: { contacts, runs: greetings.runs, worstMs: greetings.worstMs, pass: greetings.pass },
  reminders: rem,
  targets: { greetingScanUnder60s: greetings.pass, remindersAtLeast50PctOfNoop: rem.map((x) => ({ concurrency: x.concurrency, pass: x.ratio >= 50 })) },
});
process.exit(0);
