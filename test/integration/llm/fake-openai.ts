// A local HTTP server that speaks the OpenAI chat-completions protocol, for the LLM route's tests:
// it records requests and answers with whatever the test scripts (a structured result, an error,
// a slow answer, or garbage), as a tool call or as JSON content depending on what was asked.
import { createServer, type IncomingMessage, type Server } from 'node:http';

export type Script =
  | { kind: 'result'; value: unknown; delayMs?: number }
  | { kind: 'error'; status: number }
  | { kind: 'garbage' };

export interface FakeOpenAi {
  url: string;
  requests: { body: Record<string, unknown>; auth: string | undefined }[];
  next(script: Script): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const requests: FakeOpenAi['requests'] = [];
  let script: Script = { kind: 'error', status: 500 };
  const server: Server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    const body = await readBody(req);
    requests.push({ body, auth: req.headers.authorization });
    const s = script;
    if (s.kind === 'error') {
      res.writeHead(s.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'boom', type: 'server_error' } }));
      return;
    }
    if (s.kind === 'result' && s.delayMs) await new Promise((r) => setTimeout(r, s.delayMs));
    const args = s.kind === 'garbage' ? '{"intent": 42, "oops"' : JSON.stringify(s.value);
    const tools = body.tools as { function: { name: string } }[] | undefined;
    const message = tools?.length
      ? { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: tools[0]!.function.name, arguments: args } }] }
      : { role: 'assistant', content: args };
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: 'chatcmpl-test',
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message, finish_reason: tools?.length ? 'tool_calls' : 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${addr.port}/v1`,
    requests,
    next: (s) => {
      script = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
