// Who is talking in Teams: the Azure AD tenant becomes a Rapport Tenant (kind 'teams', created
// on first contact), and `from.aadObjectId` within it becomes an Actor through ChatIdentity.
// People from the tenant itself are staff (a new rep User, or the existing User with their
// e-mail); guests, anonymous and federated users from another tenant are customers (Contacts).
// In Teams, staff is decided only on positive evidence: the member lookup must answer (within its
// deadline) that this is a full member ('user') of this organisation. A lookup that times out or
// fails decides nothing: the person is asked to try again and no identity is stored.
import type { TurnContext } from 'botbuilder';
import { TeamsInfo } from 'botbuilder';
import type { ActorDirectory } from '../../domain/identity/actor-directory.ts';
import type { Actor } from '../../domain/shared/actor.ts';
import type { PrismaClient } from '../../domain/shared/db.ts';
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

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === 'P2002' || /Unique constraint|unique constraint|23505/.test(e?.message ?? '');
}

const validTimeZone = (tz: unknown): string | undefined => {
  if (typeof tz !== 'string' || !tz) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
};

const looksLikeEmail = (s: unknown): s is string => typeof s === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);

export type ResolveResult = { actor: Actor } | { refused: 'deactivated' } | { undecided: 'member_lookup' };

export class TeamsDirectory {
  constructor(
    private readonly deps: { db: PrismaClient; actors: ActorDirectory; services: Services; logger: Logger; memberLookupTimeoutMs?: number },
  ) {}

  async tenant(externalId: string): Promise<TeamsTenant> {
    const { db } = this.deps;
    const where = { kind_externalId: { kind: 'teams' as const, externalId } };
    const found = await db.tenant.findUnique({ where });
    if (found) return { id: found.id, externalId };
    try {
      const created = await db.tenant.create({ data: { kind: 'teams', externalId, name: `Teams ${externalId.slice(0, 8)}` } });
      this.deps.logger.info({ tenantId: created.id, teamsTenant: externalId }, 'new Teams tenant');
      return { id: created.id, externalId };
    } catch (err) {
      // Two first messages at once: the other one created it.
      if (!isUniqueViolation(err)) throw err;
      const again = await db.tenant.findUnique({ where });
      if (!again) throw err;
      return { id: again.id, externalId };
    }
  }

  /** The key ChatIdentity uses: the AAD object id, or the channel id when there is none (Emulator). */
  static identityKey(from: TurnContext['activity']['from']): string | undefined {
    return from?.aadObjectId || from?.id || undefined;
  }

  async actor(ctx: TurnContext, tenant: TeamsTenant): Promise<ResolveResult | null> {
    const { db, actors, logger } = this.deps;
    const from = ctx.activity.from;
    const key = TeamsDirectory.identityKey(from);
    if (!key) return null;
    const identity = await db.chatIdentity.findUnique({ where: { tenantId_channel_externalId: { tenantId: tenant.id, channel: 'teams', externalId: key } } });
    if (identity) {
      const actor = await actors.byIdentity(tenant.id, 'teams', key);
      // Linked but the user is deactivated or the contact erased: never re-create them.
      return actor ? { actor } : { refused: 'deactivated' };
    }

    const teams = ctx.activity.channelId === 'msteams';
    const member = await this.lookupMember(ctx, from.id);
    const name = (member?.name || from.name || 'Teams user').slice(0, 200);
    const email = [member?.email, member?.userPrincipalName].find(looksLikeEmail)?.toLowerCase();
    const otherTenant = Boolean(member?.tenantId) && member?.tenantId !== tenant.externalId;
    const guest =
      member?.userRole === 'guest' ||
      member?.userRole === 'anonymous' ||
      otherTenant ||
      (!from.aadObjectId && teams);
    // Default deny: in Teams, staff only when the directory said so.
    if (teams && !guest && member?.userRole !== 'user') {
      logger.info({ tenantId: tenant.id, lookup: member ? `userRole ${String(member.userRole)}` : 'no answer' }, 'Teams member not confirmed: nothing stored, asked to try again');
      return { undecided: 'member_lookup' };
    }
    const locale = (ctx.activity.locale ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
    const clientInfo = ctx.activity.entities?.find((e) => e.type === 'clientInfo') as { timezone?: unknown } | undefined;
    const timezone = validTimeZone(clientInfo?.timezone);

    try {
      if (guest) {
        const existing = email
          ? await db.contact.findFirst({ where: { tenantId: tenant.id, email: { equals: email, mode: 'insensitive' }, erasedAt: null, mergedIntoId: null } })
          : null;
        const contactId =
          existing?.id ??
          (
            await this.deps.services.contacts.createContact(
              { kind: 'system', tenantId: tenant.id },
              { name, email: email ?? null, locale, preferredChannel: 'teams', ...(timezone ? { timezone } : {}) },
            )
          ).id;
        await actors.link(tenant.id, 'teams', key, { contactId });
        logger.info({ tenantId: tenant.id, contactId, existing: Boolean(existing) }, 'Teams guest linked to a contact');
      } else {
        const existing = email
          ? await db.user.findFirst({ where: { tenantId: tenant.id, email: { equals: email, mode: 'insensitive' } } })
          : null;
        const userId =
          existing?.id ??
          (
            await db.user.create({
              data: { tenantId: tenant.id, name, email: email ?? null, role: 'rep', locale, ...(timezone ? { timezone } : {}) },
            })
          ).id;
        await actors.link(tenant.id, 'teams', key, { userId });
        logger.info({ tenantId: tenant.id, userId, existing: Boolean(existing) }, 'Teams user linked');
      }
    } catch (err) {
      // The same person's two first messages at once: the other one linked them.
      if (!isUniqueViolation(err)) throw err;
    }
    const actor = await actors.byIdentity(tenant.id, 'teams', key);
    return actor ? { actor } : { refused: 'deactivated' };
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
