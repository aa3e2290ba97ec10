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

/** A message in the fake's history (what chat.postMessage stored, or a test put there). */
export interface FakeMessage {
  ts: string;
  text?: unknown;
  bot_id?: string;
  thread_ts?: string;
  blocks?: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

const truthy = (v: unknown) => v === true || v === 'true' || v === '1' || v === 1;

export class FakeSlack {
  readonly calls: Call[] = [];
  /** Posted messages per channel, oldest first (conversations.history/replies answer from them). */
  readonly history = new Map<string, FakeMessage[]>();
  readonly users = new Map<string, FakeUser>();
  private server: Server | undefined;
  private failures = new Map<string, { status: number; retryAfter?: number; times: number }>();
  private delays = new Map<string, { ms: number; times: number }>();
  private platformErrors = new Map<string, { error: string; times: number }>();
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
        const platform = this.platformErrors.get(method);
        let response: Record<string, unknown>;
        if (platform && platform.times > 0) {
          platform.times--;
          response = { ok: false, error: platform.error };
        } else response = this.answer(method, args);
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

  /** The next `times` calls of `method` answer 200 `{ ok: false, error }` (a Slack platform error). */
  failWith(method: string, error: string, opts: { times?: number } = {}): void {
    this.platformErrors.set(method, { error, times: opts.times ?? 1 });
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
        const message: FakeMessage = { text: args.text, ts, bot_id: 'BBOT', blocks: args.blocks };
        if (typeof args.thread_ts === 'string') message.thread_ts = args.thread_ts;
        if (args.metadata && typeof args.metadata === 'object') message.metadata = args.metadata as FakeMessage['metadata'];
        this.stored(String(args.channel)).push(message);
        const { metadata: _m, ...shown } = message; // Slack does not echo metadata here
        return { ok: true, channel: args.channel, ts, message: shown };
      }
      case 'conversations.history':
      case 'conversations.replies': {
        const all = this.stored(String(args.channel));
        const thread = method === 'conversations.replies' ? String(args.ts) : undefined;
        const oldest = args.oldest !== undefined ? Number(args.oldest) : -Infinity;
        const inThread = (m: FakeMessage) => (thread ? m.ts === thread || m.thread_ts === thread : !m.thread_ts || m.thread_ts === m.ts);
        let msgs = all.filter((m) => inThread(m) && (truthy(args.inclusive) ? Number(m.ts) >= oldest : Number(m.ts) > oldest));
        // history: newest first; replies: oldest first (as Slack answers them).
        if (!thread) msgs = [...msgs].reverse();
        const start = args.cursor ? Number(String(args.cursor).replace(/^c/, '')) : 0;
        const limit = args.limit !== undefined ? Number(args.limit) : 100;
        const page = msgs.slice(start, start + limit).map((m) => {
          if (truthy(args.include_all_metadata)) return m;
          const { metadata: _m, ...rest } = m;
          return rest;
        });
        const more = start + limit < msgs.length;
        return { ok: true, messages: page, has_more: more, response_metadata: { next_cursor: more ? `c${start + limit}` : '' } };
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

  /** The messages of a channel (created empty). */
  stored(channel: string): FakeMessage[] {
    let list = this.history.get(channel);
    if (!list) this.history.set(channel, (list = []));
    return list;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }
}
