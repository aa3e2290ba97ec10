/**
 * How sure a reading is, from all the evidence at once rather than the model's probability alone.
 *
 * The model's probability says how much of its mass the best intent got; it does not say whether
 * the cue lexicons agree, how far ahead the runner-up is, whether the intent's entities were found,
 * or how often this intent is misread. A small logistic regression over those signals, fitted by
 * `npm run train:nlu` on the development files (messages scored once, blind, then read; never
 * trained on), turns them into one confidence. Its cut is chosen leaving one writer's file out at a
 * time, so the ask threshold separates right readings from wrong ones on writers it was not fitted to.
 */

/** What is known about a reading when its confidence is decided. */
export interface Evidence {
  /** The model's probability of the best and the second-best intent (calibrated temperature). */
  p1: number;
  p2: number;
  /** The confidence the cue rules and the model give together (agreement factors applied). */
  heuristic: number;
  /** How the cue cascade relates to the model's reading. */
  agreement: 'agree' | 'cmd' | 'dis' | 'unk-w' | 'unk-r';
  /** The cascade's own certainty. */
  cascade: number;
  intent: string;
  zh: boolean;
  writes: boolean;
  /** Entities found for the reading. */
  entities: number;
  length: number;
  /** Nothing in the message says whether it is done or to do. */
  tenseUnsaid: boolean;
}

export interface Calibrator {
  /** Names of the inputs, in order (checked against `inputs`, so a stale file is caught). */
  names: string[];
  weights: number[];
  /** Added to the score so that the chosen cut lands on the ask threshold. */
  offset: number;
  meta?: Record<string, unknown>;
}

const AGREEMENTS = ['agree', 'cmd', 'dis', 'unk-w', 'unk-r'] as const;
const logit = (p: number) => { const q = Math.min(Math.max(p, 1e-4), 1 - 1e-4); return Math.log(q / (1 - q)); };

/** The calibrator's inputs for a reading: names and values, bias first. */
export function inputs(e: Evidence, intents: readonly string[]): { names: string[]; values: number[] } {
  const names: string[] = [], values: number[] = [];
  const put = (n: string, v: number) => { names.push(n); values.push(v); };
  put('bias', 1);
  put('logit p1', logit(e.p1));
  put('logit p2', logit(e.p2));
  put('margin', e.p1 - e.p2);
  put('logit heuristic', logit(e.heuristic));
  for (const a of AGREEMENTS) put(`agreement ${a}`, e.agreement === a ? 1 : 0);
  for (const a of AGREEMENTS) put(`margin × ${a}`, e.agreement === a ? e.p1 - e.p2 : 0);
  put('chinese', e.zh ? 1 : 0);
  put('writes', e.writes ? 1 : 0);
  put('entities', Math.min(e.entities, 5) / 5);
  put('length', Math.min(e.length, 120) / 120);
  put('cascade', e.cascade);
  put('tense unsaid', e.tenseUnsaid ? 1 : 0);
  for (const i of intents) put(`intent ${i}`, e.intent === i ? 1 : 0);
  return { names, values };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * The calibrated confidence, or undefined when the calibrator was fitted to other inputs. A write
 * the cue lexicons read as another intent is never made surer than the model and the rules made it
 * (`heuristic`): a wrong write costs more than a question, and disagreement is the surest sign of one.
 */
export function calibrate(c: Calibrator, x: { names: string[]; values: number[] }, heuristic?: number): number | undefined {
  if (c.names.length !== x.names.length || c.weights.length !== x.values.length || c.names.some((n, i) => n !== x.names[i])) return undefined;
  return capped(sigmoid(rawLogit(c.weights, x.values) + c.offset), x, heuristic);
}

/** The cap above: a disputed write keeps at most its uncalibrated confidence. */
export function capped(p: number, x: { names: string[]; values: number[] }, heuristic: number | undefined): number {
  const v = (n: string) => x.values[x.names.indexOf(n)] ?? 0;
  return heuristic !== undefined && v('agreement dis') === 1 && v('writes') === 1 ? Math.min(p, heuristic) : p;
}

const rawLogit = (w: number[], x: number[]) => w.reduce((z, wi, i) => z + wi * x[i]!, 0);

/** L2-regularised logistic regression fitted by Newton's method (a few dozen inputs, thousands of rows). */
export function fitLogistic(X: number[][], y: number[], l2 = 1e-3, iterations = 30): number[] {
  const d = X[0]?.length ?? 0, n = X.length;
  const zeros = (k: number) => Array.from({ length: k }, () => 0);
  const w = zeros(d);
  const nz = X.map((x) => x.flatMap((v, i) => (v !== 0 ? [i] : [])));
  for (let it = 0; it < iterations; it++) {
    const g = zeros(d);
    const H = Array.from({ length: d }, () => zeros(d));
    for (let r = 0; r < n; r++) {
      const x = X[r]!, idx = nz[r]!;
      let z = 0;
      for (const i of idx) z += w[i]! * x[i]!;
      const p = sigmoid(z), s = p * (1 - p), e = p - y[r]!;
      for (const i of idx) {
        g[i]! += (e * x[i]!) / n;
        const row = H[i]!;
        for (const j of idx) row[j]! += (s * x[i]! * x[j]!) / n;
      }
    }
    for (let i = 0; i < d; i++) {
      const reg = i === 0 ? 0 : l2;
      g[i]! += reg * w[i]!;
      H[i]![i]! += reg + 1e-9;
    }
    const step = solve(H, g);
    let moved = 0;
    for (let i = 0; i < d; i++) { w[i]! -= step[i]!; moved = Math.max(moved, Math.abs(step[i]!)); }
    if (moved < 1e-7) break;
  }
  return w;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[piv]![c]!)) piv = r;
    [M[c], M[piv]] = [M[piv]!, M[c]!];
    const m = M[c]![c]!;
    if (Math.abs(m) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / m;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return M.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

/** The offset that puts a raw probability `cut` on `threshold`. */
export function offsetFor(cut: number, threshold: number): number {
  return logit(threshold) - logit(cut);
}

export const rawScore = (w: number[], x: number[]) => sigmoid(rawLogit(w, x));

/** A raw probability moved by `offset` on the logit scale. */
export const shifted = (p: number, offset: number) => sigmoid(logit(p) + offset);
