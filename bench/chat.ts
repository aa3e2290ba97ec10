// Chat benchmark: signed Slack `app_mention` events (`log visit with …`) over loopback at rising
// rates into a real `rapport serve` child (fresh PostgreSQL database, Redis, rules parser, a fake
// Slack Web API that acks at once), side by side with a bare Bolt app that only acks, at the same
// rates in the same run. Measures ack latency p50/p99, completed interactions per second (polled
// from the database) and exactly-once storage (2 % of events are re-sent as Slack retries).
//   npm run bench -- chat [--rates 50,100,200] [--duration 8] [--topology in-process,split] [--worker-nice 10]
// Topologies: `rapport serve` alone with its workers in-process (the default), and `rapport serve`
// with RAPPORT_WORKERS=false next to one `rapport worker` (the production layout, DEPLOYMENT.md).
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { setPriority } from 'node:os';
import pg from 'pg';
import { seedDemo, DEMO_TENANT_ID, DEMO_USERS } from '../src/seed/demo.ts';
import { arg, benchDatabase, BENCH_REDIS_URL, fakeSlackApi, flushRedis, freePort, pct, r1, ROOT, sampleRss, sleep, startRapport, table, writeResult } from './lib.ts';

const SECRET = 'bench-signing-secret-0123456789';
const TEAM = 'T_BENCH';
const rates = (arg('rates') ?? '50,100,200').split(',').map(Number);
const durationS = Number(arg('duration') ?? 8);
const RETRY_SHARE = 0.02;
/** CPU priority of the split topology's worker (0 = same as the server). */
const WORKER_NICE = Number(arg('worker-nice') ?? 10);
// English rep's contacts, all unambiguous in the demo data.
const CONTACTS = ['Tom Baker', 'Sarah Chen', 'Maria Garcia', 'Peter Gibbons', 'Bill Lumbergh', 'Hans Müller', 'Lim Wei Ling'];
const TOPICS = ['the renewal', 'pricing', 'the pilot', 'onboarding', 'the SSO add-on', 'next quarter'];
const USERS = [{ slack: 'U_BENCH_EN', id: DEMO_USERS.repEn }];

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function sign(body: string, ts: number): string {
  return `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
}

function post(url: string, body: string, retry = 0): Promise<{ status: number; ms: number }> {
  const ts = Math.floor(Date.now() / 1000);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      `${url}/slack/events`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': sign(body, ts),
          ...(retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
      },
    );
    req.on('error', () => resolve({ status: 0, ms: performance.now() - t0 }));
    req.end(body);
  });
}

let seq = 0;
function eventFor(channel: string, i: number): { body: string; ts: string } {
  const ts = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
  const u = USERS[i % USERS.length]!;
  const text = `<@UBOT> log visit with ${CONTACTS[i % CONTACTS.length]} about ${TOPICS[i % TOPICS.length]} (#${seq})`;
  const event = { type: 'app_mention', user: u.slack, text, ts, channel, event_ts: ts, team: TEAM };
  const body = JSON.stringify({
    token: 'x', team_id: TEAM, api_app_id: 'A_BENCH', event, type: 'event_callback', event_id: `Ev_${channel}_${seq}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
  });
  return { body, ts };
}

/** Open loop: `rate` events/s for durationS, each at its scheduled time whatever the answers do. */
async function drive(url: string, rate: number, channel: string) {
  const n = Math.round(rate * durationS);
  const lat: number[] = [];
  let errors = 0;
  let retries = 0;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  const startedAt = Date.now();
  for (let i = 0; i < n; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const ev = eventFor(channel, i);
    pending.push(
      post(url, ev.body).then(async (r) => {
        if (r.status !== 200) errors++;
        else lat.push(r.ms);
        // Slack's retry of the same event (same event_id): must be acked and not stored again.
        if (i % Math.round(1 / RETRY_SHARE) === 0) {
          retries++;
          const again = await post(url, ev.body, 1);
          if (again.status !== 200) errors++;
        }
      }),
    );
  }
  const sendMs = performance.now() - t0;
  await Promise.all(pending);
  return {
    sent: n,
    startedAt,
    sendMs,
    sentPerSec: (n / sendMs) * 1000,
    ackRate: (lat.length / (performance.now() - t0)) * 1000,
    p50: pct(lat, 50),
    p99: pct(lat, 99),
    max: Math.max(...lat),
    errors,
    retries,
  };
}

async function main() {
  // 1. The reference: a bare Bolt app that only acks.
  const barePort = await freePort();
  const bare = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-bolt.ts', String(barePort), SECRET], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const bareUrl = `http://127.0.0.1:${barePort}`;
  for (let i = 0; i < 150 && !(await fetch(`${bareUrl}/readyz`).then((r) => r.ok, () => false)); i++) await sleep(200);
  const bareRows: Awaited<ReturnType<typeof drive>>[] = [];
  try {
    await drive(bareUrl, 50, 'C_WARM'); // warm-up
    for (const rate of rates) bareRows.push(await drive(bareUrl, rate, `C_BARE${rate}`));
  } finally {
    bare.kill('SIGTERM');
  }

  // 2. Rapport, in each topology, on a fresh database each.
  const topologies = (arg('topology') ?? 'in-process,split').split(',') as Topology[];
  const runs: TopologyRun[] = [];
  for (const topology of topologies) runs.push(await runRapport(topology, bareRows));

  console.log(`\nchat: signed Slack app_mention events, ${durationS} s per rate, ${RETRY_SHARE * 100} % re-sent as Slack retries; rapport on PostgreSQL + Redis, rules parser\n`);
  for (const r of runs) {
    console.log(`\n${TOPOLOGY_LABEL[r.topology]}\n`);
    table(r.rows);
    console.log(`RSS: server idle ${r.rss.idleMb} MB, peak ${r.rss.peakMb} MB${r.rss.workerPeakMb ? `; worker peak ${r.rss.workerPeakMb} MB` : ''}; targets: ${JSON.stringify(r.targets)}`);
  }
  writeResult('chat', { durationS, rates, workerNice: WORKER_NICE, runs: runs.map(({ rows: _rows, ...r }) => r) });
}

type Topology = 'in-process' | 'split';
const TOPOLOGY_LABEL: Record<Topology, string> = {
  'in-process': '`rapport serve` with its workers in-process (the default)',
  split: `\`rapport serve\` (RAPPORT_WORKERS=false) + one \`rapport worker\` at nice ${WORKER_NICE} (DEPLOYMENT.md)`,
};
interface TopologyRun {
  topology: Topology;
  results: Record<string, unknown>[];
  rows: Record<string, unknown>[];
  rss: { idleMb: number; peakMb: number; workerPeakMb?: number };
  targets: Record<string, boolean | null>;
}

async function runRapport(topology: Topology, bareRows: Awaited<ReturnType<typeof drive>>[]): Promise<TopologyRun> {
  const db = await benchDatabase('chat');
  const fake = await fakeSlackApi(TEAM);
  await flushRedis();
  const p = db.prisma;
  await seedDemo(p);
  await p.tenant.update({ where: { id: DEMO_TENANT_ID }, data: { kind: 'slack', externalId: TEAM } });
  for (const u of USERS) await p.chatIdentity.create({ data: { tenantId: DEMO_TENANT_ID, channel: 'slack', externalId: u.slack, userId: u.id } });
  await p.$disconnect();
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: BENCH_REDIS_URL,
    RAPPORT_SEED_DEMO: 'true',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_API_URL: fake.url,
    RAPPORT_SECRET: 'bench-secret-0123456789',
    ...(arg('cpu-prof') ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${arg('cpu-prof')}` } : {}),
  };
  const server = await startRapport('serve', { ...env, ...(topology === 'split' ? { RAPPORT_WORKERS: 'false' } : {}) });
  const worker = topology === 'split' ? await startRapport('worker', env) : undefined;
  // Colocated on 2 cores, the worker runs at a lower CPU priority so that acks never queue behind
  // turns (DEPLOYMENT.md: give servers the CPU priority, e.g. `nice -n 10 rapport worker`).
  if (worker) setPriority(worker.pid, WORKER_NICE);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const rows: Record<string, unknown>[] = [];
  const results: Record<string, unknown>[] = [];
  let idleRss = NaN;
  let peakRss = NaN;
  let workerPeak: number | undefined;
  try {
    await sleep(2000);
    idleRss = server.rssMb();
    const rss = sampleRss(server.pid);
    const wrss = worker ? sampleRss(worker.pid) : undefined;
    await drive(server.url, 20, 'C_WARM'); // warm-up (JIT, pools, caches)
    await sleep(1500);
    for (const [k, rate] of rates.entries()) {
      const channel = `C_${topology === 'split' ? 'S' : 'I'}${rate}`;
      const d = await drive(server.url, rate, channel);
      // Completed interactions: poll until all are stored or progress stops for 20 s.
      const prefix = `slack:${TEAM}:${channel}:%`;
      let stored = 0;
      let lastChange = Date.now();
      let lastAt: Date | null = null;
      for (;;) {
        const q = await client.query<{ n: number; last: Date | null }>(
          `SELECT count(*)::int AS n, max("createdAt") AS last FROM "Interaction" WHERE "sourceMessageId" LIKE $1`,
          [prefix],
        );
        const r = q.rows[0]!;
        if (r.n !== stored) lastChange = Date.now();
        stored = r.n;
        lastAt = r.last;
        if (stored >= d.sent || Date.now() - lastChange > 20_000) break;
        await sleep(250);
      }
      const dup = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT "sourceMessageId" FROM "Interaction" WHERE "sourceMessageId" LIKE $1 GROUP BY 1 HAVING count(*) > 1) x`,
        [prefix],
      );
      const completionS = lastAt ? (lastAt.getTime() - d.startedAt) / 1000 : NaN;
      const completedPerSec = stored / Math.max(completionS, durationS);
      const b = bareRows[k]!;
      const res = {
        rate, sent: d.sent, retriesSent: d.retries, stored, duplicates: dup.rows[0]!.n, errors: d.errors,
        ackP50Ms: r1(d.p50), ackP99Ms: r1(d.p99), ackMaxMs: r1(d.max), completedPerSec: r1(completedPerSec), drainSeconds: r1(completionS),
        bare: { ackP50Ms: r1(b.p50), ackP99Ms: r1(b.p99), ackRate: r1(b.ackRate), errors: b.errors },
        throughputVsBare: r1((completedPerSec / b.ackRate) * 100),
      };
      results.push(res);
      rows.push({
        'msg/s offered': rate, sent: d.sent, 'bare ack p50 ms': res.bare.ackP50Ms, 'bare ack p99 ms': res.bare.ackP99Ms, 'bare ack/s': res.bare.ackRate,
        'rapport ack p50 ms': res.ackP50Ms, 'rapport ack p99 ms': res.ackP99Ms, 'interactions/s': res.completedPerSec, 'drain s': res.drainSeconds, '% of bare': res.throughputVsBare,
        stored, dup: res.duplicates, errors: d.errors,
      });
      await sleep(1000);
    }
    peakRss = rss.stop();
    workerPeak = wrss?.stop();
  } finally {
    await client.end();
    await worker?.stop();
    await server.stop();
    await fake.close();
    await db.drop();
  }
  const at200 = results.find((r) => r.rate === 200) as { ackP99Ms: number } | undefined;
  const targets = {
    ackP99At200Under50ms: at200 ? at200.ackP99Ms < 50 : null,
    throughputAtLeast40PctOfBare: results.every((r) => (r.throughputVsBare as number) >= 40),
    everyEventStoredOnce: results.every((r) => r.stored === r.sent && r.duplicates === 0),
  };
  return { topology, results, rows, rss: { idleMb: idleRss, peakMb: peakRss, ...(workerPeak ? { workerPeakMb: workerPeak } : {}) }, targets };
}

await main();
agent.destroy();
process.exit(0);
