// Prisma migrations without the native schema engine: the same engine, compiled to
// WebAssembly (@prisma/schema-engine-wasm), driven through our driver adapter. It applies
// prisma/migrations/* and records them in _prisma_migrations exactly as `prisma migrate
// deploy` does, on PostgreSQL and PGlite alike.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
// The schema engine (WebAssembly, compiled when its module loads) only when there is work for it:
// a server starting on an up-to-date database never loads it (see migrateIfNeeded).
import type { SchemaEngine as SchemaEngineType } from '@prisma/schema-engine-wasm';

/** The project root: the nearest directory above this file that holds prisma/ (this file runs from
 *  src/infra/ under vitest and tsx, and from dist/<build>/infra/ once compiled by bin/rapport.js). */
function projectRoot(from: string): string {
  for (let dir = from; ; ) {
    if (existsSync(join(dir, 'prisma', 'schema.prisma'))) return dir;
    const up = dirname(dir);
    if (up === dir) return join(from, '..', '..');
    dir = up;
  }
}
const root = projectRoot(dirname(fileURLToPath(import.meta.url)));
export const PRISMA_DIR = join(root, 'prisma');
export const MIGRATIONS_DIR = join(PRISMA_DIR, 'migrations');
export const SCHEMA_FILE = join(PRISMA_DIR, 'schema.prisma');
/** The schema as of the newest migration; `npm run db:migration:create` diffs against it. */
export const SNAPSHOT_FILE = join(PRISMA_DIR, 'last-migration.prisma');

const filters = { externalTables: [], externalEnums: [] };
const noLog = () => {};

async function engineFor(factory: SqlMigrationAwareDriverAdapterFactory, schema?: string): Promise<SchemaEngineType> {
  const { SchemaEngine } = await import('@prisma/schema-engine-wasm');
  const datamodels: [string, string][] | undefined = schema ? [['schema.prisma', schema]] : undefined;
  return SchemaEngine.new({ datamodels }, noLog, bindMigrationAwareSqlAdapterFactory(factory));
}

export function listMigrations(dir = MIGRATIONS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
}

/** Applies pending migrations; returns the names applied now (empty when up to date). */
export async function applyMigrations(
  factory: SqlMigrationAwareDriverAdapterFactory,
  dir = MIGRATIONS_DIR,
): Promise<string[]> {
  const engine = await engineFor(factory);
  try {
    const lockPath = join(dir, 'migration_lock.toml');
    const out = await engine.applyMigrations({
      migrationsList: {
        baseDir: dir,
        lockfile: {
          path: 'migration_lock.toml',
          content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
        },
        shadowDbInitScript: '',
        migrationDirectories: listMigrations(dir).map((name) => ({
          path: name,
          migrationFile: {
            path: 'migration.sql',
            content: { tag: 'ok', value: readFileSync(join(dir, name, 'migration.sql'), 'utf8') },
          },
        })),
      },
      filters,
    } as Parameters<typeof engine.applyMigrations>[0]);
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * The SQL that takes a database from schema `from` (null: empty) to schema `to`.
 * Needs no database; an empty string means the two describe the same database.
 */
export async function diffSchemas(
  factory: SqlMigrationAwareDriverAdapterFactory,
  from: string | null,
  to: string,
): Promise<string> {
  const engine = await engineFor(factory, to);
  try {
    const source = (content: string) => ({
      tag: 'schemaDatamodel' as const,
      files: [{ path: 'schema.prisma', content }],
    });
    const out = await engine.diff({
      from: from === null ? { tag: 'empty' } : source(from),
      to: source(to),
      script: true,
      exitCode: null,
      shadowDatabaseUrl: null,
      filters,
    } as Parameters<typeof engine.diff>[0]);
    return normaliseSql(out.stdout ?? '');
  } finally {
    engine.free();
  }
}

function normaliseSql(sql: string): string {
  const trimmed = sql.trim();
  return trimmed === '-- This is an empty migration.' ? '' : trimmed;
}

/**
 * Applies pending migrations, skipping the schema engine entirely when the database already has
 * every migration: the common case at start-up, and the one where several processes start at
 * once (they would otherwise queue on the engine's migration lock).
 */
export async function migrateIfNeeded(db: {
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  prisma: { $queryRawUnsafe<T>(sql: string): Promise<T> };
}): Promise<string[]> {
  const wanted = listMigrations();
  try {
    const [{ exists }] = await db.prisma.$queryRawUnsafe<{ exists: boolean }[]>(
      `SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS "exists"`,
    ) as [{ exists: boolean }];
    if (exists) {
      const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      );
      const applied = new Set(rows.map((r) => r.migration_name));
      if (wanted.every((m) => applied.has(m))) return [];
    }
  } catch {
    // Could not tell: let the engine decide.
  }
  return applyMigrations(db.adapterFactory);
}
