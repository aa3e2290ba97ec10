// How to address a contact in a message: "李主任" (surname + title) in Chinese, a first name in
// English. Titles are matched longest-first so 心内科主任 becomes 主任.
import type { Locale } from '../shared/errors.ts';

const ZH_TITLES = ['副院长', '院长', '副主任', '主任', '教授', '总监', '经理', '科长', '店长', '医生', '医师', '老师', '律师'];
const HAN = /\p{Script=Han}/u;

export function salutation(contact: { name: string; title?: string | null; aliases?: string[] }, locale: Locale): string {
  const name = contact.name.trim();
  if (locale === 'zh') {
    if (HAN.test(name[0] ?? '')) {
      const title = contact.title ?? '';
      const honorific = ZH_TITLES.find((t) => title.includes(t));
      const surname = [...name][0]!;
      if (honorific) return `${surname}${honorific === '医师' ? '医生' : honorific}`;
      return name;
    }
    return name;
  }
  // English: a Latin first name, else a Latin alias's first name ("Dr. Li"), else the name.
  if (!HAN.test(name)) return name.split(/\s+/)[0] ?? name;
  const latinAlias = (contact.aliases ?? []).find((a) => !HAN.test(a));
  return latinAlias ?? name;
}
