// A person's name as it should be stored: without the title people say it with (`Dr.`, `主任`),
// which is kept as an alias (`Dr. Megan Bowen`, `周主任`) so `Dr. Bowen` and `周主任` still find
// them, and refused when it does not look like a name at all (a clause, an account, a sentence)
// so that text nobody understood never becomes a name or a title.
import { hasHan, pinyinOf, stripTitles } from '../resolution/name-forms.ts';

export interface PersonName {
  /** Stored name: titles stripped, Latin names in their usual capitals. */
  name: string;
  /** Forms people use for them: the name as written with its title, surname + title (周主任). */
  aliases: string[];
  /** A job title carried in the name (周晓明主任 → 主任); never `Dr.`/医生, which say doctor. */
  jobTitle: string | null;
}

const LATIN_WORD = /^\p{Script=Latin}[\p{Script=Latin}\p{M}'’.-]*$/u;
/** Words that are not part of a person's name: clause words, prepositions, company words. */
const NOT_NAME_EN = new Set(
  ('at with from of for and or the a an to in on is was are he she his her they who which that this by via about ' +
    'hospital clinic corp inc ltd llc company group pharma labs university decision maker champion influencer ' +
    'gatekeeper director manager head vp ceo cto cfo coo lead engineer nurse new contact add').split(' '),
);
const NOT_NAME_ZH = /[的是他她它们了在跟从给被把说吗呢吧啊，,。:：;；\d]|医院|公司|集团|诊所|科室|药房|中心|决策|联系人|客户/u;
/** Han title words that are job titles (kept as the title when none was given); 医生/大夫 only say doctor. */
const HAN_JOB_TITLE = /(副主任医师|主任医师|主治医师|副主任|主任|副院长|院长|副教授|教授|总经理|经理|总监|董事长|护士长|科长|处长|局长|书记|主管)$/u;

const capitalise = (w: string) => w.replace(/(^|[-'’])(\p{Ll})/gu, (_m, p: string, c: string) => p + c.toUpperCase());

/** Words said before a name that say what someone is, like a title: `Nurse Joy`, `Coach Carter`. */
const LATIN_ROLE_PREFIX = /^(nurse|sister|coach|captain|father|pastor|rev|reverend|judge)\.?\s+(?=\S)/i;

/** The stored form of a person's name, or null when `written` is not a name. */
export function personName(written: string): PersonName | null {
  const raw = written.normalize('NFKC').replace(/\s+/g, ' ').trim().replace(/^[,.;:!?'"“”‘’()（）]+|[,.;:!?'"“”‘’()（）]+$/g, '');
  if (!raw || raw.length > 40) return null;
  const role = LATIN_ROLE_PREFIX.exec(raw);
  const stripped = stripTitles(role ? raw.slice(role[0].length) : raw);
  const core = stripped.core;
  const titles = role ? [role[1]!.toLowerCase(), ...stripped.titles] : stripped.titles;
  if (!core) return null;
  if (hasHan(core)) {
    if (/[A-Za-z]/.test(core)) return null;
    // 买买提·吐尔逊: a transcribed name, its parts joined by a middle dot, is kept whole.
    const dotted = /^(\p{Script=Han}{2,6})[·•・‧](\p{Script=Han}{2,8})$/u.exec(core.replace(/\s+/g, ''));
    if (dotted && !NOT_NAME_ZH.test(core)) return { name: `${dotted[1]}·${dotted[2]}`, aliases: [], jobTitle: jobTitleOf(raw) };
    const chars = [...core.replace(/\s+/g, '')];
    if (chars.length > 4 || NOT_NAME_ZH.test(core)) return null;
    if (chars.length < 2) {
      // A surname with a title (周主任) is all we know: keep it as said.
      if (!titles.length) return null;
      return { name: raw.replace(/\s+/g, ''), aliases: [], jobTitle: jobTitleOf(raw) };
    }
    const name = chars.join('');
    const aliases = new Set<string>();
    const titled = raw.replace(/\s+/g, '');
    if (titled !== name) aliases.add(titled);
    const surname = pinyinOf(name).surnameChars;
    for (const t of titles) if (surname) aliases.add(`${surname}${t}`);
    return { name, aliases: [...aliases], jobTitle: jobTitleOf(raw) };
  }
  const words = core.split(' ').filter(Boolean);
  if (words.length < 1 || words.length > 4) return null;
  // "He Jing", "An Qi": a Chinese surname in pinyin that is also an English word, capitalised as names are.
  const pinyinSurname = words.length >= 2 && words.every((w) => /^[A-Z]/.test(w)) && /^(?:he|an)$/i.test(words[0]!);
  if (words.some((w, i) => !LATIN_WORD.test(w) || (NOT_NAME_EN.has(w.toLowerCase().replace(/\.$/, '')) && !(i === 0 && pinyinSurname)))) return null;
  // Lower case as typed in chat ("tom hanks") is capitalised; "McDonald" or "de Vries" are left alone.
  // (A surname's particle inside the name stays lower case: "Lisa de Vries", "Jan van der Berg".)
  const name = words.map((w, i) => (w === w.toLowerCase() && !(i > 0 && i < words.length - 1 && SURNAME_PARTICLES.has(w)) ? capitalise(w) : w)).join(' ');
  const aliases: string[] = [];
  if (titles.length) {
    // The name as said with its title: "Dr. Megan Bowen", "Nurse Joy".
    const prefix = raw.slice(0, raw.length - core.length).trim().replace(/\.$/, '');
    const word = prefix.charAt(0).toUpperCase() + prefix.slice(1).toLowerCase();
    aliases.push(`${/^(?:dr|mr|mrs|ms|mx|prof|st)$/i.test(prefix) ? `${word}.` : word} ${name}`);
  }
  return { name, aliases, jobTitle: null };
}

/** Lowercase particles inside a surname (`de Vries`, `van der Berg`, `da Silva`). */
export const SURNAME_PARTICLES: ReadonlySet<string> = new Set(['de', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'la', 'le', 'del', 'della', 'dos', 'das', 'ter', 'ten', 'bin', 'binti', 'al', 'el']);

/** The surname with a job title (黄志刚, 检验科主任 → 黄主任): what people call them, kept as an alias. */
export function titledAlias(name: string, title: string | null | undefined): string | null {
  if (!title || !hasHan(name) || /[A-Za-z\s]/.test(name)) return null;
  const job = jobTitleOf(title);
  // (买买提·吐尔逊 is 买买提主任: the given name first, with the title.)
  const surname = /[·•・‧]/u.test(name) ? name.split(/[·•・‧]/u)[0]! : pinyinOf(name).surnameChars;
  return job && surname && [...name].length >= 2 ? `${surname}${job}` : null;
}

function jobTitleOf(raw: string): string | null {
  const m = HAN_JOB_TITLE.exec(raw.replace(/\s+/g, ''));
  return m ? m[1]! : null;
}

const NOT_TITLE = /(?:^|\s)(?:he|she|they|who|is|was|are|he's|she's|email|e-mail|phone|mobile|number|birthday)(?:\s|$)|[他她]是|[他她]们|是|决策人|决策者|关键人|说了算|拍板|邮箱|电话|手机|号码|生日|@|\d{5,}/i;

/**
 * Whether a job title the parser read is one: not a clause (`他是决策人`), not a role, not the
 * account (`initech`), not an email or phone number.
 */
export function isJobTitle(title: string, opts: { account?: string | null; accountNames?: string[] } = {}): boolean {
  const t = title.trim();
  if (!t || t.length > 60) return false;
  if (NOT_TITLE.test(t)) return false;
  const lower = t.toLowerCase();
  for (const a of [opts.account, ...(opts.accountNames ?? [])]) {
    if (!a) continue;
    const al = a.toLowerCase();
    if (lower === al || (al.length >= 3 && lower.includes(al)) || (lower.length >= 3 && al.includes(lower))) return false;
  }
  return true;
}

/** The last word of most job titles: what a title read short of it is completed with. */
const TITLE_HEAD = /^(?:manager|lead|leader|director|buyer|head|officer|engineer|specialist|analyst|coordinator|assistant|president|executive|representative|rep|consultant|administrator|admin|supervisor|chief|partner|owner|architect|developer|designer|accountant|controller|planner|purchaser|agent|associate|advisor|adviser|counsel|nurse|pharmacist|principal|secretary|clerk)s?$/i;

/** Words after which a title said in English does not go on: a place, a time, a new clause. */
const TITLE_STOP = /^(?:at|in|from|since|starting|as|now|today|yesterday|last|this|next|and|but|so|then|who|which|with|on|effective)$/i;

/**
 * A title as the message says it: a title read short of its "of"/"for" part (`VP` in "was made VP
 * of sales", `Head` in "Head of Procurement, …") is completed up to the clause's end (three words
 * at most); anything else is returned as read.
 */
export function titleAsSaid(title: string, text: string): string {
  // "he's their CFO": the determiner says whose title it is and is no part of it.
  const t = title.trim().replace(/^(?:their|his|her|our|its|my|the|a|an)\s+(?=\S)/i, '');
  if (!t || hasHan(t)) return t;
  const at = text.toLowerCase().indexOf(t.toLowerCase());
  if (at < 0) return t;
  let end = at + t.length;
  // A title read without its head noun: "procurement" in "procurement manager", "IT" in "IT buyer".
  // "chief" in "chief medical officer": one word between, when the word after it is the head.
  for (let i = 0; i < 2; i++) {
    const head = /^\s+([A-Za-z]+)\b(?:\s+([A-Za-z]+)\b)?/.exec(text.slice(end));
    if (!head) break;
    if (TITLE_HEAD.test(head[1]!)) end += /^\s+[A-Za-z]+/.exec(text.slice(end))![0].length;
    else if (head[2] && TITLE_HEAD.test(head[2]) && !TITLE_STOP.test(head[1]!)) end += head[0].length;
    else break;
  }
  const after = text.slice(end);
  const m = /^\s+(of|for)\s+([A-Za-z&][\w&'-]*(?:\s+[A-Za-z&][\w&'-]*){0,2})/i.exec(after);
  if (!m) return text.slice(at, end).replace(/\s+/g, ' ').trim();
  const words = m[2]!.split(/\s+/);
  const kept: string[] = [];
  for (const w of words) {
    if (TITLE_STOP.test(w)) break;
    kept.push(w);
  }
  if (!kept.length) return t;
  // Keep the message's own spelling of the whole title.
  return text.slice(at, end + after.indexOf(kept.at(-1)!) + kept.at(-1)!.length).replace(/\s+/g, ' ').trim();
}

/** Common Chinese surnames: a split is only trusted when the name starts with one (not 部门, 主管). */
const COMMON_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝';

/**
 * A Chinese title read with the person inside it (`采购刘婷`, `神经外科何建国副主任`): the person's
 * name and the title around it, or null when it does not split into exactly that. Only a name of
 * two or three Han characters after a department or job word, and before a job title or nothing.
 */
export function splitHanTitledName(text: string): { name: string; title: string } | null {
  const t = text.replace(/\s+/g, '').trim();
  if (!hasHan(t) || /[A-Za-z\d，,。；;：:的是他她]/u.test(t)) return null;
  const suffix = HAN_JOB_TITLE.exec(t)?.[1] ?? '';
  const body = suffix ? t.slice(0, -suffix.length) : t;
  // The department or job word before the name: 采购, 神经外科, 心内科, 药剂科…
  const pre = /^(采购|财务|行政|销售|市场|药剂科|设备科|医务科|护理部|信息科|.{1,6}?[科部室处])(.+)$/u.exec(body);
  if (!pre) return null;
  const name = pre[2]!;
  if ([...name].length < 2 || [...name].length > 3) return null;
  const p = personName(name);
  if (!p || p.name !== name || !COMMON_SURNAMES.includes(name.charAt(0))) return null;
  const title = suffix ? `${pre[1]}${suffix}` : pre[1]!;
  return { name, title };
}

/** A Han job title said on its own (副院长, 采购经理, 店员): a short word ending in a job title. */
export function isHanJobTitle(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return hasHan(t) && [...t].length <= 8 && !/[的是他她了，,。]/u.test(t) && (HAN_JOB_TITLE.test(t) || /(?:店员|专员|助理|采购|顾问|代表|秘书|医师|药师|护士)$/u.test(t));
}

/** The run of Han characters in `text` holding `part` ("采购" in "…大药房的采购刘婷，电话…" → "采购刘婷"). */
export function hanRunAround(text: string, part: string): string | null {
  for (const run of text.split(/[^\p{Script=Han}]+|的/u)) if (run.includes(part)) return run;
  return null;
}

/**
 * In a message written in Chinese, the whole run of Latin words holding `part` ("Sun Li" for "Li"
 * in "新增联系人 Sun Li，协和医院"): a name in pinyin is written as its own run between Chinese
 * words or punctuation, so a reading of only part of it is widened to the run (up to four words).
 */
export function latinRunAround(text: string, part: string): string | null {
  if (!hasHan(text) || !part.trim() || hasHan(part)) return null;
  const want = part.trim().toLowerCase().split(/\s+/);
  for (const m of text.matchAll(/[A-Za-z][A-Za-z'-]*(?:[ \t]+[A-Za-z][A-Za-z'-]*)*/g)) {
    const words = m[0].split(/\s+/);
    const lower = words.map((w) => w.toLowerCase());
    if (words.length > 4) continue;
    for (let i = 0; i + want.length <= lower.length; i++) {
      if (want.every((w, k) => lower[i + k] === w)) return m[0];
    }
  }
  return null;
}
