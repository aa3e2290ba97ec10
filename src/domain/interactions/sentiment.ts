// A crude keyword sentiment for when the rep gives none: -1 .. 1. Good enough to flag
// complaints on a timeline; the LLM layer may pass a better value.
const NEGATIVE = [
  'complaint', 'complain', 'unhappy', 'angry', 'slow', 'late', 'delay', 'broken', 'problem', 'issue',
  'disappointed', 'cancel', 'churn', 'frustrated',
  '投诉', '不满', '慢', '延迟', '问题', '生气', '失望', '故障', '退货',
];
const POSITIVE = [
  'great', 'happy', 'pleased', 'satisfied', 'thanks', 'thank', 'excellent', 'good', 'love', 'interested',
  '满意', '感谢', '谢谢', '很好', '高兴', '认可', '感兴趣',
];

export function crudeSentiment(text: string): number | null {
  const lower = text.toLowerCase();
  const count = (words: string[]) =>
    words.reduce((n, w) => n + (/^[a-z]+$/.test(w) ? (new RegExp(`\\b${w}`).test(lower) ? 1 : 0) : lower.includes(w) ? 1 : 0), 0);
  const neg = count(NEGATIVE);
  const pos = count(POSITIVE);
  if (!neg && !pos) return null;
  return Math.round(((pos - neg) / (pos + neg)) * 100) / 100;
}
