// CSV formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with =, +,
// -, @, a tab or a carriage return as a formula — `=HYPERLINK(…)` leaks data, `=cmd|…` may run a
// program — and any rep can put such text in a name or title for a manager's export to carry.
// Export prefixes those cells with a single quote, which spreadsheets show as text. To keep the
// round trip exact, a value that already starts with quotes before such a character gets one more,
// and import removes exactly one quote from a cell that looks like that. Numbers (-5.00,
// +8613800138000) are no formulas and are left alone. This lives on the export and import paths,
// not in the CSV writer, so it holds whatever writes the bytes.

const TRIGGER = /^'*[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Whether a spreadsheet would run this cell (or it is the escaped form of one). */
export function isFormulaLike(value: string): boolean {
  return TRIGGER.test(value) && !NUMBER.test(value);
}

/** The cell as export writes it. */
export function neutraliseCell<T extends string | number | null | undefined>(value: T): T | string {
  return typeof value === 'string' && isFormulaLike(value) ? `'${value}` : value;
}

/** A cell read on import: the quote export added is removed; `restored` says whether one was. */
export function restoreCell(value: string): { value: string; restored: boolean } {
  if (value.startsWith("'") && isFormulaLike(value.slice(1))) return { value: value.slice(1), restored: true };
  return { value, restored: false };
}
