// NLU benchmark: runs scripts/eval-nlu.ts (intent accuracy, entity F1, parse latency p50/p99 next
// to the node-nlp baseline trained on the same split in the same run). It writes
// bench/results/nlu.json itself; extra arguments are passed through.
import { spawnSync } from 'node:child_process';
import { ROOT } from './lib.ts';

const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/eval-nlu.ts', ...process.argv.slice(2).filter((a) => a !== '--full')], { cwd: ROOT, stdio: 'inherit' });
process.exit(r.status ?? 1);
