// One HTTP server for everything: health, the local web chat and its API, the dashboard, and
// (when configured) Slack's and Teams' endpoints, which adapters mount as routers.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from '../infra/logger.ts';
import { admission, type AdmissionOptions } from './admission.ts';

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export interface HttpOptions {
  logger: Logger;
  /** Checks for /readyz; each must answer for the server to be ready. */
  readiness: HealthCheck[];
  /** Routers mounted in order (web chat API, Slack, Teams, dashboard). */
  routers: Router[];
  /** Largest JSON body accepted (bytes). */
  bodyLimit?: number;
  /** Bounded work in flight, with 503 + Retry-After beyond it (admission.ts); unset: unbounded. */
  admission?: AdmissionOptions;
}

export function createHttpApp(opts: HttpOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((req, res, next) => {
    const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    res.setHeader('x-request-id', id);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'same-origin');
    // Every 503 says when to come back.
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
      if (args[0] === 503 && !this.getHeader('retry-after')) this.setHeader('retry-after', '2');
      return writeHead.apply(this, args);
    } as Response['writeHead'];
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      opts.readiness.map(async (c) => {
        try {
          await withTimeout(c.check(), 2_000);
          return [c.name, 'ok'] as const;
        } catch (err) {
          return [c.name, `unavailable: ${err instanceof Error ? err.message : String(err)}`] as const;
        }
      }),
    );
    const ready = results.every(([, v]) => v === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  });

  // After the health checks, which must answer however busy the server is.
  if (opts.admission) app.use(admission(opts.admission, opts.logger));

  for (const r of opts.routers) app.use(r);

  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'No such endpoint.' });
  });

  // Body parser errors become clear 4xx answers; anything else is logged with its cause.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: 'too_large', message: 'The request body is too large.' });
      return;
    }
    if (e.type === 'entity.parse.failed' || e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
      res.status(400).json({ error: 'bad_json', message: 'The request body is not valid JSON.' });
      return;
    }
    if (isUnstorableText(err)) {
      // PostgreSQL refuses NUL (and, in some encodings, other) characters in text: the client's input.
      res.status(400).json({ error: 'bad_request', message: 'The request contains characters that cannot be stored (such as NUL).' });
      return;
    }
    if (e.status && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: 'bad_request', message: e.message ?? 'Bad request.' });
      return;
    }
    opts.logger.error({ err, path: req.path, requestId: res.getHeader('x-request-id') }, 'unhandled error in HTTP handler');
    if (!res.headersSent) res.status(500).json({ error: 'internal', message: 'Something went wrong on our side; it has been logged.' });
  });
  return app;
}

export async function listen(app: express.Express, port: number, host: string): Promise<{ server: Server; url: string }> {
  const server = createServer(app);
  server.keepAliveTimeout = 65_000;
  // Graceful close: server.close() only drops the keep-alive sockets that are idle at that moment.
  // A request in flight leaves its socket kept alive once answered, and close() would then wait
  // keepAliveTimeout (65 s) — past the shutdown deadline, so workers never closed. Once closing,
  // answers say `Connection: close` and each finished one drops the sockets that went idle.
  // Requests already in flight when closing starts are told too (their answer is not written yet),
  // or the client sends its next request down a socket that is about to close and gets a reset.
  let closing = false;
  const inFlight = new Set<ServerResponse>();
  const close = server.close.bind(server);
  server.close = ((cb?: (err?: Error) => void) => {
    closing = true;
    for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    return close(cb);
  }) as typeof server.close;
  server.on('request', (_req, res) => {
    if (closing) res.shouldKeepAlive = false;
    inFlight.add(res);
    res.on('close', () => inFlight.delete(res));
    res.on('finish', () => {
      inFlight.delete(res);
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A deep accept queue: a burst of connections is accepted and answered (503 when busy, see
    // admission.ts) rather than reset by the kernel when Node's default backlog (511) overflows.
    server.listen(port, host, 2048, () => resolve());
  });
  const addr = server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return { server, url: `http://${shownHost}:${actualPort}` };
}

/** PostgreSQL's "invalid byte sequence" (22021) or "untranslatable character" (22P05), however wrapped. */
export function isUnstorableText(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const x = e as { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (x.code === '22021' || x.code === '22P05' || x.originalCode === '22021' || x.originalCode === '22P05') return true;
    if (typeof x.message === 'string' && /invalid byte sequence for encoding|untranslatable character|Code: `22(021|P05)`/.test(x.message)) return true;
    e = x.meta?.driverAdapterError ?? x.cause;
  }
  return false;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
