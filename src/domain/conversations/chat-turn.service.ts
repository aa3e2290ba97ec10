// The ledger of chat turns by message id (ChatTurn). A turn is claimed before it runs — one INSERT,
// so of two deliveries of the same message exactly one runs — and holds its replies after, which a
// retry gets back instead of acting again. An id belongs to the first actor that used it in its
// tenant and channel: another actor's message with the same id is keyed apart (`<id>#<actor>`), so
// it is neither dropped nor answered with someone else's replies.
//
// A turn that failed (or whose process died: its lease ran out) may be taken over by a retry. When
// the failure left a write's outcome unknown, `evidence` tells whether that write committed: every
// write records an audit row in its own transaction, by this actor, under this message id (or,
// for writes that do not carry the id, at that moment).
import type { PrismaClient } from '../shared/db.ts';
import { systemClock, type Clock } from '../shared/clock.ts';

export interface TurnKey {
  tenantId: string;
  channel: string;
  messageId: string;
  /** `user:<id>` or `contact:<id>`. */
  actorKey: string;
}

export type FailedOutcome = 'none' | 'unknown';

export type TurnClaim =
  /**
   * This caller runs the turn, under `messageId` (the id, or the id keyed to its actor), as its
   * `attempt`-th attempt: `complete` and `fail` take it, so a late mark from an earlier attempt
   * (still being retried while the database was away) never lands on a later one.
   */
  | { kind: 'claimed'; id: string; messageId: string; attempt: number; previous?: { outcome: FailedOutcome; from: Date; to: Date } }
  | { kind: 'done'; replies: unknown }
  | { kind: 'running'; id: string; messageId: string };

export interface TurnEvidence {
  entityType: string;
  action: string;
  after: unknown;
}

export interface ChatTurnOptions {
  /** A running turn not finished by then may be taken over. @defaultValue 60 s */
  leaseMs?: number;
  /** How long finished turns are kept. @defaultValue 7 days */
  keepMs?: number;
}

type Row = { id: string; actorKey: string; status: string; outcome: string | null; replies: unknown; attempts: number; leaseUntil: Date; startedAt: Date };

export class ChatTurnService {
  private readonly leaseMs: number;
  private readonly keepMs: number;

  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock = systemClock,
    opts: ChatTurnOptions = {},
  ) {
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.keepMs = opts.keepMs ?? 7 * 86_400_000;
  }

  /**
   * Claims the turn of `key`, or says it is done (with its replies) or running elsewhere.
   * `abandoned` names turns this process knows ended in failure but could not mark so.
   */
  async claim(key: TurnKey, abandoned?: (id: string) => { outcome: FailedOutcome; at: Date } | undefined): Promise<TurnClaim> {
    let messageId = key.messageId;
    for (let attempt = 0; attempt < 4; attempt++) {
      const now = this.clock.now();
      const where = { tenantId_channel_messageId: { tenantId: key.tenantId, channel: key.channel, messageId } };
      const created = await this.db.chatTurn.createManyAndReturn({
        data: [{ tenantId: key.tenantId, channel: key.channel, messageId, actorKey: key.actorKey, status: 'running', leaseUntil: new Date(now.getTime() + this.leaseMs), startedAt: now }],
        skipDuplicates: true,
        select: { id: true, attempts: true },
      });
      if (created[0]) return { kind: 'claimed', id: created[0].id, messageId, attempt: created[0].attempts };
      const row: Row | null = await this.db.chatTurn.findUnique({ where });
      if (!row) continue; // swept meanwhile
      if (row.actorKey !== key.actorKey) {
        // Someone else's id: this actor's message is keyed apart.
        messageId = `${key.messageId}#${key.actorKey}`;
        continue;
      }
      if (row.status === 'done') return { kind: 'done', replies: row.replies };
      const known = abandoned?.(row.id);
      const expired = row.status === 'running' && row.leaseUntil.getTime() <= now.getTime();
      if (row.status !== 'failed' && !expired && !known) return { kind: 'running', id: row.id, messageId };
      // Take it over: of several retries at once, one does.
      const taken = await this.db.chatTurn.updateMany({
        where: { id: row.id, attempts: row.attempts, status: row.status },
        data: { status: 'running', outcome: null, attempts: { increment: 1 }, startedAt: now, leaseUntil: new Date(now.getTime() + this.leaseMs) },
      });
      if (taken.count !== 1) return { kind: 'running', id: row.id, messageId };
      const outcome: FailedOutcome = known?.outcome ?? (row.status === 'failed' && row.outcome === 'none' ? 'none' : 'unknown');
      // A failed turn's lease was set to the moment it failed: its writes, if any, are in between.
      const to = known?.at ?? (row.status === 'failed' ? row.leaseUntil : now);
      return { kind: 'claimed', id: row.id, messageId, attempt: row.attempts + 1, previous: { outcome, from: row.startedAt, to } };
    }
    throw new Error(`could not claim chat turn ${key.messageId}`);
  }

  /** The state of a turn another caller runs (for a duplicate waiting on it). */
  async status(key: TurnKey & { messageId: string }): Promise<'running' | 'done' | 'failed' | 'gone'> {
    const row = await this.db.chatTurn.findUnique({
      where: { tenantId_channel_messageId: { tenantId: key.tenantId, channel: key.channel, messageId: key.messageId } },
      select: { status: true, leaseUntil: true },
    });
    if (!row) return 'gone';
    if (row.status === 'running' && row.leaseUntil.getTime() <= this.clock.now().getTime()) return 'failed';
    return row.status === 'done' ? 'done' : row.status === 'failed' ? 'failed' : 'running';
  }

  /** Marks the `attempt` that claimed the turn done, with its replies (nothing if it was taken over). */
  async complete(id: string, attempt: number, replies: object): Promise<void> {
    await this.db.chatTurn.updateMany({ where: { id, attempts: attempt, status: 'running' }, data: { status: 'done', replies, outcome: null } });
  }

  /** Marks the `attempt` that claimed the turn failed (nothing if a later attempt has taken it over). */
  async fail(id: string, attempt: number, outcome: FailedOutcome, at: Date = this.clock.now()): Promise<void> {
    await this.db.chatTurn.updateMany({ where: { id, attempts: attempt, status: 'running' }, data: { status: 'failed', outcome, leaseUntil: at } });
  }

  /** What an earlier attempt of this turn wrote, by its audit rows (see the header). */
  async evidence(tenantId: string, actorId: string | null, messageId: string, window: { from: Date; to: Date }): Promise<TurnEvidence[]> {
    const slack = 2_000; // the app's clock and the database's may differ a little
    const rows = await this.db.auditLog.findMany({
      where: {
        tenantId,
        actorId,
        OR: [
          { sourceMessageId: messageId },
          { sourceMessageId: { startsWith: `${messageId}:` } },
          { sourceMessageId: null, createdAt: { gte: new Date(window.from.getTime() - slack), lte: new Date(window.to.getTime() + slack) } },
        ],
      },
      select: { entityType: true, action: true, after: true },
      orderBy: { createdAt: 'asc' },
      take: 20,
    });
    return rows;
  }

  /** Drops turns older than the retention (housekeeping). */
  async sweep(): Promise<number> {
    const { count } = await this.db.chatTurn.deleteMany({ where: { createdAt: { lt: new Date(this.clock.now().getTime() - this.keepMs) } } });
    return count;
  }
}
