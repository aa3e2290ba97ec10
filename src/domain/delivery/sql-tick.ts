// One SQL statement for the hot-path work of concurrently running jobs. Reminder jobs each need
// a read (load the task) and, later, a write (the web inbox row + marking the task reminded); with
// worker concurrency N, the reads and writes of many jobs are pending at the same moment. A
// SqlTick collects what every registered part has pending and sends it as ONE statement — the
// writes as top-level data-modifying CTEs, the reads as SELECT CTEs — so a steady stream of jobs
// costs one round trip, one parse/plan and one commit per tick instead of one per job (or one per
// kind of work).
//
// Pacing: items pushed in the same tick leave together on the next one; while `maxInFlight`
// statements run, new items wait and leave with the next statement, so batches grow with the load
// rather than the number of statements. A lone item at low load still leaves at once.
//
// Semantics: every CTE of a statement sees the same snapshot, taken before any of its writes; a
// read never depends on a write of the same statement (a job reads before it writes). When the
// combined statement fails, each part runs again alone (and may then isolate its own items).
import type { SqlQueryable } from '@prisma/driver-adapter-utils';
import { Prisma, type PrismaClient } from '../shared/db.ts';

/** One kind of work that can share the statement. */
export interface TickPart<I> {
  /** Short name, used in CTE names (letters and digits). */
  readonly name: string;
  /** Items this statement may take: the rest go back to the queue (e.g. a second write of one key). */
  select?(items: I[]): { now: I[]; later: I[] };
  /** The part's CTEs for `items`, named with `cte(local)`; `result` is the CTE whose rows answer them. */
  build(items: I[], cte: (local: string) => string): { ctes: Prisma.Sql[]; result: string };
  /** Answers the items from the result rows (JSON-decoded: timestamps are ISO strings without a zone). */
  answer(items: I[], rows: Record<string, unknown>[]): void;
  /** The statement (alone or combined) failed for these items. */
  fail(items: I[], err: unknown): Promise<void> | void;
}

export interface SqlTickOptions {
  /** Statements running at once. @defaultValue 4 */
  maxInFlight?: number;
  /** Items per part per statement at most. @defaultValue 500 */
  maxBatch?: number;
  /**
   * A connection of the same database through Prisma's driver adapter (what
   * `adapterFactory.connect()` returns, PostgreSQL or PGlite). When given, the statement goes
   * straight to it instead of through Prisma Client's query engine: the statement is plain SQL
   * with plain parameters either way, and the engine's per-query work (request serialisation,
   * query plan interpretation, result mapping) was about a fifth of a reminder worker's CPU.
   */
  raw?: SqlQueryable;
}

interface Queue {
  part: TickPart<unknown>;
  items: unknown[];
}

export class SqlTick {
  private readonly queues = new Map<TickPart<unknown>, Queue>();
  private inFlight = 0;
  private scheduled = false;
  private readonly maxInFlight: number;
  private readonly maxBatch: number;
  private readonly raw: SqlQueryable | undefined;

  constructor(
    private readonly db: PrismaClient,
    opts: SqlTickOptions = {},
  ) {
    this.maxInFlight = Math.max(1, opts.maxInFlight ?? 4);
    this.maxBatch = Math.max(1, opts.maxBatch ?? 500);
    this.raw = opts.raw;
  }

  push<I>(part: TickPart<I>, item: I): void {
    let q = this.queues.get(part as TickPart<unknown>);
    if (!q) {
      q = { part: part as TickPart<unknown>, items: [] };
      this.queues.set(part as TickPart<unknown>, q);
    }
    q.items.push(item);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight) return;
    let pending = false;
    for (const q of this.queues.values()) if (q.items.length) pending = true;
    if (!pending) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight) {
      const batch: { part: TickPart<unknown>; items: unknown[] }[] = [];
      for (const q of this.queues.values()) {
        if (!q.items.length) continue;
        let items = q.items.length <= this.maxBatch ? q.items : q.items.slice(0, this.maxBatch);
        q.items = items === q.items ? [] : q.items.slice(this.maxBatch);
        if (q.part.select) {
          const { now, later } = q.part.select(items);
          if (later.length) q.items.unshift(...later);
          items = now;
        }
        if (items.length) batch.push({ part: q.part, items });
      }
      if (!batch.length) return;
      this.inFlight++;
      void this.run(batch)
        .catch(() => undefined)
        .finally(() => {
          this.inFlight--;
          this.schedule();
        });
    }
  }

  private async run(batch: { part: TickPart<unknown>; items: unknown[] }[]): Promise<void> {
    let results: Record<string, unknown>[][];
    try {
      results = await this.statement(batch);
    } catch (err) {
      if (batch.length === 1) return void (await batch[0]!.part.fail(batch[0]!.items, err));
      // Combined statement failed (and wrote nothing): each part again on its own, so one
      // cannot fail the other.
      for (const b of batch) {
        let rows: Record<string, unknown>[];
        try {
          [rows] = (await this.statement([b])) as [Record<string, unknown>[]];
        } catch (e) {
          await b.part.fail(b.items, e);
          continue;
        }
        b.part.answer(b.items, rows);
      }
      return;
    }
    batch.forEach((b, i) => b.part.answer(b.items, results[i]!));
  }

  /** Runs the parts' CTEs as one statement; one JSON array of result rows per part. */
  async statement(batch: { part: TickPart<unknown>; items: unknown[] }[]): Promise<Record<string, unknown>[][]> {
    const ctes: Prisma.Sql[] = [];
    const outs: Prisma.Sql[] = [];
    batch.forEach((b, i) => {
      const built = b.part.build(b.items, (local) => `p${i}_${b.part.name}_${local}`);
      ctes.push(...built.ctes);
      outs.push(Prisma.sql`(SELECT coalesce(json_agg(r), '[]'::json) FROM ${Prisma.raw(`"${built.result}"`)} r)::text AS ${Prisma.raw(`r${i}`)}`);
    });
    const sql = Prisma.sql`WITH ${Prisma.join(ctes)} SELECT ${Prisma.join(outs)}`;
    let texts: string[];
    if (this.raw) {
      const res = await this.raw.queryRaw({
        sql: sql.text,
        args: sql.values,
        argTypes: sql.values.map((v) => ({ scalarType: 'unknown', arity: Array.isArray(v) ? 'list' : 'scalar' })),
      });
      texts = res.rows[0] as string[];
    } else {
      const [row] = await this.db.$queryRaw<Record<string, string>[]>(sql);
      texts = batch.map((_, i) => row![`r${i}`]!);
    }
    return texts.map((t) => JSON.parse(t) as Record<string, unknown>[]);
  }
}

/** A CTE `"name" AS (body)`. */
export function cte(name: string, body: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(`"${name}"`)} AS (${body})`;
}

/** A CTE name as an identifier in SQL. */
export function ident(name: string): Prisma.Sql {
  return Prisma.raw(`"${name}"`);
}

/** A timestamp(3) (UTC wall clock) from json_agg, e.g. "2026-11-26T01:52:00.123", as an instant. */
export function jsonTimestamp(v: unknown): Date {
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
}
