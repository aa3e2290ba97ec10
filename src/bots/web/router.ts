// The local web chat: a page to pick a demo user and talk to Rapport, its JSON API, and the
// inbox of what the jobs delivered to that user. Local tool, honest auth: only the demo
// tenant's web identities may talk, anyone else gets 403, and the server listens on loopback
// unless HOST says otherwise.
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { z } from 'zod';
import type { ActorDirectory } from '../../domain/identity/actor-directory.ts';
import type { DeliveryService } from '../../domain/delivery/delivery.service.ts';
import type { ChatHandler } from '../../intents/types.ts';
import type { Logger } from '../../infra/logger.ts';
import { isDatabaseDown, isOutcomeUnknown, unavailableReply } from '../unavailable.ts';

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'public');

// NUL can't be stored in PostgreSQL text and means nothing in a chat message: dropped at the door.
// oxlint-disable-next-line no-control-regex -- matching NUL is the point: it is stripped
const noNul = (s: string) => s.replace(/\u0000/g, '');

const chatBody = z.object({
  userId: z.string().min(1).max(200),
  text: z.string().max(4000).default('').transform(noNul),
  threadId: z.string().min(1).max(200).optional(),
  messageId: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(500).optional(),
});

export interface WebChatDeps {
  services: { delivery: Pick<DeliveryService, 'inbox'> };
  actors: ActorDirectory;
  chat: ChatHandler;
  logger: Logger;
  tenantId: string;
}

export function webChatRouter(deps: WebChatDeps): Router {
  const r = express.Router();
  r.use('/static', express.static(PUBLIC_DIR, { maxAge: '1h', index: false }));
  r.get('/', (_req, res) => {
    res.sendFile(join(PUBLIC_DIR, 'index.html'));
  });

  r.get('/api/users', async (_req, res) => {
    const ids = await deps.actors.externalIds(deps.tenantId, 'web');
    const users = [];
    for (const id of ids) {
      const actor = await deps.actors.byIdentity(deps.tenantId, 'web', id);
      if (!actor) continue;
      users.push({
        id,
        name: actor.name,
        role: actor.kind === 'user' ? actor.role : 'customer',
        locale: actor.locale,
        timezone: actor.timezone,
      });
    }
    res.json({ users });
  });

  r.post('/api/chat', express.json({ limit: '64kb' }), async (req, res) => {
    const parsed = chatBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        error: 'bad_request',
        message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
      });
      return;
    }
    const body = parsed.data;
    if (!body.text.trim() && !body.action) {
      res.status(400).json({ error: 'bad_request', message: 'text or action is required' });
      return;
    }
    // The id the client retries with: the same id is recorded once (see InteractionService).
    const messageId = body.messageId ?? randomUUID();
    try {
      const actor = await deps.actors.byIdentity(deps.tenantId, 'web', body.userId);
      if (!actor) {
        res.status(403).json({ error: 'forbidden', message: `Unknown user "${body.userId}". The local chat is for the demo users.` });
        return;
      }
      const result = await deps.chat.handle({
        actor,
        channel: 'web',
        threadKey: body.threadId ?? `web:${body.userId}`,
        text: body.text,
        action: body.action,
        messageId: `web:${messageId}`,
      });
      res.json(result);
    } catch (err) {
      if (isDatabaseDown(err)) {
        // `recorded: 'unknown'` when a write may have been in flight (see isOutcomeUnknown).
        const unknown = isOutcomeUnknown(err);
        deps.logger.warn({ err, messageId, outcome: unknown ? 'unknown' : 'not recorded' }, 'web chat: database unavailable');
        res.status(503).json({ replies: [unavailableReply(/\p{Script=Han}/u.test(body.text) ? 'zh' : 'en', err)], error: 'unavailable', recorded: unknown ? 'unknown' : false, messageId });
        return;
      }
      throw err;
    }
  });

  r.get('/api/inbox', async (req, res) => {
    const userId = typeof req.query.userId === 'string' ? req.query.userId : '';
    const actor = userId ? await deps.actors.byIdentity(deps.tenantId, 'web', userId) : null;
    if (!actor) {
      res.status(403).json({ error: 'forbidden', message: 'Unknown user.' });
      return;
    }
    const recipient = actor.kind === 'user' ? ({ kind: 'user', id: actor.userId } as const) : ({ kind: 'contact', id: actor.contactId } as const);
    const items = await deps.services.delivery.inbox({ tenantId: deps.tenantId, ...recipient });
    res.json({ items: items.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })) });
  });
  return r;
}
