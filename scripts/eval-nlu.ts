/**
 * NLU evaluation: deterministic parser vs node-nlp baseline on the dev split.
 *
 *   npx tsx scripts/eval-nlu.ts [--iterations 40] [--no-baseline] [--errors]
 *
 * Writes bench/results/nlu.json.
 * node-nlp is optional: if it cannot be imported (not installed), the baseline column says so.
 * Set NODE_NLP_DIR=/some/dir (a folder with node_modules/node-nlp) to use a copy installed elsewhere.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, detectLanguage, type Entities, type IntentName } from '../src/intents/parser/index.js';
import { loadUtterances, scoreRows, DEFAULT_NOW, type EvalReport, type Utterance } from '../src/intents/parser/evaluate.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (n: string) => args.includes(n);
const iterations = Number(args[args.indexOf('--iterations') + 1]) || 40;

const all = loadUtterances(join(root, 'data/nlu/utterances.jsonl'));
const train = all.filter((u) => u.split === 'train');
const dev = all.filter((u) => u.split === 'dev');
const blindPath = join(root, 'data/nlu/blind.jsonl');
const blind = existsSync(blindPath) ? loadUtterances(blindPath) : [];

const optsFor = (u: Utterance) => ({ now: new Date(u.now ?? DEFAULT_NOW), tz: u.tz ?? 'UTC' });

// ---------------------------------------------------------------- parser
const parserDev = scoreRows(dev, (u) => parse(u.text, optsFor(u)));
const parserBlind = blind.length ? scoreRows(blind, (u) => parse(u.text, optsFor(u))) : undefined;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

function timeSync(fn: (u: Utterance) => unknown, rows: Utterance[], iters: number) {
  const opts = rows.map(optsFor);
  for (let k = 0; k < 3; k++) rows.forEach((u) => fn(u)); // warm-up
  const samples: number[] = [];
  for (let k = 0; k < iters; k++) {
    for (let i = 0; i < rows.length; i++) {
      const u = rows[i]!;
      void opts[i];
      const t0 = process.hrtime.bigint();
      fn(u);
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples[samples.length - 1]!, n: samples.length };
}

const parserLatency = timeSync((u) => parse(u.text, optsFor(u)), dev, iterations);

// ---------------------------------------------------------------- node-nlp baseline
interface Baseline {
  status: string;
  report?: EvalReport;
  latency?: { p50: number; p99: number; max: number; n: number };
  trainMs?: number;
}

async function loadNodeNlp(): Promise<any> {
  try {
    // @ts-ignore optional dev dependency
    return await import('node-nlp');
  } catch (err) {
    const dir = process.env.NODE_NLP_DIR;
    if (dir) return createRequire(join(dir, 'package.json'))('node-nlp');
    throw err;
  }
}

async function runBaseline(): Promise<Baseline> {
  if (flag('--no-baseline')) return { status: 'skipped (--no-baseline)' };
  let mod: any;
  try {
    mod = await loadNodeNlp();
  } catch (err) {
    return { status: `node-nlp not available: ${(err as Error).message.split('\n')[0]}` };
  }
  try {
    const { NlpManager } = mod.default ?? mod;
    const manager = new NlpManager({ languages: ['en', 'zh'], forceNER: true, nlu: { log: false }, autoSave: false, autoLoad: false });
    for (const u of train) manager.addDocument(detectLanguage(u.text), u.text, u.intent);
    const t0 = Date.now();
    await manager.train();
    const trainMs = Date.now() - t0;
    const preds = new Map<Utterance, { intent: IntentName; entities: Entities }>();
    const run = async (u: Utterance) => {
      const r = await manager.process(detectLanguage(u.text), u.text);
      const ents: Entities = {};
      // Built-in NER only covers generic types; map what overlaps with our contract.
      for (const e of r.entities ?? []) {
        if (e.entity === 'email' && !ents.email) ents.email = e.sourceText;
        if (e.entity === 'phonenumber' && !ents.phone) ents.phone = e.sourceText;
      }
      const intent = (!r.intent || r.intent === 'None' ? 'unknown' : r.intent) as IntentName;
      return { intent, entities: ents };
    };
    for (const u of dev) preds.set(u, await run(u));
    const report = scoreRows(dev, (u) => preds.get(u)!);
    // latency (async, awaited one by one)
    const samples: number[] = [];
    const iters = Math.max(3, Math.floor(iterations / 4));
    for (let k = 0; k < iters; k++) {
      for (const u of dev) {
        const s = process.hrtime.bigint();
        await manager.process(detectLanguage(u.text), u.text);
        samples.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
    }
    samples.sort((a, b) => a - b);
    return {
      status: 'ok',
      report,
      trainMs,
      latency: { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples[samples.length - 1]!, n: samples.length },
    };
  } catch (err) {
    return { status: `node-nlp failed: ${(err as Error).message.split('\n')[0]}` };
  }
}

const baseline = await runBaseline();

// ---------------------------------------------------------------- table
const pct = (x: number | undefined) => (x == null || Number.isNaN(x) ? 'n/a' : (100 * x).toFixed(1) + '%');
const ms = (x: number | undefined) => (x == null || Number.isNaN(x) ? 'n/a' : x.toFixed(3) + ' ms');
const BASELINE_KEYS = new Set(['email', 'phone']);

const rowsOut: Array<[string, string, string]> = [];
rowsOut.push(['intent accuracy', pct(parserDev.intentAccuracy), pct(baseline.report?.intentAccuracy)]);
const keys = Object.keys(parserDev.entityF1).sort();
for (const k of keys) {
  const s = parserDev.entityF1[k]!;
  const b = baseline.report?.entityF1[k];
  rowsOut.push([`F1 ${k} (n=${s.support})`, pct(s.f1), baseline.report && BASELINE_KEYS.has(k) && b ? pct(b.f1) : 'n/a']);
}
rowsOut.push(['entity F1 micro', pct(parserDev.microF1), baseline.report ? `${pct(baseline.report.microF1)}*` : 'n/a']);
rowsOut.push(['latency p50', ms(parserLatency.p50), ms(baseline.latency?.p50)]);
rowsOut.push(['latency p99', ms(parserLatency.p99), ms(baseline.latency?.p99)]);

const w0 = Math.max(...rowsOut.map((r) => r[0].length), 10);
const w1 = Math.max(...rowsOut.map((r) => r[1].length), 'rapport parser'.length);
console.log(`NLU eval — dev split: ${dev.length} utterances (train ${train.length}); ${parserLatency.n} timed parses`);
console.log(`${'metric'.padEnd(w0)} | ${'rapport parser'.padEnd(w1)} | node-nlp baseline`);
console.log(`${'-'.repeat(w0)}-|-${'-'.repeat(w1)}-|-${'-'.repeat(18)}`);
for (const [a, b, c] of rowsOut) console.log(`${a.padEnd(w0)} | ${b.padEnd(w1)} | ${c}`);
console.log(`baseline: ${baseline.status}${baseline.trainMs != null ? ` (trained on train split in ${baseline.trainMs} ms)` : ''}`);
if (baseline.report) console.log('* baseline entities: only email/phone from node-nlp built-in NER map onto our contract; other keys count as misses.');
if (parserBlind) {
  console.log(`extra set (data/nlu/blind.jsonl, ${parserBlind.n} utterances; out-of-sample only on its first run, see data/nlu/README.md): intent ${pct(parserBlind.intentAccuracy)}, entity F1 micro ${pct(parserBlind.microF1)}`);
}
const targets = { intentAccuracy: 0.97, entityF1: 0.93, p99Ms: 5 };
console.log(
  `targets: intent ≥ 97% ${parserDev.intentAccuracy >= targets.intentAccuracy ? 'OK' : 'MISSED'}, ` +
    `entity F1 ≥ 93% ${parserDev.microF1 >= targets.entityF1 ? 'OK' : 'MISSED'}, ` +
    `p99 < 5 ms ${parserLatency.p99 < targets.p99Ms ? 'OK' : 'MISSED'}`,
);
if (flag('--errors')) {
  for (const e of parserDev.errors) console.log(`  intent: expected ${e.expected}, got ${e.got}: ${e.text}`);
  for (const e of parserDev.entityErrors) console.log(`  ${e.key}: expected ${JSON.stringify(e.expected)}, got ${JSON.stringify(e.got)}: ${e.text}`);
}

// ---------------------------------------------------------------- json
const strip = (r: EvalReport | undefined) =>
  r && { n: r.n, intentAccuracy: r.intentAccuracy, microF1: r.microF1, microPrecision: r.microPrecision, microRecall: r.microRecall, entityF1: r.entityF1, intentErrors: r.errors };
const out = {
  generatedAt: new Date().toISOString(),
  node: process.version,
  dataset: { train: train.length, dev: dev.length, blind: blind.length },
  parser: { dev: strip(parserDev), blind: strip(parserBlind), latencyMs: parserLatency },
  baseline: { name: 'node-nlp NlpManager', status: baseline.status, trainMs: baseline.trainMs, dev: strip(baseline.report), latencyMs: baseline.latency },
  targets,
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/nlu.json'), JSON.stringify(out, null, 2) + '\n');
console.log('wrote bench/results/nlu.json');
