// Text as PostgreSQL can store it: a lone UTF-16 surrogate (half an emoji, `\ud800` in a JSON
// body, or a pair cut in two by a length limit) becomes U+FFFD. PostgreSQL refuses a lone
// surrogate in JSON (audit rows), so one left in a message made the turn fail with a 500.
// (String.prototype.toWellFormed, without needing the ES2024 library typings.)
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
