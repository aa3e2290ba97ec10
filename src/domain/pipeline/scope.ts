// "mine / team / all" for reports and rankings, resolved once into owner ids and turned into a
// Prisma filter or an SQL condition. Asking for more than the role allows is refused, never
// quietly narrowed: a rep asking for "all" is told why.
import type { AnyActor } from '../shared/access.ts';
import { requireStaff, visibleOwnerIds } from '../shared/access.ts';
import { Prisma, type Db } from '../shared/db.ts';
import { ForbiddenError } from '../shared/errors.ts';

export type ScopeName = 'mine' | 'team' | 'all';

export interface ResolvedScope {
  tenantId: string;
  /** Owners whose accounts are in scope, or 'all' (every account of the tenant). */
  ownerIds: string[] | 'all';
  /** Also include accounts shared with this user. */
  sharedWith: string | null;
}

/**
 * @param userId narrows to one colleague's accounts (a manager asking about one rep); they must be
 *   the actor or someone the actor manages (admins: anyone in the tenant).
 */
export async function resolveScope(db: Db, actor: AnyActor, scope: ScopeName, userId?: string): Promise<ResolvedScope> {
  requireStaff(actor);
  if (userId) {
    const owners = await visibleOwnerIds(db, actor);
    const user = await db.user.findFirst({ where: { id: userId, tenantId: actor.tenantId }, select: { name: true } });
    if (!user || (owners !== 'all' && !owners.includes(userId))) {
      throw new ForbiddenError(`user ${userId} is not in the actor's team`, {
        en: `You can only see your own figures and those of people you manage${user ? `, not ${user.name}'s` : ''}.`,
        zh: `你只能查看自己和你管理的人的数据${user ? `，不能查看${user.name}的` : ''}。`,
      });
    }
    return { tenantId: actor.tenantId, ownerIds: [userId], sharedWith: null };
  }
  if (actor.kind === 'system') return { tenantId: actor.tenantId, ownerIds: 'all', sharedWith: null };
  if (scope === 'mine') return { tenantId: actor.tenantId, ownerIds: [actor.userId], sharedWith: actor.userId };
  if (scope === 'all') {
    if (actor.role !== 'admin') {
      throw new ForbiddenError('scope all requires admin', {
        en: 'Only an admin can see the whole company; try "my team" or "mine".',
        zh: '只有管理员可以查看全公司数据；可以改为查看"我的团队"或"我的"。',
      });
    }
    return { tenantId: actor.tenantId, ownerIds: 'all', sharedWith: null };
  }
  if (actor.role === 'rep') {
    throw new ForbiddenError('scope team requires manager', {
      en: "You don't manage a team; try \"mine\" instead.",
      zh: '你没有管理团队；可以改为查看"我的"。',
    });
  }
  const owners = await visibleOwnerIds(db, actor);
  return { tenantId: actor.tenantId, ownerIds: owners, sharedWith: owners === 'all' ? null : actor.userId };
}

/** Prisma filter on Account. */
export function scopeWhere(s: ResolvedScope): Prisma.AccountWhereInput {
  if (s.ownerIds === 'all') return { tenantId: s.tenantId, mergedIntoId: null };
  const or: Prisma.AccountWhereInput[] = [{ ownerId: { in: s.ownerIds } }];
  if (s.sharedWith) or.push({ shares: { some: { userId: s.sharedWith } } });
  return { tenantId: s.tenantId, mergedIntoId: null, OR: or };
}

/** SQL condition on an Account alias (default "a"); tenant and merge conditions included. */
export function scopeSql(s: ResolvedScope, alias = 'a'): Prisma.Sql {
  const a = Prisma.raw(`"${alias}"`);
  const base = Prisma.sql`${a}."tenantId" = ${s.tenantId} AND ${a}."mergedIntoId" IS NULL`;
  if (s.ownerIds === 'all') return base;
  // An id list from two index scans (owner, share) rather than `ownerId = ANY(…) OR EXISTS(share)`,
  // which PostgreSQL can only answer by filtering every account of the tenant.
  const shared = s.sharedWith
    ? Prisma.sql` UNION SELECT sh."accountId" FROM "AccountShare" sh WHERE sh."userId" = ${s.sharedWith}`
    : Prisma.empty;
  // = ANY(ARRAY(…)) makes the list an init plan and the outer access a primary-key lookup.
  return Prisma.sql`${base} AND ${a}.id = ANY(ARRAY(
    SELECT so.id FROM "Account" so WHERE so."tenantId" = ${s.tenantId} AND so."ownerId" = ANY(${s.ownerIds}::text[])${shared}))`;
}
