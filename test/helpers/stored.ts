// What a chat turn stored, counted by table: a turn that was to add one task must leave every other
// table as it was (`expect(await counts()).toEqual(plus(before, { task: 1 }))`).

export const TABLES = ['contact', 'interaction', 'task', 'opportunity', 'ticket', 'survey', 'account'] as const;
export type Table = (typeof TABLES)[number];

type Counted = { [K in Table]: { count(): Promise<number> } };

/** The number of rows in each table, in the order of TABLES. */
export async function countRows(db: Counted): Promise<number[]> {
  const out: number[] = [];
  for (const table of TABLES) out.push(await db[table].count());
  return out;
}

/** Counts after a turn that was to add exactly `added` rows (by table). */
export function plus(before: number[], added: Partial<Record<Table, number>>): number[] {
  return TABLES.map((k, i) => before[i]! + (added[k] ?? 0));
}
