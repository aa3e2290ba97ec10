// Starts the real Rapport app (HTTP server on a free loopback port) over a fresh data directory
// (embedded PGlite) or a fresh PostgreSQL database, with the demo tenant seeded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig, type Config } from '../../src/config.ts';
import { startApp, type RapportApp } from '../../src/app.ts';
import { createLogger } from '../../src/infra/logger.ts';

export interface TestApp {
  app: RapportApp;
  url: string;
  dataDir: string;
  config: Config;
  chat(userId: string, text: string, extra?: Record<string, unknown>): Promise<{ status: number; body: ChatBody }>;
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

export interface ChatBody {
  replies: {
    kind: string;
    text: string;
    intent?: string;
    actions?: { label: string; value: string }[][];
    sections?: { title: string; lines: string[]; actions?: { label: string; value: string }[] }[];
  }[];
  error?: string;
  message?: string;
}

export async function startTestApp(env: Record<string, string> = {}, opts: { workers?: boolean; dataDir?: string } = {}): Promise<TestApp> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'rapport-test-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', RAPPORT_DATA_DIR: dataDir, LOG_LEVEL: 'silent', RAPPORT_SEED_DEMO: 'true', ...env });
  const app = await startApp(config, { http: true, workers: opts.workers ?? false, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') });
  const url = app.url!;
  return {
    app,
    url,
    dataDir,
    config,
    async chat(userId, text, extra = {}) {
      const res = await fetch(`${url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId, text, messageId: randomUUID(), ...extra }),
      });
      return { status: res.status, body: (await res.json()) as ChatBody };
    },
    async stop({ keepData = false } = {}) {
      await app.stop();
      if (!keepData && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
