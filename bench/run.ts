// The benchmark runner: `npm run bench` runs them all (about 8–10 minutes on 2 cores),
// `npm run bench -- <name> [<name>…] [--full] [bench flags]` runs some. Each benchmark is its own
// process (a clean heap, its own databases), prints its table(s), writes bench/results/<name>.json
// and compares against a reference measured in the same run (bare Bolt app, node-nlp, bare
// BullMQ worker, bare Node process). --full selects the large sizes (1M accounts / contacts).
import { spawnSync } from 'node:child_process';
import { ROOT } from './lib.ts';

const BENCHES: Record<string, { script: string; args: (full: boolean) => string[]; about: string }> = {
  chat: { script: 'bench/chat.ts', args: () => [], about: 'Slack app_mention events into rapport serve vs a bare Bolt app' },
  nlu: { script: 'bench/nlu.ts', args: () => [], about: 'intent accuracy, entity F1, parse latency vs node-nlp' },
  'at-risk': { script: 'bench/at-risk.ts', args: (full) => ['--accounts', full ? '10000,100000,1000000' : '10000,100000', '--runs', '10'], about: 'listAtRisk at 10k/100k accounts (1M with --full)' },
  jobs: { script: 'bench/jobs.ts', args: (full) => (full ? ['--full'] : []), about: 'greeting scan and reminder dispatch vs a bare BullMQ worker' },
  memory: { script: 'bench/memory.ts', args: () => [], about: 'RSS of rapport serve idle and under /api/chat load' },
};

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log('npm run bench [-- <name>…] [--full] [flags passed to the benchmark]\n');
  for (const [n, b] of Object.entries(BENCHES)) console.log(`  ${n.padEnd(8)} ${b.about}`);
  process.exit(0);
}
const full = argv.includes('--full');
const names = argv.filter((a) => a in BENCHES);
const unknown = argv.filter((a, i) => !a.startsWith('-') && !(a in BENCHES) && !argv[i - 1]?.startsWith('--'));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
// Flags other than --full go to the benchmark(s) named.
const extra = argv.filter((a) => !(a in BENCHES) && a !== '--full');
const selected = names.length ? names : Object.keys(BENCHES);

const summary: { bench: string; seconds: string; status: string }[] = [];
const t0 = Date.now();
for (const name of selected) {
  const b = BENCHES[name]!;
  console.log(`\n=== ${name}: ${b.about} ===`);
  const t = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', b.script, ...b.args(full), ...(names.length ? extra : [])], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
    timeout: full ? 3_600_000 : 600_000,
  });
  summary.push({ bench: name, seconds: ((Date.now() - t) / 1000).toFixed(0), status: r.status === 0 ? 'ok' : `failed (${r.status ?? r.signal})` });
}
console.log(`\n=== summary (${((Date.now() - t0) / 1000).toFixed(0)} s) ===`);
for (const s of summary) console.log(`${s.bench.padEnd(8)} ${s.seconds.padStart(5)} s  ${s.status}`);
process.exit(summary.every((s) => s.status === 'ok') ? 0 : 1);
