// Greeting texts in the contact's language, addressed the way a rep would ("李主任", "Sarah").
import type { Locale } from '../shared/errors.ts';

type Texts = { en: (n: string, year: number) => string; zh: (n: string, year: number) => string };

const TEXTS: Record<string, Texts> = {
  birthday: {
    en: (n) => `Happy birthday, ${n}! Wishing you good health and a wonderful year ahead.`,
    zh: (n) => `${n}，生日快乐！祝您身体健康、工作顺利，新的一岁万事如意！`,
  },
  new_year: {
    en: (n, y) => `Happy New Year, ${n}! Thank you for working with us — all the best for ${y}.`,
    zh: (n, y) => `${n}，新年快乐！感谢您一直以来的支持，祝您${y}年一切顺利！`,
  },
  spring_festival: {
    en: (n) => `Happy Chinese New Year, ${n}! Wishing you health, happiness and prosperity in the year ahead.`,
    zh: (n) => `${n}，新春快乐！祝您身体健康、阖家幸福、万事如意！`,
  },
  chinese_new_year: {
    en: (n) => `Happy Chinese New Year, ${n}! Wishing you health, happiness and prosperity in the year ahead.`,
    zh: (n) => `${n}，新春快乐！祝您身体健康、阖家幸福、万事如意！`,
  },
  mid_autumn: {
    en: (n) => `Happy Mid-Autumn Festival, ${n}! Wishing you and your family a joyful reunion under the full moon.`,
    zh: (n) => `${n}，中秋快乐！祝您花好月圆、阖家团圆、幸福安康！`,
  },
  dragon_boat: {
    en: (n) => `Happy Dragon Boat Festival, ${n}! Wishing you good health.`,
    zh: (n) => `${n}，端午安康！祝您节日愉快、身体健康！`,
  },
  national_day: {
    en: (n) => `Happy National Day, ${n}! Enjoy the holiday.`,
    zh: (n) => `${n}，国庆快乐！祝您假期愉快、阖家安康！`,
  },
  independence_day: {
    en: (n) => `Happy Fourth of July, ${n}! Enjoy the celebrations.`,
    zh: (n) => `${n}，美国独立日快乐！`,
  },
  thanksgiving: {
    en: (n) => `Happy Thanksgiving, ${n}! We're grateful to work with you.`,
    zh: (n) => `${n}，感恩节快乐！感谢您的信任与合作。`,
  },
  christmas: {
    en: (n) => `Merry Christmas, ${n}! Wishing you a wonderful holiday season.`,
    zh: (n) => `${n}，圣诞快乐！祝您节日愉快！`,
  },
  unity_day: {
    en: (n) => `Happy German Unity Day, ${n}!`,
    zh: (n) => `${n}，德国统一日快乐！`,
  },
};

export function greetingText(occasion: string, who: string, year: number, locale: Locale, signOff?: string | null): string {
  const key = occasion.includes(':') ? occasion.split(':')[1]! : occasion;
  const t = TEXTS[key];
  const body = t ? t[locale](who, year) : locale === 'zh' ? `${who}，节日快乐！` : `Happy holidays, ${who}!`;
  if (!signOff) return body;
  return locale === 'zh' ? `${body}\n—— ${signOff}` : `${body}\n— ${signOff}`;
}

export function occasionLabel(occasion: string, locale: Locale): string {
  const key = occasion.includes(':') ? occasion.split(':')[1]! : occasion;
  const labels: Record<string, [string, string]> = {
    birthday: ['birthday', '生日'],
    new_year: ["New Year's Day", '元旦'],
    spring_festival: ['Spring Festival', '春节'],
    chinese_new_year: ['Chinese New Year', '春节'],
    mid_autumn: ['Mid-Autumn Festival', '中秋节'],
    dragon_boat: ['Dragon Boat Festival', '端午节'],
    national_day: ['National Day', '国庆节'],
    independence_day: ['Independence Day', '独立日'],
    thanksgiving: ['Thanksgiving', '感恩节'],
    christmas: ['Christmas', '圣诞节'],
    unity_day: ['German Unity Day', '德国统一日'],
  };
  const l = labels[key];
  return l ? (locale === 'zh' ? l[1] : l[0]) : key;
}
