// Turns a chat identity (web demo id, Slack user, Teams aadObjectId) into an Actor.
import type { Actor } from '../shared/actor.ts';
import type { ChannelName } from '../shared/ports.ts';
import type { PrismaClient } from '../shared/db.ts';
import type { Locale } from '../shared/errors.ts';

const toLocale = (l: string | null | undefined): Locale => (l?.toLowerCase().startsWith('zh') ? 'zh' : 'en');

export class ActorDirectory {
  constructor(private readonly db: PrismaClient) {}

  async byIdentity(tenantId: string, channel: ChannelName, externalId: string): Promise<Actor | null> {
    const identity = await this.db.chatIdentity.findUnique({
      where: { tenantId_channel_externalId: { tenantId, channel, externalId } },
    });
    if (!identity) return null;
    if (identity.userId) return this.user(tenantId, identity.userId);
    if (identity.contactId) return this.contact(tenantId, identity.contactId);
    return null;
  }

  async user(tenantId: string, userId: string): Promise<Actor | null> {
    const u = await this.db.user.findFirst({ where: { id: userId, tenantId, active: true } });
    if (!u) return null;
    return { kind: 'user', tenantId, userId: u.id, role: u.role, name: u.name, timezone: u.timezone, locale: toLocale(u.locale) };
  }

  async contact(tenantId: string, contactId: string): Promise<Actor | null> {
    const c = await this.db.contact.findFirst({ where: { id: contactId, tenantId, erasedAt: null } });
    if (!c) return null;
    const tenant = await this.db.tenant.findUnique({ where: { id: tenantId } });
    return {
      kind: 'contact',
      tenantId,
      contactId: c.id,
      name: c.name,
      timezone: c.timezone ?? tenant?.defaultTimezone ?? 'UTC',
      locale: toLocale(c.locale ?? tenant?.defaultLocale),
    };
  }

  /** The platform ids of a channel's identities in a tenant, in order (the web chat's demo users). */
  async externalIds(tenantId: string, channel: ChannelName): Promise<string[]> {
    const rows = await this.db.chatIdentity.findMany({ where: { tenantId, channel }, orderBy: { externalId: 'asc' }, select: { externalId: true } });
    return rows.map((r) => r.externalId);
  }

  /** Whether the tenant is the local one (demo sign-in by picking a user), not a Slack or Teams one. */
  async isLocalTenant(tenantId: string): Promise<boolean> {
    const tenant = await this.db.tenant.findUnique({ where: { id: tenantId }, select: { kind: true } });
    return tenant?.kind === 'local';
  }

  /** Active managers and admins of a tenant, admins first, by name (the local dashboard sign-in). */
  async managers(tenantId: string): Promise<{ id: string; name: string; role: string }[]> {
    return this.db.user.findMany({
      where: { tenantId, active: true, role: { in: ['manager', 'admin'] } },
      select: { id: true, name: true, role: true },
      orderBy: [{ role: 'desc' }, { name: 'asc' }],
    });
  }

  /** Links a platform identity to a user or contact (first contact from Slack or Teams). */
  async link(
    tenantId: string,
    channel: ChannelName,
    externalId: string,
    target: { userId: string } | { contactId: string },
  ): Promise<void> {
    await this.db.chatIdentity.upsert({
      where: { tenantId_channel_externalId: { tenantId, channel, externalId } },
      create: { tenantId, channel, externalId, ...target },
      update: target,
    });
  }
}
