// Fresh, migrated databases for integration tests: a clone of the migrated template on the
// real PostgreSQL server, or an in-memory PGlite migrated the same way. Never a mock.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/infra/database.ts';
import { applyMigrations } from '../../src/infra/migrations.ts';
import { adminQuery, urlForDatabase } from './pg-admin.ts';

export const DB_KINDS = ['pglite', 'postgres'] as const;
export type DbKind = (typeof DB_KINDS)[number];

export interface TestDatabase extends Database {
  /** Closes and removes the database. */
  drop(): Promise<void>;
  url?: string;
}

export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://' });
    await applyMigrations(db.adapterFactory);
    return Object.assign(db, { drop: () => db.close() });
  }
  const name = await cloneTemplate('rapport_t');
  const url = urlForDatabase(name);
  const db = await openDatabase({ url, dataDir: 'unused' });
  return Object.assign(db, {
    url,
    drop: async () => {
      await db.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  });
}

/** A new PostgreSQL database cloned from the run's migrated template; returns its name. */
export async function cloneTemplate(prefix: string): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const template = inject('pgTemplate');
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return name;
    } catch (err) {
      // Two files cloning the template at the same moment: PostgreSQL refuses one; try again.
      if (attempt > 20 || !/being accessed by other users/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}
