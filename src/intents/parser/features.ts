/**
 * Features for intent scoring. The entities found first are replaced by their types (`#person`,
 * `#org`, `#past`, `#future`, `#amount`, …), so the model learns "called #person about …" rather
 * than the names of the training set; the rest becomes word unigrams and bigrams (Latin), character
 * 1–3-grams (Han), a few character trigrams of words for typos, the cue lexicons that fired, the
 * entity types present, question marks and length.
 */

export type SpanType = 'person' | 'org' | 'name' | 'past' | 'today' | 'future' | 'amount' | 'email' | 'phone' | 'duration';

export interface TypedSpan {
  index: number;
  length: number;
  type: SpanType;
}

const HAN = /\p{Script=Han}/u;
const TOKEN_RE = /#[a-z]+|[a-z0-9][a-z0-9']*|\p{Script=Han}+|[?？]/gu;
const WH_START = /^(?:who|whom|whose|what|what's|whats|which|how|how's|hows|when|where|why|is|are|do|does|did|can|could|any|anything|show|list)\b/;
const ZH_QUESTION = /[吗呢么嘛]\s*[?？]?$|多少|几[个次单家位]|哪些|哪个|哪家|谁|什么|怎么样|咋样|如何|有没有|是不是|[?？]/u;

/** Replace spans (non-overlapping, any order) by ` #type ` and lower-case the rest. */
export function maskTyped(text: string, spans: readonly TypedSpan[]): string {
  const sorted = [...spans].sort((a, b) => a.index - b.index);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.index < at) continue;
    out += text.slice(at, s.index).toLowerCase() + ` #${s.type} `;
    at = s.index + s.length;
  }
  return out + text.slice(at).toLowerCase();
}

const lenBucket = (n: number) => (n <= 1 ? '1' : n === 2 ? '2' : n <= 4 ? '3-4' : n <= 8 ? '5-8' : '9+');

export function extractFeatures(text: string, spans: readonly TypedSpan[], cues: readonly string[]): string[] {
  const masked = maskTyped(text, spans);
  const f: string[] = [];
  const seq: string[] = [];
  let hanChars = 0;
  for (const m of masked.matchAll(TOKEN_RE)) {
    const tok = m[0];
    if (HAN.test(tok)) {
      hanChars += tok.length;
      for (let i = 0; i < tok.length; i++) {
        f.push('c:' + tok[i]);
        if (i + 1 < tok.length) f.push('c:' + tok.slice(i, i + 2));
        if (i + 2 < tok.length) f.push('c:' + tok.slice(i, i + 3));
      }
      f.push('c:^' + tok.slice(0, 2), 'c:' + tok.slice(-2) + '$');
      seq.push(tok.length <= 3 ? tok : '#han');
    } else if (tok === '?' || tok === '？') {
      f.push('q:mark');
    } else {
      const w = tok.replace(/'s$/, '').replace(/'$/, '');
      f.push('w:' + w);
      if (!w.startsWith('#') && w.length >= 4) {
        const g = `<${w}>`;
        for (let i = 0; i + 3 <= g.length; i++) f.push('g:' + g.slice(i, i + 3));
      }
      seq.push(w);
    }
  }
  for (let i = 0; i + 1 < seq.length; i++) f.push(`b:${seq[i]}_${seq[i + 1]}`);
  if (seq[0]) f.push('first:' + seq[0]);
  if (seq[0] && seq[1]) f.push(`first2:${seq[0]}_${seq[1]}`);
  if (seq.length) f.push('last:' + seq[seq.length - 1]);
  const trimmed = masked.trim();
  if (WH_START.test(trimmed) || ZH_QUESTION.test(trimmed)) f.push('q:form');
  for (const s of spans) f.push('e:' + s.type);
  if (spans.length === 0) f.push('e:none');
  for (const c of cues) f.push('r:' + c);
  f.push('len:' + lenBucket(seq.length));
  f.push(hanChars > 0 ? 'lang:zh' : 'lang:en');
  return f;
}
