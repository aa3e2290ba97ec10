// What every channel says when the CRM's database is down: plainly that it is unavailable and
// to retry, never a stack trace or silence.
import type { Reply } from '../intents/types.ts';

const DB_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001', 'P1001', 'P1017', 'P2024']);

export function isDatabaseDown(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const x = e as { code?: string; errorCode?: string; message?: string; cause?: unknown; name?: string };
    if ((x.code && DB_DOWN_CODES.has(x.code)) || (x.errorCode && DB_DOWN_CODES.has(x.errorCode))) return true;
    if (x.name === 'PrismaClientInitializationError') return true;
    if (typeof x.message === 'string' && /connect(ion)? (refused|terminated|closed)|Can't reach database|terminating connection|Connection terminated/i.test(x.message)) return true;
    e = x.cause;
  }
  return false;
}

export function unavailableReply(locale: 'en' | 'zh'): Reply {
  return {
    kind: 'error',
    text:
      locale === 'zh'
        ? 'CRM 暂时无法访问，你的消息没有被记录。请稍后重试。'
        : 'The CRM is unavailable right now, so nothing was recorded. Please retry in a moment.',
  };
}
