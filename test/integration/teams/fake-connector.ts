// A local stand-in for the Bot Connector (serviceUrl): records what the bot posts and answers
// like the connector does, or with queued failures (429 with Retry-After, 500).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  /** URL-decoded path, e.g. /v3/conversations/a:1/activities/123 */
  path: string;
  conversationId?: string | undefined;
  activityId?: string | undefined;
  body: Record<string, unknown> | null;
  status: number;
}

export interface Failure {
  status: number;
  headers?: Record<string, string>;
}

export interface Member {
  id: string;
  name: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
  userRole?: string;
}

export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Failures for the next POST/PUT activity calls, in order. */
  readonly failures: Failure[] = [];
  /** Members served by GET /v3/conversations/{id}/members/{userId}. */
  readonly members = new Map<string, Member>();
  /** Member lookups answer only after this long (a slow directory). */
  memberDelayMs = 0;
  private server?: Server;
  private seq = 1000;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }

  reset(): void {
    this.calls.length = 0;
    this.failures.length = 0;
  }

  /** Successful message posts (new messages and in-thread replies), typing indicators left out. */
  messages(conversationId?: string): ConnectorCall[] {
    return this.calls.filter(
      (c) => c.method === 'POST' && c.status < 300 && c.body?.type === 'message' && (!conversationId || c.conversationId === conversationId),
    );
  }

  updates(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT' && c.status < 300);
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const m = /^\/v3\/conversations\/([^/]+)(?:\/(activities|members)(?:\/([^/]+))?)?$/.exec(path);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      this.calls.push({ method: req.method ?? '', path, conversationId: m?.[1], activityId: m?.[3], body, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    if (m?.[2] === 'members' && req.method === 'GET') {
      if (this.memberDelayMs) await new Promise((r) => setTimeout(r, this.memberDelayMs));
      const member = m[3] ? this.members.get(m[3]) : undefined;
      if (!member) return send(404, { error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
      return send(200, member);
    }
    if (m?.[2] === 'activities' && (req.method === 'POST' || req.method === 'PUT')) {
      // Typing indicators never fail, so queued failures hit real messages.
      if (body?.type !== 'typing') {
        const failure = this.failures.shift();
        if (failure) return send(failure.status, { error: { code: 'Throttled', message: 'fake failure' } }, failure.headers);
      }
      return send(200, { id: req.method === 'PUT' ? m[3] : String(this.seq++) });
    }
    if (path === '/v3/conversations' && req.method === 'POST') return send(200, { id: `a:new-${this.seq++}` });
    send(404, { error: { code: 'NotFound', message: `no fake for ${req.method} ${path}` } });
  }
}
