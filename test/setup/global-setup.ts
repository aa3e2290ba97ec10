// Builds one PostgreSQL template database from the migrations per run; each test file then
// clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds instead of a migration run.
import { PrismaPg } from '@prisma/adapter-pg';
import { applyMigrations } from '../../src/infra/migrations.ts';
import { adminQuery, urlForDatabase } from '../helpers/pg-admin.ts';

export default async function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  const template = `rapport_tpl_${process.pid}`;
  await adminQuery(`DROP DATABASE IF EXISTS ${template}`);
  await adminQuery(`CREATE DATABASE ${template}`);
  const factory = new PrismaPg({ connectionString: urlForDatabase(template), max: 2 });
  await applyMigrations(factory);
  provide('pgTemplate', template);
  return async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}
