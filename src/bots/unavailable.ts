// What every channel says when the CRM's database is down: plainly that it is unavailable and
// to retry, never a stack trace or silence — and never "nothing was recorded" when that is not
// known to be true.
import type { Reply } from '../intents/types.ts';

// P2024 (no pool connection in time) and P2028 (a transaction not started in time): the database
// is overloaded — for the user the same as away, nothing was done, retry shortly.
const DB_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001', 'P1001', 'P1008', 'P1017', 'P2024', 'P2028']);
/** Prisma driver-adapter error kinds (`DriverAdapterError.cause.kind`) that mean the database went away. */
const DB_DOWN_KINDS = new Set(['ConnectionClosed', 'DatabaseNotReachable', 'SocketTimeout', 'TooManyConnections']);

type ErrorLike = {
  code?: unknown;
  errorCode?: unknown;
  message?: unknown;
  cause?: unknown;
  name?: unknown;
  kind?: unknown;
  meta?: { driverAdapterError?: unknown };
};

export function isDatabaseDown(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const x = err as ErrorLike;
  if ((typeof x.code === 'string' && DB_DOWN_CODES.has(x.code)) || (typeof x.errorCode === 'string' && DB_DOWN_CODES.has(x.errorCode))) return true;
  if (typeof x.kind === 'string' && DB_DOWN_KINDS.has(x.kind)) return true;
  if (x.name === 'PrismaClientInitializationError') return true;
  if (typeof x.message === 'string' && /connect(ion)? (refused|terminated|closed)|Can't reach database|terminating connection|Connection terminated|Server has closed the connection|^ConnectionClosed$/i.test(x.message)) return true;
  // Raw queries fail with P2010, the driver's error (e.g. ConnectionClosed) under meta.
  return isDatabaseDown(x.meta?.driverAdapterError, depth + 1) || isDatabaseDown(x.cause, depth + 1);
}

/** The chat engine's mark on an error that escaped a handler which may write (see WRITE_IN_FLIGHT in src/intents/engine.ts). */
const WRITE_IN_FLIGHT = Symbol.for('rapport.writeInFlight');

/**
 * True when the connection may have been lost while a write was in flight, so that it may have
 * been done or not: the server can execute a statement, or a COMMIT, whose answer never reaches
 * the client. That is the case for an error out of a handler that may write (the engine marks
 * those), and for a COMMIT issued by Prisma's transaction manager, whose driver error reaches the
 * caller as a bare `DriverAdapterError` (cause.kind ConnectionClosed) rather than Prisma's P1017.
 * A failure before any handler ran (finding the user, reading the dialog state) wrote nothing.
 */
export function isOutcomeUnknown(err: unknown): boolean {
  const x = err as (ErrorLike & { [WRITE_IN_FLIGHT]?: unknown }) | null;
  if (!x || typeof x !== 'object') return false;
  if (x[WRITE_IN_FLIGHT] === true) return true;
  if (x.name !== 'DriverAdapterError') return false;
  const kind = (x.cause as ErrorLike | undefined)?.kind;
  return typeof kind === 'string' && DB_DOWN_KINDS.has(kind);
}

/**
 * The reply for a message that met a database outage. Given the error, it is honest about a
 * write whose outcome is unknown (a retry of the same message id is acted on once: the turn
 * ledger of src/intents/idempotency.ts, and interactions, tickets and surveys by their own id).
 */
export function unavailableReply(locale: 'en' | 'zh', err?: unknown): Reply {
  if (err !== undefined && isOutcomeUnknown(err)) {
    return {
      kind: 'error',
      text:
        locale === 'zh'
          ? '处理时 CRM 连接中断，无法确定是否已记录。请稍后先确认，再决定是否重新发送。'
          : "The CRM went away while handling this, so I can't tell whether it was recorded. Please check in a moment before sending it again.",
    };
  }
  return {
    kind: 'error',
    text:
      locale === 'zh'
        ? 'CRM 暂时无法访问，你的消息没有被记录。请稍后重试。'
        : 'The CRM is unavailable right now, so nothing was recorded. Please retry in a moment.',
  };
}
