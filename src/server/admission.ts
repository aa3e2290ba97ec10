// Load shedding: each server process works on a bounded number of requests at once. A few more
// wait in line for a moment; the rest are answered at once with 503 and Retry-After, in the
// sender's language where there is one, instead of piling onto the database until Prisma gives up
// with a 500 (P2028, "Unable to start a transaction in the given time") or PGlite's single session
// starves everything, health checks included. A request still unanswered after the deadline (a
// database that stopped answering) gets its 503 too; its work keeps its slot until it ends, so a
// stalled database cannot take more than the bound.
//
// Health checks and static files are not counted (mounted before, or passed through), nor Slack's
// event acks, which only enqueue. Chat messages are safe to send again: the same messageId is
// recorded once (src/intents/idempotency.ts), so the refusal tells the user to retry.
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import type { Logger } from '../infra/logger.ts';
import { L } from '../domain/shared/locale.ts';

export interface AdmissionOptions {
  /** Requests worked on at once. */
  maxInFlight: number;
  /** Requests waiting for a slot; beyond this, shed at once. */
  maxQueued: number;
  /** Longest wait for a slot before shedding (ms). @defaultValue 2_000 */
  queueWaitMs?: number;
  /** Longest a request may go unanswered before it is answered 503 (ms); 0: no deadline. @defaultValue 8_000 */
  deadlineMs?: number;
  /** Seconds in Retry-After. @defaultValue 2 */
  retryAfterSeconds?: number;
}

/** Passed through without a slot: health, static assets, Slack's acks (they only enqueue). */
const EXEMPT = /^\/(?:healthz|readyz|static\/|dashboard\/static\/|slack\/events)/;
/**
 * No deadline here, a slot still: file imports may legitimately run long, and a Teams turn has its
 * own 11 s budget after which it answers "taking a moment" and posts the result later.
 */
const NO_DEADLINE = /import|^\/api\/messages$/i;

type Lang = 'en' | 'zh';
const HAN = /\p{Script=Han}/u;
const chatBody = express.json({ limit: '64kb' });

export function admission(opts: AdmissionOptions, logger: Logger) {
  const queueWaitMs = opts.queueWaitMs ?? 2_000;
  const deadlineMs = opts.deadlineMs ?? 8_000;
  const retryAfter = String(opts.retryAfterSeconds ?? 2);
  let active = 0;
  const line: { admit: () => void; timer: NodeJS.Timeout }[] = [];
  let shedCount = 0;

  const langOf = (req: Request): Lang => {
    const text = (req.body as { text?: unknown } | undefined)?.text;
    if (typeof text === 'string' && text) return HAN.test(text) ? 'zh' : 'en';
    return /^zh/i.test(req.get('accept-language') ?? '') ? 'zh' : 'en';
  };

  function answer(req: Request, res: Response, why: 'busy' | 'deadline'): void {
    const lang = langOf(req);
    const body = req.body as { messageId?: unknown } | undefined;
    const busy = L(lang, 'Rapport is busy right now, so this was not handled. Please retry in a moment.', 'Rapport 现在太忙，这条消息还没有处理。请稍后重试。');
    const slow = L(
      lang,
      "The CRM is taking too long to answer, so I can't tell yet whether this was recorded. Retry in a moment: the same message is never recorded twice.",
      'CRM 响应太慢，暂时无法确定是否已记录。请稍后重试：同一条消息不会被重复记录。',
    );
    const text = why === 'busy' ? busy : slow;
    res.setHeader('retry-after', retryAfter);
    res.status(503).json({
      error: why === 'busy' ? 'busy' : 'timeout',
      message: text,
      ...(req.path === '/api/chat' ? { replies: [{ kind: 'error', text }], recorded: why === 'busy' ? false : 'unknown', ...(typeof body?.messageId === 'string' ? { messageId: body.messageId } : {}) } : {}),
    });
  }

  function shed(req: Request, res: Response, why: 'busy' | 'deadline'): void {
    if (++shedCount % 100 === 1) logger.warn({ active, queued: line.length, shed: shedCount, why, path: req.path }, 'overloaded: shedding requests with 503');
    // The chat's refusal is in the sender's language: read the (small) body first.
    if (why === 'busy' && req.method === 'POST' && req.path === '/api/chat' && req.body === undefined) {
      chatBody(req, res, () => answer(req, res, why));
      return;
    }
    answer(req, res, why);
  }

  return (req: Request, res: Response, next: NextFunction): void => {
    if (EXEMPT.test(req.path)) return next();
    const run = () => {
      active++;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        active--;
        line.shift()?.admit();
      };
      let timer: NodeJS.Timeout | undefined;
      if (deadlineMs > 0 && !NO_DEADLINE.test(req.path)) {
        timer = setTimeout(() => {
          if (res.headersSent) return;
          res.locals.admissionDeadline = true;
          shed(req, res, 'deadline');
          // The work goes on and may still try to answer: its writes go nowhere, and its slot is
          // held until it does (or fails), so stalled work stays bounded.
          const noop = function (this: Response) {
            return this;
          };
          res.setHeader = noop as unknown as Response['setHeader'];
          res.writeHead = noop as unknown as Response['writeHead'];
          res.write = (() => true) as unknown as Response['write'];
          res.end = function (this: Response) {
            release();
            return this;
          } as unknown as Response['end'];
        }, deadlineMs);
        timer.unref();
      }
      res.on('close', () => {
        clearTimeout(timer);
        // Answered by the deadline: the slot is the unfinished work's until it ends.
        if (!res.locals.admissionDeadline) release();
      });
      next();
    };
    if (active < opts.maxInFlight) return run();
    if (line.length >= opts.maxQueued) return shed(req, res, 'busy');
    const entry = {
      admit: () => {
        clearTimeout(entry.timer);
        run();
      },
      timer: setTimeout(() => {
        const i = line.indexOf(entry);
        if (i >= 0) line.splice(i, 1);
        shed(req, res, 'busy');
      }, queueWaitMs),
    };
    line.push(entry);
  };
}
