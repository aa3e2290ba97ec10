/**
 * The statistical half of intent scoring: a multinomial logistic regression over sparse features
 * (word and character n-grams of the message with its entities replaced by their types, the cue
 * lexicons that fired, tense and question marks, the entity types present). Trained by
 * `npm run train:nlu` on the training families only and committed as `model.json`; loading it
 * takes a few milliseconds and scoring a message touches only its own features.
 */
import { readFileSync } from 'node:fs';
import type { Calibrator } from './calibrator.ts';

export interface Model {
  version: 1;
  classes: string[];
  bias: number[];
  /** feature -> [classIndex, weight, classIndex, weight, ...] (only non-negligible weights). */
  weights: Record<string, number[]>;
  /** Softmax temperature of the confidence reported (confidence that means something). */
  temperature?: number;
  /**
   * Softmax temperature at which a reading is chosen: below `NO_READING` there is none, and which
   * next-best readings are offered. Kept apart from `temperature` so that calibrating the confidence
   * never changes what is read.
   */
  readingTemperature?: number;
  /** Turns the evidence about a reading into its confidence (see calibrator.ts). */
  calibrator?: Calibrator;
  /** Training summary, for reviewers. */
  meta?: Record<string, unknown>;
}

export interface Scored {
  intent: string;
  p: number;
}

let cached: Model | null | undefined;

/** The committed model, or null when none has been trained yet (the cue lexicons then decide). */
export function loadModel(): Model | null {
  if (cached !== undefined) return cached;
  try {
    cached = JSON.parse(readFileSync(new URL('./model.json', import.meta.url), 'utf8')) as Model;
  } catch {
    cached = null;
  }
  return cached;
}

/** Replace the model in use (training and evaluation scripts). */
export function setModel(m: Model | null): void {
  cached = m;
}

/** Class probabilities, best first. Feature multiplicity counts (a repeated n-gram adds twice). */
export function score(model: Model, features: readonly string[], temperature = model.temperature ?? 1): Scored[] {
  const z = model.bias.slice();
  for (const f of features) {
    const w = model.weights[f];
    if (!w) continue;
    for (let i = 0; i < w.length; i += 2) z[w[i]!]! += w[i + 1]!;
  }
  const t = temperature;
  return softmax(t === 1 ? z : z.map((v) => v / t))
    .map((p, i) => ({ intent: model.classes[i]!, p }))
    .sort((a, b) => b.p - a.p);
}

export function softmax(z: number[]): number[] {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  const e = z.map((v) => {
    const x = Math.exp(v - max);
    sum += x;
    return x;
  });
  return e.map((x) => x / sum);
}

export interface TrainOptions {
  epochs?: number;
  /** L2 strength per example. */
  l2?: number;
  rate?: number;
  /** Weights smaller than this are dropped from the artefact. */
  prune?: number;
  /** Features seen in fewer training rows are ignored. */
  minCount?: number;
  seed?: number;
}

/**
 * Multinomial logistic regression by AdaGrad over the rows' feature lists. Deterministic for a
 * given seed (row order is shuffled with a small LCG).
 */
export function train(rows: Array<{ features: string[]; label: string }>, classes: readonly string[], o: TrainOptions = {}): Model {
  const epochs = o.epochs ?? 30;
  const l2 = o.l2 ?? 1e-4;
  const rate = o.rate ?? 0.5;
  const prune = o.prune ?? 0.02;
  const minCount = o.minCount ?? 1;
  const K = classes.length;
  const classIndex = new Map(classes.map((c, i) => [c, i]));

  const counts = new Map<string, number>();
  for (const r of rows) for (const f of new Set(r.features)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const featIndex = new Map<string, number>();
  for (const [f, c] of counts) if (c >= minCount) featIndex.set(f, featIndex.size);
  const F = featIndex.size;
  const W = new Float64Array(F * K);
  const G = new Float64Array(F * K).fill(1e-8);
  const b = new Float64Array(K);
  const gb = new Float64Array(K).fill(1e-8);

  const data = rows.map((r) => {
    const idx = new Map<number, number>();
    for (const f of r.features) {
      const i = featIndex.get(f);
      if (i !== undefined) idx.set(i, (idx.get(i) ?? 0) + 1);
    }
    return { idx: [...idx.entries()], y: classIndex.get(r.label)! };
  });

  let seed = o.seed ?? 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const order = data.map((_, i) => i);
  const z = new Float64Array(K);
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const { idx, y } = data[n]!;
      for (let k = 0; k < K; k++) z[k] = b[k]!;
      for (const [f, v] of idx) for (let k = 0; k < K; k++) z[k]! += W[f * K + k]! * v;
      const p = softmax(Array.from(z));
      for (let k = 0; k < K; k++) {
        const g = p[k]! - (k === y ? 1 : 0);
        gb[k]! += g * g;
        b[k]! -= (rate * g) / Math.sqrt(gb[k]!);
        for (const [f, v] of idx) {
          const at = f * K + k;
          const gw = g * v + l2 * W[at]!;
          G[at]! += gw * gw;
          W[at]! -= (rate * gw) / Math.sqrt(G[at]!);
        }
      }
    }
  }
  const weights: Record<string, number[]> = {};
  for (const [f, i] of featIndex) {
    const list: number[] = [];
    for (let k = 0; k < K; k++) {
      const w = W[i * K + k]!;
      if (Math.abs(w) >= prune) list.push(k, Math.round(w * 1000) / 1000);
    }
    if (list.length) weights[f] = list;
  }
  return { version: 1, classes: [...classes], bias: Array.from(b, (x) => Math.round(x * 1000) / 1000), weights };
}
