// Exactly-once chat turns by message id, around any ChatHandler: the turn is claimed in the
// ChatTurn ledger before it runs and its replies are kept after, so the same message delivered
// again — a web Retry, a platform redelivery, twenty copies at once — acts once and every copy
// hears the first answer. Ids are scoped to tenant, channel and sender (ChatTurnService), so
// someone else's id is never theirs to replay. Messages without an id pass straight through.
//
// A copy that arrives while the first is still running waits for it (in this process without
// polling; across processes by polling the ledger), then answers with its replies. A turn that
// failed is run again by the next copy — unless its write may have committed (the database went
// away mid-write): then the ledger's evidence decides, and a write that did commit is reported,
// not repeated. Writes that dedupe themselves on the message id (interactions, tickets, surveys)
// are simply run again and say "Already logged".
import type { ChatTurnService, FailedOutcome, TurnClaim, TurnEvidence, TurnKey } from '../domain/conversations/chat-turn.service.ts';
import type { Locale } from '../domain/shared/errors.ts';
import { L } from '../domain/shared/locale.ts';
import type { Logger } from '../infra/logger.ts';
import type { ChatHandler, ChatResult, InboundMessage, Reply } from './types.ts';

/** The engine's mark on an error out of a handler that may write (WRITE_IN_FLIGHT in engine.ts). */
const WRITE_IN_FLIGHT = Symbol.for('rapport.writeInFlight');
/** Entities whose own writes dedupe on the message id: running the turn again is how to answer. */
const SELF_DEDUPING = new Set(['Interaction', 'Ticket', 'Survey', 'SurveyResponse']);

export interface IdempotencyOptions {
  logger: Logger;
  /** How long a copy waits for the turn another one runs. @defaultValue 15 s */
  waitMs?: number;
  /** Polling step while waiting on another process. @defaultValue 100 ms */
  pollMs?: number;
}

const langOf = (msg: InboundMessage): Locale => (/\p{Script=Han}/u.test(msg.text) ? 'zh' : msg.actor.locale);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The outcome of a failed turn: unknown when a write may have been in flight. */
function outcomeOf(err: unknown): FailedOutcome {
  const e = err as { [WRITE_IN_FLIGHT]?: unknown; name?: unknown } | null;
  if (!e || typeof e !== 'object') return 'none';
  return e[WRITE_IN_FLIGHT] === true || e.name === 'DriverAdapterError' ? 'unknown' : 'none';
}

/** A reply saying what an earlier attempt recorded, from its audit rows; null: run it again. */
export function recordedReply(evidence: TurnEvidence[], lang: Locale): Reply | null {
  if (!evidence.length || evidence.some((e) => SELF_DEDUPING.has(e.entityType))) return null;
  const label = (e: TurnEvidence): string => {
    const a = (e.after ?? {}) as { title?: unknown; name?: unknown };
    const name = typeof a.title === 'string' ? a.title : typeof a.name === 'string' ? a.name : '';
    const what: Record<string, [string, string]> = {
      Task: ['follow-up', '跟进任务'],
      Opportunity: ['deal', '商机'],
      Contact: ['contact', '联系人'],
      Account: ['account', '客户'],
    };
    const [en, zh] = what[e.entityType] ?? [e.action, e.action];
    return name ? L(lang, `${en} “${name}”`, `${zh}“${name}”`) : L(lang, en, zh);
  };
  const list = [...new Set(evidence.map(label))].join(L(lang, ', ', '、'));
  return {
    kind: 'confirmation',
    text: L(lang, `Already recorded before the connection dropped: ${list}.`, `连接中断前已经记录：${list}。`),
  };
}

export function withIdempotency(inner: ChatHandler, turns: ChatTurnService, opts: IdempotencyOptions): ChatHandler {
  const waitMs = opts.waitMs ?? 15_000;
  const pollMs = opts.pollMs ?? 100;
  const log = opts.logger.child({ component: 'idempotency' });
  /** Turns running in this process, by ledger row id: copies here await them. */
  const running = new Map<string, Promise<ChatResult>>();
  /** Turns that failed here but could not be marked failed (the database was away). */
  const abandoned = new Map<string, { outcome: FailedOutcome; at: Date }>();

  /** Marks a turn, retrying in the background while the database is away (about a minute). */
  function settle(what: string, fn: () => Promise<void>, onDone?: () => void): void {
    let tries = 0;
    const attempt = () => {
      fn().then(
        () => onDone?.(),
        (err: unknown) => {
          if (++tries >= 60) return log.warn({ err, what }, 'chat turn could not be marked; its lease will expire');
          setTimeout(attempt, 1_000).unref();
        },
      );
    };
    attempt();
  }

  async function run(msg: InboundMessage, claim: Extract<TurnClaim, { kind: 'claimed' }>): Promise<ChatResult> {
    if (claim.previous?.outcome === 'unknown') {
      const actorId = msg.actor.kind === 'user' ? msg.actor.userId : msg.actor.contactId;
      const evidence = await turns.evidence(msg.actor.tenantId, actorId, claim.messageId, claim.previous);
      const reply = recordedReply(evidence, langOf(msg));
      if (reply) {
        log.info({ messageId: claim.messageId, entities: evidence.map((e) => e.entityType) }, 'retried turn had already been recorded; not run again');
        const result = { replies: [reply] };
        await turns.complete(claim.id, claim.attempt, result.replies);
        return result;
      }
    }
    try {
      const result = await inner.handle({ ...msg, messageId: claim.messageId });
      abandoned.delete(claim.id);
      // The turn is done whether or not this is stored: the user hears its answer either way. It is
      // stored before answering when it can be, so a copy sent right after the answer finds it
      // done (not still running, which would make it look like an interrupted turn); when the
      // database is away, storing is retried in the background.
      const replies = JSON.parse(JSON.stringify(result.replies)) as object;
      await turns.complete(claim.id, claim.attempt, replies).catch(() => settle('complete', () => turns.complete(claim.id, claim.attempt, replies)));
      return result;
    } catch (err) {
      const outcome = outcomeOf(err);
      const at = new Date();
      const mark = { outcome, at };
      abandoned.set(claim.id, mark);
      // Once marked, forget it — unless a later attempt of the same turn has failed since.
      settle('fail', () => turns.fail(claim.id, claim.attempt, outcome, at), () => abandoned.get(claim.id) === mark && abandoned.delete(claim.id));
      throw err;
    }
  }

  async function handle(msg: InboundMessage, waited = 0): Promise<ChatResult> {
    if (!msg.messageId) return inner.handle(msg);
    const key: TurnKey = {
      tenantId: msg.actor.tenantId,
      channel: msg.channel,
      messageId: msg.messageId,
      actorKey: msg.actor.kind === 'user' ? `user:${msg.actor.userId}` : `contact:${msg.actor.contactId}`,
    };
    const claim = await turns.claim(key, (id) => abandoned.get(id));
    if (claim.kind === 'done') return { replies: claim.replies as Reply[] };
    if (claim.kind === 'claimed') {
      const p = run(msg, claim);
      running.set(claim.id, p);
      try {
        return await p;
      } finally {
        running.delete(claim.id);
      }
    }
    // Another copy of this message is running: wait for it, then answer as it did.
    const started = Date.now();
    const here = running.get(claim.id);
    if (here) {
      try {
        return await here;
      } catch {
        // It failed: this copy tries again below (a fresh claim takes the turn over).
      }
    } else {
      while (Date.now() - started < waitMs - waited && (await turns.status({ ...key, messageId: claim.messageId })) === 'running') await sleep(pollMs);
    }
    const spent = waited + (Date.now() - started);
    if (spent < waitMs) return handle(msg, spent + pollMs);
    return { replies: [{ kind: 'info', text: L(langOf(msg), "I'm still working on this message; check again in a moment.", '这条消息还在处理中，请稍后再看。') }] };
  }

  return { handle: (msg) => handle(msg) };
}
