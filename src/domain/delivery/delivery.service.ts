// Sends a message to a person exactly once per dedupe key. The Delivery row is written FIRST
// (status pending, unique per tenant + dedupeKey), then the channel is called under a
// transaction-scoped advisory lock on the key, then the row is marked sent.
//
// Guarantees:
// - web: the row IS the message (the web inbox reads channel='web' rows) and WebInboxDelivery
//   only reports where it landed, so a web send is exactly-once no matter how often a job runs.
// - slack/teams: two workers never send the same key at the same time (the advisory lock; the
//   loser gets DeliveryInProgressError and retries, then sees `sent`). The port gets the dedupe
//   key (`deliveryKey`) and `maybeSentBefore` = the row already existed when this attempt began
//   (the first attempt of a fresh row says false, so it costs no extra channel call).
// - slack: effectively exactly-once. Every proactive message carries the key in its message
//   metadata (event_type `rapport_delivery`). If a process dies after Slack accepted the message
//   and before the `sent` update commits, the retried attempt (maybeSentBefore) first reads the
//   target conversation (conversations.history, or conversations.replies for a threaded send,
//   with include_all_metadata, from shortly before the row's createdAt, a bounded number of
//   pages) and, when a message with that key is there, marks the row sent with its ts instead of
//   posting. It still posts again when the message is not found within those pages (a very busy
//   conversation, or a row pending for long), when the bot may not read that conversation's
//   history (non-DM channels: no channels:history/groups:history scope; logged), or when the
//   first message was deleted in Slack meanwhile.
// - teams: at-least-once with that narrow window: bots have no history API to look in, so the
//   retried job sends it again; TeamsDelivery ignores the hint.
import type { SqlQueryable } from '@prisma/driver-adapter-utils';
import { Prisma, type PrismaClient } from '../shared/db.ts';
import type { Clock } from '../shared/clock.ts';
import { systemClock } from '../shared/clock.ts';
import type { ChannelName, DeliveryPort, DeliveryResult, OutboundMessage, Recipient } from '../shared/ports.ts';
import { DeliveryInProgressError } from './delivery.errors.ts';
import { cte, ident, SqlTick, type TickPart } from './sql-tick.ts';

/** A DeliveryPort that can also say which channel it would use (CompositeDelivery). */
export interface ChannelRoutingPort extends DeliveryPort {
  channelFor?(recipient: Recipient): Promise<ChannelName>;
  /** Send on a given channel (the one recorded on the Delivery row). */
  deliverVia?(channel: ChannelName, recipient: Recipient, message: OutboundMessage): Promise<DeliveryResult>;
  /** True when the Delivery row itself is the message on this channel (the web inbox): the
   * port call has no side effect, so the row is written as `sent` in one statement. */
  isInboxChannel?(channel: ChannelName): boolean;
}

export interface DeliveryRecord {
  id: string;
  channel: ChannelName;
  status: 'pending' | 'sent' | 'failed';
  threadRef: string | null;
  externalRef: string | null;
  sentAt: Date | null;
}

export interface DeliverOnceResult {
  alreadySent: boolean;
  delivery: DeliveryRecord;
  /** True when `alsoOnInbox` ran in the same statement as the inbox write. */
  followUpDone?: boolean;
}

export interface DeliverOnceOptions {
  /** The recipient user's chat-identity channels, when the caller already loaded them: a user
   * with no identity other than web goes to the web inbox without another query (the same
   * answer CompositeDelivery.channelFor gives when the web port is configured). */
  knownChannels?: readonly string[];
  /** A follow-up write run in the same SQL statement as the web inbox write. */
  alsoOnInbox?: InboxFollowUp;
}

/**
 * A write that rides along with a web inbox write, in the same SQL statement (a data-modifying
 * CTE), so the message and its consequence need one round trip. The inbox writes of concurrent
 * jobs share one statement; their follow-ups with the same `apply` run as ONE statement over all
 * of them.
 */
export interface InboxFollowUp {
  /** Builds that statement from a relation (a parenthesised SELECT with an alias, given) with
   * the columns `ref` text, `at` timestamp (this follow-up's values) and `"sentAt"` timestamp
   * (the delivery's: the existing row's on a repeat, else this write's time). Keep it a
   * module-level constant: follow-ups are grouped by its identity. */
  apply: (rows: Prisma.Sql) => Prisma.Sql;
  ref: string;
  at: Date | null;
}

interface InboxWrite {
  tenantId: string;
  dedupeKey: string;
  channel: ChannelName;
  recipientKind: string;
  recipientId: string;
  kind: string;
  text: string;
  /** JSON text of the payload. */
  payload: string;
  externalRef: string | null;
  at: Date;
  followUp: InboxFollowUp | undefined;
  done(id: string | undefined, err?: unknown): void;
}

/** The hot-path statements (web inbox writes and the reads riding along, see SqlTick). */
export interface DeliveryServiceOptions {
  /** Statements running at once. @defaultValue 4 */
  maxInFlight?: number;
  /** Send them through this driver-adapter connection rather than Prisma Client (SqlTickOptions.raw). */
  raw?: SqlQueryable;
}

export class DeliveryService {
  /** The statement the web inbox writes of concurrent jobs share; services whose jobs also read
   * on the hot path (ReminderService) put their reads in it too. */
  readonly tick: SqlTick;

  constructor(
    private readonly db: PrismaClient,
    private readonly port: ChannelRoutingPort,
    private readonly clock: Clock = systemClock,
    opts: DeliveryServiceOptions = {},
  ) {
    this.tick = new SqlTick(db, { maxInFlight: opts.maxInFlight ?? 4, maxBatch: 500, ...(opts.raw ? { raw: opts.raw } : {}) });
  }

  channelFor(recipient: Recipient): Promise<ChannelName> {
    return this.port.channelFor ? this.port.channelFor(recipient) : Promise.resolve('web');
  }

  async deliverOnce(
    tenantId: string,
    dedupeKey: string,
    recipient: Recipient,
    message: OutboundMessage,
    opts: DeliverOnceOptions = {},
  ): Promise<DeliverOnceResult> {
    const webOnly =
      recipient.kind === 'user' && opts.knownChannels?.every((c) => c === 'web') && this.port.isInboxChannel?.('web');
    const channel: ChannelName = webOnly ? 'web' : await this.channelFor(recipient);
    const payload = { actions: message.actions ?? [], locale: message.locale, threadRef: message.threadRef ?? null };
    if (this.port.isInboxChannel?.(channel)) {
      // Web inbox: the row is the message. One INSERT … ON CONFLICT DO NOTHING decides, so a
      // job run twice (or by two workers) leaves one message.
      const result = this.port.deliverVia ? await this.port.deliverVia(channel, recipient, message) : await this.port.deliver(recipient, message);
      const full = { ...payload, threadRef: result.threadRef ?? payload.threadRef };
      const now = this.clock.now();
      const externalRef = result.externalRef ?? result.threadRef ?? null;
      const followUp = opts.alsoOnInbox;
      const insertedId = await new Promise<string | undefined>((resolve, reject) =>
        this.tick.push(this.inboxPart, {
          tenantId,
          dedupeKey,
          channel,
          recipientKind: recipient.kind,
          recipientId: recipient.id,
          kind: message.kind,
          text: message.text,
          payload: JSON.stringify(full),
          externalRef,
          at: now,
          followUp,
          done: (id, err) => (err ? reject(err) : resolve(id)),
        }),
      );
      if (insertedId) {
        return {
          alreadySent: false,
          followUpDone: Boolean(followUp),
          delivery: { id: insertedId, channel, status: 'sent', threadRef: full.threadRef, externalRef, sentAt: now },
        };
      }
      const existing = await this.find(tenantId, dedupeKey);
      if (existing?.status === 'sent') return { alreadySent: true, followUpDone: Boolean(followUp), delivery: existing };
      // A pending row from an external-channel attempt: fall through to the locked path.
    }
    const existing = await this.find(tenantId, dedupeKey);
    if (existing?.status === 'sent') return { alreadySent: true, delivery: existing };
    // 1 when this attempt created the row, 0 when it existed (an earlier attempt may have sent).
    const inserted = await this.db.$executeRaw`
      INSERT INTO "Delivery" (id, "tenantId", "dedupeKey", channel, "recipientKind", "recipientId", kind, text, payload, status, "createdAt")
      VALUES (gen_random_uuid()::text, ${tenantId}, ${dedupeKey}, ${channel}::"Channel", ${recipient.kind}, ${recipient.id},
              ${message.kind}, ${message.text}, ${JSON.stringify(payload)}::jsonb, 'pending', ${this.clock.now()})
      ON CONFLICT ("tenantId", "dedupeKey") DO NOTHING`;
    try {
      return await this.db.$transaction(
        async (tx) => {
          const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
            SELECT pg_try_advisory_xact_lock(hashtextextended(${`delivery:${tenantId}:${dedupeKey}`}, 0)) AS locked`;
          if (!lock?.locked) throw new DeliveryInProgressError(dedupeKey);
          const row = await tx.delivery.findUnique({ where: { tenantId_dedupeKey: { tenantId, dedupeKey } } });
          if (!row) throw new Error(`delivery row ${dedupeKey} vanished`);
          if (row.status === 'sent') return { alreadySent: true, delivery: toRecord(row) };
          // The channel-neutral hint: the key to label the message with and whether to look for
          // one an earlier attempt may have posted (see OutboundMessage.maybeSentBefore).
          const hinted: OutboundMessage = {
            ...message,
            deliveryKey: dedupeKey,
            maybeSentBefore: inserted === 0,
            ...(inserted === 0 ? { pendingSince: row.createdAt } : {}),
          };
          const result = this.port.deliverVia
            ? await this.port.deliverVia(row.channel, recipient, hinted)
            : await this.port.deliver(recipient, hinted);
          const updated = await tx.delivery.update({
            where: { id: row.id },
            data: {
              status: 'sent',
              sentAt: this.clock.now(),
              error: null,
              // The web inbox shows externalRef as the thread id.
              externalRef: result.externalRef ?? result.threadRef ?? null,
              payload: JSON.parse(JSON.stringify({ ...payload, threadRef: result.threadRef ?? payload.threadRef })) as object,
            },
          });
          return { alreadySent: false, delivery: toRecord(updated) };
        },
        { timeout: 60_000, maxWait: 15_000 },
      );
    } catch (err) {
      if (!(err instanceof DeliveryInProgressError)) {
        const message = err instanceof Error ? err.message : String(err);
        await this.db.delivery
          .updateMany({ where: { tenantId, dedupeKey, status: { not: 'sent' } }, data: { error: message.slice(0, 500) } })
          .catch(() => undefined);
      }
      throw err;
    }
  }

  // Web inbox writes of concurrent jobs share one INSERT … SELECT FROM unnest(…) (a fixed number
  // of array parameters whatever the batch size) in the tick's statement, their follow-ups riding
  // along as one data-modifying CTE per kind. If it fails, each write is retried alone so one bad
  // row cannot fail the others.
  private readonly inboxPart: TickPart<InboxWrite> = {
    name: 'inbox',
    // Two writes of one key in one statement: the second would be skipped without telling which
    // won. Later duplicates wait for the next statement (and find the first one's row).
    select: (items) => {
      const seen = new Set<string>();
      const now: InboxWrite[] = [];
      const later: InboxWrite[] = [];
      for (const it of items) {
        const key = `${it.tenantId}\u0000${it.dedupeKey}`;
        if (seen.has(key)) later.push(it);
        else {
          seen.add(key);
          now.push(it);
        }
      }
      return { now, later };
    },
    build: (items, name) => inboxCtes(items, name),
    answer: (items, rows) => {
      const ids = new Map(rows.map((r) => [`${String(r.tenantId)}\u0000${String(r.dedupeKey)}`, String(r.id)]));
      for (const it of items) it.done(ids.get(`${it.tenantId}\u0000${it.dedupeKey}`));
    },
    fail: async (items, err) => {
      if (items.length === 1) return items[0]!.done(undefined, err);
      for (const it of items) {
        let rows: Record<string, unknown>[];
        try {
          [rows] = (await this.tick.statement([{ part: this.inboxPart as TickPart<unknown>, items: [it] }])) as [Record<string, unknown>[]];
        } catch (e) {
          it.done(undefined, e);
          continue;
        }
        this.inboxPart.answer([it], rows);
      }
    },
  };

  /** Marks a pending delivery failed for good (the job gave up). */
  async markFailed(tenantId: string, dedupeKey: string, error: string): Promise<void> {
    await this.db.delivery.updateMany({
      where: { tenantId, dedupeKey, status: 'pending' },
      data: { status: 'failed', error: error.slice(0, 500) },
    });
  }

  async find(tenantId: string, dedupeKey: string): Promise<DeliveryRecord | null> {
    const row = await this.db.delivery.findUnique({ where: { tenantId_dedupeKey: { tenantId, dedupeKey } } });
    return row ? toRecord(row) : null;
  }

  /** What a person's web inbox shows: the messages delivered to them there, newest first. */
  async inbox(recipient: Recipient, take = 100): Promise<InboxItem[]> {
    const rows = await this.db.delivery.findMany({
      where: { tenantId: recipient.tenantId, channel: 'web', recipientKind: recipient.kind, recipientId: recipient.id },
      orderBy: { createdAt: 'desc' },
      take,
      select: { id: true, kind: true, text: true, payload: true, externalRef: true, createdAt: true },
    });
    return rows.map((d) => ({
      id: d.id,
      kind: d.kind,
      text: d.text,
      actions: (d.payload as { actions?: unknown } | null)?.actions ?? [],
      threadId: d.externalRef,
      createdAt: d.createdAt,
    }));
  }
}

export interface InboxItem {
  id: string;
  kind: string;
  text: string;
  actions: unknown;
  /** The thread the message is in (the web chat's thread id). */
  threadId: string | null;
  createdAt: Date;
}

/** The CTEs of a batch of web inbox writes: the rows (unnest of one array per column), the INSERT
 * (its RETURNING rows answer the writes) and one UPDATE per kind of follow-up. */
function inboxCtes(items: InboxWrite[], name: (local: string) => string): { ctes: Prisma.Sql[]; result: string } {
  const col = <K extends keyof InboxWrite>(k: K) => items.map((it) => it[k]);
  const groups: InboxFollowUp['apply'][] = [];
  const group = items.map((it) => {
    if (!it.followUp) return null;
    let g = groups.indexOf(it.followUp.apply);
    if (g < 0) g = groups.push(it.followUp.apply) - 1;
    return g;
  });
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  const v = ident(name('v'));
  const rows = cte(
    name('v'),
    Prisma.sql`SELECT * FROM unnest(
        ${col('tenantId')}::text[], ${col('dedupeKey')}::text[], ${col('channel')}::text[], ${col('recipientKind')}::text[],
        ${col('recipientId')}::text[], ${col('kind')}::text[], ${col('text')}::text[], ${col('payload')}::text[],
        ${col('externalRef')}::text[], ${items.map((it) => iso(it.at))}::text[]::timestamp(3)[],
        ${group}::int[], ${items.map((it) => it.followUp?.ref ?? null)}::text[], ${items.map((it) => iso(it.followUp?.at))}::text[]::timestamp(3)[])
      AS v(tenant, key, channel, rkind, rid, kind, text, payload, ext, at, fg, fref, fat)`,
  );
  const insert = cte(
    name('ins'),
    Prisma.sql`INSERT INTO "Delivery" (id, "tenantId", "dedupeKey", channel, "recipientKind", "recipientId", kind, text, payload, status, "externalRef", "createdAt", "sentAt")
      SELECT gen_random_uuid()::text, v.tenant, v.key, v.channel::"Channel", v.rkind, v.rid, v.kind, v.text, v.payload::jsonb, 'sent', v.ext, v.at, v.at FROM ${v} v
      ON CONFLICT ("tenantId", "dedupeKey") DO NOTHING
      RETURNING id, "tenantId", "dedupeKey"`,
  );
  // The statement's CTEs share its snapshot: d is the row that existed before (a repeat).
  const follows = groups.map((apply, g) =>
    cte(
      name(`f${g}`),
      apply(Prisma.sql`(
        SELECT v.fref AS ref, v.fat AS at, COALESCE(d."sentAt", v.at) AS "sentAt"
        FROM ${v} v LEFT JOIN "Delivery" d ON d."tenantId" = v.tenant AND d."dedupeKey" = v.key
        WHERE v.fg = ${g}) AS fu`),
    ),
  );
  return { ctes: [rows, insert, ...follows], result: name('ins') };
}

function toRecord(row: {
  id: string;
  channel: ChannelName;
  status: 'pending' | 'sent' | 'failed';
  payload: unknown;
  externalRef: string | null;
  sentAt: Date | null;
}): DeliveryRecord {
  const p = (row.payload ?? {}) as { threadRef?: string | null };
  return {
    id: row.id,
    channel: row.channel,
    status: row.status,
    threadRef: p.threadRef ?? null,
    externalRef: row.externalRef,
    sentAt: row.sentAt,
  };
}
