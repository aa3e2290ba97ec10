// pinyin-pro, loaded on the first call: its dictionary takes ~8 MB of RSS and only matching
// Chinese names needs it (the first such match pays ~25 ms to load it). Same signature as the
// package's `pinyin`.
import { createRequire } from 'node:module';
import type * as PinyinPro from 'pinyin-pro';

const require = createRequire(import.meta.url);
let lib: typeof PinyinPro | undefined;

export const pinyin = ((...args: Parameters<typeof PinyinPro.pinyin>) =>
  (lib ??= require('pinyin-pro') as typeof PinyinPro).pinyin(...args)) as typeof PinyinPro.pinyin;
