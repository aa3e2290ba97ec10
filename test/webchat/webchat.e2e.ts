// Microsoft's real Web Chat (botframework-webchat 4.18, its browser bundle) in headless Chromium,
// talking to the real Rapport server's /api/messages through a small Direct Line emulation
// (./directline.ts): the first message of a new (local) workspace is welcomed with how to start,
// typed messages are answered with Adaptive Cards, and a card button (Action.Submit, which Web
// Chat sends as a postBack message) works. Run with `npm run test:webchat` (not part of
// `npm test`: it needs the Web Chat bundle, fetched once from the npm registry).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebChatBundle } from '../../scripts/webchat-bundle.mjs';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { DirectLineEmulator } from './directline.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

describe("Microsoft's Web Chat over Direct Line", () => {
  let t: TestApp;
  let browser: Browser;
  let dl: DirectLineEmulator;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}. Install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.`);
    mkdirSync(ARTIFACTS, { recursive: true });
    const bundlePath = ensureWebChatBundle();
    [t, browser] = await Promise.all([
      startTestApp(),
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] }),
    ]);
    dl = await new DirectLineEmulator({ botUrl: `${t.url}/api/messages`, bundlePath }).start();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await dl?.stop();
    const stopped = await Promise.race([t?.stop().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 10_000))]);
    if (!stopped && t) rmSync(t.dataDir, { recursive: true, force: true });
  }, 20_000);

  const transcript = (p: Page) => p.locator('.webchat__basic-transcript');
  async function type(p: Page, text: string): Promise<void> {
    const box = p.locator('[data-id="webchat-sendbox-input"]');
    await box.fill(text);
    await box.press('Enter');
  }

  it('welcomes the first person of the new workspace, answers typed messages with cards, and its buttons work', async () => {
    const ctx = await browser.newContext({ viewport: { width: 900, height: 900 }, locale: 'en-US' });
    ctx.setDefaultTimeout(20_000);
    const p = await ctx.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    p.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    await p.goto(dl.url);
    await p.locator('[data-id="webchat-sendbox-input"]').waitFor();

    await type(p, 'new account Contoso');
    await transcript(p).getByText(/Welcome to Rapport, Megan Bowen!/).waitFor();
    await transcript(p).getByText('new account Contoso', { exact: false }).first().waitFor();
    await transcript(p).getByText(/Created account Contoso|Contoso/).last().waitFor();
    const tenant = await t.app.db.prisma.tenant.findUnique({ where: { kind_externalId: { kind: 'teams', externalId: 'emulator' } } });
    expect(tenant).not.toBeNull();
    expect(await t.app.db.prisma.account.count({ where: { tenantId: tenant!.id, name: 'Contoso' } })).toBe(1);
    await p.screenshot({ path: join(ARTIFACTS, 'webchat-welcome.png') });

    // The Undo button on that card: an Action.Submit, which Web Chat posts back as a message.
    const undo = transcript(p).getByRole('button', { name: 'Undo' }).last();
    await undo.click();
    await transcript(p).getByText(/^Undone/).waitFor();
    expect(await t.app.db.prisma.account.count({ where: { tenantId: tenant!.id, name: 'Contoso' } })).toBe(0);

    await type(p, 'help');
    await transcript(p).getByText(/what you can say/i).waitFor();
    await p.screenshot({ path: join(ARTIFACTS, 'webchat-help.png') });

    // Everything went through /api/messages and was accepted; nothing came back as an error card.
    expect(dl.forwarded.every((f) => f.status === 200)).toBe(true);
    const conv = [...dl.conversations.keys()][0]!;
    const texts = JSON.stringify(dl.botMessages(conv));
    expect(texts).not.toMatch(/went wrong/);
    expect(texts).not.toContain('Action.Execute');
    expect(errors).toEqual([]);
    await ctx.close();
  }, 90_000);
});
