/**
 * Development aid: entity errors of the parser on the TRAINING families (never the test ones),
 * per key, to see which extraction rules miss. Intent errors there are in-sample and not shown.
 *
 *   npx tsx scripts/dev-entities.ts [key] [--limit 60] [--prefix t1.]
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '../src/intents/parser/index.ts';
import { DEFAULT_NOW, loadTraining, scoreRows } from '../src/intents/parser/evaluate.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (n: string) => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
const key = args[0] && !args[0].startsWith('--') ? args[0] : undefined;
const limit = Number(arg('--limit') ?? 60);
const prefix = arg('--prefix');
const rows = loadTraining(root).filter((u) => !prefix || u.family.startsWith(prefix));
const r = scoreRows(rows, (u) => parse(u.text, { now: new Date(u.now ?? DEFAULT_NOW), tz: u.tz ?? 'UTC' }));
console.log(`rows ${r.n}, intent ${(r.intentAccuracy * 100).toFixed(1)}% (in-sample), entity F1 ${(r.microF1 * 100).toFixed(1)}%`);
console.log(Object.entries(r.entityF1).map(([k, v]) => `${k} ${(v.f1 * 100).toFixed(0)}% (${v.support})`).join(', '));
if (key) {
  const errs = r.entityErrors.filter((e) => e.key === key);
  console.log(`${key}: ${errs.length} errors`);
  for (const e of errs.slice(0, limit)) console.log(`  exp ${JSON.stringify(e.expected)} got ${JSON.stringify(e.got)}: ${e.text}`);
}
