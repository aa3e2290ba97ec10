// First contact: who a chat platform's user is in Rapport. The adapters translate what their
// platform says about a person (Slack's users.info, Teams' member lookup) into `Evidence`; this
// service applies the one policy and writes the tenant, user, contact and ChatIdentity rows.
//
// The policy (README, "Who may talk to Rapport"):
// 1. A platform workspace or organisation is a Tenant of its kind, created on first contact.
// 2. Staff only on positive evidence: a full member of the installing workspace/organisation
//    becomes the User with their e-mail, or a new rep.
// 3. Undecided (the platform did not say where the person belongs, or its lookup timed out):
//    refused, nothing stored, so the next message decides afresh.
// 4. A guest or external person is matched by e-mail to a live Contact (not erased, not merged).
//    Without a match, `UNKNOWN_GUESTS` of the channel decides: 'refuse' (Slack) or
//    'create_contact' (Teams). Either way a guest is a customer: surveys and customer intents only.
// 5. An identity once linked is kept: linked to a deactivated user or an erased contact, the
//    person is refused and never re-created. An inactive user matched by e-mail is not linked.
// 6. Two first messages at once: the second finds what the first wrote (unique keys decide).
import type { ContactService } from '../customers/contact.service.ts';
import type { Actor } from '../shared/actor.ts';
import type { PrismaClient } from '../shared/db.ts';
import type { Locale } from '../shared/errors.ts';
import { isUniqueViolation } from '../shared/prisma-errors.ts';
import type { ChannelName } from '../shared/ports.ts';
import { ActorDirectory } from './actor-directory.ts';

/** A chat platform whose workspaces or organisations are tenants. */
export type PlatformKind = 'slack' | 'teams';

/**
 * What happens to a guest or external person whose e-mail matches no contact.
 * - `refuse`: Slack. Slack Connect lets members of any partner organisation in a shared channel
 *   write to the app, so a stranger must not be able to add themselves to the CRM.
 * - `create_contact`: Teams. A guest there has been admitted into the organisation's Azure AD
 *   tenant (or the chat) by its own admins, and the member lookup confirmed it; they become a
 *   customer contact whose preferred channel is Teams.
 */
export const UNKNOWN_GUESTS: Record<PlatformKind, 'refuse' | 'create_contact'> = { slack: 'refuse', teams: 'create_contact' };

/** What the platform said about someone writing for the first time. */
export interface Evidence {
  /** 'member': a full member of the installing workspace or organisation; 'guest': a guest,
   * external, anonymous or federated person; 'unknown': the platform did not say. */
  standing: 'member' | 'guest' | 'unknown';
  name: string;
  /** Lower-cased; absent when the platform gave none. */
  email?: string | undefined;
  locale: Locale;
  /** A valid IANA zone, or absent (the row's default applies). */
  timezone?: string | undefined;
}

export type Known = { status: 'linked'; actor: Actor } | { status: 'inactive' } | { status: 'new' };

export type FirstContact =
  | { ok: true; actor: Actor; linked: { userId: string } | { contactId: string }; created: boolean }
  | { ok: false; reason: 'inactive' | 'unknown_guest' | 'undecided' };

export class IdentityService {
  private readonly tenants = new Map<string, string>();
  private readonly actors: ActorDirectory;

  constructor(
    private readonly db: PrismaClient,
    private readonly contacts: ContactService,
  ) {
    this.actors = new ActorDirectory(db);
  }

  /** The tenant of a platform workspace or organisation; created on first contact or install. */
  async tenantFor(kind: PlatformKind, externalId: string, create: { name: string; defaultTimezone?: string }): Promise<{ id: string; created: boolean }> {
    const key = `${kind}:${externalId}`;
    const cached = this.tenants.get(key);
    if (cached) return { id: cached, created: false };
    const where = { kind_externalId: { kind, externalId } };
    let tenant = await this.db.tenant.findUnique({ where, select: { id: true } });
    let created = false;
    if (!tenant) {
      try {
        tenant = await this.db.tenant.create({
          data: { kind, externalId, name: create.name, ...(create.defaultTimezone ? { defaultTimezone: create.defaultTimezone } : {}) },
          select: { id: true },
        });
        created = true;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        tenant = await this.db.tenant.findUniqueOrThrow({ where, select: { id: true } });
      }
    }
    this.tenants.set(key, tenant.id);
    return { id: tenant.id, created };
  }

  /** The platform id of a tenant of that kind (null: another kind). */
  async externalIdOf(tenantId: string, kind: PlatformKind): Promise<string | null> {
    const t = await this.db.tenant.findUnique({ where: { id: tenantId }, select: { kind: true, externalId: true } });
    return t?.kind === kind ? t.externalId : null;
  }

  /** Whether a platform identity is linked already, and to someone still active. */
  async known(tenantId: string, channel: ChannelName, externalId: string): Promise<Known> {
    const actor = await this.actors.byIdentity(tenantId, channel, externalId);
    if (actor) return { status: 'linked', actor };
    const identity = await this.db.chatIdentity.findUnique({
      where: { tenantId_channel_externalId: { tenantId, channel, externalId } },
      select: { tenantId: true },
    });
    if (!identity) return { status: 'new' };
    // Linked a moment ago by this person's other first message, or to a deactivated user or an erased contact.
    const again = await this.actors.byIdentity(tenantId, channel, externalId);
    return again ? { status: 'linked', actor: again } : { status: 'inactive' };
  }

  /** Applies the first-contact policy to what the platform said (see the top of this file). */
  async firstContact(tenantId: string, channel: PlatformKind, externalId: string, e: Evidence): Promise<FirstContact> {
    if (e.standing === 'unknown') return { ok: false, reason: 'undecided' };
    try {
      return e.standing === 'guest' ? await this.linkGuest(tenantId, channel, externalId, e) : await this.linkMember(tenantId, channel, externalId, e);
    } catch (err) {
      // The same person's two first messages at once: the other one linked them.
      if (!isUniqueViolation(err)) throw err;
      const known = await this.known(tenantId, channel, externalId);
      if (known.status === 'new') throw err;
      if (known.status === 'inactive') return { ok: false, reason: 'inactive' };
      const a = known.actor;
      return { ok: true, actor: a, linked: a.kind === 'user' ? { userId: a.userId } : { contactId: a.contactId }, created: false };
    }
  }

  private async linkGuest(tenantId: string, channel: PlatformKind, externalId: string, e: Evidence): Promise<FirstContact> {
    const existing = e.email
      ? await this.db.contact.findFirst({
          where: { tenantId, email: { equals: e.email, mode: 'insensitive' }, erasedAt: null, mergedIntoId: null },
          select: { id: true },
        })
      : null;
    if (!existing && UNKNOWN_GUESTS[channel] === 'refuse') return { ok: false, reason: 'unknown_guest' };
    const contactId =
      existing?.id ??
      (
        await this.contacts.createContact(
          { kind: 'system', tenantId },
          { name: e.name, email: e.email ?? null, locale: e.locale, preferredChannel: channel, ...(e.timezone ? { timezone: e.timezone } : {}) },
        )
      ).id;
    await this.actors.link(tenantId, channel, externalId, { contactId });
    const actor = await this.actors.contact(tenantId, contactId);
    return actor ? { ok: true, actor, linked: { contactId }, created: !existing } : { ok: false, reason: 'inactive' };
  }

  private async linkMember(tenantId: string, channel: PlatformKind, externalId: string, e: Evidence): Promise<FirstContact> {
    const byEmail = () =>
      e.email
        ? this.db.user.findFirst({ where: { tenantId, email: { equals: e.email, mode: 'insensitive' } }, select: { id: true, active: true } })
        : Promise.resolve(null);
    let user = await byEmail();
    if (user && !user.active) return { ok: false, reason: 'inactive' };
    let created = false;
    if (!user) {
      try {
        user = await this.db.user.create({
          data: { tenantId, name: e.name, email: e.email ?? null, role: 'rep', locale: e.locale, ...(e.timezone ? { timezone: e.timezone } : {}) },
          select: { id: true, active: true },
        });
        created = true;
      } catch (err) {
        // Another first message created the user with this e-mail a moment ago.
        if (!isUniqueViolation(err) || !e.email) throw err;
        user = await byEmail();
        if (!user) throw err;
      }
    }
    await this.actors.link(tenantId, channel, externalId, { userId: user.id });
    const actor = await this.actors.user(tenantId, user.id);
    return actor ? { ok: true, actor, linked: { userId: user.id }, created } : { ok: false, reason: 'inactive' };
  }

  /** The platform id of a user or contact in a tenant, if they ever talked to us there (the latest). */
  async externalIdFor(tenantId: string, channel: ChannelName, who: { kind: 'user' | 'contact'; id: string }): Promise<string | null> {
    const identity = await this.db.chatIdentity.findFirst({
      where: { tenantId, channel, ...(who.kind === 'user' ? { userId: who.id } : { contactId: who.id }) },
      orderBy: { createdAt: 'desc' },
      select: { externalId: true },
    });
    return identity?.externalId ?? null;
  }
}
