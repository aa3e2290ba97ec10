// Benchmark of RiskService.listAtRisk for a manager's team on real PostgreSQL (not a test).
//
//   npx tsx bench/at-risk.ts                       # 100,000 accounts
//   npx tsx bench/at-risk.ts --accounts 10000,100000,1000000 [--runs 20] [--keep]
//
// For each size it recreates the database rapport_bench, applies the migrations, generates a
// tenant in SQL (generate_series, INSERT … SELECT): N accounts, 20 interactions and 5 orders per
// account on average (random accounts, last two years), tickets, surveys and opportunities, and a
// manager with 4 reps owning 2,000 accounts (the rest belong to 50 other reps). It then times
// listAtRisk(manager, { scope: 'team', limit: 50 }): 3 warm-up runs, then --runs timed runs.
// Results: a table on stdout and bench/results/at-risk.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { RiskService } from '../src/domain/risk/index.ts';
import { fixedClock } from '../src/domain/shared/clock.ts';
import type { Actor } from '../src/domain/shared/actor.ts';
import { PrismaClient } from '../src/generated/prisma/client.ts';
import { applyMigrations } from '../src/infra/migrations.ts';

const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'rapport_bench';
const TEAM_ACCOUNTS = 2000;
const AS_OF = new Date('2026-11-23T12:00:00Z');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const sizes = (arg('accounts') ?? '100000').split(',').map((s) => Number(s.replace(/_/g, '')));
const runs = Number(arg('runs') ?? 20);
const extraIndexes = process.argv.includes('--covering');

function urlFor(db: string): string {
  const u = new URL(BASE_URL);
  u.pathname = `/${db}`;
  return u.toString();
}

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: BASE_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function timed<T>(label: string, f: () => Promise<T>, log: Record<string, number>): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  const ms = performance.now() - t0;
  log[label] = Math.round(ms);
  console.log(`  ${label.padEnd(28)} ${(ms / 1000).toFixed(1).padStart(7)} s`);
  return r;
}

async function generate(n: number, gen: Record<string, number>): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB_NAME}`);
  await timed('migrate', () => applyMigrations(new PrismaPg({ connectionString: urlFor(DB_NAME), max: 2 })), gen);
  const c = new pg.Client({ connectionString: urlFor(DB_NAME) });
  await c.connect();
  const q = (sql: string) => c.query(sql);
  try {
    await q(`SET synchronous_commit = off`);
    // Skip foreign-key triggers during the bulk load: the generator only references rows it created.
    await q(`SET session_replication_role = replica`);
    await q(`SET maintenance_work_mem = '512MB'`);
    await q(`SET work_mem = '64MB'`);
    await q(`INSERT INTO "Tenant" (id, kind, name) VALUES ('t1', 'local', 'Bench')`);
    await q(`INSERT INTO "User" (id, "tenantId", name, role) VALUES ('mgr', 't1', 'Manager', 'manager')`);
    await q(`INSERT INTO "User" (id, "tenantId", name, role, "managerId")
             SELECT 'rep' || g, 't1', 'Rep ' || g, 'rep', 'mgr' FROM generate_series(1, 4) g`);
    await q(`INSERT INTO "User" (id, "tenantId", name, role)
             SELECT 'o' || g, 't1', 'Other ' || g, 'rep' FROM generate_series(0, 49) g`);
    const start = `timestamp '2026-11-23 12:00:00'`;
    // Indexes are built after the bulk load (much faster than maintaining them row by row).
    const idx = await c.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
         AND tablename IN ('Account', 'Interaction', 'Order', 'Ticket', 'Survey', 'SurveyResponse', 'Opportunity')
         AND indexname NOT LIKE '%_pkey'`,
    );
    for (const r of idx.rows) await q(`DROP INDEX "${r.indexname}"`);
    await timed('accounts', () => q(`
      INSERT INTO "Account" (id, "tenantId", name, tier, "lifecycleStage", "ownerId", "createdAt", "updatedAt")
      SELECT 'a' || g, 't1', 'Account ' || g,
             (ARRAY['A','B','C','C','C'])[1 + g % 5]::"ValueTier", 'customer',
             CASE WHEN g <= ${TEAM_ACCOUNTS} THEN 'rep' || (1 + g % 4) ELSE 'o' || (g % 50) END,
             ${start} - interval '800 days', ${start}
      FROM generate_series(1, ${n}) g`), gen);
    await timed('contacts', () => q(`
      INSERT INTO "Contact" (id, "tenantId", "accountId", name, "updatedAt")
      SELECT 'c' || g, 't1', 'a' || g, 'Contact ' || g, ${start} FROM generate_series(1, ${n}) g`), gen);
    await timed(`interactions (${n * 20})`, () => q(`
      INSERT INTO "Interaction" (id, "tenantId", "accountId", type, "occurredAt", sentiment)
      SELECT 'i' || g, 't1', 'a' || (1 + floor(random() * ${n}))::int,
             (ARRAY['visit','call','meeting','email','message','note'])[1 + g % 6]::"InteractionType",
             ${start} - random() * interval '730 days',
             CASE WHEN g % 3 = 0 THEN round((random() * 2 - 1)::numeric, 2)::float8 END
      FROM generate_series(1, ${n * 20}) g`), gen);
    await timed(`orders (${n * 5})`, () => q(`
      INSERT INTO "Order" (id, "tenantId", "accountId", "orderedAt", amount)
      SELECT 'o' || g, 't1', 'a' || (1 + floor(random() * ${n}))::int,
             ${start} - random() * interval '730 days', round((random() * 2000)::numeric, 2)
      FROM generate_series(1, ${n * 5}) g`), gen);
    await timed('tickets, surveys, deals', async () => {
      await q(`
        INSERT INTO "Ticket" (id, "tenantId", "accountId", subject, status, "openedAt", "firstResponseDueAt", "firstRespondedAt", "updatedAt")
        SELECT 'tk' || g, 't1', 'a' || (1 + floor(random() * ${n}))::int, 'Issue',
               (ARRAY['open','in_progress','resolved','closed'])[1 + g % 4]::"TicketStatus", x.opened, x.opened + interval '24 hours',
               CASE WHEN g % 3 = 0 THEN NULL ELSE x.opened + random() * interval '40 hours' END, ${start}
        FROM generate_series(1, ${Math.ceil(n * 0.3)}) g, LATERAL (SELECT ${start} - random() * interval '365 days' + (g * 0) * interval '1 day' AS opened) x`);
      await q(`
        INSERT INTO "Survey" (id, "tenantId", kind, "contactId", "accountId", status, "scheduledAt", "createdAt")
        SELECT 's' || g, 't1', (CASE WHEN g % 2 = 0 THEN 'csat' ELSE 'nps' END)::"SurveyKind", 'c' || a, 'a' || a, 'answered', x.at, x.at
        FROM generate_series(1, ${Math.ceil(n * 0.5)}) g,
             LATERAL (SELECT (1 + floor(random() * ${n}))::int + g * 0 AS a, ${start} - random() * interval '365 days' + (g * 0) * interval '1 day' AS at) x`);
      await q(`
        INSERT INTO "SurveyResponse" (id, "tenantId", "surveyId", score, "respondedAt")
        SELECT 'r' || s.id, 't1', s.id, CASE WHEN s.kind = 'csat' THEN 1 + floor(random() * 5) ELSE floor(random() * 11) END,
               s."createdAt" + interval '1 day'
        FROM "Survey" s`);
      await q(`
        INSERT INTO "Opportunity" (id, "tenantId", "accountId", name, stage, amount, currency, "expectedCloseAt", "stageChangedAt", "updatedAt")
        SELECT 'op' || g, 't1', 'a' || (1 + floor(random() * ${n}))::int, 'Deal ' || g,
               (ARRAY['qualification','needs_analysis','proposal','negotiation','closed_won','closed_lost'])[1 + g % 6]::"OpportunityStage",
               round((random() * 50000)::numeric, 2), CASE WHEN g % 4 = 0 THEN 'CNY' ELSE 'USD' END,
               ${start} + (random() * 120 - 30) * interval '1 day' + (g * 0) * interval '1 day',
               ${start} - random() * interval '90 days' + (g * 0) * interval '1 day', ${start}
        FROM generate_series(1, ${Math.ceil(n * 0.5)}) g`);
    }, gen);
    await timed('indexes', async () => {
      for (const r of idx.rows) await q(r.indexdef);
      if (extraIndexes) for (const ddl of COVERING) await q(ddl);
    }, gen);
    await timed('vacuum analyze', () => q('VACUUM ANALYZE'), gen);
  } finally {
    await c.end();
  }
}

/** Optional covering indexes (--covering): the lateral scans then never visit the heap. */
const COVERING = [
  `CREATE INDEX "Interaction_tenantId_accountId_occurredAt_sentiment_idx" ON "Interaction" ("tenantId", "accountId", "occurredAt") INCLUDE (sentiment)`,
  `CREATE INDEX "Order_tenantId_accountId_orderedAt_amount_idx" ON "Order" ("tenantId", "accountId", "orderedAt") INCLUDE (amount)`,
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function measure(n: number) {
  const gen: Record<string, number> = {};
  console.log(`\n${n.toLocaleString('en')} accounts: generating`);
  const t0 = performance.now();
  await generate(n, gen);
  const genMs = Math.round(performance.now() - t0);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: urlFor(DB_NAME), max: 4 }) });
  try {
    const risk = new RiskService(prisma, fixedClock(AS_OF));
    const manager: Actor = { kind: 'user', tenantId: 't1', userId: 'mgr', role: 'manager', name: 'Manager', timezone: 'UTC', locale: 'en' };
    let last = await risk.listAtRisk(manager, { scope: 'team', limit: 50 });
    for (let i = 0; i < 2; i++) last = await risk.listAtRisk(manager, { scope: 'team', limit: 50 });
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      last = await risk.listAtRisk(manager, { scope: 'team', limit: 50 });
      times.push(performance.now() - t);
    }
    const counts = await prisma.$queryRaw<{ interactions: number; orders: number }[]>`
      SELECT (SELECT count(*) FROM "Interaction")::int AS interactions, (SELECT count(*) FROM "Order")::int AS orders`;
    return {
      accounts: n, teamAccounts: TEAM_ACCOUNTS, interactions: counts[0]!.interactions, orders: counts[0]!.orders,
      runs, p50Ms: round(pct(times, 50)), p95Ms: round(pct(times, 95)), minMs: round(Math.min(...times)),
      returned: last.length, generationMs: genMs, generationSteps: gen, coveringIndexes: extraIndexes,
    };
  } finally {
    await prisma.$disconnect();
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

const results = [];
for (const n of sizes) results.push(await measure(n));
if (!process.argv.includes('--keep')) await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);

console.log('\nlistAtRisk(manager, scope team, limit 50), team of 2,000 accounts');
console.log('| accounts  | interactions | orders    | generation | p50 ms | p95 ms |');
console.log('|-----------|--------------|-----------|------------|--------|--------|');
for (const r of results) {
  console.log(`| ${r.accounts.toLocaleString('en').padStart(9)} | ${r.interactions.toLocaleString('en').padStart(12)} | ${r.orders.toLocaleString('en').padStart(9)} | ${(r.generationMs / 1000).toFixed(1).padStart(8)} s | ${String(r.p50Ms).padStart(6)} | ${String(r.p95Ms).padStart(6)} |`);
}
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'at-risk.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), asOf: AS_OF, results }, null, 2) + '\n');
console.log(`\nwrote ${out}`);
