/**
 * Intent-labelled messages from the dialog scenario sets (test/scenarios/<set>/*.json) for training the
 * intent model: every turn that says a message and states the intent its writer meant (`parse.intent`,
 * not `*`, not marked `confident: false`). These sets were each scored once, blind, before anyone read
 * them, and are development sets since (BENCHMARKS.md); a set listed in floors.json's `heldOut` (not yet
 * scored) is never read here. Only the intent is taken: a scenario states the entities that matter to
 * it, not all of them, so these rows train the intent model and are left out of entity scoring.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTENT_NAMES, type IntentName } from '../src/intents/parser/schema.ts';
import { DEFAULT_NOW, type Utterance } from '../src/intents/parser/evaluate.ts';

/** The scenario users' time zones (src/seed/demo.ts). */
const TZ: Record<string, string> = {
  'demo-rep-en': 'America/New_York', 'demo-rep-zh': 'Asia/Shanghai', 'demo-manager': 'Asia/Shanghai',
  'demo-admin': 'Asia/Shanghai', 'demo-customer': 'America/New_York',
};

interface Turn { say?: string; parse?: { intent?: string; confident?: boolean } }
interface Scenario { id: string; user: string; turns: Turn[] }

export function scenarioSets(root: string): string[] {
  const dir = join(root, 'test/scenarios');
  if (!existsSync(dir)) return [];
  const floors = JSON.parse(readFileSync(join(dir, 'floors.json'), 'utf8')) as { heldOut?: string[] };
  const held = new Set(floors.heldOut ?? []);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'runner' && !held.has(d.name))
    .map((d) => d.name)
    .sort();
}

/** The labelled turns of the given sets (all sets not held out by default), one family per scenario file. */
export function scenarioRows(root: string, sets = scenarioSets(root)): Utterance[] {
  const known = new Set<string>(INTENT_NAMES);
  const seen = new Set<string>();
  const out: Utterance[] = [];
  for (const set of sets) {
    const dir = join(root, 'test/scenarios', set);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
      const file = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { scenarios: Scenario[] };
      for (const s of file.scenarios) {
        for (const t of s.turns) {
          const intent = t.parse?.intent;
          if (!t.say || !intent || intent === '*' || t.parse?.confident === false || !known.has(intent)) continue;
          const key = `${intent}\u0000${t.say.trim().toLowerCase()}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ text: t.say, intent: intent as IntentName, entities: {}, family: `scn:${set}/${f}`, now: DEFAULT_NOW, tz: TZ[s.user] ?? 'UTC', intentOnly: true });
        }
      }
    }
  }
  return out;
}
