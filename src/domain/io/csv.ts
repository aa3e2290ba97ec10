// A small RFC 4180 CSV reader and writer: comma separated, fields quoted with " (doubled inside),
// quoted fields may hold commas, quotes and line breaks; CRLF or LF line ends; a UTF-8 BOM is
// ignored. Bytes are decoded as UTF-8 when valid, otherwise as GBK (files saved by Excel on a
// Chinese Windows).

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
    return { text: new TextDecoder('gbk').decode(data), encoding: 'gbk' };
  }
}

export class CsvSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const s = text.replace(/^\uFEFF/, '');
  const out: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === '')) out.push({ line: start, fields });
    fields = [];
  };
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false;
        i++;
        const n = s[i];
        if (n !== undefined && n !== ',' && n !== '\r' && n !== '\n') {
          throw new CsvSyntaxError(line, `unexpected character after a closing quote on line ${line}`);
        }
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted && field === '') { quoted = true; fieldStarted = true; i++; continue; }
    if (c === ',') { endField(); i++; continue; }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
      start = line;
      continue;
    }
    field += c;
    fieldStarted = true;
    i++;
  }
  if (quoted) throw new CsvSyntaxError(start, `a quoted field starting on line ${start} is never closed`);
  if (field !== '' || fields.length) endRecord();
  return out;
}

const needsQuotes = /[",\r\n]|^\s|\s$/;
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function writeCsv(header: readonly string[], rows: (string | number | null | undefined)[][], opts: { bom?: boolean } = {}): string {
  const lines = [header.map(csvField).join(','), ...rows.map((r) => r.map(csvField).join(','))];
  return (opts.bom === false ? '' : '\uFEFF') + lines.join('\r\n') + '\r\n';
}
