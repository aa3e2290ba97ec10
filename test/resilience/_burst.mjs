// Fires a burst of concurrent chat requests from its own process (so the server under test does not
// share an event loop with its clients) and prints one JSON line: each answer's status, Retry-After,
// time and first reply text. Usage: node _burst.mjs <url> <json: [[userId, text], …]>
import { randomUUID } from 'node:crypto';

const [url, spec] = process.argv.slice(2);
const messages = JSON.parse(spec);
const results = await Promise.all(
  messages.map(async ([userId, text]) => {
    const started = Date.now();
    try {
      const res = await fetch(`${url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId, text, messageId: randomUUID() }),
        signal: AbortSignal.timeout(120_000),
      });
      const body = await res.json().catch(() => ({}));
      return { status: res.status, retryAfter: res.headers.get('retry-after'), ms: Date.now() - started, text: body.replies?.[0]?.text ?? null };
    } catch (err) {
      return { status: 0, retryAfter: null, ms: Date.now() - started, text: null, error: String(err?.cause?.code ?? err?.name ?? err) };
    }
  }),
);
process.stdout.write(JSON.stringify(results) + '\n');
