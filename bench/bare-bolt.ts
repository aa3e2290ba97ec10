// The reference for the chat benchmark: a bare Bolt app (ExpressReceiver) that only acks
// app_mention events, on the same machine. `tsx bench/bare-bolt.ts <port> <signing secret>`.
import { App, ExpressReceiver } from '@slack/bolt';

const [port, secret] = process.argv.slice(2);
const receiver = new ExpressReceiver({ signingSecret: secret!, processBeforeResponse: false });
const app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-bare', botUserId: 'UBOT', teamId: 'T_BENCH' }) });
app.event('app_mention', async () => undefined);
receiver.app.get('/readyz', (_req, res) => void res.json({ ok: true }));
await app.start(Number(port));
console.log('bare bolt ready');
