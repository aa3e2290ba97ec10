// A new workspace (a Slack workspace or Teams organisation whose CRM is still empty) greets the
// first staff member who talks to Rapport with how to fill it. This service only decides *whether*
// to welcome, once per tenant across every server process (a ProcessedEvent claim keyed by the
// tenant); the words live in the conversation layer (src/intents/welcome.ts).
import type { Actor } from '../shared/actor.ts';
import type { PrismaClient } from '../shared/db.ts';

const SOURCE = 'welcome';

export class OnboardingService {
  /** Tenants that need no welcome any more (already welcomed, or not new): no query next time. */
  private readonly settled = new Set<string>();

  constructor(private readonly db: PrismaClient) {}

  /**
   * True exactly once per Slack or Teams tenant: for the first staff member to talk while the
   * tenant has no accounts yet. Customers (guests) never take the welcome, and the local demo
   * tenant never has one. After the first answer per tenant, costs nothing in this process.
   */
  async claimWelcome(actor: Actor): Promise<boolean> {
    if (actor.kind !== 'user' || this.settled.has(actor.tenantId)) return false;
    const tenantId = actor.tenantId;
    const [tenant, claimed, account] = await Promise.all([
      this.db.tenant.findUnique({ where: { id: tenantId }, select: { kind: true } }),
      this.db.processedEvent.findUnique({ where: { source_eventId: { source: SOURCE, eventId: tenantId } }, select: { eventId: true } }),
      this.db.account.findFirst({ where: { tenantId }, select: { id: true } }),
    ]);
    if (!tenant || tenant.kind === 'local' || claimed || account) {
      this.settled.add(tenantId);
      return false;
    }
    const r = await this.db.processedEvent.createMany({ data: [{ source: SOURCE, eventId: tenantId, tenantId }], skipDuplicates: true });
    this.settled.add(tenantId);
    return r.count === 1;
  }
}

/** ProcessedEvent source of welcome claims (kept when old event ids are swept). */
export const WELCOME_CLAIM_SOURCE = SOURCE;
