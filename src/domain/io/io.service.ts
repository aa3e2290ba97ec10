// CSV import and export of accounts, contacts and orders. Import validates the whole file first
// and, when any row is rejected, writes nothing (unless skipInvalid), then upserts on externalId in
// chunks of set-based SQL inside one transaction. Export writes the same columns, so a file
// exported here imports back unchanged.
import { randomUUID } from 'node:crypto';
import type { AnyActor } from '../shared/access.ts';
import { accountScope, requireStaff } from '../shared/access.ts';
import { audit } from '../shared/audit.ts';
import { AUDIT } from '../audit/actions.ts';
import type { Clock } from '../shared/clock.ts';
import type { Db, PrismaClient } from '../shared/db.ts';
import { ForbiddenError, ValidationError } from '../shared/errors.ts';
import { CsvSyntaxError, decodeCsvBytes, parseCsv, writeCsv as writeRawCsv } from './csv.ts';
import { isFormulaLike, neutraliseCell, restoreCell } from './formula.ts';
import { isValidTimeZone } from '../shared/time.ts';

/** Every exported cell goes through the formula-injection guard (formula.ts). */
const writeCsv = (header: readonly string[], rows: (string | number | null | undefined)[][], opts: { bom?: boolean }) =>
  writeRawCsv(header, rows.map((r) => r.map(neutraliseCell)), opts);

export type ImportKind = 'accounts' | 'contacts' | 'orders';

/**
 * Columns per file, in export order. Required columns must be present in the header and filled.
 *
 * accounts: external_id*, name*, industry, region (ISO 3166, e.g. CN), tier (A|B|C; new: C),
 *           lifecycle_stage (lead|prospect|customer|loyal|at_risk|churned; new: lead),
 *           owner_email (an existing user; new accounts default to the importing user), aliases (separated by |)
 * contacts: external_id*, name*, account_external_id (an existing account), title,
 *           decision_role (decision_maker|influencer|user|gatekeeper|champion), email, phone,
 *           birthday (YYYY-MM-DD), timezone (IANA, e.g. Asia/Shanghai), locale (en|zh),
 *           region, preferred_channel (web|slack|teams|email)
 * orders:   external_id*, account_external_id* (an existing account), ordered_at* (YYYY-MM-DD or
 *           ISO 8601 date-time, UTC when no offset), amount* (e.g. 1234.50), currency (ISO 4217; USD)
 *
 * On update, an empty optional cell leaves the stored value as it is.
 */
export const CSV_COLUMNS = {
  accounts: ['external_id', 'name', 'industry', 'region', 'tier', 'lifecycle_stage', 'owner_email', 'aliases'],
  contacts: ['external_id', 'name', 'account_external_id', 'title', 'decision_role', 'email', 'phone', 'birthday', 'timezone', 'locale', 'region', 'preferred_channel'],
  orders: ['external_id', 'account_external_id', 'ordered_at', 'amount', 'currency'],
} as const satisfies Record<ImportKind, readonly string[]>;

export const REQUIRED_COLUMNS: Record<ImportKind, readonly string[]> = {
  accounts: ['external_id', 'name'],
  contacts: ['external_id', 'name'],
  orders: ['external_id', 'account_external_id', 'ordered_at', 'amount'],
};

export interface RowError {
  /** Spreadsheet row: the header is row 1. */
  row: number;
  column: string | null;
  value?: string;
  en: string;
  zh: string;
}

export interface ImportReport {
  kind: ImportKind;
  encoding: 'utf-8' | 'gbk';
  /** Data rows in the file. */
  total: number;
  /** False when rejected rows stopped the import (nothing was written). */
  imported: boolean;
  created: number;
  updated: number;
  /** Rejected rows left out under skipInvalid. */
  skipped: number;
  errors: RowError[];
  /**
   * Imported as written, but worth knowing: cells that start like a spreadsheet formula (they are
   * exported with a leading ' so a spreadsheet shows them as text), and cells whose leading '
   * from Rapport's own export was removed. One per column, on the first row it concerns.
   */
  warnings: RowError[];
}

export interface ImportOptions {
  /** Import the valid rows and report the rest. @defaultValue false (all or nothing) */
  skipInvalid?: boolean;
  /** Called after each written chunk with rows done so far and the rows to write. */
  onProgress?: (done: number, total: number) => void;
  /** @defaultValue 1000 */
  chunkSize?: number;
}

const ENUMS = {
  tier: ['A', 'B', 'C'],
  lifecycle_stage: ['lead', 'prospect', 'customer', 'loyal', 'at_risk', 'churned'],
  decision_role: ['decision_maker', 'influencer', 'user', 'gatekeeper', 'champion'],
  preferred_channel: ['web', 'slack', 'teams', 'email'],
  locale: ['en', 'zh'],
} as const;
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

type Row = Record<string, string>;
type Clean = Record<string, string | number | null>;

export class ImportExportService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
  ) {}

  async importCsv(actor: AnyActor, kind: ImportKind, data: Uint8Array | string, opts: ImportOptions = {}): Promise<ImportReport> {
    this.requireImporter(actor);
    if (!(kind in CSV_COLUMNS)) throw new ValidationError('kind', `Unknown import ${kind}.`, `未知的导入类型 ${kind}。`);
    const { text, encoding } = decodeCsvBytes(data);
    const report: ImportReport = { kind, encoding, total: 0, imported: false, created: 0, updated: 0, skipped: 0, errors: [], warnings: [] };
    let records;
    try {
      records = parseCsv(text);
    } catch (e) {
      if (!(e instanceof CsvSyntaxError)) throw e;
      report.errors.push({ row: e.line, column: null, en: `The file is not valid CSV: ${e.message}.`, zh: `文件不是有效的 CSV：第 ${e.line} 行的引号未正确闭合。` });
      return report;
    }
    const [head, ...body] = records;
    report.total = body.length;
    if (!head) {
      report.errors.push({ row: 1, column: null, en: 'The file is empty.', zh: '文件为空。' });
      return report;
    }
    const header = head.fields.map((h) => h.trim().toLowerCase());
    const known = CSV_COLUMNS[kind] as readonly string[];
    for (const h of header) {
      if (!known.includes(h)) report.errors.push({ row: 1, column: h, en: `Unknown column "${h}"; expected ${known.join(', ')}.`, zh: `未知的列"${h}"；应为 ${known.join(', ')}。` });
    }
    for (const r of REQUIRED_COLUMNS[kind]) {
      if (!header.includes(r)) report.errors.push({ row: 1, column: r, en: `Missing required column "${r}".`, zh: `缺少必填列"${r}"。` });
    }
    if (report.errors.length) return report;

    // Formula-like cells: the quote Rapport's export added comes off; others are kept as written.
    const restored = new Map<string, { row: number; count: number }>();
    const formulas = new Map<string, { row: number; count: number }>();
    const note = (m: Map<string, { row: number; count: number }>, column: string, row: number) => {
      const n = m.get(column);
      if (n) n.count++;
      else m.set(column, { row, count: 1 });
    };
    const rows = body.map((rec) => {
      const row: Row = {};
      header.forEach((h, i) => {
        const cell = restoreCell(rec.fields[i] ?? '');
        if (cell.restored) note(restored, h, rec.line);
        else if (isFormulaLike(cell.value)) note(formulas, h, rec.line);
        row[h] = cell.value.trim();
      });
      return { line: rec.line, row, extra: rec.fields.length > header.length };
    });
    for (const [column, { row, count }] of restored) {
      report.warnings.push({
        row, column,
        en: `${count} cell(s) in column ${column} had the leading ' that Rapport's export adds to formula-like text; it was removed, so the values are stored as they were.`,
        zh: `${column} 列有 ${count} 个单元格带有 Rapport 导出时添加的单引号（防止被当作公式），已去掉，按原值保存。`,
      });
    }
    for (const [column, { row, count }] of formulas) {
      report.warnings.push({
        row, column,
        en: `${count} cell(s) in column ${column} start with =, +, -, @, a tab or a line break, which a spreadsheet runs as a formula; they are stored as written and exported with a leading ' so spreadsheets show them as text.`,
        zh: `${column} 列有 ${count} 个单元格以 =、+、-、@、制表符或换行开头，电子表格会把它们当作公式执行；已按原样保存，导出时会加上单引号，让电子表格按文本显示。`,
      });
    }
    const lookups = await this.lookups(actor.tenantId, kind, rows.map((r) => r.row));
    const seen = new Map<string, number>();
    const valid: { line: number; clean: Clean }[] = [];
    for (const { line, row, extra } of rows) {
      const errs: RowError[] = [];
      const err = (column: string | null, en: string, zh: string) => errs.push({ row: line, column, value: column ? row[column] : undefined, en, zh });
      if (extra) err(null, 'The row has more cells than the header.', '该行的单元格比表头多。');
      const clean = validateRow(kind, row, err, lookups);
      const ext = row.external_id ?? '';
      if (ext) {
        const first = seen.get(ext);
        if (first !== undefined) err('external_id', `Duplicate external_id "${ext}" (also on row ${first}).`, `external_id "${ext}" 重复（第 ${first} 行也有）。`);
        else seen.set(ext, line);
      }
      if (errs.length) report.errors.push(...errs);
      else valid.push({ line, clean });
    }
    const rejectedRows = new Set(report.errors.map((e) => e.row)).size;
    if (rejectedRows && !opts.skipInvalid) return report;
    report.skipped = rejectedRows;

    const chunk = Math.max(1, opts.chunkSize ?? 1000);
    const now = this.clock.now();
    const batchId = randomUUID();
    await this.db.$transaction(async (tx) => {
      for (let i = 0; i < valid.length; i += chunk) {
        const part = valid.slice(i, i + chunk).map((v) => v.clean);
        const existing = new Set(lookups.existing);
        const news = part.filter((r) => !existing.has(String(r.external_id)));
        const olds = part.filter((r) => existing.has(String(r.external_id)));
        if (news.length) report.created += await insertRows(tx, kind, actor.tenantId, news, now, actor.kind === 'user' ? actor.userId : null);
        if (olds.length) report.updated += await updateRows(tx, kind, actor.tenantId, olds, now);
        if (kind === 'orders') await afterOrders(tx, actor.tenantId, part, now);
        opts.onProgress?.(Math.min(i + chunk, valid.length), valid.length);
      }
      await audit(tx, actor, {
        action: kind === 'accounts' ? AUDIT.accountImport : kind === 'contacts' ? AUDIT.contactImport : AUDIT.orderImport,
        entityType: kind === 'accounts' ? 'Account' : kind === 'contacts' ? 'Contact' : 'Order',
        entityId: `import:${batchId}`,
        after: {
          rows: valid.length,
          created: report.created,
          updated: report.updated,
          skipped: report.skipped,
          externalIds: valid.map((v) => v.clean.external_id),
        },
      });
    }, { timeout: 600_000, maxWait: 30_000 });
    if (!valid.length) opts.onProgress?.(0, 0);
    report.imported = true;
    return report;
  }

  /** The actor's visible records as CSV with CSV_COLUMNS[kind] (UTF-8 with BOM unless bom: false). */
  async exportCsv(actor: AnyActor, kind: ImportKind, opts: { bom?: boolean } = {}): Promise<string> {
    requireStaff(actor);
    const scope = await accountScope(this.db, actor);
    const cols = CSV_COLUMNS[kind];
    if (kind === 'accounts') {
      const rows = await this.db.account.findMany({
        where: { AND: [scope, { externalId: { not: null } }] }, orderBy: { externalId: 'asc' },
        select: {
          externalId: true,
          name: true,
          industry: true,
          region: true,
          tier: true,
          lifecycleStage: true,
          aliases: true,
          owner: { select: { email: true } },
        },
      });
      return writeCsv(cols, rows.map((a) => [a.externalId, a.name, a.industry, a.region, a.tier, a.lifecycleStage, a.owner?.email ?? '', a.aliases.join('|')]), opts);
    }
    if (kind === 'contacts') {
      const rows = await this.db.contact.findMany({
        where: { tenantId: actor.tenantId, externalId: { not: null }, erasedAt: null, mergedIntoId: null, account: scope },
        orderBy: { externalId: 'asc' },
        select: {
          externalId: true, name: true, title: true, decisionRole: true, email: true, phone: true, birthday: true, timezone: true,
          locale: true, region: true, preferredChannel: true, account: { select: { externalId: true } },
        },
      });
      return writeCsv(cols, rows.map((c) => [
        c.externalId, c.name, c.account?.externalId ?? '', c.title, c.decisionRole, c.email, c.phone,
        c.birthday ? c.birthday.toISOString().slice(0, 10) : '', c.timezone, c.locale, c.region, c.preferredChannel,
      ]), opts);
    }
    const rows = await this.db.order.findMany({
      where: { tenantId: actor.tenantId, externalId: { not: null }, account: scope }, orderBy: { externalId: 'asc' },
      select: { externalId: true, orderedAt: true, amount: true, currency: true, account: { select: { externalId: true } } },
    });
    return writeCsv(cols, rows.map((o) => [o.externalId, o.account.externalId ?? '', o.orderedAt.toISOString(), Number(o.amount).toFixed(2), o.currency]), opts);
  }

  private requireImporter(actor: AnyActor): void {
    requireStaff(actor);
    if (actor.kind === 'user' && actor.role === 'rep') {
      throw new ForbiddenError('import requires manager or admin', {
        en: 'Importing files is for managers and admins; ask yours to run it.',
        zh: '导入文件仅限经理和管理员；请联系你的经理。',
      });
    }
  }

  private async lookups(tenantId: string, kind: ImportKind, rows: Row[]): Promise<Lookups> {
    const exts = [...new Set(rows.map((r) => r.external_id).filter((x): x is string => !!x))];
    const accExts = [...new Set(rows.map((r) => r.account_external_id).filter((x): x is string => !!x))];
    const emails = [...new Set(rows.map((r) => r.owner_email?.toLowerCase()).filter((x): x is string => !!x))];
    const existing = new Set<string>();
    const accounts = new Map<string, string>();
    const users = new Map<string, string>();
    for (let i = 0; i < exts.length; i += 5000) {
      const part = exts.slice(i, i + 5000);
      const where = { tenantId, externalId: { in: part } };
      const found = kind === 'accounts'
        ? await this.db.account.findMany({ where, select: { externalId: true } })
        : kind === 'contacts'
          ? await this.db.contact.findMany({ where, select: { externalId: true } })
          : await this.db.order.findMany({ where, select: { externalId: true } });
      for (const f of found) existing.add(f.externalId!);
    }
    for (let i = 0; i < accExts.length; i += 5000) {
      const found = await this.db.account.findMany({
        where: { tenantId, externalId: { in: accExts.slice(i, i + 5000) } },
        select: { id: true, externalId: true },
      });
      for (const f of found) accounts.set(f.externalId!, f.id);
    }
    if (emails.length) {
      const found = await this.db.user.findMany({ where: { tenantId, email: { in: emails, mode: 'insensitive' } }, select: { id: true, email: true } });
      for (const u of found) users.set(u.email!.toLowerCase(), u.id);
    }
    return { existing, accounts, users };
  }
}

interface Lookups { existing: Set<string>; accounts: Map<string, string>; users: Map<string, string> }
type ErrFn = (column: string | null, en: string, zh: string) => void;

function validateRow(kind: ImportKind, row: Row, err: ErrFn, lk: Lookups): Clean {
  const v = (c: string) => (row[c] ?? '') || null;
  const required = (c: string) => {
    if (!v(c)) err(c, `${c} is required.`, `${c} 为必填项。`);
  };
  const maxLen = (c: string, n: number) => {
    if ((v(c) ?? '').length > n) err(c, `${c} is longer than ${n} characters.`, `${c} 超过 ${n} 个字符。`);
  };
  const oneOf = (c: keyof typeof ENUMS, value: string | null) => {
    if (value && !(ENUMS[c] as readonly string[]).includes(value)) err(c, `"${value}" is not one of ${ENUMS[c].join(', ')}.`, `"${value}" 不是 ${ENUMS[c].join('、')} 之一。`);
  };
  required('external_id');
  maxLen('external_id', 200);
  if (kind === 'accounts') {
    required('name');
    maxLen('name', 500);
    const tier = v('tier')?.toUpperCase() ?? null;
    oneOf('tier', tier);
    const stage = v('lifecycle_stage')?.toLowerCase() ?? null;
    oneOf('lifecycle_stage', stage);
    const region = v('region')?.toUpperCase() ?? null;
    if (region && !/^[A-Z]{2}$/.test(region)) err('region', `"${region}" is not a two-letter country code (e.g. CN).`, `"${region}" 不是两位国家代码（如 CN）。`);
    let ownerId: string | null = null;
    const email = v('owner_email')?.toLowerCase() ?? null;
    if (email) {
      ownerId = lk.users.get(email) ?? null;
      if (!ownerId) err('owner_email', `No user with email ${email} in this workspace.`, `本工作区没有邮箱为 ${email} 的用户。`);
    }
    return { external_id: v('external_id'), name: v('name'), industry: v('industry'), region, tier, stage, owner: ownerId, aliases: v('aliases') };
  }
  if (kind === 'contacts') {
    required('name');
    maxLen('name', 500);
    let accountId: string | null = null;
    const acc = v('account_external_id');
    if (acc) {
      accountId = lk.accounts.get(acc) ?? null;
      if (!accountId) err('account_external_id', `No account with external_id "${acc}"; import accounts first.`, `没有 external_id 为"${acc}"的客户；请先导入客户。`);
    }
    const role = v('decision_role')?.toLowerCase() ?? null;
    oneOf('decision_role', role);
    const channel = v('preferred_channel')?.toLowerCase() ?? null;
    oneOf('preferred_channel', channel);
    const locale = v('locale')?.toLowerCase() ?? null;
    oneOf('locale', locale);
    const email = v('email');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) err('email', `"${email}" is not an email address.`, `"${email}" 不是有效的邮箱地址。`);
    const birthday = v('birthday');
    let month: number | null = null;
    let day: number | null = null;
    if (birthday) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthday);
      const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : null;
      if (!m || !d || d.getUTCMonth() !== +m[2]! - 1 || d.getUTCDate() !== +m[3]!) err('birthday', `"${birthday}" is not a date like 1980-03-05.`, `"${birthday}" 不是有效日期（格式如 1980-03-05）。`);
      else { month = +m[2]!; day = +m[3]!; }
    }
    const tz = v('timezone');
    if (tz) {
      if (!isValidTimeZone(tz)) { err('timezone', `"${tz}" is not a time zone like Asia/Shanghai.`, `"${tz}" 不是有效时区（如 Asia/Shanghai）。`); }
    }
    const region = v('region')?.toUpperCase() ?? null;
    if (region && !/^[A-Z]{2}$/.test(region)) err('region', `"${region}" is not a two-letter country code (e.g. CN).`, `"${region}" 不是两位国家代码（如 CN）。`);
    return {
      external_id: v('external_id'), name: v('name'), account_id: accountId, title: v('title'), role, email, phone: v('phone'),
      birthday, month, day, tz, locale, region, channel,
    };
  }
  // orders
  required('account_external_id');
  required('ordered_at');
  required('amount');
  const acc = v('account_external_id');
  const accountId = acc ? lk.accounts.get(acc) ?? null : null;
  if (acc && !accountId) err('account_external_id', `No account with external_id "${acc}"; import accounts first.`, `没有 external_id 为"${acc}"的客户；请先导入客户。`);
  const at = v('ordered_at');
  let orderedAt: string | null = null;
  if (at) {
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T00:00:00Z` : /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(at) ? (/(Z|[+-]\d{2}:?\d{2})$/.test(at) ? at : `${at}Z`).replace(' ', 'T') : null;
    const d = iso ? new Date(iso) : null;
    if (!d || Number.isNaN(d.getTime())) err('ordered_at', `"${at}" is not a date like 2026-03-05 or 2026-03-05T10:00:00Z.`, `"${at}" 不是有效日期（如 2026-03-05）。`);
    else orderedAt = d.toISOString();
  }
  const amountText = v('amount');
  let amount: number | null = null;
  if (amountText) {
    if (!/^\d{1,14}(\.\d{1,2})?$/.test(amountText)) err('amount', `"${amountText}" is not an amount like 1234.50.`, `"${amountText}" 不是有效金额（如 1234.50）。`);
    else amount = Number(amountText);
  }
  const currency = (v('currency') ?? 'USD').toUpperCase();
  if (!CURRENCIES.has(currency)) err('currency', `"${currency}" is not an ISO currency code (e.g. USD, CNY).`, `"${currency}" 不是有效货币代码（如 USD、CNY）。`);
  return { external_id: v('external_id'), account_id: accountId, ordered_at: orderedAt, amount, currency };
}

/** New accounts without owner_email belong to the importing user, so they can see what they imported. */
async function insertRows(tx: Db, kind: ImportKind, tenantId: string, rows: Clean[], now: Date, importerId: string | null): Promise<number> {
  const json = JSON.stringify(rows);
  if (kind === 'accounts') {
    return tx.$executeRaw`
      INSERT INTO "Account" (id, "tenantId", "externalId", name, industry, region, tier, "lifecycleStage", "ownerId", aliases, "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, ${tenantId}, x.external_id, x.name, x.industry, x.region,
             coalesce(x.tier, 'C')::"ValueTier", coalesce(x.stage, 'lead')::"LifecycleStage", coalesce(x.owner, ${importerId}),
             coalesce(string_to_array(x.aliases, '|'), '{}'), ${now}::timestamp, ${now}::timestamp
      FROM jsonb_to_recordset(${json}::jsonb) AS x(external_id text, name text, industry text, region text, tier text, stage text, owner text, aliases text)`;
  }
  if (kind === 'contacts') {
    return tx.$executeRaw`
      INSERT INTO "Contact" (id, "tenantId", "externalId", name, "accountId", title, "decisionRole", email, phone, birthday, "birthMonth", "birthDay",
                             timezone, locale, region, "preferredChannel", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, ${tenantId}, x.external_id, x.name, x.account_id, x.title, x.role::"DecisionRole", x.email, x.phone,
             x.birthday::date, x.month, x.day, x.tz, x.locale, x.region, x.channel::"Channel", ${now}::timestamp, ${now}::timestamp
      FROM jsonb_to_recordset(${json}::jsonb) AS x(external_id text, name text, account_id text, title text, role text, email text, phone text,
             birthday text, month int, day int, tz text, locale text, region text, channel text)`;
  }
  return tx.$executeRaw`
    INSERT INTO "Order" (id, "tenantId", "externalId", "accountId", "orderedAt", amount, currency, "createdAt")
    SELECT gen_random_uuid()::text, ${tenantId}, x.external_id, x.account_id, x.ordered_at::timestamptz AT TIME ZONE 'UTC', x.amount, x.currency, ${now}::timestamp
    FROM jsonb_to_recordset(${json}::jsonb) AS x(external_id text, account_id text, ordered_at text, amount numeric, currency text)`;
}

async function updateRows(tx: Db, kind: ImportKind, tenantId: string, rows: Clean[], now: Date): Promise<number> {
  const json = JSON.stringify(rows);
  if (kind === 'accounts') {
    return tx.$executeRaw`
      UPDATE "Account" a SET name = x.name, industry = coalesce(x.industry, a.industry), region = coalesce(x.region, a.region),
             tier = coalesce(x.tier::"ValueTier", a.tier), "lifecycleStage" = coalesce(x.stage::"LifecycleStage", a."lifecycleStage"),
             "ownerId" = coalesce(x.owner, a."ownerId"), aliases = coalesce(string_to_array(x.aliases, '|'), a.aliases), "updatedAt" = ${now}::timestamp
      FROM jsonb_to_recordset(${json}::jsonb) AS x(external_id text, name text, industry text, region text, tier text, stage text, owner text, aliases text)
      WHERE a."tenantId" = ${tenantId} AND a."externalId" = x.external_id`;
  }
  if (kind === 'contacts') {
    return tx.$executeRaw`
      UPDATE "Contact" c SET name = x.name, "accountId" = coalesce(x.account_id, c."accountId"), title = coalesce(x.title, c.title),
             "decisionRole" = coalesce(x.role::"DecisionRole", c."decisionRole"), email = coalesce(x.email, c.email), phone = coalesce(x.phone, c.phone),
             birthday = coalesce(x.birthday::date, c.birthday), "birthMonth" = coalesce(x.month, c."birthMonth"), "birthDay" = coalesce(x.day, c."birthDay"),
             timezone = coalesce(x.tz, c.timezone), locale = coalesce(x.locale, c.locale), region = coalesce(x.region, c.region),
             "preferredChannel" = coalesce(x.channel::"Channel", c."preferredChannel"), "updatedAt" = ${now}::timestamp
      FROM jsonb_to_recordset(${json}::jsonb) AS x(external_id text, name text, account_id text, title text, role text, email text, phone text,
             birthday text, month int, day int, tz text, locale text, region text, channel text)
      WHERE c."tenantId" = ${tenantId} AND c."externalId" = x.external_id`;
  }
  return tx.$executeRaw`
    UPDATE "Order" o SET "accountId" = x.account_id, "orderedAt" = x.ordered_at::timestamptz AT TIME ZONE 'UTC', amount = x.amount, currency = x.currency
    FROM jsonb_to_recordset(${json}::jsonb) AS x(external_id text, account_id text, ordered_at text, amount numeric, currency text)
    WHERE o."tenantId" = ${tenantId} AND o."externalId" = x.external_id`;
}

/** lastOrderAt and the first-order lifecycle rule for the accounts of imported orders. */
async function afterOrders(tx: Db, tenantId: string, rows: Clean[], now: Date): Promise<void> {
  const ids = [...new Set(rows.map((r) => String(r.account_id)))];
  await tx.$executeRaw`
    INSERT INTO "LifecycleTransition" (id, "tenantId", "accountId", "fromStage", "toStage", reason, at)
    SELECT gen_random_uuid()::text, a."tenantId", a.id, a."lifecycleStage", 'customer', 'First order (imported)', ${now}::timestamp
    FROM "Account" a WHERE a."tenantId" = ${tenantId} AND a.id = ANY(${ids}::text[]) AND a."lifecycleStage" IN ('lead', 'prospect')`;
  await tx.$executeRaw`
    UPDATE "Account" a SET "lastOrderAt" = m.last,
           "lifecycleStage" = CASE WHEN a."lifecycleStage" IN ('lead', 'prospect') THEN 'customer'::"LifecycleStage" ELSE a."lifecycleStage" END,
           "updatedAt" = ${now}::timestamp
    FROM (SELECT o."accountId", max(o."orderedAt") AS last FROM "Order" o
          WHERE o."tenantId" = ${tenantId} AND o."accountId" = ANY(${ids}::text[]) GROUP BY o."accountId") m
    WHERE a.id = m."accountId"`;
}
