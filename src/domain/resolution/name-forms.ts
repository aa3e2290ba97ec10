// Normalising people and company names for matching: titles and company suffixes stripped,
// Chinese names turned into pinyin (whole name and surname), edit distance for typos.
import { pinyin } from '../shared/lazy/pinyin-pro.ts';
import { toSimplified } from '../shared/han-variants.ts';

const HAN = /\p{Script=Han}/u;
export const hasHan = (s: string) => HAN.test(s);

/** Titles and honorifics said before a name (`Dr.`, `khun`, `señora`, `mzee`, `Pak`, `Ibu`, `Shri`, `Engr`): not part of it. */
const LATIN_TITLE = /^(dr|doctor|mr|mrs|ms|miss|mx|prof|professor|sir|madam|madame|mme|mlle|monsieur|mister|herr|frau|dra|sra|srta|sr|señora?|senora?|signora?|khun|ato|weizero|bwana|mzee|eng(?=\.\s*[A-Z])|ing(?=\.\s*[A-Z])|mgr(?=\.\s*[A-Z])|(?:pak|bapak|ibu|bu|mbak|shri|smt|alhaji|engr|atty)(?=\.?\s+\p{L}))\b\.?\s*/iu;
const HAN_TITLE_SUFFIX =
  /(副主任医师|主任医师|主治医师|医师|医生|大夫|副主任|主任|副院长|院长|副教授|教授|总经理|经理|总监|董事长|老师|先生|女士|小姐|博士|护士长|科长|处长|局长|书记|主管|总)$/u;
const HAN_FAMILIAR_PREFIX = /^(老|小|阿)(?=\p{Script=Han}$)/u;
const COMPANY_SUFFIX =
  /\b(corp|corporation|inc|incorporated|ltd|limited|co|company|llc|plc|gmbh|group|holdings)\b\.?/gi;
const HAN_COMPANY_SUFFIX = /(股份有限公司|有限责任公司|有限公司|公司|集团|中心医院|医院|大药房|药房|诊所|卫生院|医疗中心)$/u;

/** Titles that say "doctor" (and kin) on either side; used to favour a doctor for "Dr. Li". */
const DOCTORISH = /(dr\b|doctor|physician|prof|医|大夫|主任|院长|教授)/i;

export interface Stripped {
  core: string;
  titles: string[];
}

export function stripTitles(text: string): Stripped {
  let core = toSimplified(text.trim());
  const titles: string[] = [];
  for (let m = LATIN_TITLE.exec(core); m; m = LATIN_TITLE.exec(core)) {
    titles.push(m[1]!.toLowerCase());
    core = core.slice(m[0].length);
  }
  core = core.trim();
  for (let i = 0; i < 3; i++) {
    const m = HAN_TITLE_SUFFIX.exec(core);
    if (!m || m.index === 0) break;
    titles.push(m[1]!);
    core = core.slice(0, m.index).trim();
  }
  const fam = HAN_FAMILIAR_PREFIX.exec(core);
  if (fam) core = core.slice(1);
  return { core, titles };
}

export function stripCompany(text: string): string {
  return text.replace(COMPANY_SUFFIX, ' ').replace(HAN_COMPANY_SUFFIX, '').trim() || text;
}

/** German umlauts as they are written without them: Müller is Mueller. */
const UMLAUT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

/** Lower case, accents removed (umlauts spelt out), punctuation to spaces; Han characters kept, written simplified (陳 is 陈). */
export function normalise(s: string): string {
  return toSimplified(s.normalize('NFC'))
    .replace(/[äöüÄÖÜß]/g, (c) => UMLAUT[c]!)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
export const compact = (s: string) => normalise(s).replace(/\s+/g, '');

export const titleLooksDoctor = (titles: string[]) => titles.some((t) => DOCTORISH.test(t));
export const contactTitleIsDoctor = (title: string | null | undefined) => !!title && DOCTORISH.test(title);

interface PinyinForm {
  full: string;
  surname: string;
  surnameChars: string;
  given: string;
}
const pinyinCache = new Map<string, PinyinForm>();

/** Pinyin of a Chinese name, cached per string (names repeat across calls). */
export function pinyinOf(name: string): PinyinForm {
  const hit = pinyinCache.get(name);
  if (hit) return hit;
  const chars = [...name].filter((c) => HAN.test(c));
  const syllables = pinyin(chars.join(''), { toneType: 'none', type: 'array', surname: 'head' }).map((s) =>
    s.toLowerCase().replace(/ü/g, 'v'),
  );
  // Four-character names usually carry a two-character surname (欧阳, 司马...).
  const surnameLen = chars.length >= 4 ? 2 : 1;
  const form: PinyinForm = {
    full: syllables.join(''),
    surname: syllables.slice(0, surnameLen).join(''),
    surnameChars: chars.slice(0, surnameLen).join(''),
    given: syllables.slice(surnameLen).join(''),
  };
  if (pinyinCache.size > 50_000) pinyinCache.clear();
  pinyinCache.set(name, form);
  return form;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string, max = Infinity): number {
  const A = [...a];
  const B = [...b];
  if (Math.abs(A.length - B.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: A.length + 1 }, (_, i) => {
    const row = Array.from({ length: B.length + 1 }, () => 0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= B.length; j++) d[0]![j] = j;
  for (let i = 1; i <= A.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= B.length; j++) {
      const cost = A[i - 1] === B[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && A[i - 1] === B[j - 2] && A[i - 2] === B[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[A.length]![B.length]!;
}

/** Typos allowed for a string of this length. */
export const allowedTypos = (len: number) => (len <= 2 ? 0 : len <= 5 ? 1 : len <= 9 ? 2 : 3);
