// Who may change an account: its owner, the owner's managers (transitively) and admins.
// Seeing an account is wider (shares, see shared/access.ts); changing it is not.
import type { AnyActor } from '../shared/access.ts';
import { getVisibleAccount, visibleOwnerIds } from '../shared/access.ts';
import { audit } from '../shared/audit.ts';
import type { Db, PrismaClient } from '../shared/db.ts';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';
import type { AuditAction } from '../audit/actions.ts';

export async function getEditableAccount(db: Db, actor: AnyActor, accountId: string) {
  const account = await getVisibleAccount(db, actor, accountId);
  if (account.mergedIntoId) {
    throw new NotFoundError('Account', accountId, { en: 'that account (it was merged)', zh: '该客户（已被合并）' });
  }
  const owners = await visibleOwnerIds(db, actor);
  if (owners !== 'all' && !(account.ownerId && owners.includes(account.ownerId))) {
    throw new ForbiddenError(`account ${accountId} is only shared with the actor`, {
      en: `${account.name} is shared with you, but only its owner or their manager can change it.`,
      zh: `${account.name}已共享给你，但只有负责人或其经理可以修改。`,
    });
  }
  return account;
}

/** The user the actor may hand something to: self, someone they manage, anyone for admins. */
export async function requireAssignableUser(db: Db, actor: AnyActor, userId: string) {
  const user = await db.user.findFirst({ where: { id: userId, tenantId: actor.tenantId } });
  if (!user) throw new NotFoundError('User', userId, { en: 'that colleague', zh: '该同事' });
  const owners = await visibleOwnerIds(db, actor);
  if (owners !== 'all' && !owners.includes(userId)) {
    throw new ForbiddenError(`user ${userId} is not in the actor's team`, {
      en: `You can only assign to yourself or people you manage, not ${user.name}.`,
      zh: `你只能分配给自己或你管理的人，不能分配给${user.name}。`,
    });
  }
  return user;
}

export { isUniqueViolation } from '../shared/prisma-errors.ts';

/** The fields of `next` that differ from `current`, as before/after pairs for audit rows. */
export function diffFields<T extends Record<string, unknown>>(
  current: T,
  next: Partial<T>,
): { before: Partial<T>; after: Partial<T> } {
  const before: Partial<T> = {};
  const after: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    const value = next[key];
    if (value === undefined) continue;
    if (JSON.stringify(current[key]) === JSON.stringify(value)) continue;
    before[key] = current[key];
    after[key] = value;
  }
  return { before, after };
}

export const unionAliases = (...lists: (readonly string[] | string | null | undefined)[]): string[] => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const a of typeof list === 'string' ? [list] : (list ?? [])) {
      const t = a.trim();
      if (t && !seen.has(t.toLowerCase())) {
        seen.add(t.toLowerCase());
        out.push(t);
      }
    }
  }
  return out;
};

/**
 * Writes the fields of `next` that differ from `current`, with their audit row, in one
 * transaction. When nothing differs nothing is written and `current` is returned as it is.
 */
export async function updateAudited<Row, Dto>(
  db: PrismaClient,
  actor: AnyActor,
  u: {
    current: Row;
    next: Record<string, unknown>;
    action: AuditAction;
    entityType: string;
    entityId: string;
    write: (tx: Db, data: Record<string, unknown>) => Promise<Row>;
    toDto: (row: Row) => Dto;
  },
): Promise<Dto> {
  const { before, after } = diffFields(u.current as unknown as Record<string, unknown>, u.next);
  if (!Object.keys(after).length) return u.toDto(u.current);
  return db.$transaction(async (tx) => {
    const row = await u.write(tx, after);
    await audit(tx, actor, { action: u.action, entityType: u.entityType, entityId: u.entityId, before, after });
    return u.toDto(row);
  });
}

/** Creates a row and records its audit row (the DTO as `after`) in one transaction. */
export function createAudited<Row extends { id: string }, Dto>(
  db: PrismaClient,
  actor: AnyActor,
  c: { action: AuditAction; entityType: string; write: (tx: Db) => Promise<Row>; toDto: (row: Row) => Dto },
): Promise<Dto> {
  return db.$transaction(async (tx) => {
    const row = await c.write(tx);
    const dto = c.toDto(row);
    await audit(tx, actor, { action: c.action, entityType: c.entityType, entityId: row.id, after: dto });
    return dto;
  });
}
