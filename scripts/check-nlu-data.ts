/**
 * Validates NLU data files: JSON per line, known intent, only the intent's entity keys, values of
 * the right shape, one intent per family, families not shared between files.
 *
 *   npx tsx scripts/check-nlu-data.ts data/nlu/train/*.jsonl
 */
import { readFileSync } from 'node:fs';
import { INTENTS } from '../src/intents/catalogue.ts';
import { entitiesSchema, INTENT_NAMES, type IntentName } from '../src/intents/parser/schema.ts';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const files = process.argv.slice(2);
let bad = 0;
let rows = 0;
const familyIntent = new Map<string, { intent: string; file: string }>();
const perIntent: Record<string, number> = {};
let zh = 0;
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    const fail = (m: string) => { bad++; console.log(`${where}: ${m}`); };
    let row: Record<string, unknown>;
    try { row = JSON.parse(line); } catch { return fail('not JSON'); }
    rows++;
    const { family, text, intent, entities, now, tz } = row as {
      family?: string;
      text?: string;
      intent?: string;
      entities?: Record<string, unknown>;
      now?: string;
      tz?: string;
    };
    if (typeof family !== 'string' || !family) fail('no family');
    if (typeof text !== 'string' || !text.trim()) fail('no text');
    if (!INTENT_NAMES.includes(intent as IntentName)) return fail(`unknown intent ${intent}`);
    if (typeof now !== 'string' || !ISO.test(now)) fail('now missing or not ISO');
    if (typeof tz !== 'string') fail('tz missing');
    const parsed = entitiesSchema.strict().safeParse(entities ?? {});
    if (!parsed.success) fail(`entities: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    const allowed = new Set<string>(INTENTS[intent as IntentName].keys);
    for (const k of Object.keys(entities ?? {})) if (!allowed.has(k)) fail(`key ${k} is not carried by ${intent}`);
    for (const k of ['when', 'due'] as const) {
      const v = entities?.[k];
      if (v !== undefined && (typeof v !== 'string' || !ISO.test(v))) fail(`${k} is not ISO 8601 with offset: ${String(v)}`);
    }
    if (typeof entities?.shift === 'string' && !/^P(?:\d+[YMWD])*(?:T(?:\d+[HMS])+)?$/.test(entities.shift)) fail(`shift is not an ISO duration: ${entities.shift}`);
    if (typeof entities?.month === 'string' && !/^\d{4}-\d{2}$/.test(entities.month)) fail(`month is not YYYY-MM: ${entities.month}`);
    if (typeof entities?.birthday === 'string' && !/^(?:\d{4}-)?\d{2}-\d{2}$/.test(entities.birthday)) fail(`birthday is not MM-DD: ${entities.birthday}`);
    for (const [k, v] of Object.entries(entities ?? {})) {
      if (typeof v === 'string' && ['contact', 'account', 'summary', 'title', 'opportunity', 'taskRef', 'rep', 'email', 'phone'].includes(k)) {
        const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');
        if (!norm(text ?? '').includes(norm(v))) fail(`${k} "${v}" is not in the text as written`);
      }
    }
    if (typeof family === 'string') {
      const seen = familyIntent.get(family);
      if (seen && seen.intent !== intent) fail(`family ${family} mixes ${seen.intent} and ${intent}`);
      if (seen && seen.file !== file) fail(`family ${family} also in ${seen.file}`);
      if (!seen) familyIntent.set(family, { intent: intent as string, file });
    }
    perIntent[intent as string] = (perIntent[intent as string] ?? 0) + 1;
    if (/\p{Script=Han}/u.test(text ?? '')) zh++;
  });
}
console.log(`${rows} rows, ${familyIntent.size} families, ${zh} with Chinese, ${bad} problems`);
console.log(Object.entries(perIntent).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', '));
process.exit(bad ? 1 : 0);
