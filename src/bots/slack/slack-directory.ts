// Who is talking, in which tenant, as Slack says it. A Slack workspace (team_id) is a Tenant of
// kind 'slack'; a Slack user is a ChatIdentity. On first contact users.info tells where the person
// belongs, and the domain's first-contact policy (src/domain/identity/identity.service.ts) decides:
// a full member of the installing workspace (or of its Enterprise Grid organisation) is staff;
// guests (is_restricted / is_ultra_restricted) and people from elsewhere (Slack Connect, strangers)
// are guests, matched to a contact by e-mail or refused; someone Slack does not place in a
// workspace is undecided and refused without anything being stored.
import type { webApi } from '@slack/bolt';
import type { Actor } from '../../domain/shared/actor.ts';
import { isValidTimeZone } from '../../domain/shared/time.ts';
import type { Logger } from '../../infra/logger.ts';
import type { Services } from '../../services.ts';

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

export class SlackDirectory {
  constructor(
    private readonly services: Pick<Services, 'identity' | 'references'>,
    private readonly logger: Logger,
    private readonly defaultTimezone: string,
  ) {}

  /** The tenant of a workspace; created on first contact or installation. */
  async tenantFor(teamId: string, name?: string): Promise<string> {
    const t = await this.services.identity.tenantFor('slack', teamId, { name: name ?? `Slack ${teamId}`, defaultTimezone: this.defaultTimezone });
    if (t.created) this.logger.info({ teamId, tenantId: t.id }, 'new Slack workspace: tenant created');
    return t.id;
  }

  /** The team a tenant talks to Slack as (null: not a Slack tenant). */
  teamOf(tenantId: string): Promise<string | null> {
    return this.services.identity.externalIdOf(tenantId, 'slack');
  }

  async actorFor(tenantId: string, ref: SlackUserRef, client: webApi.WebClient): Promise<ActorLookup> {
    const { identity } = this.services;
    const known = await identity.known(tenantId, 'slack', ref.userId);
    if (known.status === 'linked') {
      if (known.actor.kind === 'contact' && ref.channel) await this.saveReference(tenantId, known.actor.contactId, ref);
      return { ok: true, actor: known.actor };
    }
    if (known.status === 'inactive') return { ok: false, reason: 'inactive' };

    const res = await client.users.info({ user: ref.userId, include_locale: true });
    const u = res.user as SlackUserInfo | undefined;
    if (!u || u.deleted) return { ok: false, reason: 'no_user' };
    if (u.is_bot) return { ok: false, reason: 'bot' };
    const home = this.homeOf(u, ref);
    if (home === 'unknown') this.logger.info({ tenantId, teamId: ref.teamId }, 'Slack user not placed in any workspace: refused, not stored');
    const result = await identity.firstContact(tenantId, 'slack', ref.userId, {
      standing: home === 'unknown' ? 'unknown' : home === 'external' || u.is_restricted || u.is_ultra_restricted ? 'guest' : 'member',
      name: u.profile?.real_name || u.real_name || u.profile?.display_name || u.name || ref.userId,
      email: u.profile?.email?.trim().toLowerCase() || undefined,
      locale: u.locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en',
      timezone: isValidTimeZone(u.tz) ? u.tz : this.defaultTimezone,
    });
    if (!result.ok) return { ok: false, reason: result.reason === 'unknown_guest' ? 'external_unknown' : result.reason };
    if ('userId' in result.linked && result.created) this.logger.info({ tenantId, userId: result.linked.userId }, 'new Slack member: rep user created');
    if ('contactId' in result.linked && ref.channel) await this.saveReference(tenantId, result.linked.contactId, ref);
    return { ok: true, actor: result.actor };
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
    const reference = { teamId: ref.teamId, enterpriseId: ref.enterpriseId ?? null, channel: ref.channel, user: ref.userId, isDm: Boolean(ref.isDm) };
    await this.services.references.save(tenantId, 'slack', `${ref.channel}/${ref.userId}`, reference, { contactId });
  }

  /** Slack user id of a user or contact in a tenant, if they ever talked to us on Slack. */
  slackUserOf(tenantId: string, recipient: { kind: 'user' | 'contact'; id: string }): Promise<string | null> {
    return this.services.identity.externalIdFor(tenantId, 'slack', recipient);
  }

  /** Stored places to reach a contact: DMs first, then the most recent. */
  async contactReferences(tenantId: string, contactId: string): Promise<{ channel: string; user: string; isDm: boolean }[]> {
    const rows = await this.services.references.latest({ tenantId, kind: 'contact', id: contactId }, 'slack', 10);
    return rows
      .map((r) => r.reference as { channel?: string; user?: string; isDm?: boolean })
      .filter((r): r is { channel: string; user: string; isDm: boolean } => Boolean(r.channel && r.user))
      .sort((a, b) => Number(b.isDm) - Number(a.isDm));
  }
}
