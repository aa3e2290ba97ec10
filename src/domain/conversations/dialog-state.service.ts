// Multi-turn dialog state per actor and thread, kept in the database with an expiry so it
// survives a restart and is shared by every server process.
import type { PrismaClient } from '../shared/db.ts';
import type { Clock } from '../shared/clock.ts';
import { systemClock } from '../shared/clock.ts';

export const DIALOG_TTL_MS = 15 * 60_000;

export class DialogStateService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock = systemClock,
  ) {}

  async get<T>(tenantId: string, actorKey: string, threadKey: string): Promise<T | null> {
    const row = await this.db.conversationState.findUnique({
      where: { tenantId_actorKey_threadKey: { tenantId, actorKey, threadKey } },
    });
    if (!row || row.expiresAt <= this.clock.now()) return null;
    return row.state as T;
  }

  async set(tenantId: string, actorKey: string, threadKey: string, state: object, ttlMs = DIALOG_TTL_MS): Promise<void> {
    const expiresAt = new Date(this.clock.now().getTime() + ttlMs);
    await this.db.conversationState.upsert({
      where: { tenantId_actorKey_threadKey: { tenantId, actorKey, threadKey } },
      create: { tenantId, actorKey, threadKey, state, expiresAt },
      update: { state, expiresAt },
    });
  }

  /** Reads and removes a state at once: of two concurrent takes, one gets it and the other null. */
  async take<T>(tenantId: string, actorKey: string, threadKey: string): Promise<T | null> {
    const [row] = await this.db.$queryRaw<{ state: unknown; expiresAt: Date }[]>`
      DELETE FROM "ConversationState" WHERE "tenantId" = ${tenantId} AND "actorKey" = ${actorKey} AND "threadKey" = ${threadKey}
      RETURNING state, "expiresAt"`;
    if (!row || new Date(row.expiresAt).getTime() <= this.clock.now().getTime()) return null;
    return row.state as T;
  }

  async clear(tenantId: string, actorKey: string, threadKey: string): Promise<void> {
    await this.db.conversationState.deleteMany({ where: { tenantId, actorKey, threadKey } });
  }

  /** Removes expired rows; returns how many. */
  async sweep(): Promise<number> {
    const { count } = await this.db.conversationState.deleteMany({ where: { expiresAt: { lte: this.clock.now() } } });
    return count;
  }
}
