// CSV import and export in the dashboard, in a real browser (Debian's Chromium through
// playwright-core) against the real Rapport server on a fresh embedded database: a manager uploads
// accounts with mistakes and gets the report naming row and column with nothing saved, uploads the
// fixed file, uploads it again (updated, not duplicated), imports contacts and orders that refer
// to those accounts, watches the progress of a 20,000-row file, and downloads the exports; an
// admin sees the page in Chinese; a rep is refused. Screenshots go to test-artifacts/.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { DEMO_TENANT_ID, DEMO_USERS } from '../../src/seed/demo.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');
const ACCOUNTS_HEADER = ['external_id', 'name', 'industry', 'region', 'tier'];

describe('dashboard CSV import and export in a real browser', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}. Install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.`);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    [t, browser] = await Promise.all([
      startTestApp({ RAPPORT_SECRET: randomBytes(24).toString('hex') }),
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    const stopped = await Promise.race([t?.stop().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 10_000))]);
    if (!stopped && t) rmSync(t.dataDir, { recursive: true, force: true });
  }, 20_000);

  async function signedIn(userId: string, opts: { locale?: string } = {}): Promise<{ ctx: BrowserContext; p: Page; errors: string[] }> {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: opts.locale ?? 'en-US', acceptDownloads: true });
    ctx.setDefaultTimeout(15_000);
    const p = await ctx.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await p.goto(`${t.url}/dashboard/signin?next=${encodeURIComponent('/dashboard/data')}`);
    await p.locator(`button[data-user="${userId}"]`).click();
    await p.waitForURL(/\/dashboard\/data$/);
    return { ctx, p, errors };
  }

  /** Uploads a file on the card of `kind` and waits for the final state (done, rejected or error). */
  async function upload(p: Page, kind: string, name: string, buffer: Buffer): Promise<string> {
    await p.setInputFiles(`#file-${kind}`, { name, mimeType: 'text/csv', buffer });
    await p.locator(`#import-${kind}`).click();
    await p.waitForSelector(`#status-${kind}[data-phase="done"], #status-${kind}[data-phase="rejected"], #status-${kind}[data-phase="error"]`, { timeout: 120_000 });
    return (await p.locator(`#status-${kind}`).getAttribute('data-phase'))!;
  }

  const db = () => t.app.db.prisma;
  const accountsWith = (prefix: string) => db().account.count({ where: { tenantId: DEMO_TENANT_ID, externalId: { startsWith: prefix } } });

  it('a manager imports accounts: mistakes are reported by row and column with nothing saved; the fixed file imports; again it updates, never duplicates', async () => {
    const { ctx, p, errors } = await signedIn(DEMO_USERS.manager);
    await expect(p.locator('h1').innerText()).resolves.toBe('Import and export');
    await expect(p.locator('#nav-data').isVisible()).resolves.toBe(true);

    const broken = csv([
      ACCOUNTS_HEADER,
      ['NW-1', 'Northwind Traders', 'Retail', 'US', 'A'],
      ['NW-2', 'Fabrikam', 'Manufacturing', 'DE', 'Z'],
      ['NW-3', '', 'Retail', 'GB', 'B'],
    ]);
    expect(await upload(p, 'accounts', 'accounts.csv', broken)).toBe('rejected');
    const report = p.locator('#report-accounts');
    await expect(report.locator('.bad').innerText()).resolves.toMatch(/Nothing was imported: 2 problem\(s\) in 3 rows/);
    const problems = await report.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-row'), r.getAttribute('data-column')]));
    expect(problems).toEqual([['3', 'tier'], ['4', 'name']]);
    await expect(report.locator('tbody tr[data-row="3"]').innerText()).resolves.toContain('Z');
    expect(await accountsWith('NW-')).toBe(0); // all or nothing
    await p.screenshot({ path: join(ARTIFACTS, 'dashboard-import-rejected.png'), fullPage: true });

    const fixed = csv([
      ACCOUNTS_HEADER,
      ['NW-1', 'Northwind Traders', 'Retail', 'US', 'A'],
      ['NW-2', 'Fabrikam', 'Manufacturing', 'DE', 'B'],
      ['NW-3', 'Tailspin Toys', 'Retail', 'GB', 'B'],
    ]);
    expect(await upload(p, 'accounts', 'accounts.csv', fixed)).toBe('done');
    await expect(report.locator('.ok').innerText()).resolves.toBe('Imported 3 rows (utf-8): 3 created, 0 updated.');
    expect(await accountsWith('NW-')).toBe(3);
    const northwind = await db().account.findFirst({ where: { tenantId: DEMO_TENANT_ID, externalId: 'NW-1' } });
    expect(northwind).toMatchObject({ name: 'Northwind Traders', tier: 'A', ownerId: DEMO_USERS.manager });

    expect(await upload(p, 'accounts', 'accounts.csv', fixed)).toBe('done');
    await expect(report.locator('.ok').innerText()).resolves.toBe('Imported 3 rows (utf-8): 0 created, 3 updated.');
    expect(await accountsWith('NW-')).toBe(3);
    await p.screenshot({ path: join(ARTIFACTS, 'dashboard-import-done.png'), fullPage: true });

    // Contacts and orders refer to the accounts by their external_id.
    const contacts = csv([
      ['external_id', 'name', 'account_external_id', 'title', 'decision_role', 'email'],
      ['NWC-1', 'Nancy Davolio', 'NW-1', 'Buyer', 'decision_maker', 'nancy@northwind.example'],
      ['NWC-2', 'Andrew Fuller', 'NW-9', 'VP Sales', 'influencer', 'andrew@northwind.example'],
    ]);
    expect(await upload(p, 'contacts', 'contacts.csv', contacts)).toBe('rejected');
    const contactProblems = await p.locator('#report-contacts tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-row'), r.getAttribute('data-column')]));
    expect(contactProblems).toEqual([['3', 'account_external_id']]);
    const contactsFixed = csv([
      ['external_id', 'name', 'account_external_id', 'title', 'decision_role', 'email'],
      ['NWC-1', 'Nancy Davolio', 'NW-1', 'Buyer', 'decision_maker', 'nancy@northwind.example'],
      ['NWC-2', 'Andrew Fuller', 'NW-2', 'VP Sales', 'influencer', 'andrew@northwind.example'],
    ]);
    expect(await upload(p, 'contacts', 'contacts.csv', contactsFixed)).toBe('done');
    await expect(p.locator('#report-contacts .ok').innerText()).resolves.toMatch(/2 created/);
    const orders = csv([
      ['external_id', 'account_external_id', 'ordered_at', 'amount', 'currency'],
      ['NWO-1', 'NW-1', '2026-10-01', '1250.50', 'USD'],
      ['NWO-2', 'NW-1', '2026-11-15', '980', 'USD'],
    ]);
    expect(await upload(p, 'orders', 'orders.csv', orders)).toBe('done');
    await expect(p.locator('#report-orders .ok').innerText()).resolves.toMatch(/2 created/);
    expect(await db().order.count({ where: { tenantId: DEMO_TENANT_ID, externalId: { startsWith: 'NWO-' } } })).toBe(2);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 120_000);

  it('a 20,000-row file shows its progress: upload, checking, then rows saved out of the total', async () => {
    const { ctx, p, errors } = await signedIn(DEMO_USERS.manager);
    // Record every state the status goes through while the import runs.
    await p.evaluate(() => {
      const w = window as unknown as { seen: { phase: string; value: number | null; text: string }[] };
      w.seen = [];
      const status = document.getElementById('status-accounts')!;
      const bar = document.getElementById('progress-accounts') as HTMLProgressElement;
      const phase = document.getElementById('phase-accounts')!;
      new MutationObserver(() => w.seen.push({ phase: status.dataset.phase ?? '', value: bar.hasAttribute('value') ? bar.value : null, text: phase.textContent ?? '' }))
        .observe(status, { attributes: true, subtree: true, childList: true, characterData: true });
    });
    const rows = [ACCOUNTS_HEADER];
    for (let i = 1; i <= 20_000; i++) rows.push([`BULK-${String(i).padStart(5, '0')}`, `Bulk Account ${i}`, 'Wholesale', 'CN', i % 3 === 0 ? 'A' : 'C']);
    const started = Date.now();
    expect(await upload(p, 'accounts', 'bulk.csv', csv(rows))).toBe('done');
    const seconds = (Date.now() - started) / 1000;
    await expect(p.locator('#report-accounts .ok').innerText()).resolves.toBe('Imported 20,000 rows (utf-8): 20,000 created, 0 updated.');
    const seen = (await p.evaluate(() => (window as unknown as { seen: { phase: string; value: number | null; text: string }[] }).seen));
    const phases = [...new Set(seen.map((s) => s.phase))];
    expect(phases).toEqual(expect.arrayContaining(['uploading', 'checking', 'writing', 'done']));
    expect(phases.indexOf('checking')).toBeLessThan(phases.indexOf('writing'));
    const writing = seen.filter((s) => s.phase === 'writing');
    expect(writing.some((s) => s.value !== null && s.value > 0 && s.value < 100)).toBe(true);
    expect(writing.map((s) => s.text)).toContain('Saving rows 1,000 / 20,000');
    expect(writing.at(-1)?.text).toBe('Saving rows 20,000 / 20,000');
    expect(await accountsWith('BULK-')).toBe(20_000);
    console.info(`20,000 accounts imported through the dashboard in ${seconds.toFixed(1)} s`);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 180_000);

  it('downloads the exports with the import columns, and an exported file imports back unchanged', async () => {
    const { ctx, p, errors } = await signedIn(DEMO_USERS.manager);
    const download = async (kind: string) => {
      const [d] = await Promise.all([p.waitForEvent('download'), p.locator(`#export-${kind}`).click()]);
      expect(d.suggestedFilename()).toMatch(new RegExp(`^rapport-${kind}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
      return { text: readFileSync((await d.path())!, 'utf8'), path: (await d.path())! };
    };
    const accounts = await download('accounts');
    expect(accounts.text.charCodeAt(0)).toBe(0xfeff); // BOM: Excel opens it as UTF-8
    const lines = accounts.text.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toBe('external_id,name,industry,region,tier,lifecycle_stage,owner_email,aliases');
    // Its orders made it a customer; the owner is the manager who imported it.
    expect(lines.find((l) => l.startsWith('NW-1,'))).toBe('NW-1,Northwind Traders,Retail,US,A,customer,jing.chen@demo.rapport,');
    expect(lines.filter((l) => l.startsWith('BULK-'))).toHaveLength(20_000);
    const contacts = await download('contacts');
    expect(contacts.text).toContain('NWC-1,Nancy Davolio,NW-1,Buyer,decision_maker,nancy@northwind.example');
    const orders = await download('orders');
    expect(orders.text).toMatch(/NWO-1,NW-1,2026-10-01[^,]*,1250\.5/);

    // Round trip: the downloaded contacts file imports back as updates only.
    expect(await upload(p, 'contacts', 'contacts-export.csv', readFileSync(contacts.path))).toBe('done');
    await expect(p.locator('#report-contacts .ok').innerText()).resolves.toMatch(/0 created, 2 updated/);
    await p.screenshot({ path: join(ARTIFACTS, 'dashboard-export.png'), fullPage: true });
    expect(errors).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('an admin sees the page in Chinese; a rep is refused the page and the API', async () => {
    const { ctx, p, errors } = await signedIn(DEMO_USERS.admin);
    await p.goto(`${t.url}/dashboard/data?lang=zh`);
    await expect(p.locator('h1').innerText()).resolves.toBe('导入与导出');
    await expect(p.locator('#import-orders').innerText()).resolves.toBe('导入');
    await p.setInputFiles('#file-accounts', { name: 'bad.csv', mimeType: 'text/csv', buffer: csv([['external_id', 'nom'], ['X-1', 'Y']]) });
    await p.locator('#import-accounts').click();
    await p.waitForSelector('#status-accounts[data-phase="rejected"]');
    await expect(p.locator('#report-accounts').innerText()).resolves.toMatch(/未知的列"nom"/);
    await p.screenshot({ path: join(ARTIFACTS, 'dashboard-import-zh.png'), fullPage: true });
    expect(errors).toEqual([]);
    await ctx.close();

    const rep = await browser.newContext({ locale: 'en-US' });
    const rp = await rep.newPage();
    await rp.goto(`${t.url}/dashboard/signin?next=${encodeURIComponent('/dashboard/data')}`);
    // The local sign-in lists managers and admins only; a rep posting their id lands on the 403 page.
    await rp.evaluate(async () => {
      const body = new URLSearchParams({ userId: 'demo-rep-en', next: '/dashboard/data' });
      await fetch('/dashboard/signin', { method: 'POST', body });
    });
    const res = await rp.goto(`${t.url}/dashboard/data`);
    expect(res?.status()).toBe(403);
    const api = await rp.evaluate(async () => {
      const r = await fetch('/api/dashboard/import/accounts', { method: 'POST', headers: { 'content-type': 'text/csv', 'x-requested-with': 'rapport-dashboard' }, body: 'external_id,name\nR-1,Rogue\n' });
      const e = await fetch('/api/dashboard/export/accounts');
      return [r.status, e.status];
    });
    expect(api).toEqual([403, 403]);
    expect(await accountsWith('R-1')).toBe(0);
    await rep.close();
  }, 60_000);

  it('refuses uploads that do not come from the dashboard page (no marker header, another origin)', async () => {
    const anon = await fetch(`${t.url}/api/dashboard/import/accounts`, { method: 'POST', body: 'external_id,name\nA-1,A\n' });
    expect(anon.status).toBe(401);
    const { ctx, p } = await signedIn(DEMO_USERS.manager);
    const statuses = await p.evaluate(async () => {
      const plain = await fetch('/api/dashboard/import/accounts', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'external_id,name\nA-1,A\n' });
      const unknown = await fetch('/api/dashboard/import/invoices', { method: 'POST', headers: { 'content-type': 'text/csv', 'x-requested-with': 'rapport-dashboard' }, body: 'x\n' });
      return [plain.status, unknown.status];
    });
    expect(statuses).toEqual([403, 404]);
    await ctx.close();
  });
});
