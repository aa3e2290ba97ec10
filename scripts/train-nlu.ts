/**
 * Trains the intent model on the training families and writes src/intents/parser/model.json.
 *
 *   npm run train:nlu -- --cv 5       trains on every family, chooses the confidence's temperature on the
 *                                     development files, reports 5-fold cross-validation grouped by family, writes
 *   npm run train:nlu -- --temperature 1.5   keep that temperature instead of choosing one
 *   npm run train:nlu -- --cv 5 --errors   … and print the cross-validation misses
 *
 * Trains only on data/nlu/train/. The development files in data/nlu/test/ (each scored once, blind,
 * before it was read) choose the confidence's temperature and nothing else; a new blind file stays
 * out of that folder until its one scoring (`npm run eval:nlu -- --test <dir>`).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INTENT_NAMES } from '../src/intents/parser/schema.ts';
import { setModel, train, type Model, type TrainOptions } from '../src/intents/parser/classifier.ts';
import { messageFeatures, parse, read } from '../src/intents/parser/index.ts';
import { calibration, DEFAULT_NOW, foldOf, loadDir, loadTraining, loadUtterances, scoreRows, type EvalReport, type Utterance } from '../src/intents/parser/evaluate.ts';
import { capped, fitLogistic, offsetFor, rawScore, shifted, type Calibrator } from '../src/intents/parser/calibrator.ts';
import { ASK_THRESHOLD } from '../src/intents/thresholds.ts';
import { scenarioRows, scenarioSets } from './scenario-rows.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (n: string) => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
const cv = Number(arg('--cv') ?? 0);
const opts: TrainOptions = { epochs: Number(arg('--epochs') ?? 40), l2: Number(arg('--l2') ?? 3e-4), rate: Number(arg('--rate') ?? 0.1), prune: 0.01, minCount: 2 };
/** Feature families left out (chosen by cross-validation: character trigrams of words hurt). */
const DEFAULT_DROP = 'g:';

// The training families, and the intents the dialog scenario sets' writers stated for their messages
// (scenario-rows.ts): `--no-scenarios` leaves those out, `--hold-sets <regex>` the sets it matches.
const hold = arg('--hold-sets') ? new RegExp(`^(?:${arg('--hold-sets')})$`) : undefined;
const fromScenarios = args.includes('--no-scenarios') ? [] : scenarioRows(root, scenarioSets(root).filter((s) => !hold?.test(s)));
const rows = [...loadTraining(root), ...fromScenarios];
const optsFor = (u: Utterance) => ({ now: new Date(u.now ?? DEFAULT_NOW), tz: u.tz ?? 'UTC' });
const drop = (arg('--drop') ?? DEFAULT_DROP).split(',').filter(Boolean);
const keep = (f: string) => !drop.some((d) => f.startsWith(d));
const featured = rows.map((u) => ({ u, features: messageFeatures(u.text, optsFor(u)).filter(keep), label: u.intent }));
const families = new Set(rows.map((u) => u.family));
console.log(`training rows ${rows.length} in ${families.size} families (${fromScenarios.length} from the dialog scenarios)`);

const fit = (subset: typeof featured): Model => train(subset.map(({ features, label }) => ({ features, label })), INTENT_NAMES, opts);

let temperature = Number(arg('--temperature') ?? 1);
/** The temperature at which readings are chosen (the no-reading floor and the alternatives offered were set at it). */
const READING_TEMPERATURE = 1.35;
const T_GRID = [0.8, 1, 1.1, 1.2, 1.25, 1.3, 1.35, 1.4, 1.45, 1.5, 1.6, 1.75, 2, 2.5, 3];
const finalModel = fit(featured);
/** The most wrong answers below the ask threshold while at least `floor` of right answers stay above it. */
function chooseTemperature(label: string, floor: number, predictAt: (t: number) => EvalReport['answers']): number {
  let best = { t: 1, wrongBelow: -1 };
  for (const t of T_GRID) {
    const c = calibration(predictAt(t), ASK_THRESHOLD);
    console.log(`  ${label} temperature ${t}: wrong below ${(100 * c.wrongBelow).toFixed(1)}% of ${c.wrong}, right above ${(100 * c.rightAbove).toFixed(1)}%`);
    if (c.rightAbove >= floor && c.wrongBelow > best.wrongBelow) best = { t, wrongBelow: c.wrongBelow };
  }
  return best.t;
}
// The confidence's temperature is chosen on the development files: test files already scored once,
// blind, and read since (data/nlu/test). Their writers are not the training data's, so they show
// how sure the parser should be on language it was not built on; cross-validation within the
// training families flatters the cue rules written on them. At least 93 % of right answers stay
// above the threshold there (issue 14 asks 90 % on test families; the margin is for a new writer).
// Reading the development files only sets this one number; the model never trains on them.
const DEV_RIGHT_ABOVE_FLOOR = 0.93;
const dev = loadDir(join(root, 'data/nlu/test'));
if (!args.includes('--temperature') && dev.length) {
  temperature = chooseTemperature('development', DEV_RIGHT_ABOVE_FLOOR, (t) => {
    setModel({ ...finalModel, temperature: t, readingTemperature: READING_TEMPERATURE });
    return scoreRows(dev, (u) => parse(u.text, optsFor(u))).answers;
  });
  console.log(`temperature ${temperature} (development files: ${dev.length} messages)`);
}

// The confidence itself: a logistic regression over the evidence about each reading (calibrator.ts),
// fitted on the development files. Its cut is chosen on readings of one writer's file by a
// calibrator fitted to the other files, so that it holds for a writer it has not seen: the most
// wrong answers below the ask threshold while CALIBRATED_RIGHT_ABOVE of right answers stay above.
const CALIBRATED_RIGHT_ABOVE = 0.955;
let calibrator: Calibrator | undefined;
if (dev.length && !args.includes('--no-calibrator')) {
  setModel({ ...finalModel, temperature, readingTemperature: READING_TEMPERATURE });
  const testDir = join(root, 'data/nlu/test');
  const samples: Array<{ file: string; x: number[]; y: number; heuristic: number }> = [];
  let names: string[] = [];
  for (const file of readdirSync(testDir).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const u of loadUtterances(join(testDir, file), `${file}:`)) {
      const r = read(u.text, optsFor(u));
      if (!r.inputs) continue;
      names = r.inputs.names;
      samples.push({ file, x: r.inputs.values, y: r.result.intent === u.intent ? 1 : 0, heuristic: r.heuristic ?? r.result.confidence });
    }
  }
  const files = [...new Set(samples.map((s) => s.file))];
  const held = samples.map(() => 0);
  for (const file of files) {
    const w = fitLogistic(samples.filter((s) => s.file !== file).map((s) => s.x), samples.filter((s) => s.file !== file).map((s) => s.y));
    samples.forEach((s, i) => { if (s.file === file) held[i] = rawScore(w, s.x); });
  }
  const at = (scores: number[], cut: number) => calibration(samples.map((s, i) => ({ confidence: scores[i]!, right: s.y === 1 })), cut);
  // What parse() reports for a raw score at a cut: moved so that the cut lands on the ask threshold,
  // a disputed write capped (calibrator.ts).
  const reported = (c: number) => held.map((h, i) => capped(shifted(h, offsetFor(c, ASK_THRESHOLD)), { names, values: samples[i]!.x }, samples[i]!.heuristic));
  let cut = 0.5;
  for (let c = 0.5; c < 0.995; c += 0.005) if (at(reported(c), ASK_THRESHOLD).rightAbove >= CALIBRATED_RIGHT_ABOVE) cut = c;
  const before = at(samples.map((s) => s.heuristic), ASK_THRESHOLD), after = at(reported(cut), ASK_THRESHOLD);
  console.log(`calibrator, each development file scored by one fitted to the others (${samples.length} readings, ${files.length} files):`);
  console.log(`  uncalibrated at ${ASK_THRESHOLD}: wrong below ${(100 * before.wrongBelow).toFixed(1)}% of ${before.wrong}, right above ${(100 * before.rightAbove).toFixed(1)}%`);
  console.log(`  calibrated (cut ${cut.toFixed(3)}): wrong below ${(100 * after.wrongBelow).toFixed(1)}% of ${after.wrong}, right above ${(100 * after.rightAbove).toFixed(1)}%`);
  const weights = fitLogistic(samples.map((s) => s.x), samples.map((s) => s.y));
  calibrator = {
    names, weights, offset: offsetFor(cut, ASK_THRESHOLD),
    meta: {
      fittedOn: { readings: samples.length, files: files.length }, cut,
      heldOut: { wrongBelow: after.wrongBelow, rightAbove: after.rightAbove },
      uncalibrated: { wrongBelow: before.wrongBelow, rightAbove: before.rightAbove },
    },
  };
}
if (cv > 1) {
  const folds = Array.from({ length: cv }, (_, k) => fit(featured.filter((r) => foldOf(r.u.family, cv) !== k)));
  const predictAll = (t: number) => {
    const preds = new Map<Utterance, ReturnType<typeof parse>>();
    folds.forEach((model, k) => {
      setModel({ ...model, temperature: t, readingTemperature: READING_TEMPERATURE, ...(calibrator ? { calibrator } : {}) });
      for (const r of featured) if (foldOf(r.u.family, cv) === k) preds.set(r.u, parse(r.u.text, optsFor(r.u)));
    });
    return preds;
  };
  // Without development files: the temperature that keeps 90 % of cross-validated right answers above.
  if (!args.includes('--temperature') && !dev.length) {
    temperature = chooseTemperature('cross-validation', 0.9, (t) => { const preds = predictAll(t); return scoreRows(rows, (u) => preds.get(u)!).answers; });
    console.log(`temperature ${temperature}`);
  }
  const preds = predictAll(temperature);
  const report = scoreRows(rows, (u) => preds.get(u)!);
  const c = calibration(report.answers, ASK_THRESHOLD);
  console.log(`cross-validation by family (${cv} folds): intent ${(100 * report.intentAccuracy).toFixed(1)}%, entity F1 ${(100 * report.microF1).toFixed(1)}%`);
  console.log(`calibration at ${ASK_THRESHOLD}: wrong below ${(100 * c.wrongBelow).toFixed(1)}% (${c.wrong}), right above ${(100 * c.rightAbove).toFixed(1)}% (${c.right})`);
  for (const t of [0.4, 0.5, 0.6, 0.7, 0.8]) {
    const x = calibration(report.answers, t);
    console.log(`  at ${t}: wrong below ${(100 * x.wrongBelow).toFixed(1)}%, right above ${(100 * x.rightAbove).toFixed(1)}%`);
  }
  console.log('confusion:', report.confusion.slice(0, 15).map((x) => `${x.expected}→${x.got} ${x.count}`).join(', '));
  const keys = Object.entries(report.entityF1).map(([k, v]) => `${k} ${(100 * v.f1).toFixed(0)}% (${v.support})`).join(', ');
  console.log('entity F1:', keys);
  if (args.includes('--errors')) {
    for (const e of report.errors) console.log(`  ${e.expected} → ${e.got} (${e.confidence}): ${e.text}`);
  }
  if (args.includes('--entity-errors')) {
    for (const e of report.entityErrors) console.log(`  ${e.key}: ${JSON.stringify(e.expected)} ≠ ${JSON.stringify(e.got)}: ${e.text}`);
  }
}

const out = arg('--out') ?? join(root, 'src/intents/parser/model.json');
if (!args.includes('--no-write')) {
  const t0 = Date.now();
  const model = finalModel;
  model.temperature = temperature;
  model.readingTemperature = READING_TEMPERATURE;
  if (calibrator) model.calibrator = calibrator;
  const trainedOn = { rows: rows.length, families: families.size, fromScenarios: fromScenarios.length };
  model.meta = { trainedOn, options: opts, drop, features: Object.keys(model.weights).length };
  writeFileSync(out, JSON.stringify(model) + '\n');
  console.log(`wrote ${out}: ${Object.keys(model.weights).length} features, ${Date.now() - t0} ms`);
}
