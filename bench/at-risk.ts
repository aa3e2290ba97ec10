// Benchmark of RiskService.listAtRisk for a manager's team on real PostgreSQL (not a test).
//
//   npx tsx bench/at-risk.ts                       # 100,000 accounts
//   npx tsx bench/at-risk.ts --accounts 10000,100000,1000000 [--runs 20] [--no-covering] [--keep]
//
// For each size it creates a database of its own (rapport_bench_risk_<random>, dropped at the end
// unless --keep), applies the migrations, generates a tenant in SQL (generate_series, INSERT …
// SELECT): N accounts, 20 interactions and 5 orders per account on average (random accounts,
// last two years), tickets, surveys and opportunities, and a manager with 4 reps owning 2,000
// accounts (the rest belong to 50 other reps). It then times
// listAtRisk(manager, { scope: 'team', limit: 50 }): 3 warm-up runs, then --runs timed runs.
// It then adds two covering indexes (not in the schema) to the same data and times again,
// checking that the answer is unchanged (--no-covering skips this). The 1-minute load average is
// recorded around each timing (the machine is shared). Results: a table on stdout and
// bench/results/at-risk.json.
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { RiskService } from '../src/domain/risk/index.ts';
import { fixedClock } from '../src/domain/shared/clock.ts';
import type { Actor } from '../src/domain/shared/actor.ts';
import { PrismaClient } from '../src/generated/prisma/client.ts';
import { applyMigrations } from '../src/infra/migrations.ts';
import { table, writeResult } from './lib.ts';

const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
// A name of its own, so two runs (or a colleague's) never share or drop each other's database.
const DB_NAME = `rapport_bench_risk_${randomBytes(4).toString('hex')}`;
const TEAM_ACCOUNTS = 2000;
const AS_OF = new Date('2026-11-23T12:00:00Z');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const sizes = (arg('accounts') ?? '100000').split(',').map((s) => Number(s.replace(/_/g, '')));
const runs = Number(arg('runs') ?? 20);
// On by default: each size is timed without, then with, the covering indexes.
const extraIndexes = !process.argv.includes('--no-covering');

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
    }, gen);
    await timed('vacuum analyze', () => q('VACUUM ANALYZE'), gen);
  } finally {
    await c.end();
  }
}

/** Covering indexes (timed unless --no-covering): the two busiest lateral scans (last 5 interactions, orders of
 * the last 180 days) then read only the index. Not in the schema: measured here to size the gain. */
const COVERING = [
  `CREATE INDEX "Interaction_tenantId_accountId_occurredAt_sentiment_idx" ON "Interaction" ("tenantId", "accountId", "occurredAt") INCLUDE (sentiment)`,
  `CREATE INDEX "Order_tenantId_accountId_orderedAt_amount_idx" ON "Order" ("tenantId", "accountId", "orderedAt") INCLUDE (amount)`,
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const load1 = () => Math.round(loadavg()[0]! * 100) / 100;

async function timeRuns(risk: RiskService, manager: Actor) {
  let last = await risk.listAtRisk(manager, { scope: 'team', limit: 50 });
  for (let i = 0; i < 2; i++) last = await risk.listAtRisk(manager, { scope: 'team', limit: 50 });
  const times: number[] = [];
  const loadBefore = load1();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await risk.listAtRisk(manager, { scope: 'team', limit: 50 });
    times.push(performance.now() - t);
  }
  return { times, last, load: [loadBefore, load1()] };
}

async function measure(n: number) {
  const gen: Record<string, number> = {};
  console.log(`\n${n.toLocaleString('en')} accounts: generating (database ${DB_NAME})`);
  const t0 = performance.now();
  await generate(n, gen);
  const genMs = Math.round(performance.now() - t0);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: urlFor(DB_NAME), max: 4 }) });
  try {
    const risk = new RiskService(prisma, fixedClock(AS_OF));
    const manager: Actor = { kind: 'user', tenantId: 't1', userId: 'mgr', role: 'manager', name: 'Manager', timezone: 'UTC', locale: 'en' };
    const plain = await timeRuns(risk, manager);
    const counts = await prisma.$queryRaw<{ interactions: number; orders: number; bytes: number }[]>`
      SELECT (SELECT count(*) FROM "Interaction")::int AS interactions, (SELECT count(*) FROM "Order")::int AS orders,
             pg_database_size(current_database())::float8 AS bytes`;
    const row = (label: string, r: Awaited<ReturnType<typeof timeRuns>>, bytes: number) => ({
      accounts: n, teamAccounts: TEAM_ACCOUNTS, interactions: counts[0]!.interactions, orders: counts[0]!.orders, indexes: label,
      runs, p50Ms: round(pct(r.times, 50)), p95Ms: round(pct(r.times, 95)), minMs: round(Math.min(...r.times)),
      returned: r.last.length, generationMs: genMs, generationSteps: gen, databaseMb: Math.round(bytes / 1048576), loadAverage: r.load,
    });
    const out = [row('schema', plain, counts[0]!.bytes)];
    console.log(`  listAtRisk p50 ${out[0]!.p50Ms} ms (load ${plain.load.join(' → ')})`);
    if (extraIndexes) {
      // Same data, same run: add the covering indexes, then time again; the answer must not change.
      const c = new pg.Client({ connectionString: urlFor(DB_NAME) });
      await c.connect();
      const t1 = performance.now();
      try {
        await c.query(`SET maintenance_work_mem = '512MB'`);
        for (const ddl of COVERING) await c.query(ddl);
        await c.query('ANALYZE "Interaction", "Order"');
      } finally {
        await c.end();
      }
      console.log(`  covering indexes built in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
      const covered = await timeRuns(risk, manager);
      if (JSON.stringify(covered.last) !== JSON.stringify(plain.last)) throw new Error('the covering indexes changed the answer');
      const size = await prisma.$queryRaw<{ bytes: number }[]>`SELECT pg_database_size(current_database())::float8 AS bytes`;
      out.push(row('schema + covering', covered, size[0]!.bytes));
      console.log(`  listAtRisk p50 ${out[1]!.p50Ms} ms with covering indexes (load ${covered.load.join(' → ')})`);
    }
    return out;
  } finally {
    await prisma.$disconnect();
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

const results = [];
try {
  for (const n of sizes) results.push(...(await measure(n)));
} finally {
  if (!process.argv.includes('--keep')) await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  else console.log(`\nkept database ${DB_NAME}`);
}

console.log(`\nlistAtRisk(manager, scope team, limit 50), team of 2,000 accounts, ${runs} timed runs (after 3 warm-ups)`);
table(results.map((r) => ({
  accounts: r.accounts, interactions: r.interactions, orders: r.orders, indexes: r.indexes,
  'generation s': r.generationMs / 1000, 'database MB': r.databaseMb, 'p50 ms': r.p50Ms, 'p95 ms': r.p95Ms, 'load avg': r.loadAverage.join('→'),
})));
writeResult('at-risk', { asOf: AS_OF, results });
