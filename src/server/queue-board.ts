// Bull Board at /admin/queues, behind HTTP basic auth with ADMIN_PASSWORD (off when unset).
import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Queue } from 'bullmq';

export const QUEUE_BOARD_PATH = '/admin/queues';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Basic auth: user `admin`, password ADMIN_PASSWORD. */
export function basicAuth(password: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const [scheme, encoded] = header.split(' ');
    if (scheme === 'Basic' && encoded) {
      const [user, ...rest] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
      if (user === 'admin' && sameSecret(rest.join(':'), password)) return next();
    }
    res.setHeader('www-authenticate', 'Basic realm="Rapport queues", charset="UTF-8"');
    res.status(401).json({ error: 'unauthorized', message: 'The queue board needs the admin password.' });
  };
}

/**
 * The board's writes (pause, retry, clean, add…) only from the board itself. A browser that has
 * the admin's basic-auth credentials sends them along with any request a hostile page makes, so
 * the password alone does not show that the admin meant it (CSRF): a write whose Origin (or
 * Sec-Fetch-Site) says it came from another site is refused. Requests without either header are
 * not from a browser page and pass on to the password check.
 */
export function sameOriginWrites(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const origin = req.get('origin');
  const site = req.get('sec-fetch-site');
  let sameOrigin = true;
  if (origin !== undefined) {
    try {
      sameOrigin = new URL(origin).host === req.get('host');
    } catch {
      sameOrigin = false; // "null" and anything unparsable
    }
  }
  if (site !== undefined && site !== 'same-origin' && site !== 'none') sameOrigin = false;
  if (sameOrigin) return next();
  res.status(403).json({ error: 'forbidden', message: 'Queue board changes are accepted only from the board itself.' });
}

export async function queueBoardRouter(queues: Queue[], password: string | undefined): Promise<Router> {
  const router = express.Router();
  if (!password) {
    router.use(QUEUE_BOARD_PATH, (_req, res) => {
      res.status(404).json({ error: 'not_found', message: 'The queue board is off: set ADMIN_PASSWORD to turn it on.' });
    });
    return router;
  }
  // Loaded only when the board is on.
  const { createBullBoard } = await import('@bull-board/api');
  const { BullMQAdapter } = await import('@bull-board/api/bullMQAdapter');
  const { ExpressAdapter } = await import('@bull-board/express');
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
  router.use(QUEUE_BOARD_PATH, sameOriginWrites, basicAuth(password), adapter.getRouter() as Router);
  return router;
}
