/**
 * NLU data loading and scoring (scripts/eval-nlu.ts, scripts/train-nlu.ts, the unit tests).
 *
 * Data is organised in paraphrase families (one meaning, many phrasings). Training families live
 * in data/nlu/train/ (plus the first corpus, data/nlu/utterances.jsonl and blind.jsonl, whose rows
 * are families of one); test-only families live in data/nlu/test/ and are never read while writing
 * rules or features — only scored.
 *
 * Entity scoring follows data/nlu/GUIDE.md: names and free text match when one contains the other
 * (case- and space-insensitive, titles allowed on either side); dates match on the local calendar
 * day in the row's time zone, and on the minute when the label names a time other than 09:00;
 * numbers and enumerations match exactly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entities, IntentName, ParseResult } from './schema.js';
import { wallClock } from '../../domain/shared/time.ts';

export interface Utterance {
  text: string;
  intent: IntentName;
  entities: Entities;
  family: string;
  split?: string;
  now?: string;
  tz?: string;
  /** Labelled with its intent only (a dialog scenario's turn): left out of entity scoring. */
  intentOnly?: boolean;
}

export const DEFAULT_NOW = '2026-11-25T10:00:00Z';

export function loadUtterances(path: string, familyPrefix = ''): Utterance[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.trim())
    .map(({ l, i }) => {
      const u = JSON.parse(l) as Utterance;
      return { ...u, family: u.family ?? `${familyPrefix}${i + 1}` };
    });
}

/** Every *.jsonl under dir (sorted), or none when the folder is missing. */
export function loadDir(dir: string): Utterance[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => loadUtterances(join(dir, f), `${f}:`));
}

/** The training families: data/nlu/train/ plus the first corpus (each of its rows its own family). */
export function loadTraining(root: string): Utterance[] {
  const legacy = [
    ...loadUtterances(join(root, 'data/nlu/utterances.jsonl'), 'legacy:'),
    ...(existsSync(join(root, 'data/nlu/blind.jsonl')) ? loadUtterances(join(root, 'data/nlu/blind.jsonl'), 'blind:') : []),
  ];
  return [...loadDir(join(root, 'data/nlu/train')), ...legacy];
}

export interface KeyStats { tp: number; fp: number; fn: number }
export interface Prediction extends Pick<ParseResult, 'intent' | 'entities'> { confidence?: number }
export interface EvalReport {
  n: number;
  intentAccuracy: number;
  perIntent: Record<string, { n: number; correct: number; accuracy: number }>;
  confusion: Array<{ expected: string; got: string; count: number }>;
  entityF1: Record<string, { f1: number; precision: number; recall: number; support: number }>;
  microF1: number;
  microPrecision: number;
  microRecall: number;
  errors: Array<{ text: string; expected: string; got: string; confidence?: number }>;
  entityErrors: Array<{ text: string; key: string; expected: unknown; got: unknown }>;
  /** Confidence of each answer and whether its intent was right (for calibration). */
  answers: Array<{ confidence: number; right: boolean }>;
}

const NAME_KEYS = new Set(['contact', 'account', 'rep', 'title', 'opportunity', 'taskRef', 'summary', 'email', 'phone']);
const squash = (s: string) => s.toLowerCase().normalize('NFKC').replace(/[\s.,;:!?'"“”‘’()，。；：！？、]+/g, '');

function nameMatch(gold: string, pred: string): boolean {
  const g = squash(gold), p = squash(pred);
  if (!g || !p) return g === p;
  return g.includes(p) ? p.length * 3 >= g.length || p.length >= 2 : p.includes(g);
}

function localParts(iso: string, tz: string): { day: string; time: string } | null {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return null;
  const w = wallClock(t, tz);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return { day: `${w.year}-${p2(w.month)}-${p2(w.day)}`, time: `${p2(w.hour)}:${p2(w.minute)}` };
}

function dateMatch(gold: string, pred: string, tz: string): boolean {
  const g = localParts(gold, tz), p = localParts(pred, tz);
  if (!g || !p) return false;
  if (g.day !== p.day) return false;
  return g.time === '09:00' || g.time === p.time;
}

export function valueMatch(key: string, gold: unknown, pred: unknown, tz: string): boolean {
  if (gold === undefined || pred === undefined) return false;
  if (key === 'when' || key === 'due') return typeof gold === 'string' && typeof pred === 'string' && dateMatch(gold, pred, tz);
  if (key === 'others') {
    const g = Array.isArray(gold) ? gold.map(String) : [], p = Array.isArray(pred) ? pred.map(String) : [];
    return g.length === p.length && g.every((x) => p.some((y) => nameMatch(x, y)));
  }
  if (NAME_KEYS.has(key) && typeof gold === 'string' && typeof pred === 'string') return nameMatch(gold, pred);
  if (typeof gold === 'number' && typeof pred === 'number') return Math.abs(gold - pred) < 1e-6;
  return JSON.stringify(gold) === JSON.stringify(pred);
}

/**
 * Scores predictions: intent accuracy (overall, per intent, confusion), entity precision/recall/F1
 * per key (a wrong value counts as FP + FN; entities are scored on every row, also where the
 * intent was wrong), and the confidences for calibration.
 */
export function scoreRows(rows: Utterance[], predict: (u: Utterance) => Prediction): EvalReport {
  let correct = 0;
  const stats: Record<string, KeyStats> = {};
  const perIntent: EvalReport['perIntent'] = {};
  const confusion = new Map<string, number>();
  const errors: EvalReport['errors'] = [];
  const entityErrors: EvalReport['entityErrors'] = [];
  const answers: EvalReport['answers'] = [];
  const st = (k: string) => (stats[k] ??= { tp: 0, fp: 0, fn: 0 });
  for (const u of rows) {
    const p = predict(u);
    const right = p.intent === u.intent;
    const pi = (perIntent[u.intent] ??= { n: 0, correct: 0, accuracy: 0 });
    pi.n++;
    if (right) { correct++; pi.correct++; }
    else {
      errors.push({ text: u.text, expected: u.intent, got: p.intent, ...(p.confidence !== undefined ? { confidence: p.confidence } : {}) });
      const k = `${u.intent} → ${p.intent}`;
      confusion.set(k, (confusion.get(k) ?? 0) + 1);
    }
    answers.push({ confidence: p.confidence ?? 1, right });
    if (u.intentOnly) continue;
    const gold = u.entities as Record<string, unknown>;
    const pred = (p.entities ?? {}) as Record<string, unknown>;
    const keys = new Set([...Object.keys(gold), ...Object.keys(pred)]);
    for (const k of keys) {
      const g = gold[k], q = pred[k];
      if (valueMatch(k, g, q, u.tz ?? 'UTC')) st(k).tp++;
      else {
        if (g !== undefined) st(k).fn++;
        if (q !== undefined) st(k).fp++;
        entityErrors.push({ text: u.text, key: k, expected: g, got: q });
      }
    }
  }
  for (const v of Object.values(perIntent)) v.accuracy = v.n ? v.correct / v.n : 0;
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
    perIntent,
    confusion: [...confusion.entries()].map(([k, count]) => {
      const [expected, got] = k.split(' → ') as [string, string];
      return { expected, got, count };
    }).sort((a, b) => b.count - a.count),
    entityF1,
    microF1: micro.f1,
    microPrecision: micro.precision,
    microRecall: micro.recall,
    errors,
    entityErrors,
    answers,
  };
}

/** At threshold t: the share of wrong answers below it and of right answers at or above it. */
export function calibration(answers: EvalReport['answers'], t: number): { wrongBelow: number; rightAbove: number; wrong: number; right: number } {
  const wrong = answers.filter((a) => !a.right), right = answers.filter((a) => a.right);
  return {
    wrongBelow: wrong.length ? wrong.filter((a) => a.confidence < t).length / wrong.length : 1,
    rightAbove: right.length ? right.filter((a) => a.confidence >= t).length / right.length : 1,
    wrong: wrong.length,
    right: right.length,
  };
}

/** Splits families into k folds deterministically (by a hash of the family name). */
export function foldOf(family: string, k: number): number {
  let h = 2166136261;
  for (let i = 0; i < family.length; i++) h = Math.imul(h ^ family.charCodeAt(i), 16777619);
  return (h >>> 0) % k;
}
