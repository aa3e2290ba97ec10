// Every write records who did what to which entity, with before and after, in the same
// transaction as the write. `undo` reads these rows back.
import type { AnyActor } from './access.ts';
import { actorId } from './actor.ts';
import type { Db } from './db.ts';
import type { AuditAction } from '../audit/actions.ts';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  sourceMessageId?: string | null | undefined;
}

export async function audit(db: Db, actor: AnyActor, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      tenantId: actor.tenantId,
      actorKind: actor.kind,
      actorId: actorId(actor),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: toJson(entry.before),
      after: toJson(entry.after),
      sourceMessageId: entry.sourceMessageId ?? null,
    },
  });
}

/** Dates, Decimals and bigints become plain JSON. */
function toJson(value: unknown): object | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
  ) as object;
}
