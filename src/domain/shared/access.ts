// Tenancy and roles. Every query is scoped to the actor's tenant. A rep sees their own accounts
// and those shared with them; a manager also sees their reports' (transitively); an admin sees
// the tenant; a contact (customer) sees no accounts at all and may only answer their surveys.
import type { Actor, SystemActor } from './actor.ts';
import type { Db, Prisma } from './db.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';

export type AnyActor = Actor | SystemActor;

/** User ids whose accounts the actor sees, or 'all' for admins and the system. */
export async function visibleOwnerIds(db: Db, actor: AnyActor): Promise<string[] | 'all'> {
  if (actor.kind === 'system') return 'all';
  if (actor.kind === 'contact') return [];
  if (actor.role === 'admin') return 'all';
  if (actor.role === 'rep') return [actor.userId];
  // Manager: self plus reports, transitively (bounded depth guards against a cycle in data).
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE team(id, depth) AS (
      SELECT id, 0 FROM "User" WHERE id = ${actor.userId} AND "tenantId" = ${actor.tenantId}
      UNION
      SELECT u.id, t.depth + 1 FROM "User" u JOIN team t ON u."managerId" = t.id
      WHERE u."tenantId" = ${actor.tenantId} AND t.depth < 20
    )
    SELECT DISTINCT id FROM team`;
  return rows.map((r) => r.id);
}

/** Prisma filter for the accounts the actor may see. */
export async function accountScope(db: Db, actor: AnyActor): Promise<Prisma.AccountWhereInput> {
  const owners = await visibleOwnerIds(db, actor);
  if (owners === 'all') return { tenantId: actor.tenantId, mergedIntoId: null };
  if (actor.kind !== 'user') return { tenantId: actor.tenantId, id: { in: [] } };
  return {
    tenantId: actor.tenantId,
    mergedIntoId: null,
    OR: [{ ownerId: { in: owners } }, { shares: { some: { userId: actor.userId } } }],
  };
}

/** Whether a loaded account of the actor's tenant is within accountScope (one query at most: shares). */
async function inScope(db: Db, actor: AnyActor, account: { id: string; ownerId: string | null; mergedIntoId: string | null }): Promise<boolean> {
  if (account.mergedIntoId) return false;
  const owners = await visibleOwnerIds(db, actor);
  if (owners === 'all') return true;
  if (actor.kind !== 'user') return false;
  if (account.ownerId && owners.includes(account.ownerId)) return true;
  return (await db.accountShare.count({ where: { accountId: account.id, userId: actor.userId } })) > 0;
}

export function requireStaff(actor: AnyActor): asserts actor is Extract<Actor, { kind: 'user' }> | SystemActor {
  if (actor.kind === 'contact') {
    throw new ForbiddenError('customers may only answer surveys', {
      en: 'As a customer you can answer surveys sent to you; everything else is for the sales team.',
      zh: '作为客户，你可以回答发给你的调查；其他操作仅限销售团队。',
    });
  }
}

/**
 * Loads an account the actor may see, or throws: NotFound when it does not exist in the actor's
 * tenant (another tenant's ids look exactly like missing ones), Forbidden when it exists but
 * belongs to someone outside the actor's reach.
 */
export async function getVisibleAccount(db: Db, actor: AnyActor, accountId: string) {
  requireStaff(actor);
  const account = await db.account.findFirst({ where: { id: accountId, tenantId: actor.tenantId } });
  if (!account) throw new NotFoundError('Account', accountId, { en: 'that account', zh: '该客户' });
  if (!(await inScope(db, actor, account))) {
    throw new ForbiddenError(`account ${accountId} outside actor's scope`, {
      en: `${account.name} belongs to another team; ask its owner or your manager for access.`,
      zh: `${account.name}属于其他团队；请向负责人或你的经理申请权限。`,
    });
  }
  return account;
}

export async function getVisibleContact(db: Db, actor: AnyActor, contactId: string) {
  requireStaff(actor);
  const contact = await db.contact.findFirst({ where: { id: contactId, tenantId: actor.tenantId } });
  if (!contact || contact.erasedAt) throw new NotFoundError('Contact', contactId, { en: 'that contact', zh: '该联系人' });
  if (contact.accountId) await getVisibleAccount(db, actor, contact.accountId);
  else if (actor.kind === 'user' && actor.role === 'rep') {
    // A contact without an account is visible to everyone in the tenant's sales team.
  }
  return contact;
}
