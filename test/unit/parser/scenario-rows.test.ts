import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioRows, scenarioSets } from '../../../scripts/scenario-rows.js';

function fixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'scn-rows-'));
  const dir = join(root, 'test/scenarios');
  mkdirSync(join(dir, 'runner'), { recursive: true });
  writeFileSync(join(dir, 'floors.json'), JSON.stringify({ heldOut: ['after9'] }));
  const file = (turns: object[], user = 'demo-rep-zh') => JSON.stringify({ family: 'f', lang: 'zh', scenarios: [{ id: 'x', user, turns }] });
  mkdirSync(join(dir, 'after8'));
  writeFileSync(join(dir, 'after8', 'a.json'), file([
    { say: '拜访了李医生', parse: { intent: 'log_interaction' } },
    { say: '不对，是电话', parse: { intent: 'correct_last' } },
    { say: '嗯', parse: { intent: '*' } },
    { say: '那个那个', parse: { intent: 'unknown', confident: false } },
    { say: '好的' },
    { press: '撤销' },
  ]));
  writeFileSync(join(dir, 'after8', 'b.json'), file([{ say: 'Visited Dr Li', parse: { intent: 'log_interaction' } }, { say: '拜访了李医生 ', parse: { intent: 'log_interaction' } }], 'demo-rep-en'));
  mkdirSync(join(dir, 'after9'));
  writeFileSync(join(dir, 'after9', 'a.json'), file([{ say: '给王主任打了电话', parse: { intent: 'log_interaction' } }]));
  return root;
}

describe('intent rows from the dialog scenarios', () => {
  const root = fixture();

  it('reads every scored set and never one held out', () => {
    expect(scenarioSets(root)).toEqual(['after8']);
  });

  it('takes the turns whose writer stated an intent, once each, with the user’s time zone', () => {
    const rows = scenarioRows(root);
    expect(rows.map((r) => [r.text, r.intent, r.tz])).toEqual([
      ['拜访了李医生', 'log_interaction', 'Asia/Shanghai'],
      ['不对，是电话', 'correct_last', 'Asia/Shanghai'],
      ['Visited Dr Li', 'log_interaction', 'America/New_York'],
    ]);
    expect(rows.every((r) => r.intentOnly && r.family.startsWith('scn:after8/'))).toBe(true);
  });
});
