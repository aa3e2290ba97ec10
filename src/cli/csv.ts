// `rapport import <accounts|contacts|orders> <file.csv>` and `rapport export <kind> [file]`,
// acting as a user of the local tenant (managers and admins may import).
import { readFileSync, writeFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import { openDatabase } from '../infra/database.ts';
import { migrateIfNeeded } from '../infra/migrations.ts';
import { ActorDirectory } from '../domain/identity/actor-directory.ts';
import { ImportExportService, CSV_COLUMNS } from '../domain/io/index.ts';
import { DomainError } from '../domain/shared/errors.ts';
import { DEMO_TENANT_ID, seedDemo } from '../seed/demo.ts';

type Kind = keyof typeof CSV_COLUMNS;
const KINDS = Object.keys(CSV_COLUMNS) as Kind[];

async function withActor<T>(config: Config, userId: string, tenantId: string, fn: (io: ImportExportService, actor: NonNullable<Awaited<ReturnType<ActorDirectory['user']>>>) => Promise<T>): Promise<T> {
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.RAPPORT_DATA_DIR });
  try {
    await migrateIfNeeded(db);
    if (config.RAPPORT_SEED_DEMO ?? !config.DATABASE_URL) await seedDemo(db.prisma);
    const actor = await new ActorDirectory(db.prisma).user(tenantId, userId);
    if (!actor) throw new Error(`No user "${userId}" in tenant "${tenantId}".`);
    return await fn(new ImportExportService(db.prisma, { now: () => new Date() }), actor);
  } finally {
    await db.close();
  }
}

export async function runImport(config: Config, args: { kind?: string; file?: string; user: string; tenant: string; skipInvalid: boolean }): Promise<number> {
  if (!args.kind || !KINDS.includes(args.kind as Kind) || !args.file) {
    process.stderr.write(`usage: rapport import <${KINDS.join('|')}> <file.csv> [--user ID] [--tenant ID] [--skip-invalid]\n`);
    return 2;
  }
  const bytes = readFileSync(args.file);
  try {
    const report = await withActor(config, args.user, args.tenant, (io, actor) =>
      io.importCsv(actor, args.kind as Kind, bytes, {
        skipInvalid: args.skipInvalid,
        onProgress: (done, total) => {
          if (process.stderr.isTTY) process.stderr.write(`\rimporting ${done}/${total} rows (${Math.round((done / Math.max(total, 1)) * 100)}%)`);
        },
      }),
    );
    if (process.stderr.isTTY) process.stderr.write('\n');
    for (const e of report.errors) process.stdout.write(`row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.en}\n`);
    for (const w of report.warnings) process.stdout.write(`note (from row ${w.row}${w.column ? `, column ${w.column}` : ''}): ${w.en}\n`);
    process.stdout.write(
      report.imported
        ? `Imported ${report.total} ${args.kind} rows (${report.encoding}): ${report.created} created, ${report.updated} updated, ${report.skipped} skipped.\n`
        : `Nothing imported: ${report.errors.length} problem(s) in ${report.total} rows. Fix them, or pass --skip-invalid to import the valid rows.\n`,
    );
    return report.imported ? 0 : 1;
  } catch (err) {
    process.stderr.write(`${err instanceof DomainError ? err.userMessage('en') : err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

export async function runExport(config: Config, args: { kind?: string; file?: string; user: string; tenant: string }): Promise<number> {
  if (!args.kind || !KINDS.includes(args.kind as Kind)) {
    process.stderr.write(`usage: rapport export <${KINDS.join('|')}> [file.csv] [--user ID] [--tenant ID]\n`);
    return 2;
  }
  try {
    const csv = await withActor(config, args.user, args.tenant, (io, actor) => io.exportCsv(actor, args.kind as Kind, { bom: true }));
    if (args.file) writeFileSync(args.file, csv);
    else process.stdout.write(csv);
    return 0;
  } catch (err) {
    process.stderr.write(`${err instanceof DomainError ? err.userMessage('en') : err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

export { DEMO_TENANT_ID };
