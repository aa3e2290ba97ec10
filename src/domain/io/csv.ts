// CSV through maintained libraries: csv-parse reads RFC 4180 (fields quoted with ", doubled
// inside; quoted fields may hold commas, quotes and line breaks; CRLF, LF or CR line ends, mixed
// too; a UTF-8 BOM ignored; rows may differ in length, the import reports that by column),
// csv-stringify writes it (CRLF, a BOM for Excel unless asked not to), and iconv-lite decodes GBK:
// bytes are read as UTF-8 when valid, otherwise as GBK (files saved by Excel on a Chinese Windows).
// What this module adds: each record's first line, so the import report names the row.
// Formula-injection neutralising is not here but on the export and import paths (formula.ts).
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';

export interface CsvRecord {
  /** Line number where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

export function decodeCsvBytes(data: Uint8Array | string): { text: string; encoding: 'utf-8' | 'gbk' } {
  if (typeof data === 'string') return { text: data.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(data.buffer, data.byteOffset, data.byteLength), 'gbk'), encoding: 'gbk' };
  }
}

export class CsvSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

const READ = {
  bom: true,
  relax_column_count: true,
  skip_empty_lines: true,
  record_delimiter: ['\r\n', '\n', '\r'],
} as const;

const lineBreaks = (fields: string[]) => fields.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
const crlfs = (fields: string[]) => fields.reduce((n, f) => n + (f.match(/\r\n/g)?.length ?? 0), 0);

export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  // csv-parse's line count is where a record ends, and counts a CRLF inside quotes as two lines.
  let doubled = 0;
  let lastEnd = 0;
  let lastEmpty = 0;
  try {
    parse(text, {
      ...READ,
      record_delimiter: [...READ.record_delimiter],
      on_record: (fields: string[], info) => {
        doubled += crlfs(fields);
        const end = info.lines - doubled;
        out.push({ line: end - lineBreaks(fields), fields });
        lastEnd = end;
        lastEmpty = info.empty_lines;
        return null;
      },
    });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const info = e as CsvError & { lines?: number; empty_lines?: number };
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      const start = lastEnd + 1 + Math.max(0, (info.empty_lines ?? lastEmpty) - lastEmpty);
      throw new CsvSyntaxError(start, `a quoted field starting on line ${start} is never closed`);
    }
    const line = Math.max(1, (info.lines ?? 1) - doubled);
    if (e.code === 'CSV_INVALID_CLOSING_QUOTE') throw new CsvSyntaxError(line, `unexpected character after a closing quote on line ${line}`);
    throw new CsvSyntaxError(line, `${e.message.replace(/ at line \d+/, '')} on line ${line}`);
  }
  return out;
}

export function writeCsv(header: readonly string[], rows: (string | number | null | undefined)[][], opts: { bom?: boolean } = {}): string {
  return stringify([[...header], ...rows], {
    bom: opts.bom !== false,
    record_delimiter: '\r\n',
    // csv-stringify quotes a field holding the delimiter, a quote or the record delimiter (CRLF);
    // a lone CR or LF is quoted too, and leading or trailing blanks, so that no reader trims them.
    quoted_match: /[\r\n]|^\s|\s$/,
  });
}
