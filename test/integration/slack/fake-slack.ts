// A local HTTP server standing in for Slack: the Web API (POST /api/<method>, as the WebClient
// calls it through `slackApiUrl`) and response_urls (POST /respond/<id>). Records every call,
// answers in Slack's shapes, and can answer 429 with Retry-After or answer slowly.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Call {
  method: string;
  args: Record<string, unknown>;
  at: number;
  status: number;
  /** What the fake answered (200s). */
  response?: Record<string, unknown>;
}

export interface FakeUser {
  id: string;
  team_id: string;
  name: string;
  real_name?: string;
  tz?: string;
  locale?: string;
  is_stranger?: boolean;
  profile: { email?: string; real_name?: string };
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // The WebClient form-encodes objects as JSON strings (blocks, view).
    out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return out;
}

export class FakeSlack {
  readonly calls: Call[] = [];
  readonly users = new Map<string, FakeUser>();
  private server: Server | undefined;
  private failures = new Map<string, { status: number; retryAfter?: number; times: number }>();
  private delays = new Map<string, { ms: number; times: number }>();
  private seq = 0;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void (async () => {
        const path = req.url ?? '';
        const args = await readBody(req);
        const method = path.startsWith('/api/') ? path.slice('/api/'.length).split('?')[0]! : path.startsWith('/respond/') ? 'respond' : path;
        const delay = this.delays.get(method);
        if (delay && delay.times > 0) {
          delay.times--;
          await new Promise((r) => setTimeout(r, delay.ms));
        }
        const fail = this.failures.get(method);
        if (fail && fail.times > 0) {
          fail.times--;
          this.calls.push({ method, args, at: Date.now(), status: fail.status });
          res.writeHead(fail.status, { 'content-type': 'application/json', ...(fail.retryAfter !== undefined ? { 'retry-after': String(fail.retryAfter) } : {}) });
          res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
          return;
        }
        const response = this.answer(method, args);
        this.calls.push({ method, args, at: Date.now(), status: 200, response });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(response));
      })();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  respondUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  /** The next `times` calls of `method` answer `status` (429 with Retry-After seconds). */
  fail(method: string, status: number, opts: { retryAfter?: number; times?: number } = {}): void {
    this.failures.set(method, { status, retryAfter: opts.retryAfter, times: opts.times ?? 1 });
  }

  /** The next `times` calls of `method` are answered only after `ms` (a slow Slack). */
  delay(method: string, ms: number, opts: { times?: number } = {}): void {
    this.delays.set(method, { ms, times: opts.times ?? 1 });
  }

  ok(method: string): Call[] {
    return this.calls.filter((c) => c.method === method && c.status === 200);
  }

  all(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  async waitFor<T>(fn: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = fn();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting; calls so far: ${this.calls.map((c) => `${c.method}(${c.status})`).join(', ')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: 'rapport', team_id: 'T123', user_id: 'UBOT', bot_id: 'BBOT' };
      case 'chat.postMessage': {
        const ts = `1800000000.${String(++this.seq).padStart(6, '0')}`;
        return { ok: true, channel: args.channel, ts, message: { text: args.text, ts, bot_id: 'BBOT', blocks: args.blocks } };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'views.publish':
      case 'views.open':
        return { ok: true, view: { id: `V${++this.seq}`, ...(args.view as object) } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).replace(/^U/, '')}` } };
      case 'users.info': {
        const u = this.users.get(String(args.user));
        return u ? { ok: true, user: u } : { ok: false, error: 'user_not_found' };
      }
      case 'respond':
        return { ok: true };
      default:
        return { ok: true };
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }
}
