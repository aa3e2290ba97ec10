// The dialog scenario sets (test/scenarios/<set>/*.json) through POST /api/chat of the real app,
// each turn checked against what was STORED. Issue 15's bar, per set: at least 95 % of the
// scenarios pass and no write stores something that was not meant (held by floors.json, see
// below). `dev` was written with the dialog code; every other set was written later by someone
// who had not read it, scored once blind (BENCHMARKS.md, "Dialog scenarios"), and only then used
// for development. A set listed in floors.json's "heldOut" is not run here: it is scored once, by
// `npm run eval:dialogs`. Each set is reported apart.
// `npm run eval:dialogs` runs the same sets and writes bench/results/dialogs.json.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport, runScenarioSet } from './runner/run.ts';

const here = import.meta.dirname;
const floorsFile = JSON.parse(readFileSync(join(here, 'floors.json'), 'utf8')) as { heldOut?: string[] } & Record<string, unknown>;
const heldOut = new Set(floorsFile.heldOut ?? []);
const sets = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'runner' && !heldOut.has(d.name))
  .map((d) => join(here, d.name))
  .filter((d) => existsSync(d) && readdirSync(d).some((f) => f.endsWith('.json')))
  .sort((a, b) => (basename(a) === 'dev' ? -1 : basename(b) === 'dev' ? 1 : a.localeCompare(b, 'en', { numeric: true })));

/** Issue 15's bar. Until a set meets it, npm test holds the set to its floor (floors.json) so that
 *  no change makes what is stored worse; the figures and the bar's status are printed either way. */
const BAR = { passRate: 0.95, wrongWrites: 0 };
const floors = floorsFile as Record<string, { minPassRate: number; maxWrongWrites: number }>;

describe('dialog scenarios: what is stored is what was meant', () => {
  for (const dir of sets) {
    const name = basename(dir);
    const floor = floors[name] ?? { minPassRate: BAR.passRate, maxWrongWrites: BAR.wrongWrites };
    it(`set "${name}": at least ${Math.round(floor.minPassRate * 100)} % pass, at most ${floor.maxWrongWrites} wrong writes (issue 15's bar: 95 %, none)`, { timeout: 30 * 60_000 }, async () => {
      const r = await runScenarioSet({ dir });
      console.log(formatReport(r));
      const met = r.passRate >= BAR.passRate && r.wrongWrites <= BAR.wrongWrites;
      console.log(`set "${name}": issue 15's bar (≥ 95 %, no wrong write) ${met ? 'MET' : 'NOT MET'}: ${(100 * r.passRate).toFixed(1)} %, ${r.wrongWrites} wrong writes`);
      expect(r.scenarios).toBeGreaterThan(0);
      expect.soft(r.wrongWrites, `wrong writes in ${r.failures.filter((f) => f.problems.some((p) => p.includes('WRONG'))).map((f) => f.id).join(', ')}`).toBeLessThanOrEqual(floor.maxWrongWrites);
      expect(r.passRate, `failing: ${r.failures.map((f) => f.id).join(', ')}`).toBeGreaterThanOrEqual(floor.minPassRate);
    });
  }
});
