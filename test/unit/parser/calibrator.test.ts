import { describe, expect, it } from 'vitest';
import { calibrate, fitLogistic, inputs, offsetFor, rawScore, shifted, type Evidence } from '../../../src/intents/parser/calibrator.js';

const evidence = (over: Partial<Evidence> = {}): Evidence => ({
  p1: 0.7, p2: 0.1, heuristic: 0.7, agreement: 'agree', cascade: 0.9, intent: 'log_interaction', zh: false, writes: true,
  entities: 3, length: 40, tenseUnsaid: false, ...over,
});

describe('calibrator', () => {
  it('recovers the weights of a known logistic model from its samples', () => {
    // y = 1 with probability sigmoid(-1 + 3x): a fit over many samples lands near (-1, 3).
    const X: number[][] = [], y: number[] = [];
    let seed = 7;
    const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let i = 0; i < 4000; i++) {
      const x = rand() * 2 - 1;
      X.push([1, x]);
      y.push(rand() < 1 / (1 + Math.exp(-(-1 + 3 * x))) ? 1 : 0);
    }
    const [b, w] = fitLogistic(X, y, 0);
    expect(b).toBeCloseTo(-1, 0);
    expect(w).toBeCloseTo(3, 0);
  });

  it('puts the chosen cut on the ask threshold', () => {
    expect(shifted(0.9, offsetFor(0.9, 0.6))).toBeCloseTo(0.6, 6);
    expect(shifted(0.95, offsetFor(0.9, 0.6))).toBeGreaterThan(0.6);
    expect(shifted(0.85, offsetFor(0.9, 0.6))).toBeLessThan(0.6);
  });

  it('never makes a write the cue lexicons dispute surer than it was', () => {
    const intents = ['log_interaction', 'complete_task'];
    const x = inputs(evidence({ agreement: 'dis', heuristic: 0.38, intent: 'complete_task' }), intents);
    const sure = { names: x.names, weights: x.values.map(() => 0), offset: 5 }; // raw score ~0.99
    expect(calibrate(sure, x, 0.38)).toBe(0.38);
    const agreed = inputs(evidence({ agreement: 'agree' }), intents);
    expect(calibrate(sure, agreed, 0.38)).toBeGreaterThan(0.99);
    // A read is not capped.
    const read = inputs(evidence({ agreement: 'dis', writes: false, intent: 'log_interaction' }), intents);
    expect(calibrate(sure, read, 0.38)).toBeGreaterThan(0.99);
  });

  it('refuses inputs it was not fitted to rather than guessing', () => {
    const x = inputs(evidence(), ['log_interaction']);
    const other = { names: [...x.names.slice(0, -1), 'intent something_else'], weights: x.values.map(() => 1), offset: 0 };
    expect(calibrate(other, x)).toBeUndefined();
    expect(rawScore([0, 0], [1, 1])).toBe(0.5);
  });
});
