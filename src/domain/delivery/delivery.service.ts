// Sends a message to a person exactly once per dedupe key. The Delivery row is written FIRST
// (status pending, unique per tenant + dedupeKey), then the channel is called under a
// transaction-scoped advisory lock on the key, then the row is marked sent.
//
// Guarantees:
// - web: the row IS the message (the web inbox reads channel='web' rows) and WebInboxDelivery
//   only reports where it landed, so a web send is exactly-once no matter how often a job runs.
// - slack/teams: at-least-once with a narrow window. Two workers never send the same key at the
//   same time (the advisory lock; the loser gets DeliveryInProgressError and retries, then sees
//   `sent`). But if a process dies after Slack/Teams accepted the message and before the
//   `sent` update commits, the retried job sends it again. Closing that window needs an
//   idempotency key on the channel side, which Slack's chat.postMessage and Teams don't offer.
import { Prisma, type PrismaClient } from '../shared/db.ts';
import type { Clock } from '../shared/clock.ts';
import { systemClock } from '../shared/clock.ts';
import type { ChannelName, DeliveryPort, DeliveryResult, OutboundMessage, Recipient } from '../shared/ports.ts';
import { DeliveryInProgressError } from './delivery.errors.ts';

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
  /** A statement to run in the same SQL statement as the web inbox write (a data-modifying CTE),
   * given the SQL expression of the delivery's sentAt (the existing row's on a repeat, else now). */
  alsoOnInbox?: (sentAt: Prisma.Sql) => Prisma.Sql;
}

interface InboxWrite {
  tenantId: string;
  dedupeKey: string;
  /** The VALUES tuple of the Delivery row. */
  row: Prisma.Sql;
  followUp: Prisma.Sql | undefined;
  done(id: string | undefined, err?: unknown): void;
}

export class DeliveryService {
  constructor(
    private readonly db: PrismaClient,
    private readonly port: ChannelRoutingPort,
    private readonly clock: Clock = systemClock,
  ) {}

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
      // With a follow-up: the same statement (the CTE's snapshot does not see the row it inserts,
      // so sentAt is the existing row's on a repeat, else now).
      const followUp = opts.alsoOnInbox?.(
        Prisma.sql`COALESCE((SELECT d."sentAt" FROM "Delivery" d WHERE d."tenantId" = ${tenantId} AND d."dedupeKey" = ${dedupeKey}), ${now})`,
      );
      const row = Prisma.sql`(gen_random_uuid()::text, ${tenantId}, ${dedupeKey}, ${channel}::"Channel", ${recipient.kind}, ${recipient.id},
                ${message.kind}, ${message.text}, ${JSON.stringify(full)}::jsonb, 'sent', ${result.externalRef ?? result.threadRef ?? null}, ${now}, ${now})`;
      const insertedId = await this.writeInbox({ tenantId, dedupeKey, row, followUp });
      if (insertedId) {
        return {
          alreadySent: false,
          followUpDone: Boolean(followUp),
          delivery: { id: insertedId, channel, status: 'sent', threadRef: full.threadRef, externalRef: result.externalRef ?? result.threadRef ?? null, sentAt: now },
        };
      }
      const existing = await this.find(tenantId, dedupeKey);
      if (existing?.status === 'sent') return { alreadySent: true, followUpDone: Boolean(followUp), delivery: existing };
      // A pending row from an external-channel attempt: fall through to the locked path.
    }
    const existing = await this.find(tenantId, dedupeKey);
    if (existing?.status === 'sent') return { alreadySent: true, delivery: existing };
    await this.db.$executeRaw`
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
          const result = this.port.deliverVia
            ? await this.port.deliverVia(row.channel, recipient, message)
            : await this.port.deliver(recipient, message);
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

  // Web inbox writes issued in the same tick (concurrent jobs on one worker) share one INSERT
  // statement, their follow-ups riding along as data-modifying CTEs. If that statement fails,
  // each write is retried alone so one bad row cannot fail the others.
  private inboxBatch: InboxWrite[] = [];

  private writeInbox(w: Omit<InboxWrite, 'done'>): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      this.inboxBatch.push({ ...w, done: (id, err) => (err ? reject(err) : resolve(id)) });
      if (this.inboxBatch.length === 1) setImmediate(() => void this.flushInbox());
    });
  }

  private async flushInbox(): Promise<void> {
    const batch = this.inboxBatch;
    this.inboxBatch = [];
    const run = async (items: InboxWrite[]) => {
      const follows = items.flatMap((it, i) => (it.followUp ? [Prisma.sql`f${Prisma.raw(String(i))} AS (${it.followUp})`] : []));
      const insert = Prisma.sql`INSERT INTO "Delivery" (id, "tenantId", "dedupeKey", channel, "recipientKind", "recipientId", kind, text, payload, status, "externalRef", "createdAt", "sentAt")
        VALUES ${Prisma.join(items.map((it) => it.row))}
        ON CONFLICT ("tenantId", "dedupeKey") DO NOTHING
        RETURNING id, "tenantId", "dedupeKey"`;
      const rows = follows.length
        ? await this.db.$queryRaw<{ id: string; tenantId: string; dedupeKey: string }[]>`WITH ins AS (${insert}), ${Prisma.join(follows)} SELECT * FROM ins`
        : await this.db.$queryRaw<{ id: string; tenantId: string; dedupeKey: string }[]>(insert);
      const ids = new Map(rows.map((r) => [`${r.tenantId}\u0000${r.dedupeKey}`, r.id]));
      for (const it of items) it.done(ids.get(`${it.tenantId}\u0000${it.dedupeKey}`));
    };
    // Two writes of one key in one statement would be an error (ON CONFLICT cannot touch a row twice).
    const keys = new Set(batch.map((b) => `${b.tenantId}\u0000${b.dedupeKey}`));
    if (batch.length === 1 || keys.size < batch.length) {
      for (const it of batch) await run([it]).catch((err: unknown) => it.done(undefined, err));
      return;
    }
    try {
      await run(batch);
    } catch {
      for (const it of batch) await run([it]).catch((err: unknown) => it.done(undefined, err));
    }
  }

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
