// The scenario runner itself: a write of the wrong record, a field holding something else, a
// write nobody asked for, and a meant write that did not happen are each reported as what they
// are — so the figures of the real sets can be trusted.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenarioSet, type SetResult } from './runner/run.ts';

const family = {
  family: 'selftest',
  covers: 'the runner',
  lang: 'mixed',
  scenarios: [
    {
      id: 'self.right',
      user: 'demo-rep-zh',
      turns: [{ say: '拜访了李医生，送了样品', reply: { kind: 'confirmation' }, writes: [{ create: 'interaction', type: 'visit', contact: 'con-li-ming', account: 'acc-city1', when: 'now' }] }],
    },
    {
      id: 'self.wrong-person',
      user: 'demo-rep-zh',
      about: 'expects 张伟 where 李明 is stored: a wrong write',
      turns: [{ say: '拜访了李医生，送了样品', writes: [{ create: 'interaction', contact: 'con-zhang-wei' }] }],
    },
    {
      id: 'self.unexpected',
      user: 'demo-rep-en',
      about: 'expects nothing stored where a call is logged: a wrong write',
      turns: [{ say: 'called Tom Baker about the renewal' }],
    },
    {
      id: 'self.missed',
      user: 'demo-rep-en',
      about: 'expects a contact that a read never creates: a missed write',
      turns: [{ say: 'my tasks', writes: [{ create: 'contact', name: 'Nobody' }] }],
    },
    {
      id: 'self.lost-field',
      user: 'demo-rep-en',
      about: 'a field left empty where words were meant is lost information, not a wrong value',
      turns: [{ say: 'called Tom Baker', writes: [{ create: 'interaction', contact: 'con-tom-baker', summary: { contains: 'renewal' } }] }],
    },
  ],
};

describe('scenario runner', () => {
  let dir: string;
  let r: SetResult;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-scenarios-'));
    writeFileSync(join(dir, 'selftest.json'), JSON.stringify(family));
    r = await runScenarioSet({ dir });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const of = (id: string) => r.results.find((x) => x.id === id)!;

  it('passes a scenario whose stored records are the ones meant', () => {
    expect(of('self.right').problems).toEqual([]);
    expect(of('self.right').passed).toBe(true);
  });

  it('counts the wrong person and an unasked-for write as wrong writes, an absent one as missed', () => {
    expect(of('self.wrong-person')).toMatchObject({ passed: false, wrongWrites: 1, missedWrites: 0 });
    expect(of('self.wrong-person').problems.join('\n')).toMatch(/contact="con-li-ming"/);
    expect(of('self.unexpected')).toMatchObject({ passed: false, wrongWrites: 1 });
    expect(of('self.unexpected').problems.join('\n')).toMatch(/unexpected: create interaction/);
    expect(of('self.missed')).toMatchObject({ passed: false, wrongWrites: 0, missedWrites: 1 });
    expect(of('self.lost-field')).toMatchObject({ passed: false, wrongWrites: 0, missedWrites: 1 });
  });

  it('sums the set', () => {
    expect(r).toMatchObject({ scenarios: 5, passed: 1, wrongWrites: 2, missedWrites: 2 });
    expect(r.passRate).toBeCloseTo(0.2);
  });
});
