import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, ImportExportService, parseCsv } from '../../../src/domain/io/index.ts';
import { fixedClock } from '../../../src/domain/shared/clock.ts';
import { ForbiddenError } from '../../../src/domain/shared/errors.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import { makeOrg, type Org } from './_value-fixtures.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const utf8 = (s: string) => new TextEncoder().encode(s);
const withBom = (s: string) => Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(s)]);

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, embedded commas and line breaks, CRLF and a BOM', () => {
    const recs = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n\r\nlast,,\n');
    expect(recs).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\r\nlines'] },
      { line: 5, fields: ['last', '', ''] },
    ]);
  });
});

describe.each(DB_KINDS)('ImportExportService on %s', (kind) => {
  let db: TestDatabase;
  let org: Org;
  let svc: ImportExportService;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    org = await makeOrg(db.prisma);
    await db.prisma.user.update({ where: { id: org.rep1.id }, data: { email: 'ray@acme.io' } });
    svc = new ImportExportService(db.prisma, fixedClock(NOW));
  });
  afterAll(() => db?.drop());

  const accountsCsv =
    'external_id,name,industry,region,tier,lifecycle_stage,owner_email,aliases\r\n' +
    'ACC-1,"Globex, Inc.",Manufacturing,US,A,customer,RAY@acme.io,Globex|GX\r\n' +
    'ACC-2,市第一医院,Healthcare,cn,b,,,City No.1 Hospital\r\n' +
    'ACC-3,"Initech ""Labs""",,,,prospect,,\r\n';

  it('imports accounts from UTF-8 with a BOM and re-imports idempotently', async () => {
    const admin = org.as(org.admin);
    const progress: [number, number][] = [];
    const r = await svc.importCsv(admin, 'accounts', withBom(accountsCsv), { chunkSize: 2, onProgress: (d, t) => progress.push([d, t]) });
    expect(r).toMatchObject({ encoding: 'utf-8', total: 3, imported: true, created: 3, updated: 0, skipped: 0, errors: [] });
    expect(progress).toEqual([[2, 3], [3, 3]]);
    const rows = await db.prisma.account.findMany({ where: { tenantId: org.tenantId }, orderBy: { externalId: 'asc' } });
    expect(rows.map((a) => [a.externalId, a.name, a.region, a.tier, a.lifecycleStage, a.ownerId, a.aliases])).toEqual([
      ['ACC-1', 'Globex, Inc.', 'US', 'A', 'customer', org.rep1.id, ['Globex', 'GX']],
      // No owner_email: the importing user owns the new account.
      ['ACC-2', '市第一医院', 'CN', 'B', 'lead', org.admin.id, ['City No.1 Hospital']],
      ['ACC-3', 'Initech "Labs"', null, 'C', 'prospect', org.admin.id, []],
    ]);
    const again = await svc.importCsv(admin, 'accounts', accountsCsv);
    expect([again.created, again.updated]).toEqual([0, 3]);
    expect(await db.prisma.account.count({ where: { tenantId: org.tenantId } })).toBe(3);
  });

  it('rejects the whole file naming row and column, or imports the valid rows with skipInvalid', async () => {
    const bad =
      'external_id,name,tier,owner_email\n' +
      'ACC-9,New one,A,\n' +
      'ACC-10,Bad tier,Z,\n' +
      'ACC-11,,B,\n' +
      'ACC-9,Again,,\n' +
      'ACC-12,Nobody owns,,ghost@acme.io\n';
    const r = await svc.importCsv(org.as(org.admin), 'accounts', bad);
    expect(r.imported).toBe(false);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'tier'], [4, 'name'], [5, 'external_id'], [6, 'owner_email'],
    ]);
    expect(r.errors[2]!.en).toBe('Duplicate external_id "ACC-9" (also on row 2).');
    expect(r.errors[0]!.zh).toContain('不是');
    expect(await db.prisma.account.count({ where: { tenantId: org.tenantId, externalId: 'ACC-9' } })).toBe(0);

    const partial = await svc.importCsv(org.as(org.admin), 'accounts', bad, { skipInvalid: true });
    expect([partial.imported, partial.created, partial.skipped, partial.errors.length]).toEqual([true, 1, 4, 4]);
    expect((await db.prisma.account.findFirstOrThrow({ where: { tenantId: org.tenantId, externalId: 'ACC-9' } })).name).toBe('New one');

    const header = await svc.importCsv(org.as(org.admin), 'accounts', 'external_id,nom\nX,Y\n');
    expect(header.errors.map((e) => [e.row, e.column])).toEqual([[1, 'nom'], [1, 'name']]);
    await expect(svc.importCsv(org.as(org.rep1), 'accounts', accountsCsv)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('decodes GBK files (invalid UTF-8 falls back to GBK)', async () => {
    const head = utf8('external_id,name,account_external_id\r\nCON-1,');
    // "李明" in GBK: C0EE C3F7
    const bytes = Uint8Array.from([...head, 0xc0, 0xee, 0xc3, 0xf7, ...utf8(',ACC-2\r\n')]);
    const r = await svc.importCsv(org.as(org.admin), 'contacts', bytes);
    expect([r.encoding, r.created]).toEqual(['gbk', 1]);
    const c = await db.prisma.contact.findFirstOrThrow({ where: { tenantId: org.tenantId, externalId: 'CON-1' }, include: { account: true } });
    expect([c.name, c.account?.name]).toEqual(['李明', '市第一医院']);
  });

  it('imports orders: lastOrderAt and first order makes a lead a customer', async () => {
    const csv = 'external_id,account_external_id,ordered_at,amount,currency\n' +
      'ORD-1,ACC-2,2026-10-01,1200.50,cny\n' +
      'ORD-2,ACC-2,2026-11-02T08:30:00+08:00,99,CNY\n' +
      'ORD-3,ACC-404,2026-11-02,1,USD\n';
    const r = await svc.importCsv(org.as(org.admin), 'orders', csv);
    expect(r.errors.map((e) => [e.row, e.column, e.value])).toEqual([[4, 'account_external_id', 'ACC-404']]);
    const ok = await svc.importCsv(org.as(org.admin), 'orders', csv.split('\n').slice(0, 3).join('\n'));
    expect(ok.created).toBe(2);
    const a = await db.prisma.account.findFirstOrThrow({ where: { tenantId: org.tenantId, externalId: 'ACC-2' } });
    expect([a.lifecycleStage, a.lastOrderAt?.toISOString()]).toEqual(['customer', '2026-11-02T00:30:00.000Z']);
    expect(await db.prisma.lifecycleTransition.count({ where: { accountId: a.id } })).toBe(1);
  });

  it('exports the same columns and round-trips', async () => {
    const admin = org.as(org.admin);
    for (const k of ['accounts', 'contacts', 'orders'] as const) {
      const out = await svc.exportCsv(admin, k);
      expect(out.startsWith('\uFEFF' + CSV_COLUMNS[k].join(','))).toBe(true);
      const re = await svc.importCsv(admin, k, out);
      expect([re.imported, re.created, re.errors]).toEqual([true, 0, []]);
      expect(await svc.exportCsv(admin, k)).toBe(out);
    }
    const orders = await svc.exportCsv(admin, 'orders', { bom: false });
    expect(orders).toBe('external_id,account_external_id,ordered_at,amount,currency\r\n' +
      'ORD-1,ACC-2,2026-10-01T00:00:00.000Z,1200.50,CNY\r\nORD-2,ACC-2,2026-11-02T00:30:00.000Z,99.00,CNY\r\n');
  });
});
