/**
 * Dataset loading and scoring for the NLU eval (used by scripts/eval-nlu.ts and the unit tests).
 */
import { readFileSync } from 'node:fs';
import type { Entities, IntentName, ParseResult } from './index.js';

export interface Utterance {
  text: string;
  intent: IntentName;
  entities: Entities;
  split: 'train' | 'dev';
  now?: string;
  tz?: string;
}

export const DEFAULT_NOW = '2026-11-25T10:00:00Z';

export function loadUtterances(path: string): Utterance[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Utterance);
}

export interface KeyStats { tp: number; fp: number; fn: number }
export interface EvalReport {
  n: number;
  intentAccuracy: number;
  entityF1: Record<string, { f1: number; precision: number; recall: number; support: number }>;
  microF1: number;
  microPrecision: number;
  microRecall: number;
  errors: Array<{ text: string; expected: string; got: string }>;
  entityErrors: Array<{ text: string; key: string; expected: unknown; got: unknown }>;
}

const norm = (v: unknown): string => (typeof v === 'string' ? v.trim() : JSON.stringify(v));

/**
 * Entity scoring: per key, a predicted value equal (after trimming) to the label is a TP;
 * a wrong value counts as FP + FN; a missing one FN; an extra one FP.
 * Entities are scored on all rows (also rows where the intent was wrong).
 */
export function scoreRows(rows: Utterance[], predict: (u: Utterance) => Pick<ParseResult, 'intent' | 'entities'>): EvalReport {
  let correct = 0;
  const stats: Record<string, KeyStats> = {};
  const errors: EvalReport['errors'] = [];
  const entityErrors: EvalReport['entityErrors'] = [];
  const st = (k: string) => (stats[k] ??= { tp: 0, fp: 0, fn: 0 });
  for (const u of rows) {
    const p = predict(u);
    if (p.intent === u.intent) correct++;
    else errors.push({ text: u.text, expected: u.intent, got: p.intent });
    const gold = u.entities as Record<string, unknown>;
    const pred = (p.entities ?? {}) as Record<string, unknown>;
    const keys = new Set([...Object.keys(gold), ...Object.keys(pred)]);
    for (const k of keys) {
      const g = gold[k], q = pred[k];
      if (g !== undefined && q !== undefined && norm(g) === norm(q)) st(k).tp++;
      else {
        if (g !== undefined) st(k).fn++;
        if (q !== undefined) st(k).fp++;
        entityErrors.push({ text: u.text, key: k, expected: g, got: q });
      }
    }
  }
  const f = (s: KeyStats) => {
    const precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
    const recall = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1, support: s.tp + s.fn };
  };
  const entityF1: EvalReport['entityF1'] = {};
  const tot: KeyStats = { tp: 0, fp: 0, fn: 0 };
  for (const [k, s] of Object.entries(stats).sort(([a], [b]) => a.localeCompare(b))) {
    entityF1[k] = f(s);
    tot.tp += s.tp; tot.fp += s.fp; tot.fn += s.fn;
  }
  const micro = f(tot);
  return {
    n: rows.length,
    intentAccuracy: rows.length ? correct / rows.length : 0,
    entityF1,
    microF1: micro.f1,
    microPrecision: micro.precision,
    microRecall: micro.recall,
    errors,
    entityErrors,
  };
}
