// Who is talking in Teams, as Teams says it: the Azure AD tenant becomes a Rapport Tenant (kind
// 'teams', created on first contact), and `from.aadObjectId` within it becomes an Actor through
// ChatIdentity. The member lookup is translated into evidence for the domain's first-contact
// policy (src/domain/identity/identity.service.ts): a full member ('user') of this organisation is
// staff; guests, anonymous and federated users from another tenant are guests, which in Teams
// become customer contacts. Staff is decided only on positive evidence: a lookup that times out
// or fails decides nothing, the person is asked to try again and no identity is stored.
import type { TurnContext } from 'botbuilder';
import { TeamsInfo } from 'botbuilder';
import type { Actor } from '../../domain/shared/actor.ts';
import { isValidTimeZone } from '../../domain/shared/time.ts';
import type { Logger } from '../../infra/logger.ts';
import type { Services } from '../../services.ts';

export interface TeamsTenant {
  id: string;
  externalId: string;
}

/** Tenant id of the activity's Azure AD tenant (absent in the Emulator). */
export function teamsTenantIdOf(activity: TurnContext['activity']): string | undefined {
  const fromConv = activity.conversation?.tenantId;
  const fromData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const id = fromConv ?? (typeof fromData === 'string' ? fromData : undefined);
  return id && id.trim() ? id.trim() : undefined;
}

const looksLikeEmail = (s: unknown): s is string => typeof s === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);

export type ResolveResult = { actor: Actor } | { refused: 'deactivated' } | { undecided: 'member_lookup' };

export class TeamsDirectory {
  constructor(
    private readonly deps: { services: Pick<Services, 'identity'>; logger: Logger; memberLookupTimeoutMs?: number },
  ) {}

  async tenant(externalId: string): Promise<TeamsTenant> {
    const t = await this.deps.services.identity.tenantFor('teams', externalId, { name: `Teams ${externalId.slice(0, 8)}` });
    if (t.created) this.deps.logger.info({ tenantId: t.id, teamsTenant: externalId }, 'new Teams tenant');
    return { id: t.id, externalId };
  }

  /** The key ChatIdentity uses: the AAD object id, or the channel id when there is none (Emulator). */
  static identityKey(from: TurnContext['activity']['from']): string | undefined {
    return from?.aadObjectId || from?.id || undefined;
  }

  async actor(ctx: TurnContext, tenant: TeamsTenant): Promise<ResolveResult | null> {
    const { services, logger } = this.deps;
    const from = ctx.activity.from;
    const key = TeamsDirectory.identityKey(from);
    if (!key) return null;
    const known = await services.identity.known(tenant.id, 'teams', key);
    // Linked but the user is deactivated or the contact erased: never re-create them.
    if (known.status !== 'new') return known.status === 'linked' ? { actor: known.actor } : { refused: 'deactivated' };

    const teams = ctx.activity.channelId === 'msteams';
    const member = await this.lookupMember(ctx, from.id);
    const otherTenant = Boolean(member?.tenantId) && member?.tenantId !== tenant.externalId;
    const guest = member?.userRole === 'guest' || member?.userRole === 'anonymous' || otherTenant || (!from.aadObjectId && teams);
    // Default deny: in Teams, staff only when the directory said so.
    const undecided = teams && !guest && member?.userRole !== 'user';
    if (undecided) {
      const lookup = member ? `userRole ${String(member.userRole)}` : 'no answer';
      logger.info({ tenantId: tenant.id, lookup }, 'Teams member not confirmed: nothing stored, asked to try again');
    }
    const clientInfo = ctx.activity.entities?.find((e) => e.type === 'clientInfo') as { timezone?: unknown } | undefined;
    const result = await services.identity.firstContact(tenant.id, 'teams', key, {
      standing: undecided ? 'unknown' : guest ? 'guest' : 'member',
      name: (member?.name || from.name || 'Teams user').slice(0, 200),
      email: [member?.email, member?.userPrincipalName].find(looksLikeEmail)?.toLowerCase(),
      locale: (ctx.activity.locale ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en',
      timezone: isValidTimeZone(clientInfo?.timezone) ? clientInfo.timezone : undefined,
    });
    if (!result.ok) return result.reason === 'undecided' ? { undecided: 'member_lookup' } : { refused: 'deactivated' };
    const what = 'contactId' in result.linked ? 'Teams guest linked to a contact' : 'Teams user linked';
    logger.info({ tenantId: tenant.id, ...result.linked, existing: !result.created }, what);
    return { actor: result.actor };
  }

  /** TeamsInfo.getMember for name, e-mail, role and home tenant; null when unreachable. */
  private async lookupMember(ctx: TurnContext, userId: string | undefined) {
    if (!userId || ctx.activity.channelId !== 'msteams') return null;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        TeamsInfo.getMember(ctx, userId),
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), this.deps.memberLookupTimeoutMs ?? 2_500);
        }),
      ]);
    } catch (err) {
      this.deps.logger.debug({ err: (err as Error).message }, 'Teams member lookup failed; using the activity name');
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}
