// The dashboard router over HTTP on a real, seeded database: sign-in (demo and signed links),
// refusals (no session, reps, customers, other tenants, other teams), the server-rendered at-risk
// table and 360° page with escaping, and the chart JSON scoped to the viewer.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import { seedDemo, DEMO_TENANT_ID } from '../../../src/seed/demo.ts';
import { buildServices } from '../../../src/services.ts';
import { CompositeDelivery } from '../../../src/domain/delivery/channel-routing.ts';
import { WebInboxDelivery } from '../../../src/bots/web/delivery.ts';
import { ActorDirectory } from '../../../src/domain/identity/actor-directory.ts';
import { createLogger } from '../../../src/infra/logger.ts';
import { createHttpApp, listen } from '../../../src/server/http.ts';
import { dashboardRouter } from '../../../src/bots/web/dashboard/index.ts';
import { createSessionToken, createSignInToken } from '../../../src/server/auth.ts';
import { AnalyticsService } from '../../../src/domain/analytics/index.ts';
import { systemClock } from '../../../src/domain/shared/clock.ts';

const SECRET = 'test-secret-0123456789abcdef';
const DAY = 86_400_000;

describe.each(DB_KINDS)('dashboard on %s', (kind) => {
  let db: TestDatabase;
  let server: Server;
  let url: string;
  const cookies: Record<string, string> = {};

  const get = (path: string, who?: string, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, { redirect: 'manual', headers: { ...(who ? { cookie: cookies[who]! } : {}), ...headers } });

  async function signIn(userId: string): Promise<Response> {
    return fetch(`${url}/dashboard/signin`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
      body: new URLSearchParams({ userId }),
    });
  }
  const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedDemo(db.prisma);
    const p = db.prisma;
    // Another team in the same tenant (outside the demo manager's reach) and another tenant.
    await p.user.create({ data: { id: 'other-manager', tenantId: DEMO_TENANT_ID, name: 'Olga Other', role: 'manager' } });
    await p.user.create({ data: { id: 'other-rep', tenantId: DEMO_TENANT_ID, name: 'Oscar Other', role: 'rep', managerId: 'other-manager' } });
    await p.account.create({ data: { id: 'acc-other-team', tenantId: DEMO_TENANT_ID, name: 'Other Team Co', ownerId: 'other-rep', createdAt: new Date(Date.now() - 200 * DAY) } });
    await p.tenant.create({ data: { id: 'tenant-b', kind: 'slack', externalId: 'T-B', name: 'Tenant B' } });
    await p.user.create({ data: { id: 'b-admin', tenantId: 'tenant-b', name: 'B Admin', role: 'admin' } });
    await p.account.create({ data: { id: 'acc-tenant-b', tenantId: 'tenant-b', name: 'Secret B Corp', ownerId: 'b-admin' } });
    // Markup in names and summaries must come out escaped; this account is quiet, so it is at risk.
    await p.account.create({
      data: { id: 'acc-xss', tenantId: DEMO_TENANT_ID, name: '<script>alert("x")</script>Evil & Co', tier: 'A', ownerId: 'demo-rep-en', createdAt: new Date(Date.now() - 120 * DAY) },
    });
    await p.interaction.create({
      data: { tenantId: DEMO_TENANT_ID, accountId: 'acc-xss', userId: 'demo-rep-en', type: 'note', occurredAt: new Date(Date.now() - 200 * DAY), summary: '<img src=x onerror=alert(1)>', sentiment: -0.9 },
    });
    await p.ticket.createMany({
      data: ['acc-xss', 'acc-other-team'].flatMap((accountId) => [1, 2].map((n) => ({
        id: `tkt-${accountId}-${n}`, tenantId: DEMO_TENANT_ID, accountId, subject: `<b>late ${n}</b>`,
        openedAt: new Date(Date.now() - 10 * DAY), firstResponseDueAt: new Date(Date.now() - 9 * DAY),
      }))),
    });
    await buildServices(p, new CompositeDelivery({ web: new WebInboxDelivery() }, p)).value.recomputeValue({ kind: 'system', tenantId: DEMO_TENANT_ID }, DEMO_TENANT_ID);

    const services = buildServices(p, new CompositeDelivery({ web: new WebInboxDelivery() }, p));
    const app = createHttpApp({
      logger: createLogger('silent'),
      readiness: [],
      routers: [
        dashboardRouter({
          services, actors: new ActorDirectory(p), logger: createLogger('silent'), tenantId: DEMO_TENANT_ID, secret: SECRET,
          queueCounts: async () => ({ 'crm-reminders': { waiting: 2, active: 0, failed: 1 } }),
        }),
      ],
    });
    ({ server, url } = await listen(app, 0, '127.0.0.1'));
    for (const who of ['demo-manager', 'demo-admin', 'demo-rep-zh']) cookies[who] = cookieOf(await signIn(who));
  });

  afterAll(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await db?.drop();
  });

  it('sends visitors without a session to sign-in, and answers the API with 401', async () => {
    const page = await get('/dashboard');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/dashboard/signin?next=%2Fdashboard');
    const api = await get('/api/dashboard/pipeline');
    expect(api.status).toBe(401);
    const forged = await get('/dashboard', undefined, { cookie: `rapport_session=${createSessionToken('another-secret-0123456789', { tenantId: DEMO_TENANT_ID, userId: 'demo-admin' })}` });
    expect(forged.status).toBe(303);
  });

  it('lists the demo managers and admins on the local sign-in page, and sets an HttpOnly SameSite=Lax cookie', async () => {
    const page = await (await get('/dashboard/signin')).text();
    expect(page).toContain('data-user="demo-manager"');
    expect(page).toContain('data-user="demo-admin"');
    expect(page).not.toContain('data-user="demo-rep-zh"');
    const res = await signIn('demo-manager');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dashboard');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^rapport_session=[\w-]+\.[\w-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const crossSite = await fetch(`${url}/dashboard/signin`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ userId: 'demo-admin' }),
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('set-cookie')).toBeNull();
  });

  it('refuses reps and customers with a clear 403 page, and the API with 403', async () => {
    const page = await get('/dashboard', 'demo-rep-zh');
    expect(page.status).toBe(403);
    const text = await page.text();
    expect(text).toContain('仅限经理和管理员');
    expect(text).not.toContain('Globex');
    expect((await get('/api/dashboard/at-risk', 'demo-rep-zh')).status).toBe(403);
    expect((await get('/dashboard/accounts/acc-city1', 'demo-rep-zh')).status).toBe(403);
    const customer = await signIn('demo-customer');
    expect(customer.status).toBe(403);
    expect(customer.headers.get('set-cookie')).toBeNull();
  });

  it('signs in with a signed link, and refuses expired, tampered and misused tokens', async () => {
    const token = createSignInToken(SECRET, { tenantId: DEMO_TENANT_ID, userId: 'demo-admin', ttlSeconds: 60 });
    const ok = await get(`/dashboard/signin?token=${token}&next=${encodeURIComponent('/dashboard/accounts/acc-acme')}`);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/dashboard/accounts/acc-acme');
    const page = await get('/dashboard', undefined, { cookie: cookieOf(ok) });
    expect(page.status).toBe(200);

    const expired = createSignInToken(SECRET, { tenantId: DEMO_TENANT_ID, userId: 'demo-admin', ttlSeconds: 60 }, new Date(Date.now() - 120_000));
    const tampered = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
    const session = createSessionToken(SECRET, { tenantId: DEMO_TENANT_ID, userId: 'demo-admin' });
    const ghost = createSignInToken(SECRET, { tenantId: DEMO_TENANT_ID, userId: 'nobody' });
    for (const bad of [expired, tampered, session, ghost, 'garbage']) {
      const res = await get(`/dashboard/signin?token=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    // A link signs in once (issue 17): the same token again is refused.
    expect((await get(`/dashboard/signin?token=${token}`)).status).toBe(401);
    const another = createSignInToken(SECRET, { tenantId: DEMO_TENANT_ID, userId: 'demo-admin', ttlSeconds: 60 });
    const offsite = await get(`/dashboard/signin?token=${another}&next=${encodeURIComponent('//evil.example/x')}`);
    expect(offsite.headers.get('location')).toBe('/dashboard');
  });

  it("server-renders the team's at-risk accounts with reasons, trend and links, escaped, in under a second", async () => {
    const started = Date.now();
    const res = await get('/dashboard', 'demo-manager');
    const html = await res.text();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).toContain('href="/dashboard/accounts/acc-globex"');
    expect(html).toContain('href="/dashboard/accounts/acc-union"');
    expect(html).toContain('协和医院');
    expect(html).toMatch(/No contact for \d+ days/);
    expect(html).toMatch(/open ticket past SLA/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;Evil &amp; Co');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('Other Team Co');
    expect(html).not.toContain('Secret B Corp');
    expect(html).toContain('<canvas id="chart-pipeline"');
    const zh = await (await get('/dashboard?lang=zh', 'demo-manager')).text();
    expect(zh).toContain('本周有流失风险的客户');
    expect(zh).toMatch(/\d+ 天未联系/);
    const admin = await (await get('/dashboard', 'demo-admin')).text();
    expect(admin).toContain('Other Team Co');
  });

  it('sorts the at-risk table by the column asked for', async () => {
    const html = await (await get('/dashboard?sort=account&dir=asc', 'demo-manager')).text();
    const names = [...html.matchAll(/class="account-link" href="[^"]+">([^<]+)</g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(2);
    expect([...names].sort(new Intl.Collator('en').compare)).toEqual(names);
    expect(html).toContain('aria-sort="ascending"');
  });

  it('shows the 360° view of an account in scope, and never data of another team or tenant', async () => {
    const res = await get('/dashboard/accounts/acc-globex', 'demo-manager');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const s of ['Globex', 'Alex Morgan', 'Complained about slow support response', 'Support tickets unanswered for days', 'Globex expansion', 'Maria Garcia', 'Support is too slow', 'Call Maria at Globex about the support backlog']) {
      expect(html).toContain(s);
    }
    const xss = await (await get('/dashboard/accounts/acc-xss', 'demo-manager')).text();
    expect(xss).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(xss).not.toContain('<img src=x');
    expect(xss).toContain('&lt;b&gt;late 1&lt;/b&gt;');

    const other = await get('/dashboard/accounts/acc-other-team', 'demo-manager');
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('belongs to another team');
    const foreign = await get('/dashboard/accounts/acc-tenant-b', 'demo-admin');
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).not.toContain('Secret B Corp');
    expect((await get('/dashboard/accounts/nope', 'demo-admin')).status).toBe(404);
  });

  it('serves chart data scoped to the viewer', async () => {
    const json = async (path: string, who = 'demo-manager') => (await get(`/api/dashboard/${path}`, who)).json() as Promise<any>;
    const pipeline = await json('pipeline');
    expect(pipeline.primaryCurrency).toBe('CNY');
    expect(pipeline.currencies).toEqual(['CNY', 'USD', 'EUR']);
    expect(pipeline.rows).toContainEqual({ stage: 'proposal', currency: 'CNY', count: 1, amount: 800000, weighted: 400000 });
    expect(pipeline.rows.every((r: { stage: string }) => !r.stage.startsWith('closed'))).toBe(true);

    const sat = await json('satisfaction');
    expect(sat.weeks).toHaveLength(12);
    expect(sat.timezone).toBe('Asia/Shanghai');
    const answered = sat.points.reduce((n: number, p: { csatResponses: number; npsResponses: number }) => n + p.csatResponses + p.npsResponses, 0);
    expect(answered).toBe(6);

    const reps = await json('interactions');
    expect(reps.points.map((r: { name: string }) => r.name).sort()).toEqual(['Alex Morgan', '王芳']);

    const sla = await json('sla');
    const totals = sla.points.reduce(
      (t: { onTime: number; unanswered: number }, p: { onTime: number; unanswered: number }) => ({
        onTime: t.onTime + p.onTime,
        unanswered: t.unanswered + p.unanswered,
      }),
      { onTime: 0, unanswered: 0 },
    );
    expect(totals).toEqual({ onTime: 1, unanswered: 3 });

    const seg = await json('segments');
    const analytics = new AnalyticsService(db.prisma, systemClock);
    const manager = (await new ActorDirectory(db.prisma).user(DEMO_TENANT_ID, 'demo-manager'))!;
    const listed = await buildServices(db.prisma, new CompositeDelivery({ web: new WebInboxDelivery() }, db.prisma)).value.listSegment(manager, { scope: 'team', limit: 1000 });
    for (const s of seg.segments as { segment: string; count: number }[]) {
      const n = listed.filter((a) => (a.segment?.key ?? 'unscored') === s.segment).length;
      expect(s.count, s.segment).toBe(n);
    }
    expect((await analytics.rfmSegments(manager, { scope: 'team' })).length).toBeGreaterThan(0);

    const managerQueues = await json('queues');
    expect(managerQueues).toEqual({ available: true, queues: { 'crm-reminders': { waiting: 2, active: 0, failed: 1 } } });
    expect((await json('queues', 'demo-admin')).adminUrl).toBe('/admin/queues');
    expect((await get('/api/dashboard/satisfaction?weeks=500', 'demo-manager')).status).toBe(400);
  });

  it('serves its script, styles and Chart.js', async () => {
    for (const path of ['/dashboard/static/dashboard.js', '/dashboard/static/dashboard.css', '/dashboard/static/chart.umd.min.js']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
    }
  });
});
