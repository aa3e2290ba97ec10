import type { Config } from '../config.ts';
import { openDatabase } from '../infra/database.ts';
import { applyMigrations, listMigrations, migrateIfNeeded } from '../infra/migrations.ts';
import { seedDemo } from '../seed/demo.ts';

export async function runMigrate(config: Config): Promise<number> {
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.RAPPORT_DATA_DIR });
  try {
    const applied = await applyMigrations(db.adapterFactory);
    const total = listMigrations().length;
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : `Database is up to date (${total} migration(s)).`);
    return 0;
  } finally {
    await db.close();
  }
}

export async function runSeed(config: Config): Promise<number> {
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.RAPPORT_DATA_DIR });
  try {
    await migrateIfNeeded(db);
    console.log((await seedDemo(db.prisma)) ? 'Seeded the demo tenant.' : 'The demo tenant already exists; nothing to do.');
    return 0;
  } finally {
    await db.close();
  }
}
