// WebClient construction and Slack error mapping. The WebClient queues calls and, on HTTP 429,
// pauses for Retry-After seconds and retries (rejectRateLimitedCalls=false) per retryConfig; a
// 429 without a valid Retry-After aborts. What is still rate limited after those retries becomes
// ChannelRateLimitedError (retryAfterMs) for the jobs layer.
import { webApi } from '@slack/bolt';
import type { Logger } from '../../infra/logger.ts';
import { ChannelRateLimitedError } from '../../domain/delivery/delivery.errors.ts';

const { WebClient, LogLevel } = webApi;

export type RetryConfig = webApi.RetryOptions;

/**
 * Replies to people who are waiting: ten retries over about half an hour, each one at least
 * Retry-After later. A reply is never dropped for a 429.
 * @defaultValue tenRetriesInAboutThirtyMinutes
 */
export const INTERACTIVE_RETRY: RetryConfig = { retries: 10, factor: 1.96821, randomize: true };
/** Proactive sends: a few quick retries, then the job layer waits (it knows the queue). */
export const DELIVERY_RETRY: RetryConfig = { retries: 2, factor: 2, minTimeout: 1000, randomize: true };

export interface ClientOptions {
  slackApiUrl?: string | undefined;
  retryConfig: RetryConfig;
  logger: Logger;
}

export function webClientOptions(opts: ClientOptions): webApi.WebClientOptions {
  return {
    ...(opts.slackApiUrl ? { slackApiUrl: opts.slackApiUrl.endsWith('/') ? opts.slackApiUrl : `${opts.slackApiUrl}/` } : {}),
    retryConfig: opts.retryConfig,
    rejectRateLimitedCalls: false,
    logger: slackLogger(opts.logger),
    logLevel: LogLevel.WARN,
  };
}

export function newWebClient(token: string | undefined, opts: ClientOptions): webApi.WebClient {
  return new WebClient(token, webClientOptions(opts));
}

/** Seconds to wait when `err` is Slack saying "rate limited", else undefined. */
export function rateLimitSeconds(err: unknown): number | undefined {
  const e = err as { code?: string; retryAfter?: number; message?: string } | null;
  if (e?.code === 'slack_webapi_rate_limited_error' && typeof e.retryAfter === 'number') return e.retryAfter;
  // What the WebClient throws when its retries ran out while Slack still answered 429.
  const m = /rate limit was exceeded.*retry-after: (\d+)/i.exec(e?.message ?? '');
  return m ? Number(m[1]) : undefined;
}

export function toDeliveryError(err: unknown): unknown {
  const s = rateLimitSeconds(err);
  return s === undefined ? err : new ChannelRateLimitedError('slack', Math.max(1, s) * 1000);
}

/** Slack's platform error code (`channel_not_found`, …) when the call reached Slack and it said no. */
export function platformError(err: unknown): string | undefined {
  const e = err as { code?: string; data?: { error?: string } } | null;
  return e?.code === 'slack_webapi_platform_error' ? e.data?.error : undefined;
}

/** A dashboard sign-in link's token (see src/server/auth.ts) in any text. */
const SIGN_IN_TOKEN = /(signin\?token=)[^\s"'&<>|\\]+/g;

/**
 * Bolt and the WebClient log through pino. The WebClient logs each request's body at debug (our
 * logger is given, so its own logLevel is ignored): sign-in links in posted messages are replaced
 * before anything is written.
 */
export function slackLogger(logger: Logger): webApi.Logger {
  const child = logger.child({ component: 'slack' });
  let level = LogLevel.WARN;
  const join = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ').replace(SIGN_IN_TOKEN, '$1[redacted]');
  return {
    debug: (...msg) => child.debug(join(msg)),
    info: (...msg) => child.info(join(msg)),
    warn: (...msg) => child.warn(join(msg)),
    error: (...msg) => child.error(join(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
