// The en/zh picker every reply and message uses: the one definition of `L`.
import type { Locale } from './errors.ts';

/** `en` or `zh` by the reader's locale. */
export const L = (locale: Locale, en: string, zh: string): string => (locale === 'zh' ? zh : en);
