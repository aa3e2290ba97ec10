// Inbound idempotency: an event (a Slack event id, a Teams activity, a sign-in link's nonce) is
// acted on once. The first claim inserts ProcessedEvent(source, eventId); a second finds it there.
// Claims are kept a week (`sweep`), longer than any platform retries.
import type { PrismaClient } from '../shared/db.ts';
import { isUniqueViolation } from '../shared/prisma-errors.ts';

export type ClaimSource = 'slack' | 'teams' | 'dashboard-signin';

export class EventClaimService {
  constructor(private readonly db: PrismaClient) {}

  /** 'claimed' for the first caller, 'duplicate' for any later one. Database errors propagate. */
  async claim(source: ClaimSource, eventId: string, tenantId?: string): Promise<'claimed' | 'duplicate'> {
    try {
      await this.db.processedEvent.create({ data: { source, eventId, ...(tenantId ? { tenantId } : {}) } });
      return 'claimed';
    } catch (err) {
      if (isUniqueViolation(err)) return 'duplicate';
      throw err;
    }
  }

  /** Gives an event back (its work failed for a transient reason) so that a redelivery is processed. */
  async release(source: ClaimSource, eventId: string): Promise<void> {
    await this.db.processedEvent.deleteMany({ where: { source, eventId } });
  }

  /** Forgets claims older than `before`, except those of `keep` sources (kept for good). */
  async sweep(before: Date, keep: string[] = []): Promise<number> {
    const { count } = await this.db.processedEvent.deleteMany({ where: { processedAt: { lt: before }, ...(keep.length ? { source: { notIn: keep } } : {}) } });
    return count;
  }
}
