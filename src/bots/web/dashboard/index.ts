// The manager dashboard and the account 360° page: server-rendered HTML (the at-risk table is in
// the first response), charts filled from /api/dashboard/* by a small script, and passwordless
// sign-in. Locally a demo user picks who they are; elsewhere the chat hands out a short-lived
// signed link (`createSignInToken`) that becomes an HttpOnly session cookie. Managers see their
// team, admins the tenant; everyone else gets a clear refusal, never data.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { ActorDirectory } from '../../../domain/identity/actor-directory.ts';
import type { Actor } from '../../../domain/shared/actor.ts';
import { DomainError, ForbiddenError, NotFoundError, type Locale } from '../../../domain/shared/errors.ts';
import { systemClock, type Clock } from '../../../domain/shared/clock.ts';
import type { AnalyticsService } from '../../../domain/analytics/analytics.service.ts';
import { CSV_COLUMNS, REQUIRED_COLUMNS, type ImportExportService, type ImportKind } from '../../../domain/io/io.service.ts';
import { isDatabaseDown } from '../../unavailable.ts';
import type { Services } from '../../../services.ts';
import type { Logger } from '../../../infra/logger.ts';
import { clearSessionCookie, readCookie, sessionCookie, SESSION_COOKIE, TokenSigner } from '../../../server/auth.ts';
import { DATA_CLIENT_KEYS, translator } from './i18n.ts';
import { accountPage, dashboardPage, dataPage, messagePage, signInPage, SORT_KEYS, type SortKey, type Viewer } from './pages.ts';
import { withTimeout } from '../../../infra/with-timeout.ts';

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'public');
const CHART_JS = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

type StaffActor = Extract<Actor, { kind: 'user' }>;

export interface DashboardDeps {
  services: Pick<Services, 'risk' | 'accounts' | 'interactions' | 'claims'> & { analytics: AnalyticsService; io: ImportExportService };
  actors: ActorDirectory;
  logger: Logger;
  /** The tenant the local demo sign-in serves (sign-in links carry their own tenant). */
  tenantId: string;
  /** HMAC secret for sign-in links and session cookies, at least 16 characters. */
  secret: string;
  /** Job counts per queue and state, for the queue-health card; the card is hidden without it. */
  queueCounts?: () => Promise<Record<string, Record<string, number>>>;
  /** @defaultValue systemClock */
  clock?: Clock;
  /** Largest CSV upload, bytes. @defaultValue 50 MB */
  importLimitBytes?: number;
}

const IMPORT_KINDS = Object.keys(CSV_COLUMNS) as ImportKind[];
const isImportKind = (k: unknown): k is ImportKind => typeof k === 'string' && (IMPORT_KINDS as string[]).includes(k);

/** Dashboard scope by role: a manager's team, an admin's whole tenant. */
const scopeFor = (a: StaffActor) => (a.role === 'admin' ? ('all' as const) : ('team' as const));
const canView = (a: Actor): boolean => a.kind === 'user' && (a.role === 'manager' || a.role === 'admin');

export function dashboardRouter(deps: DashboardDeps): Router {
  const signer = new TokenSigner(deps.secret);
  const clock = deps.clock ?? systemClock;
  const { analytics, io } = deps.services;
  const r = express.Router();

  // -- helpers --

  const langOverride = (req: Request): Locale | null => (req.query.lang === 'zh' ? 'zh' : req.query.lang === 'en' ? 'en' : null);
  const langParam = (req: Request) => {
    const l = langOverride(req);
    return l ? `&lang=${l}` : '';
  };
  const browserLocale = (req: Request): Locale => langOverride(req) ?? (/^zh/i.test(req.get('accept-language') ?? '') ? 'zh' : 'en');

  const pageHeaders = (res: Response) => {
    res.setHeader('cache-control', 'no-store');
    res.setHeader(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    res.setHeader('x-frame-options', 'DENY');
    res.type('html');
  };

  /** The signed-in actor, or null (no cookie, bad or expired token, deactivated user). */
  async function sessionActor(req: Request): Promise<Actor | null> {
    const v = signer.verifyToken(readCookie(req.get('cookie'), SESSION_COOKIE), 'session', clock.now());
    if (!v.ok) return null;
    return deps.actors.user(v.claims.tenantId, v.claims.userId);
  }

  const toViewer = (a: StaffActor): Viewer => ({ name: a.name, role: a.role, locale: a.locale, timezone: a.timezone });

  /** For pages: redirects to sign-in, or answers 403; returns the actor when allowed. */
  async function requirePage(req: Request, res: Response): Promise<StaffActor | null> {
    const actor = await sessionActor(req);
    if (!actor) {
      res.redirect(303, `/dashboard/signin?next=${encodeURIComponent(req.originalUrl)}`);
      return null;
    }
    if (!canView(actor)) {
      const locale = langOverride(req) ?? actor.locale;
      const t = translator(locale);
      pageHeaders(res);
      res.status(403).send(messagePage({ locale, title: t('forbiddenTitle'), message: t('forbiddenBody'), ...(actor.kind === 'user' ? { viewer: toViewer(actor) } : {}) }));
      return null;
    }
    return actor as StaffActor;
  }

  /** For JSON: 401 without a session, 403 for anyone but managers and admins. */
  async function requireApi(req: Request, res: Response): Promise<StaffActor | null> {
    res.setHeader('cache-control', 'no-store');
    const actor = await sessionActor(req);
    if (!actor) {
      res.status(401).json({ error: 'unauthorized', message: 'Sign in at /dashboard/signin first.' });
      return null;
    }
    if (!canView(actor)) {
      res.status(403).json({ error: 'forbidden', message: translator(actor.locale)('forbiddenBody') });
      return null;
    }
    return actor as StaffActor;
  }

  function domainErrorPage(err: DomainError, req: Request, res: Response, actor: StaffActor): void {
    const locale = langOverride(req) ?? actor.locale;
    const t = translator(locale);
    const notFound = err instanceof NotFoundError;
    pageHeaders(res);
    res.status(notFound ? 404 : err instanceof ForbiddenError ? 403 : 400).send(
      messagePage({ locale, title: notFound ? t('notFoundTitle') : t('accessTitle'), message: err.userMessage(locale), viewer: toViewer(actor), back: true }),
    );
  }

  const safeNext = (next: unknown) =>
    typeof next === 'string' && /^\/dashboard(?:[/?#]|$)/.test(next) && !next.startsWith('//') ? next : '/dashboard';

  const sameOrigin = (req: Request) => {
    const origin = req.get('origin');
    if (!origin) return true; // old browsers and curl; the cookie is SameSite=Lax anyway
    try {
      return new URL(origin).host === req.get('host');
    } catch {
      return false;
    }
  };

  const isLocalTenant = () => deps.actors.isLocalTenant(deps.tenantId);
  const claimSignIn = async (tenantId: string, nonce: string) => (await deps.services.claims.claim('dashboard-signin', nonce, tenantId)) === 'claimed';

  function startSession(req: Request, res: Response, tenantId: string, userId: string): void {
    const token = signer.createSessionToken({ tenantId, userId }, clock.now());
    res.append('set-cookie', sessionCookie(token, { secure: req.secure }));
  }

  // -- static files --

  r.get('/dashboard/static/chart.umd.min.js', (_req, res) => {
    res.sendFile(CHART_JS, { maxAge: '1d' });
  });
  r.use('/dashboard/static', express.static(PUBLIC_DIR, { maxAge: '1h', index: false }));

  // -- sign-in --

  r.get('/dashboard/signin', async (req, res) => {
    const locale = browserLocale(req);
    const t = translator(locale);
    pageHeaders(res);
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    if (token !== undefined) {
      const v = signer.verifyToken(token, 'signin', clock.now());
      const actor = v.ok ? await deps.actors.user(v.claims.tenantId, v.claims.userId) : null;
      // A link signs in once: its nonce is claimed (kept a week, swept with the event ids).
      const fresh = v.ok && actor && v.claims.nonce ? await claimSignIn(v.claims.tenantId, v.claims.nonce) : false;
      if (!v.ok || !actor || !fresh) {
        deps.logger.info({ reason: !v.ok ? v.reason : !actor ? 'unknown user' : 'link already used' }, 'dashboard sign-in link refused');
        res.status(401).send(messagePage({ locale, title: t('signInTitle'), message: t('linkExpired') }));
        return;
      }
      startSession(req, res, actor.tenantId, v.claims.userId);
      res.redirect(303, safeNext(req.query.next));
      return;
    }
    const local = await isLocalTenant();
    const users = local ? await deps.actors.managers(deps.tenantId) : null;
    const next = safeNext(req.query.next);
    res.send(signInPage({ locale, users, ...(next !== '/dashboard' ? { next } : {}) }));
  });

  r.post('/dashboard/signin', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const locale = browserLocale(req);
    const t = translator(locale);
    pageHeaders(res);
    const userId = typeof req.body?.userId === 'string' ? req.body.userId : '';
    if (!sameOrigin(req) || !(await isLocalTenant())) {
      res.status(403).send(messagePage({ locale, title: t('signInTitle'), message: t('signInRemote') }));
      return;
    }
    // Any demo web identity may try; reps land on the clear 403 page, customers get it right away.
    const actor = userId ? await deps.actors.byIdentity(deps.tenantId, 'web', userId) : null;
    if (!actor) {
      res.status(401).send(signInPage({ locale, users: [], message: t('linkExpired') }));
      return;
    }
    if (actor.kind !== 'user') {
      res.status(403).send(messagePage({ locale: actor.locale, title: translator(actor.locale)('forbiddenTitle'), message: translator(actor.locale)('customerForbidden') }));
      return;
    }
    startSession(req, res, actor.tenantId, actor.userId);
    res.redirect(303, safeNext(req.body?.next));
  });

  r.post('/dashboard/signout', (req, res) => {
    res.append('set-cookie', clearSessionCookie({ secure: req.secure }));
    res.redirect(303, '/dashboard/signin');
  });

  // -- pages --

  r.get('/dashboard', async (req, res) => {
    const actor = await requirePage(req, res);
    if (!actor) return;
    const locale = langOverride(req) ?? actor.locale;
    const sort: SortKey = SORT_KEYS.includes(req.query.sort as SortKey) ? (req.query.sort as SortKey) : 'score';
    const dir = req.query.dir === 'asc' ? 'asc' : 'desc';
    const atRisk = await deps.services.risk.listAtRisk(actor, { scope: scopeFor(actor), limit: 100 });
    pageHeaders(res);
    res.send(dashboardPage({ viewer: toViewer(actor), locale, atRisk, sort, dir, langParam: langParam(req), showQueues: Boolean(deps.queueCounts) }));
  });

  r.get('/dashboard/accounts/:id', async (req, res) => {
    const actor = await requirePage(req, res);
    if (!actor) return;
    const id = String(req.params.id);
    try {
      const [overview, timeline, activity, risk] = await Promise.all([
        deps.services.accounts.accountOverview(actor, id),
        deps.services.interactions.timeline(actor, id, { limit: 50 }),
        analytics.accountActivity(actor, id),
        deps.services.risk.explainAccount(actor, id).catch((err: unknown) => {
          deps.logger.warn({ err, accountId: id }, 'risk explanation failed; showing the account without it');
          return null;
        }),
      ]);
      const locale = langOverride(req) ?? actor.locale;
      pageHeaders(res);
      res.send(accountPage({ viewer: toViewer(actor), locale, overview, timeline, activity, risk, langParam: langParam(req) }));
    } catch (err) {
      if (err instanceof DomainError) return domainErrorPage(err, req, res, actor);
      throw err;
    }
  });

  // -- CSV import and export --

  r.get('/dashboard/data', async (req, res) => {
    const actor = await requirePage(req, res);
    if (!actor) return;
    const locale = langOverride(req) ?? actor.locale;
    const t = translator(locale);
    pageHeaders(res);
    res.send(dataPage({
      viewer: toViewer(actor), locale, columns: CSV_COLUMNS, required: REQUIRED_COLUMNS, langParam: langParam(req),
      strings: Object.fromEntries(DATA_CLIENT_KEYS.map((k) => [k, t(k)])),
    }));
  });

  /** Manager or admin with a session, from this origin (the page's script), for a known kind. */
  async function requireImporter(req: Request, res: Response, next: NextFunction): Promise<void> {
    const actor = await requireApi(req, res);
    if (!actor) return;
    if (!sameOrigin(req) || req.get('x-requested-with') !== 'rapport-dashboard') {
      res.status(403).json({ error: 'forbidden', message: 'Upload from the dashboard page.' });
      return;
    }
    if (!isImportKind(req.params.kind)) {
      res.status(404).json({ error: 'not_found', message: `Import one of: ${IMPORT_KINDS.join(', ')}.` });
      return;
    }
    res.locals.actor = actor;
    next();
  }

  // The upload's body is the CSV file itself. The answer streams one JSON object per line while the
  // import runs — {"phase":"checking"}, {"phase":"writing","done":n,"total":m}… — and ends with
  // {"phase":"done","report":…} (the io service's report: row and column of every problem) or
  // {"phase":"error","message":…}. All or nothing, idempotent on external_id: the io service's rules.
  r.post(
    '/api/dashboard/import/:kind',
    (req, res, next) => void requireImporter(req, res, next).catch(next),
    express.raw({ type: () => true, limit: deps.importLimitBytes ?? 50 * 1024 * 1024 }),
    async (req: Request, res: Response) => {
      const actor = res.locals.actor as StaffActor;
      const kind = req.params.kind as ImportKind;
      const bytes = Buffer.isBuffer(req.body) ? (req.body as Buffer) : Buffer.alloc(0);
      res.status(200);
      res.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
      res.setHeader('x-accel-buffering', 'no');
      const line = (o: object) => {
        if (!res.writableEnded) res.write(`${JSON.stringify(o)}\n`);
      };
      line({ phase: 'checking', bytes: bytes.length });
      try {
        const report = await io.importCsv(actor, kind, bytes, { onProgress: (done, total) => line({ phase: 'writing', done, total }) });
        deps.logger.info({ tenantId: actor.tenantId, userId: actor.userId, kind, total: report.total, imported: report.imported, created: report.created, updated: report.updated, problems: report.errors.length }, 'dashboard CSV import');
        line({ phase: 'done', report });
      } catch (err) {
        // A refusal says why; anything else (the database went away mid-import included) rolled
        // the import's transaction back, so nothing was saved.
        const message = err instanceof DomainError ? err.userMessage(actor.locale) : translator(actor.locale)('importFailed');
        if (isDatabaseDown(err)) deps.logger.warn({ err, kind }, 'dashboard CSV import: database unavailable');
        else if (!(err instanceof DomainError)) deps.logger.error({ err, kind }, 'dashboard CSV import failed');
        line({ phase: 'error', message });
      }
      res.end();
    },
  );

  r.get('/api/dashboard/export/:kind', async (req, res) => {
    const actor = await requireApi(req, res);
    if (!actor) return;
    const kind = req.params.kind;
    if (!isImportKind(kind)) {
      res.status(404).json({ error: 'not_found', message: `Export one of: ${IMPORT_KINDS.join(', ')}.` });
      return;
    }
    try {
      const csv = await io.exportCsv(actor, kind, { bom: true });
      const day = clock.now().toISOString().slice(0, 10);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="rapport-${kind}-${day}.csv"`);
      res.send(csv);
    } catch (err) {
      if (err instanceof DomainError) {
        res.status(err instanceof ForbiddenError ? 403 : 400).json({ error: err.code, message: err.userMessage(actor.locale) });
        return;
      }
      throw err;
    }
  });

  // -- JSON for the charts --

  const weeksOf = (req: Request) => {
    const n = Number(req.query.weeks ?? 12);
    return Number.isInteger(n) ? n : 12;
  };

  function api(path: string, load: (actor: StaffActor, req: Request) => Promise<unknown>) {
    r.get(`/api/dashboard/${path}`, async (req, res) => {
      const actor = await requireApi(req, res);
      if (!actor) return;
      try {
        res.json(await load(actor, req));
      } catch (err) {
        if (err instanceof DomainError) {
          const status = err instanceof NotFoundError ? 404 : err instanceof ForbiddenError ? 403 : 400;
          res.status(status).json({ error: err.code, message: err.userMessage(actor.locale) });
          return;
        }
        throw err;
      }
    });
  }

  api('at-risk', async (a) => ({ accounts: await deps.services.risk.listAtRisk(a, { scope: scopeFor(a), limit: 100 }) }));
  api('pipeline', (a) => analytics.pipelineByStage(a, { scope: scopeFor(a) }));
  api('satisfaction', (a, req) => analytics.satisfactionTrend(a, { scope: scopeFor(a), weeks: weeksOf(req) }));
  api('interactions', (a, req) => analytics.interactionsPerRep(a, { scope: scopeFor(a), weeks: weeksOf(req) }));
  api('sla', (a, req) => analytics.complaintSlaTrend(a, { scope: scopeFor(a), weeks: weeksOf(req) }));
  api('segments', async (a) => ({ segments: await analytics.rfmSegments(a, { scope: scopeFor(a) }) }));
  api('queues', async (a) => {
    if (!deps.queueCounts) return { available: false, queues: {} };
    try {
      const queues = await withTimeout(deps.queueCounts(), 2_000);
      return { available: true, queues, ...(a.role === 'admin' ? { adminUrl: '/admin/queues' } : {}) };
    } catch (err) {
      deps.logger.warn({ err }, 'queue counts unavailable for the dashboard');
      return { available: false, queues: {} };
    }
  });

  return r;
}
