// In front of Bolt on POST /slack/events: refuses requests outside the 5-minute window (both
// directions: bolt only refuses old ones) and checks the v0 signature. Then, for Events API
// deliveries:
// - With a hand-off (the inbound queue): queued under the event id and acked at once, without
//   touching the database; a retry of a queued event is the same job. A worker claims and runs it.
// - Otherwise, or when the queue cannot take it: claimed once (ProcessedEvent(source 'slack',
//   event_id)) before Bolt acks it and handles it in this process.
//   - Already claimed (a retry, or the http_timeout retry overlapping the first try): 200, skipped.
//   - Database down: 503 without X-Slack-No-Retry, so Slack retries (≈ at once, 1 min, 5 min) and
//     the retry is processed once the database is back; the user hears that nothing was recorded.
// Bolt then verifies the signature again and parses the same raw body (req.rawBody).
import express, { type NextFunction, type Request, type Response } from 'express';
import { verifySlackRequest } from '@slack/bolt';
import type { EventClaimService } from '../../domain/conversations/event-claims.ts';
import type { Logger } from '../../infra/logger.ts';
import { isDatabaseDown } from '../unavailable.ts';

const WINDOW_SECONDS = 300;
const BODY_LIMIT = '4mb';

export type ClaimResult = 'claimed' | 'duplicate' | 'unavailable';

/** Inbound idempotency (the domain's EventClaimService, source 'slack'), with an outage said as such. */
export class EventClaims {
  constructor(private readonly claims: EventClaimService) {}

  async claim(eventId: string): Promise<ClaimResult> {
    try {
      return await this.claims.claim('slack', eventId);
    } catch (err) {
      if (isDatabaseDown(err)) return 'unavailable';
      throw err;
    }
  }

  /** Gives an event back (the work failed for a transient reason) so a redelivery is processed. */
  async release(eventId: string): Promise<void> {
    await this.claims.release('slack', eventId).catch(() => undefined);
  }
}

export interface EventCallbackBody {
  type?: string;
  event_id?: string;
  team_id?: string;
  event?: {
    type?: string;
    channel?: string;
    channel_type?: string;
    ts?: string;
    thread_ts?: string;
    text?: string;
    user?: string;
    bot_id?: string;
    subtype?: string;
  };
}

export interface GuardOptions {
  signingSecret: string;
  claims: EventClaims;
  logger: Logger;
  /** Called when an event could not be claimed because the database is down (first delivery only). */
  onUnavailable(body: EventCallbackBody): Promise<void>;
  /** Queues an event for a worker; false (or a rejection) means "claim and handle it here". */
  handOff?: (eventId: string, body: EventCallbackBody) => Promise<boolean>;
  nowMs?: () => number;
}

/** Set on the request for Bolt's customPropertiesExtractor: the listener may release the claim. */
export const CLAIM_PROPERTY = 'rapportClaimedEventId';

export function eventGuard(opts: GuardOptions) {
  const raw = express.raw({ type: () => true, limit: BODY_LIMIT });
  const check = async (req: Request, res: Response, next: NextFunction) => {
    const buf: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const body = buf.toString('utf8');
    const tsHeader = req.header('x-slack-request-timestamp');
    const ts = Number(tsHeader);
    const now = Math.floor((opts.nowMs?.() ?? Date.now()) / 1000);
    if (!tsHeader || !Number.isFinite(ts) || Math.abs(now - ts) > WINDOW_SECONDS) {
      opts.logger.warn({ ts: tsHeader }, 'Slack request refused: timestamp outside the 5-minute window');
      res.status(401).end();
      return;
    }
    try {
      verifySlackRequest({
        signingSecret: opts.signingSecret,
        body,
        headers: { 'x-slack-signature': req.header('x-slack-signature') ?? '', 'x-slack-request-timestamp': ts },
        nowMilliseconds: now * 1000,
      });
    } catch {
      opts.logger.warn('Slack request refused: bad signature');
      res.status(401).end();
      return;
    }
    // Bolt reads the raw body from here instead of the (consumed) stream.
    (req as Request & { rawBody?: Buffer }).rawBody = buf;
    req.body = undefined;

    if (!(req.header('content-type') ?? '').startsWith('application/json')) return next();
    let parsed: EventCallbackBody;
    try {
      parsed = JSON.parse(body) as EventCallbackBody;
    } catch {
      res.status(400).end();
      return;
    }
    if (parsed.type !== 'event_callback' || !parsed.event_id) return next();
    if (opts.handOff) {
      try {
        if (await opts.handOff(parsed.event_id, parsed)) {
          res.status(200).end();
          return;
        }
      } catch (err) {
        opts.logger.warn({ err, eventId: parsed.event_id }, 'inbound queue unavailable: handling the Slack event in this process');
      }
    }
    let result: ClaimResult;
    try {
      result = await opts.claims.claim(parsed.event_id);
    } catch (err) {
      return next(err);
    }
    if (result === 'duplicate') {
      opts.logger.info({ eventId: parsed.event_id, retryNum: req.header('x-slack-retry-num') }, 'Slack event already processed; skipped');
      res.status(200).end();
      return;
    }
    if (result === 'unavailable') {
      opts.logger.warn({ eventId: parsed.event_id }, 'database down: Slack event refused with 503 so that Slack retries it');
      if (!req.header('x-slack-retry-num')) await opts.onUnavailable(parsed).catch((err) => opts.logger.warn({ err }, 'could not tell the user the CRM is unavailable'));
      res.status(503).end();
      return;
    }
    (req as Request & { [CLAIM_PROPERTY]?: string })[CLAIM_PROPERTY] = parsed.event_id;
    next();
  };
  return [raw, check];
}
