// Composition root: the only place that knows every layer. `rapport serve` builds it with the
// HTTP server (and, by default, the workers); `rapport worker` with the workers alone.
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Router } from 'express';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './infra/database.ts';
import { createLogger, type Logger } from './infra/logger.ts';
import { migrateIfNeeded } from './infra/migrations.ts';
import { createJobBackend, type JobBackend } from './jobs/backend.ts';
import { OutboxRelay } from './jobs/outbox-relay.ts';
import { seedDemo, DEMO_TENANT_ID } from './seed/demo.ts';
import { ActorDirectory } from './domain/identity/actor-directory.ts';
import { createHttpApp, listen, type HealthCheck } from './server/http.ts';
import { webChatRouter } from './bots/web/router.ts';
import { buildServices, type Services } from './services.ts';
import { createChatHandler } from './intents/engine.ts';
import { withIdempotency } from './intents/idempotency.ts';
import { ChatTurnService } from './domain/conversations/chat-turn.service.ts';
import type { ChatHandler } from './intents/types.ts';
import { startWorkers, type Workers } from './jobs/workers.ts';
import { INBOUND_QUEUE, inboundQueue, startInboundWorker } from './jobs/inbound.ts';
import { CompositeDelivery, type ChannelPorts } from './domain/delivery/channel-routing.ts';
import { WebInboxDelivery } from './bots/web/delivery.ts';
import { createParser } from './intents/llm/select-parser.ts';
import { OutboxStore, QUEUES } from './domain/shared/outbox.ts';
import { queueBoardRouter } from './server/queue-board.ts';
import type { SlackAdapter } from './bots/slack/index.ts';
import express from 'express';
import type { DeliveryPort } from './domain/shared/ports.ts';
import { dashboardRouter } from './bots/web/dashboard/index.ts';
import { TokenSigner } from './server/auth.ts';
import { WELCOME_CLAIM_SOURCE } from './domain/onboarding/index.ts';

/** RFM, tiers and lifecycle for every tenant; expired dialog state and week-old event ids removed. */
export async function housekeeping(db: Database['prisma'], services: Services, logger: Logger): Promise<void> {
  const tenants = await db.tenant.findMany({ select: { id: true } });
  for (const { id } of tenants) {
    const report = await services.value.recomputeValue({ kind: 'system', tenantId: id }, id);
    logger.info({ tenantId: id, rfmScored: report.rfmScored, transitions: report.transitions }, 'value recomputed');
  }
  const dialogs = await services.dialogs.sweep();
  const events = await services.claims.sweep(new Date(Date.now() - 7 * 86_400_000), [WELCOME_CLAIM_SOURCE]);
  const turns = await new ChatTurnService(db).sweep();
  logger.info({ dialogs, events, turns }, 'swept expired dialog state, old event ids and chat turns');
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}

export interface AppOptions {
  /** Start the HTTP server (serve). */
  http: boolean;
  /** Run job workers in this process. */
  workers: boolean;
  logger?: Logger;
}

export interface RapportApp {
  config: Config;
  logger: Logger;
  db: Database;
  jobs: JobBackend;
  relay: OutboxRelay;
  services: Services;
  chat: ChatHandler;
  actors: ActorDirectory;
  workers?: Workers | undefined;
  server?: Server | undefined;
  url?: string | undefined;
  stop(): Promise<void>;
}

export async function startApp(config: Config, opts: AppOptions): Promise<RapportApp> {
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.RAPPORT_DATA_DIR });
  const cleanups: (() => Promise<void>)[] = [() => db.close()];
  /** Closed first and together on stop: the HTTP server (in-flight requests finish) and the workers. */
  const front: (() => Promise<void>)[] = [];
  try {
    const applied = await migrateIfNeeded(db);
    if (applied.length) logger.info({ applied }, 'database migrated');
    const seedDemoData = config.RAPPORT_SEED_DEMO ?? !config.DATABASE_URL;
    const seeded = seedDemoData && (await seedDemo(db.prisma));
    if (seeded) logger.info('seeded the bilingual demo tenant');

    const jobs = await createJobBackend({
      redisUrl: config.REDIS_URL,
      postgresUrl: () => db.connectionString(),
      logger,
    });
    cleanups.unshift(() => jobs.close());
    const relay = new OutboxRelay(new OutboxStore(db.prisma), jobs, logger);
    relay.start();
    cleanups.unshift(() => relay.stop());

    const actors = new ActorDirectory(db.prisma);
    // Channel ports are registered here; Slack and Teams add theirs once their adapters exist.
    const ports: ChannelPorts = { web: new WebInboxDelivery() };
    const delivery = new CompositeDelivery(ports, db.prisma);
    // Reminder dispatch's batched statements (DeliveryService's tick) skip Prisma Client's per-query
    // work and go straight to a driver-adapter connection of their own: PostgreSQL only (PGlite has
    // one session, which a transaction in progress would share).
    const deliveryRaw = opts.workers && config.DATABASE_URL ? await db.adapterFactory.connect() : undefined;
    if (deliveryRaw) cleanups.unshift(() => deliveryRaw.dispose());
    const services = buildServices(db.prisma, delivery, undefined, deliveryRaw ? { delivery: { raw: deliveryRaw } } : {});
    const parser = await createParser(config, logger);
    // Signs dashboard links and sessions. Unset: random per process, so sessions end on restart and
    // several server processes need RAPPORT_SECRET set to the same value.
    if (!config.RAPPORT_SECRET && opts.http && (config.SLACK_SIGNING_SECRET || config.MICROSOFT_APP_ID)) {
      logger.warn('RAPPORT_SECRET is unset: dashboard sign-in links work only on the process that made them');
    }
    const secret = config.RAPPORT_SECRET ?? randomBytes(32).toString('hex');
    const signer = new TokenSigner(secret);
    // Fresh demo data gets its RFM scores, tiers and lifecycle stages at once, not at the first job.
    if (seeded) await services.value.recomputeValue({ kind: 'system', tenantId: DEMO_TENANT_ID }, DEMO_TENANT_ID);
    // Every message id acts once, for every write (src/intents/idempotency.ts).
    const chat = withIdempotency(
      createChatHandler({
        services,
        actors,
        parser,
        logger,
        onCommit: () => relay.kick(),
        dashboardLink: (tenantId, userId) =>
          `${config.PUBLIC_URL ?? ''}/dashboard/signin?token=${encodeURIComponent(signer.createSignInToken({ tenantId, userId }))}`,
      }),
      new ChatTurnService(db.prisma),
      { logger },
    );

    // Channel adapters register their delivery ports before the workers start sending.
    let slack: SlackAdapter | undefined;
    if (config.SLACK_APP_TOKEN || (config.SLACK_SIGNING_SECRET && (config.SLACK_BOT_TOKEN || config.SLACK_CLIENT_ID))) {
      const { createSlackAdapter } = await import('./bots/slack/index.ts');
      // Slack events are acked once queued; the inbound worker (here or in `rapport worker`) runs them.
      const inbound = config.RAPPORT_INBOUND === 'queue' ? inboundQueue(jobs) : undefined;
      slack = createSlackAdapter({ config, chat, services, logger, inbound, onCommit: () => relay.kick() });
      ports.slack = slack.delivery;
      await slack.start();
      const s = slack;
      cleanups.unshift(() => s.stop());
    }
    // Teams: with an app id, the adapter now; without one (loopback-only emulator mode), botbuilder
    // is loaded on the first request or proactive send, so an idle local server does not carry it.
    const loadTeams = once(async () => {
      const { createTeamsAdapter } = await import('./bots/teams/index.ts');
      return createTeamsAdapter({ config, chat, services, logger });
    });
    const teamsRouter = express.Router();
    teamsRouter.post('/api/messages', (req, res, next) => {
      loadTeams().then((t) => t.router(req, res, next), next);
    });
    const teamsDelivery: DeliveryPort = { deliver: async (recipient, message) => (await loadTeams()).delivery.deliver(recipient, message) };
    ports.teams = teamsDelivery;
    if (config.MICROSOFT_APP_ID) {
      const t = await loadTeams();
      if (opts.http) logger.info(t.describe());
    } else if (opts.http) {
      logger.info('Teams: POST /api/messages WITHOUT authentication (no MICROSOFT_APP_ID) — loopback only, for the Bot Framework Emulator');
    }

    let workers: Workers | undefined;
    if (opts.workers) {
      workers = await startWorkers({
        jobs,
        db: db.prisma,
        services,
        delivery,
        logger,
        housekeeping: () => housekeeping(db.prisma, services, logger),
        // Slack allows about one message per second per channel: throttle delivering queues only
        // when Slack is on (Teams' throttling is answered by retry with backoff).
        limiter: slack ? { max: 20, duration: 1_000 } : null,
        // Jobs mostly wait on the database: more in flight on PostgreSQL; PGlite has one session.
        concurrency: config.DATABASE_URL ? 20 : 5,
        // Reminders to the web inbox alone: concurrent jobs share one statement per round trip
        // (DeliveryService's tick), so hundreds in flight cost little (bench `jobs`). With Slack or
        // Teams on, platform rate limits bound sends and the default stands.
        ...(config.DATABASE_URL && config.REDIS_URL && !slack && !config.MICROSOFT_APP_ID ? { queueConcurrency: { [QUEUES.reminders]: 400 } } : {}),
        // A crashed worker's jobs are picked up by another within ~15 s, not BullMQ's default 30 s.
        lockDuration: 15_000,
        stalledInterval: 15_000,
      });
      const w = workers;
      front.push(() => w.close());
      if (slack) {
        const s = slack;
        const inboundWorker = startInboundWorker(jobs, { slack: (e, attempt) => s.handleQueued(e, attempt) }, logger, {
          // A turn mostly waits on the database and the Slack Web API.
          concurrency: config.RAPPORT_INBOUND_CONCURRENCY ?? (config.DATABASE_URL ? 16 : 4),
          lockDuration: 15_000,
          stalledInterval: 15_000,
        });
        front.push(() => inboundWorker.close());
      }
    }

    let server: Server | undefined;
    let url: string | undefined;
    if (opts.http) {
      const readiness: HealthCheck[] = [
        { name: 'database', check: () => db.ping() },
        { name: config.REDIS_URL ? 'redis' : 'jobs', check: () => jobs.ping() },
      ];
      const queues = [...Object.values(QUEUES), ...(slack ? [INBOUND_QUEUE] : [])].map((name) => jobs.queue(name).raw);
      const routers: Router[] = [
        webChatRouter({ services, actors, chat, logger, tenantId: DEMO_TENANT_ID }),
        dashboardRouter({
          services,
          actors,
          logger,
          tenantId: DEMO_TENANT_ID,
          secret,
          queueCounts: async () =>
            Object.fromEntries(await Promise.all(queues.map(async (q) => [q.name, await q.getJobCounts()] as const))),
        }),
        await queueBoardRouter(queues, config.ADMIN_PASSWORD),
        ...(slack ? [slack.router] : []),
        teamsRouter,
      ];
      // Bounded work per process (503 + Retry-After beyond it): PostgreSQL's pool has 10 connections;
      // PGlite has one session, shared with the workers.
      const app = createHttpApp({
        logger,
        readiness,
        routers,
        admission: config.DATABASE_URL ? { maxInFlight: 24, maxQueued: 64 } : { maxInFlight: 8, maxQueued: 64 },
      });
      ({ server, url } = await listen(app, config.PORT, config.HOST));
      const s = server;
      front.push(
        () =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeIdleConnections();
          }),
      );
    }

    return {
      config,
      logger,
      db,
      jobs,
      relay,
      services,
      chat,
      actors,
      workers,
      server,
      url,
      async stop() {
        await Promise.all(front.splice(0).map((c) => c().catch((err) => logger.warn({ err }, 'error during shutdown'))));
        for (const c of cleanups.splice(0)) {
          await c().catch((err) => logger.warn({ err }, 'error during shutdown'));
        }
      },
    };
  } catch (err) {
    for (const c of [...front, ...cleanups]) await c().catch(() => undefined);
    throw err;
  }
}
