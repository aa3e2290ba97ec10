// Who is talking, in which tenant. A Slack workspace (team_id) is a Tenant of kind 'slack'; a Slack
// user is a ChatIdentity. On first contact users.info gives the email: a member of the installing
// workspace becomes (or is matched to) a staff User, a Slack Connect guest from another
// organisation is matched to a Contact by email and may only answer surveys (the engine enforces
// it). Nobody is created from a stranger: an external user without a matching contact is refused.
// Staff is decided only on positive evidence — a full member (not a guest: is_restricted /
// is_ultra_restricted) whose home is this workspace; guests are treated like external people, and
// someone Slack does not place in a workspace is refused without anything being stored.
import type { webApi } from '@slack/bolt';
import type { ActorDirectory } from '../../domain/identity/actor-directory.ts';
import type { Actor } from '../../domain/shared/actor.ts';
import type { PrismaClient } from '../../domain/shared/db.ts';
import type { Logger } from '../../infra/logger.ts';

export interface SlackUserRef {
  teamId: string;
  enterpriseId?: string | undefined;
  userId: string;
  /** Where they wrote (saved for proactive sends to contacts). */
  channel?: string | undefined;
  isDm?: boolean | undefined;
}

export type ActorLookup = { ok: true; actor: Actor } | { ok: false; reason: 'external_unknown' | 'inactive' | 'bot' | 'no_user' | 'undecided' };

interface SlackUserInfo {
  id?: string;
  team_id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_stranger?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  tz?: string;
  locale?: string;
  enterprise_user?: { enterprise_id?: string };
  profile?: { email?: string; real_name?: string; display_name?: string };
}

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === 'P2002' || /Unique constraint|23505/.test(e?.message ?? '');
};

function validTimeZone(tz: string | undefined): string | undefined {
  if (!tz) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
}

export class SlackDirectory {
  private readonly tenants = new Map<string, string>();

  constructor(
    private readonly db: PrismaClient,
    private readonly actors: ActorDirectory,
    private readonly logger: Logger,
    private readonly defaultTimezone: string,
  ) {}

  /** The tenant of a workspace; created on first contact or installation. */
  async tenantFor(teamId: string, name?: string): Promise<string> {
    const cached = this.tenants.get(teamId);
    if (cached) return cached;
    const where = { kind_externalId: { kind: 'slack' as const, externalId: teamId } };
    let tenant = await this.db.tenant.findUnique({ where, select: { id: true } });
    if (!tenant) {
      try {
        tenant = await this.db.tenant.create({
          data: { kind: 'slack', externalId: teamId, name: name ?? `Slack ${teamId}`, defaultTimezone: this.defaultTimezone },
          select: { id: true },
        });
        this.logger.info({ teamId, tenantId: tenant.id }, 'new Slack workspace: tenant created');
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        tenant = await this.db.tenant.findUniqueOrThrow({ where, select: { id: true } });
      }
    }
    this.tenants.set(teamId, tenant.id);
    return tenant.id;
  }

  /** The team a tenant talks to Slack as (null: not a Slack tenant). */
  async teamOf(tenantId: string): Promise<string | null> {
    const t = await this.db.tenant.findUnique({ where: { id: tenantId }, select: { kind: true, externalId: true } });
    return t?.kind === 'slack' ? t.externalId : null;
  }

  async actorFor(tenantId: string, ref: SlackUserRef, client: webApi.WebClient): Promise<ActorLookup> {
    const known = await this.actors.byIdentity(tenantId, 'slack', ref.userId);
    if (known) {
      if (known.kind === 'contact' && ref.channel) await this.saveReference(tenantId, known.contactId, ref);
      return { ok: true, actor: known };
    }
    const identity = await this.db.chatIdentity.findUnique({ where: { tenantId_channel_externalId: { tenantId, channel: 'slack', externalId: ref.userId } } });
    if (identity) {
      // Linked a moment ago by this person's other first message (two events at once), or linked to
      // a deactivated user or an erased contact.
      const linked = await this.actors.byIdentity(tenantId, 'slack', ref.userId);
      return linked ? { ok: true, actor: linked } : { ok: false, reason: 'inactive' };
    }

    const res = await client.users.info({ user: ref.userId, include_locale: true });
    const u = res.user as SlackUserInfo | undefined;
    if (!u || u.deleted) return { ok: false, reason: 'no_user' };
    if (u.is_bot) return { ok: false, reason: 'bot' };
    const email = u.profile?.email?.trim().toLowerCase() || undefined;

    const home = this.homeOf(u, ref);
    if (home === 'unknown') {
      this.logger.info({ tenantId, teamId: ref.teamId }, 'Slack user not placed in any workspace: refused, not stored');
      return { ok: false, reason: 'undecided' };
    }
    if (home === 'external' || u.is_restricted || u.is_ultra_restricted) {
      if (!email) return { ok: false, reason: 'external_unknown' };
      const contact = await this.db.contact.findFirst({
        where: { tenantId, email: { equals: email, mode: 'insensitive' }, erasedAt: null, mergedIntoId: null },
        select: { id: true },
      });
      if (!contact) return { ok: false, reason: 'external_unknown' };
      await this.actors.link(tenantId, 'slack', ref.userId, { contactId: contact.id });
      if (ref.channel) await this.saveReference(tenantId, contact.id, ref);
      const actor = await this.actors.contact(tenantId, contact.id);
      return actor ? { ok: true, actor } : { ok: false, reason: 'inactive' };
    }

    let user = email
      ? await this.db.user.findFirst({ where: { tenantId, email: { equals: email, mode: 'insensitive' } }, select: { id: true, active: true } })
      : null;
    if (user && !user.active) return { ok: false, reason: 'inactive' };
    if (!user) {
      const name = u.profile?.real_name || u.real_name || u.profile?.display_name || u.name || ref.userId;
      try {
        user = await this.db.user.create({
          data: {
            tenantId,
            name,
            email: email ?? null,
            role: 'rep',
            timezone: validTimeZone(u.tz) ?? this.defaultTimezone,
            locale: u.locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en',
          },
          select: { id: true, active: true },
        });
        this.logger.info({ tenantId, userId: user.id }, 'new Slack member: rep user created');
      } catch (err) {
        if (!isUniqueViolation(err) || !email) throw err;
        user = await this.db.user.findFirstOrThrow({ where: { tenantId, email: { equals: email, mode: 'insensitive' } }, select: { id: true, active: true } });
      }
    }
    await this.actors.link(tenantId, 'slack', ref.userId, { userId: user.id });
    const actor = await this.actors.user(tenantId, user.id);
    return actor ? { ok: true, actor } : { ok: false, reason: 'inactive' };
  }

  /**
   * Where a user belongs: this workspace (or, on Enterprise Grid, another workspace of the same
   * organisation), elsewhere (Slack Connect, a stranger), or unknown when Slack does not say.
   */
  private homeOf(u: SlackUserInfo, ref: SlackUserRef): 'internal' | 'external' | 'unknown' {
    if (u.is_stranger) return 'external';
    if (!u.team_id) return 'unknown';
    if (u.team_id === ref.teamId) return 'internal';
    return ref.enterpriseId && u.enterprise_user?.enterprise_id === ref.enterpriseId ? 'internal' : 'external';
  }

  /** Remembers where a contact can be reached (ConversationReference, channel 'slack'). */
  async saveReference(tenantId: string, contactId: string, ref: SlackUserRef): Promise<void> {
    if (!ref.channel) return;
    // One row per (channel, person): a shared channel holds many contacts.
    const conversationId = `${ref.channel}/${ref.userId}`;
    const reference = { teamId: ref.teamId, enterpriseId: ref.enterpriseId ?? null, channel: ref.channel, user: ref.userId, isDm: Boolean(ref.isDm) };
    await this.db.conversationReference.upsert({
      where: { tenantId_channel_conversationId: { tenantId, channel: 'slack', conversationId } },
      create: { tenantId, channel: 'slack', contactId, conversationId, reference },
      update: { contactId, reference },
    });
  }

  /** Slack user id of a user or contact in a tenant, if they ever talked to us on Slack. */
  async slackUserOf(tenantId: string, recipient: { kind: 'user' | 'contact'; id: string }): Promise<string | null> {
    const identity = await this.db.chatIdentity.findFirst({
      where: { tenantId, channel: 'slack', ...(recipient.kind === 'user' ? { userId: recipient.id } : { contactId: recipient.id }) },
      orderBy: { createdAt: 'desc' },
      select: { externalId: true },
    });
    return identity?.externalId ?? null;
  }

  /** Stored places to reach a contact: DMs first, then the most recent. */
  async contactReferences(tenantId: string, contactId: string): Promise<{ channel: string; user: string; isDm: boolean }[]> {
    const rows = await this.db.conversationReference.findMany({
      where: { tenantId, channel: 'slack', contactId },
      orderBy: { updatedAt: 'desc' },
      take: 10,
    });
    return rows
      .map((r) => r.reference as { channel?: string; user?: string; isDm?: boolean })
      .filter((r): r is { channel: string; user: string; isDm: boolean } => Boolean(r.channel && r.user))
      .sort((a, b) => Number(b.isDm) - Number(a.isDm));
  }
}
