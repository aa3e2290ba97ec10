// Mapping database errors, in one place. Prisma reports a unique-constraint violation as P2002; a
// raw statement ($executeRaw, driver adapters) reports PostgreSQL's SQLSTATE 23505 in meta or message.

/** Whether `err` is a unique-constraint violation (a row with that key exists already). */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; meta?: { code?: unknown } | null; message?: unknown };
  if (e.code === 'P2002' || e.meta?.code === '23505') return true;
  return typeof e.message === 'string' && /unique constraint|\b23505\b|duplicate key value/i.test(e.message);
}
