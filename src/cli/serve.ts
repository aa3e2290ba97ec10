import type { Config } from '../config.ts';
import { startApp, type RapportApp } from '../app.ts';
import { createLogger } from '../infra/logger.ts';
import { collectStartupGarbage } from '../infra/memory.ts';

function describeChannels(config: Config): string[] {
  const on = ['web chat'];
  if (config.SLACK_SIGNING_SECRET || config.SLACK_CLIENT_ID) on.push(config.SLACK_APP_TOKEN ? 'Slack (Socket Mode)' : 'Slack (POST /slack/events)');
  on.push(config.MICROSOFT_APP_ID ? 'Teams (POST /api/messages, JWT validated)' : 'Teams (POST /api/messages, loopback only, no auth — emulator mode)');
  return on;
}

/** Stops cleanly on SIGINT/SIGTERM: in-flight requests finish, workers close, jobs are not left locked. */
function onShutdown(app: RapportApp): void {
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      if (stopping) return;
      stopping = true;
      app.logger.info({ signal: sig }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 20_000);
      force.unref();
      void app.stop().then(() => process.exit(0));
    });
  }
}

export async function runServe(config: Config): Promise<number> {
  const logger = createLogger(config.LOG_LEVEL);
  const app = await startApp(config, { http: true, workers: config.RAPPORT_WORKERS, logger });
  onShutdown(app);
  collectStartupGarbage(logger);
  logger.info(
    {
      url: app.url,
      database: app.db.kind === 'pglite' ? `embedded PGlite in ${config.RAPPORT_DATA_DIR}` : 'PostgreSQL',
      jobs: app.jobs.kind === 'redis' ? 'BullMQ on Redis' : 'BullMQ on PostgreSQL',
      workers: config.RAPPORT_WORKERS ? 'in-process' : 'off (run `rapport worker`)',
      parser: config.OPENAI_API_KEY ? `rules + LLM (${config.OPENAI_MODEL})` : 'rules (bilingual, no LLM)',
      channels: describeChannels(config),
    },
    'Rapport is running',
  );
  if (process.stdout.isTTY) process.stdout.write(`\n  Rapport is running: open ${app.url} and pick a demo user.\n\n`);
  return -1;
}

export async function runWorker(config: Config): Promise<number> {
  const logger = createLogger(config.LOG_LEVEL);
  const app = await startApp(config, { http: false, workers: true, logger });
  onShutdown(app);
  collectStartupGarbage(logger);
  logger.info({ jobs: app.jobs.kind }, 'Rapport workers are running');
  return -1;
}
