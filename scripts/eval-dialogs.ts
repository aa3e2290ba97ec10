// `npm run eval:dialogs [-- <set dir>…] [--filter <id part>] [--verbose]`: runs the dialog
// scenario sets (default: every directory under test/scenarios/ holding scenario files — `dev`,
// and `after` once written) through the real app on PostgreSQL (TEST_DATABASE_URL, default
// postgresql://postgres@127.0.0.1:5432/postgres), prints each set's pass rate, WRONG writes and
// per-family figures separately, and writes bench/results/dialogs.json.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatReport, runScenarioSet, type SetResult } from '../test/scenarios/runner/run.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const filter = flag('--filter');
const out = flag('--out') ?? 'bench/results/dialogs.json';
const verbose = args.includes('--verbose');
const dirs = args.filter((a) => !a.startsWith('--'));
const root = 'test/scenarios';
const sets = dirs.length
  ? dirs
  : readdirSync(root)
      .map((d) => join(root, d))
      .filter((d) => statSync(d).isDirectory() && readdirSync(d).some((f) => f.endsWith('.json')));

const results: SetResult[] = [];
for (const dir of sets) {
  const r = await runScenarioSet({
    dir: resolve(dir),
    ...(filter ? { filter } : {}),
    onScenario: (s, done, total) => {
      if (verbose || !s.passed) process.stderr.write(`${done}/${total} ${s.passed ? 'pass' : 'FAIL'} ${s.id}${s.wrongWrites ? ` (${s.wrongWrites} wrong)` : ''}\n`);
      if (verbose && !s.passed) for (const t of s.turns) process.stderr.write(`    ${t.turn}. ${t.said}\n       ${t.replies.join('\n       ')}\n       writes: ${t.writes.join(' | ') || '-'}\n`);
    },
  });
  r.dir = dir;
  results.push(r);
  console.log(formatReport(r, { verbose }));
  console.log('');
}
if (!filter) {
  mkdirSync('bench/results', { recursive: true });
  const compact = Object.fromEntries(
    results.map((r) => [
      r.set,
      {
        ...r,
        results: r.results.map((s) => ({
          id: s.id,
          family: s.family,
          passed: s.passed,
          wrongWrites: s.wrongWrites,
          missedWrites: s.missedWrites,
          parserCaused: s.parserCaused,
        })),
      },
    ]),
  );
  writeFileSync(out, JSON.stringify({ generatedAt: new Date().toISOString(), sets: compact }, null, 2) + '\n');
  console.log(`wrote ${out}`);
} else if (existsSync(out)) {
  console.log(`(--filter: ${out} left as it was)`);
}
process.exit(0);
