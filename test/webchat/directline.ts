// A small Direct Line 3.0 emulation, enough for Microsoft's Web Chat with `webSocket: false`:
// the client side (start a conversation, post activities, poll them with a watermark) and the
// connector side the bot replies to (serviceUrl: POST /v3/conversations/{id}/activities[/{replyTo}],
// PUT to update). A user's activities are stamped and forwarded to the bot's /api/messages as
// channel 'directline', after a conversationUpdate the first time that user writes, as the Direct
// Line service does. It also serves a page with Web Chat on it (the bundle from
// scripts/webchat-bundle.mjs). One process, in memory, loopback only.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Activity = Record<string, unknown> & { id?: string; type?: string; from?: { id?: string; name?: string; role?: string } };

interface Conversation {
  id: string;
  activities: Activity[];
  users: Set<string>;
}

export const BOT = { id: 'rapport-directline-bot', name: 'Rapport', role: 'bot' };

export class DirectLineEmulator {
  readonly conversations = new Map<string, Conversation>();
  /** Every activity the emulator forwarded to the bot, with the bot's HTTP status. */
  readonly forwarded: { activity: Activity; status: number }[] = [];
  url = '';
  private server?: Server;
  private seq = 0;

  constructor(private readonly opts: { botUrl: string; bundlePath: string; locale?: string }) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res).catch((err: unknown) => this.send(res, 500, { error: String(err) })));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** Activities the bot sent in a conversation (typing indicators left out). */
  botMessages(conversationId: string): Activity[] {
    return (this.conversations.get(conversationId)?.activities ?? []).filter((a) => a.from?.role === 'bot' && a.type === 'message');
  }

  private send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
    if (res.headersSent) return;
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
  }

  private stamp(conv: Conversation, a: Activity): Activity {
    const stamped = { ...a, id: `${conv.id}|${String(++this.seq).padStart(7, '0')}`, timestamp: new Date().toISOString(), conversation: { id: conv.id }, channelId: 'directline' };
    conv.activities.push(stamped);
    return stamped;
  }

  private async toBot(activity: Activity): Promise<number> {
    const res = await fetch(this.opts.botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    await res.text();
    this.forwarded.push({ activity, status: res.status });
    return res.status;
  }

  private page(): string {
    const locale = this.opts.locale ?? 'en-US';
    return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>Rapport in Web Chat</title>
<style>html,body{height:100%;margin:0}#webchat{height:100%}</style>
<script src="/webchat.js"></script></head><body><div id="webchat" role="main"></div>
<script>
  const directLine = window.WebChat.createDirectLine({ domain: location.origin + '/v3/directline', token: 'local-emulator-token', webSocket: false, pollingInterval: 250 });
  window.WebChat.renderWebChat({ directLine, userID: 'dl_megan', username: 'Megan Bowen', locale: ${JSON.stringify(locale)} }, document.getElementById('webchat'));
</script></body></html>`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const path = decodeURIComponent(url.pathname);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as Activity) : null;

    if (req.method === 'GET' && path === '/') return this.send(res, 200, this.page(), 'text/html; charset=utf-8');
    if (req.method === 'GET' && path === '/favicon.ico') return this.send(res, 204, '');
    if (req.method === 'GET' && path === '/webchat.js') return this.send(res, 200, readFileSync(this.opts.bundlePath), 'application/javascript');

    // -- Direct Line, as Web Chat calls it --
    if (req.method === 'POST' && path === '/v3/directline/conversations') {
      const id = randomUUID().replace(/-/g, '').slice(0, 22);
      this.conversations.set(id, { id, activities: [], users: new Set() });
      return this.send(res, 201, { conversationId: id, token: 'local-emulator-token', expires_in: 3600 });
    }
    if (req.method === 'POST' && path === '/v3/directline/tokens/refresh') return this.send(res, 200, { token: 'local-emulator-token', expires_in: 3600 });
    let m = /^\/v3\/directline\/conversations\/([^/]+)\/activities$/.exec(path);
    if (m) {
      const conv = this.conversations.get(m[1]!);
      if (!conv) return this.send(res, 404, { error: { code: 'BadArgument', message: 'Conversation not found' } });
      if (req.method === 'GET') {
        const watermark = Number(url.searchParams.get('watermark') ?? 0) || 0;
        return this.send(res, 200, { activities: conv.activities.slice(watermark), watermark: String(conv.activities.length) });
      }
      if (req.method === 'POST' && body) {
        const userId = body.from?.id ?? 'anonymous';
        const stamped = this.stamp(conv, { ...body, from: { ...body.from, id: userId, role: 'user' } });
        const serviceUrl = `${this.url}/`;
        if (!conv.users.has(userId)) {
          conv.users.add(userId);
          await this.toBot({ type: 'conversationUpdate', id: randomUUID(), timestamp: new Date().toISOString(), serviceUrl, channelId: 'directline', from: { id: userId, name: body.from?.name }, conversation: { id: conv.id }, recipient: BOT, membersAdded: [BOT, { id: userId, name: body.from?.name }] });
        }
        const status = await this.toBot({ ...stamped, serviceUrl, recipient: BOT });
        return status < 300 ? this.send(res, 200, { id: stamped.id }) : this.send(res, 502, { error: { code: 'BotError', message: `the bot answered ${status}` } });
      }
    }

    // -- the connector the bot replies to (serviceUrl) --
    m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (m) {
      const conv = this.conversations.get(m[1]!);
      if (!conv) return this.send(res, 404, { error: { code: 'ConversationNotFound', message: 'no such conversation' } });
      if (req.method === 'POST' && body) {
        const stamped = this.stamp(conv, { ...body, from: { ...BOT, ...body.from, role: 'bot' } });
        return this.send(res, 200, { id: stamped.id });
      }
      if (req.method === 'PUT' && body && m[2]) {
        const i = conv.activities.findIndex((a) => a.id === m![2]);
        if (i >= 0) conv.activities[i] = { ...conv.activities[i], ...body, id: m[2] };
        return this.send(res, 200, { id: m[2] });
      }
    }
    this.send(res, 404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
  }
}
