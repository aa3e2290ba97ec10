// Issue 17, item 8: inputs that used to end in a 500 or in something stored wrong get a clear
// refusal in the user's language, and nothing is stored: a lone UTF-16 surrogate in a message
// (the audit row's JSON refused it), a snooze of 999,999,999 days (an invalid date), and a deal
// of $-5,000 (stored as +$5,000).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '../../src/seed/demo.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { cloneDatabase, record } from './_support.ts';

describe.each(['pglite', 'postgres'] as const)('bad input refused clearly (%s)', (kind) => {
  let t: TestApp;
  let drop: (() => Promise<void>) | undefined;
  let badInputs = 0;

  beforeAll(async () => {
    const env: Record<string, string> = {};
    if (kind === 'postgres') {
      const db = await cloneDatabase();
      drop = () => db.drop();
      env.DATABASE_URL = db.url;
    }
    t = await startTestApp(env);
  }, 60_000);

  afterAll(async () => {
    record({ suite: 'resilience', scenario: `bad input refused clearly: lone surrogates, absurd snoozes, negative amounts (${kind})`, badInputs, eventsLost: 0, duplicates: 0 });
    await t?.stop();
    await drop?.();
  });

  const chat = async (userId: string, text: string) => {
    badInputs++;
    const res = await fetch(`${t.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"userId":${JSON.stringify(userId)},"messageId":"${randomUUID()}","text":${text}}` });
    return { status: res.status, body: (await res.json()) as { replies: { kind: string; text: string }[] } };
  };

  it('a lone surrogate in a message is answered, and what is stored is well-formed', async () => {
    for (const raw of ['"log call with Tom Baker: half an emoji \\ud83d here"', '"\\ud800"', '"remind me to call Maria tomorrow 3pm \\udfff"', '"拜访了李医生\\ud800，下周二送样品"']) {
      const r = await chat(raw.includes('李') ? 'demo-rep-zh' : 'demo-rep-en', raw);
      expect(r.status, raw).toBe(200);
      expect(r.body.replies.length, raw).toBeGreaterThan(0);
    }
    const logged = await t.app.db.prisma.interaction.findFirstOrThrow({ where: { tenantId: DEMO_TENANT_ID, summary: { contains: 'half an emoji' } } });
    expect(logged.summary).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('snoozing by 999,999,999 days is refused in the user\'s language and the task keeps its due date', async () => {
    const p = t.app.db.prisma;
    const task = await p.task.findFirstOrThrow({ where: { tenantId: DEMO_TENANT_ID, assigneeId: 'demo-rep-en', status: 'open', account: { name: { contains: 'Acme' } } } });
    const en = await chat('demo-rep-en', '"snooze the Acme task 999999999 days"');
    expect(en.status).toBe(200);
    expect(en.body.replies[0]!.kind).toMatch(/error|question/);
    expect(en.body.replies[0]!.text).toMatch(/too far|far/i);
    const zhTask = await p.task.findFirst({ where: { tenantId: DEMO_TENANT_ID, assigneeId: 'demo-rep-zh', status: 'open' }, include: { account: true } });
    const zh = await chat('demo-rep-zh', JSON.stringify(`把${zhTask?.account?.name ?? '市第一医院'}的任务推迟999999999天`));
    expect(zh.status).toBe(200);
    expect(zh.body.replies[0]!.text).toMatch(/\p{Script=Han}/u);
    expect(zh.body.replies[0]!.text).not.toMatch(/Invalid|RangeError/);
    expect((await p.task.findUniqueOrThrow({ where: { id: task.id } })).dueAt).toEqual(task.dueAt);
  });

  it('a negative deal amount is refused, in English and Chinese, and no deal is stored', async () => {
    const p = t.app.db.prisma;
    const before = await p.opportunity.count({ where: { tenantId: DEMO_TENANT_ID } });
    const en = await chat('demo-rep-en', '"new opportunity Acme SSO add-on $-5000"');
    expect(en.status).toBe(200);
    expect(en.body.replies[0]!.kind).toMatch(/error|question/);
    expect(en.body.replies[0]!.text).toMatch(/negative|more than zero|positive/i);
    const zh = await chat('demo-rep-zh', JSON.stringify('新商机 市第一医院 设备升级 -5万'));
    expect(zh.status).toBe(200);
    expect(zh.body.replies[0]!.kind).toMatch(/error|question/);
    expect(zh.body.replies[0]!.text).toMatch(/正数|负/);
    expect(await p.opportunity.count({ where: { tenantId: DEMO_TENANT_ID } })).toBe(before);
    expect(await p.opportunity.count({ where: { tenantId: DEMO_TENANT_ID, amount: 5000 } })).toBe(0);
  });
});
