// `rapport parse`: the intent contract as JSON, one message or a JSONL stream.
import { createInterface } from 'node:readline';
import type { Config } from '../config.ts';
import { parse, type ParseResult } from '../intents/parser/index.ts';
import { isValidTimeZone } from '../domain/shared/time.ts';

interface ParseArgs {
  text: string;
  user?: string | undefined;
  now?: string | undefined;
  tz?: string | undefined;
  jsonl?: boolean | undefined;
}

type Resolver = (userId: string, result: ParseResult) => Promise<ParseResult>;

function parseNow(now: string | undefined): Date {
  if (!now) return new Date();
  const d = new Date(now);
  if (Number.isNaN(d.getTime())) throw new Error(`--now must be an ISO time, got "${now}"`);
  return d;
}

function checkTz(tz: string | undefined): string | undefined {
  if (!tz) return undefined;
  if (isValidTimeZone(tz)) return tz;
  throw new Error(`--tz must be an IANA time zone such as Asia/Shanghai, got "${tz}"`);
}

/** With --user, names are resolved against that user's CRM data (ids or candidates). */
async function makeResolver(config: Config): Promise<{ resolve: Resolver; close: () => Promise<void> }> {
  const { openDatabase } = await import('../infra/database.ts');
  const { migrateIfNeeded } = await import('../infra/migrations.ts');
  const { seedDemo, DEMO_TENANT_ID } = await import('../seed/demo.ts');
  const { ActorDirectory } = await import('../domain/identity/actor-directory.ts');
  const { ResolutionService } = await import('../domain/resolution/index.ts');
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.RAPPORT_DATA_DIR });
  await migrateIfNeeded(db);
  if (config.RAPPORT_SEED_DEMO ?? !config.DATABASE_URL) await seedDemo(db.prisma);
  const actors = new ActorDirectory(db.prisma);
  const resolution = new ResolutionService(db.prisma, { now: () => new Date() });
  const resolve: Resolver = async (userId, result) => {
    const actor = (await actors.byIdentity(DEMO_TENANT_ID, 'web', userId)) ?? null;
    if (!actor) throw new Error(`Unknown user "${userId}"`);
    const entities: Record<string, unknown> = { ...result.entities };
    for (const key of ['contact', 'account'] as const) {
      const text = result.entities[key];
      if (!text) continue;
      const r = await resolution.resolve(actor, text, { kind: key });
      if (r.status === 'found') entities[`${key}Id`] = r.match.id;
      else if (r.status === 'ambiguous') entities.candidates = r.candidates.map((c) => ({ kind: c.kind, id: c.id, name: c.name, distinguishing: c.distinguishing }));
    }
    return { ...result, entities } as ParseResult;
  };
  return { resolve, close: () => db.close() };
}

export async function runParse(config: Config, args: ParseArgs): Promise<number> {
  let resolverError = '';
  const resolver =
    args.user || args.jsonl
      ? await makeResolver(config).catch((err: unknown) => {
          resolverError = err instanceof Error ? err.message : String(err);
          return null;
        })
      : null;
  try {
    if (args.jsonl) {
      const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
      let line = 0;
      for await (const raw of rl) {
        line++;
        if (!raw.trim()) continue;
        try {
          const row = JSON.parse(raw) as { text?: unknown; userId?: unknown; now?: unknown; tz?: unknown };
          if (typeof row.text !== 'string') throw new Error('"text" must be a string');
          const tz = checkTz(typeof row.tz === 'string' ? row.tz : args.tz);
          let result = parse(row.text, { now: parseNow(typeof row.now === 'string' ? row.now : args.now), ...(tz ? { tz } : {}) });
          const userId = typeof row.userId === 'string' ? row.userId : args.user;
          if (userId && resolver) result = await resolver.resolve(userId, result);
          process.stdout.write(JSON.stringify(result) + '\n');
        } catch (err) {
          process.stdout.write(JSON.stringify({ error: `line ${line}: ${err instanceof Error ? err.message : String(err)}` }) + '\n');
        }
      }
      return 0;
    }
    if (!args.text.trim()) {
      process.stderr.write('usage: rapport parse "<text>" [--user <userId>] [--now <ISO time>] [--tz <IANA zone>]\n');
      return 2;
    }
    const tz = checkTz(args.tz);
    let result = parse(args.text, { now: parseNow(args.now), ...(tz ? { tz } : {}) });
    if (args.user) {
      if (!resolver) throw new Error(`could not open the database to resolve names for --user${resolverError ? `: ${resolverError.split('\n')[0]}` : ''}`);
      result = await resolver.resolve(args.user, result);
    }
    process.stdout.write(JSON.stringify(result) + '\n');
    return 0;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  } finally {
    await resolver?.close();
  }
}
