// Reads and updates a tenant's settings. Reading never fails on a partial JSON (defaults fill
// the gaps); writing validates the merged result and names the offending field in en and zh.
import type { AnyActor } from '../shared/access.ts';
import { requireStaff } from '../shared/access.ts';
import { audit } from '../shared/audit.ts';
import type { Clock } from '../shared/clock.ts';
import type { Db, PrismaClient } from '../shared/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import {
  DEFAULT_SETTINGS,
  deepMerge,
  settingsSchema,
  type SettingsPatch,
  type TenantSettings,
} from './settings.schema.ts';

/** Loads a tenant's settings with any client (root or transaction). */
export async function loadSettings(db: Db, tenantId: string): Promise<TenantSettings> {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { settings: true } });
  if (!tenant) throw new NotFoundError('Tenant', tenantId, { en: 'that workspace', zh: '该工作区' });
  return parseSettings(tenant.settings);
}

/** Stored JSON merged over the defaults. Unknown keys are dropped; a stored value that no longer
 * validates (e.g. written by an older version) falls back to its default rather than failing. */
export function parseSettings(stored: unknown): TenantSettings {
  const merged = deepMerge(DEFAULT_SETTINGS, stored ?? {});
  const parsed = settingsSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  // Drop each invalid leaf back to its default, then validate again.
  let repaired: unknown = merged;
  for (const issue of parsed.error.issues) repaired = resetPath(repaired, issue.path as (string | number)[]);
  return settingsSchema.parse(repaired);
}

export class SettingsService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
  ) {}

  getSettings(tenantId: string): Promise<TenantSettings> {
    return loadSettings(this.db, tenantId);
  }

  /** Admins only. Deep-merges `patch` into the current settings and validates the result. */
  async updateSettings(actor: AnyActor, patch: SettingsPatch, opts: { sourceMessageId?: string } = {}): Promise<TenantSettings> {
    requireStaff(actor);
    if (actor.kind === 'user' && actor.role !== 'admin') {
      throw new ForbiddenError('settings require admin', {
        en: 'Only an admin can change workspace settings.',
        zh: '只有管理员可以修改工作区设置。',
      });
    }
    void this.clock;
    return this.db.$transaction(async (tx) => {
      const tenant = await tx.tenant.findUnique({ where: { id: actor.tenantId }, select: { settings: true } });
      if (!tenant) throw new NotFoundError('Tenant', actor.tenantId, { en: 'that workspace', zh: '该工作区' });
      const storedBefore = (isObject(tenant.settings) ? tenant.settings : {}) as Record<string, unknown>;
      const storedAfter = deepMerge(storedBefore, patch) as Record<string, unknown>;
      const result = settingsSchema.safeParse(deepMerge(DEFAULT_SETTINGS, storedAfter));
      if (!result.success) {
        const issue = result.error.issues[0]!;
        const path = issue.path.join('.');
        throw new ValidationError(
          path,
          `Setting ${path} is invalid: ${issue.message}.`,
          `设置项 ${path} 无效：${issue.message}。`,
        );
      }
      // Store only the validated, known keys so stray input never lands in the column.
      const clean = pickKnown(storedAfter, result.data) as object;
      await tx.tenant.update({ where: { id: actor.tenantId }, data: { settings: clean } });
      await audit(tx, actor, {
        action: 'tenant.update',
        entityType: 'Tenant',
        entityId: actor.tenantId,
        before: { settings: storedBefore },
        after: { settings: clean },
        sourceMessageId: opts.sourceMessageId,
      });
      return result.data;
    });
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keeps the keys of `stored` that exist in `shape`, recursively. */
function pickKnown(stored: unknown, shape: unknown): unknown {
  if (!isObject(stored) || !isObject(shape)) return stored;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(stored)) if (k in shape) out[k] = pickKnown(v, shape[k]);
  return out;
}

function resetPath(obj: unknown, path: (string | number)[]): unknown {
  let def: unknown = DEFAULT_SETTINGS;
  for (const p of path) def = isObject(def) ? def[String(p)] : undefined;
  const clone = structuredClone(obj) as Record<string, unknown>;
  let cur: Record<string, unknown> = clone;
  for (let i = 0; i < path.length - 1; i++) {
    const next = cur[String(path[i])];
    if (!isObject(next)) return clone;
    cur = next;
  }
  const last = path[path.length - 1];
  if (last !== undefined) cur[String(last)] = def;
  return clone;
}
