// Two Slack behaviours end to end, through the same harness as slack-adapter.int.test.ts (the real
// Bolt app over HTTP, signed requests, PostgreSQL, the chat engine, the fake Slack Web API):
// - a slow turn gets a "Working on it…" placeholder that is then updated in place with the answer
//   (the slowness is real: a slow users.info on first contact, or a table locked by another
//   transaction), and a fast turn gets no placeholder;
// - a reply longer than one Slack message (50 blocks) is paged behind a More button, and a list
//   message that has filled up with outcomes of button presses still shows the next outcome whole.
// What is asserted is what the user sees in the thread: every message, after its updates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BLOCKS, MORE_PREFIX } from '../../../src/bots/slack/blocks.ts';
import type { ChatHandler, InboundMessage, Reply } from '../../../src/intents/types.ts';
import { DEMO_TENANT_ID, DEMO_USERS } from '../../../src/seed/demo.ts';
import type { Call } from './fake-slack.ts';
import { dm, eventBody, FORM, JSON_TYPE, payloadBody, postSlack, pressButton, startHarness, TEAM, type Harness } from './harness.ts';

type Btn = { value: string; action_id: string; text?: { text: string } };
type Blk = { type: string; block_id?: string; text?: { text: string }; elements?: (Btn & { text?: { text: string } })[]; accessory?: Btn };
const buttons = (blocks: unknown): Btn[] => ((blocks ?? []) as Blk[]).flatMap((b) => [...(b.type === 'actions' ? (b.elements ?? []) : []), ...(b.accessory ? [b.accessory] : [])]);
const texts = (blocks: unknown): string => ((blocks ?? []) as Blk[]).map((b) => b.text?.text ?? (b.type === 'context' ? (b.elements ?? []).map((e) => e.text?.text ?? '').join(' ') : '')).join('\n');
const moreButtons = (blocks: unknown) => buttons(blocks).filter((b) => b.value.startsWith(MORE_PREFIX));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** After this long without an answer the adapter posts the placeholder (generous: a shared 2-core machine). */
const SLOW_MS = 2500;
/** How long the slow causes below last: well past SLOW_MS. */
const SLOW_CAUSE_MS = SLOW_MS + 2000;

/**
 * No built-in intent lists more than 20 items (list_tasks and list_at_risk stop at 20, which is 41
 * and 21 blocks), so to see a reply longer than a Slack message the real engine is wrapped: this one
 * phrase is answered with every open follow-up of the user, shaped as list_tasks shapes them (Done and
 * Snooze on each); everything else, including those buttons, goes to the real engine.
 */
const EVERY_TASK = 'list every one of my open follow-ups';
let prismaForWrapper: Harness['db']['prisma'] | undefined;
const wrapChat = (engine: ChatHandler): ChatHandler => ({
  async handle(msg: InboundMessage) {
    if (msg.text !== EVERY_TASK || msg.actor.kind !== 'user') return engine.handle(msg);
    const tasks = await prismaForWrapper!.task.findMany({ where: { tenantId: msg.actor.tenantId, assigneeId: msg.actor.userId, status: 'open' }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] });
    const reply: Reply = {
      kind: 'list',
      text: `Your open follow-ups (${tasks.length})`,
      sections: tasks.map((t) => ({
        title: t.title,
        lines: [t.dueAt.toISOString().slice(0, 10)],
        actions: [
          { label: 'Done', value: `task:done:${t.id}`, style: 'primary' as const },
          { label: 'Snooze 1 day', value: `task:snooze:${t.id}` },
        ],
      })),
    };
    return { replies: [reply] };
  },
});

describe('Slack: "Working on it…" for slow turns, More for long lists', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ slowReplyMs: SLOW_MS }, { wrapChat });
    prismaForWrapper = h.db.prisma;
    const user = (id: string, email: string, name: string, locale = 'en-US') =>
      h.fake.users.set(id, { id, team_id: TEAM, name, real_name: name, tz: 'Asia/Shanghai', locale, profile: { email, real_name: name } });
    user('UMGR', 'jing.chen@demo.rapport', 'Jing Chen');
    user('UALEX', 'alex.morgan@demo.rapport', 'Alex Morgan');
    user('UWANG', 'wang.fang@demo.rapport', 'Wang Fang', 'zh-CN');
    // 60 more open follow-ups for the demo manager, due one hour apart from tomorrow on.
    const start = Date.now() + 24 * 3600_000;
    await h.db.prisma.task.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        tenantId: DEMO_TENANT_ID,
        title: `Paging follow-up ${String(i + 1).padStart(2, '0')}`,
        dueAt: new Date(start + i * 3600_000),
        assigneeId: DEMO_USERS.manager,
        createdById: DEMO_USERS.manager,
      })),
    });
  });
  afterAll(() => h?.stop());

  interface Seen {
    ts: string;
    posted: Call;
    updates: Call[];
    /** What the user reads now: the last update, or the post. */
    text: string;
    blocks: unknown[];
  }
  /** The bot's messages in a thread as the user sees them (chat.update applied). */
  const thread = (channel: string, root: string): Seen[] =>
    h.fake
      .ok('chat.postMessage')
      .filter((c) => c.args.channel === channel && c.args.thread_ts === root)
      .map((posted) => {
        const ts = String(posted.response?.ts);
        const updates = h.fake.ok('chat.update').filter((u) => u.args.channel === channel && u.args.ts === ts);
        const now = updates.at(-1) ?? posted;
        return { ts, posted, updates, text: String(now.args.text), blocks: (now.args.blocks ?? []) as unknown[] };
      });

  async function say(user: string, channel: string, text: string): Promise<{ root: string; sentAt: number }> {
    const event = dm(user, channel, text);
    const sentAt = Date.now();
    expect((await postSlack(h.url, eventBody(event), JSON_TYPE)).status).toBe(200);
    return { root: event.ts as string, sentAt };
  }

  async function press(user: string, channel: string, root: string, msg: Seen, value: string): Promise<void> {
    const payload = pressButton({ user, channel, message: { ts: msg.ts, thread_ts: root, blocks: msg.blocks, text: msg.text }, value });
    expect((await postSlack(h.url, payloadBody(payload), FORM)).status).toBe(200);
  }

  /** Lets in-flight work finish, so that "nothing else was posted" means something. */
  async function settle(): Promise<void> {
    await h.adapter.idle();
    await sleep(200);
    await h.adapter.idle();
  }

  describe('"Working on it…" placeholder', () => {
    it('a fast turn gets its answer and no placeholder', async () => {
      const { root } = await say('UALEX', 'DALEX1', 'my tasks');
      await h.fake.waitFor(() => thread('DALEX1', root)[0]);
      await settle();
      const seen = thread('DALEX1', root);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.posted.args.text).not.toMatch(/Working on it/);
      expect(seen[0]!.updates).toHaveLength(0);
      expect(seen[0]!.text).toMatch(/Your open follow-ups|no open follow-ups/);
    });

    it('a first contact whose users.info is slow: "Working on it…" while waiting, then updated in place with the answer', async () => {
      h.fake.delay('users.info', SLOW_CAUSE_MS);
      const { root, sentAt } = await say('UMGR', 'DMGR1', 'my tasks');
      const [msg] = await h.fake.waitFor(() => {
        const t = thread('DMGR1', root);
        return t.length && t[0]!.updates.length ? t : null;
      }, SLOW_CAUSE_MS + 15_000);
      await settle();
      const seen = thread('DMGR1', root);
      // One message in the thread: posted as the placeholder, then replaced by the answer.
      expect(seen).toHaveLength(1);
      expect(msg!.posted.args.text).toBe('Working on it…');
      expect(seen[0]!.updates).toHaveLength(1);
      expect(seen[0]!.updates[0]!.args.ts).toBe(msg!.posted.response?.ts);
      expect(seen[0]!.text).toMatch(/Your open follow-ups \(\d+\)/);
      expect(buttons(seen[0]!.blocks).some((b) => b.value.startsWith('task:done:'))).toBe(true);
      // The placeholder came while users.info was still being waited for, not just before the answer.
      const lookup = h.fake.ok('users.info').filter((c) => c.args.user === 'UMGR');
      expect(lookup).toHaveLength(1);
      expect(msg!.posted.at - sentAt).toBeGreaterThanOrEqual(SLOW_MS - 100);
      expect(msg!.posted.at).toBeLessThan(lookup[0]!.at);
      expect(seen[0]!.updates[0]!.at).toBeGreaterThanOrEqual(lookup[0]!.at);
    });

    it('in Chinese: a turn held up by a locked table shows 正在处理… and then the answer in the same message', async () => {
      // Map the rep first (users.info on first contact), so the slowness below is the database's alone.
      const warm = await say('UWANG', 'DWANG1', '帮助');
      await h.fake.waitFor(() => thread('DWANG1', warm.root)[0]);
      await settle();

      // Another transaction holds the Task table (as a long migration or bulk job would) for a while.
      let locked!: () => void;
      const haveLock = new Promise<void>((r) => (locked = r));
      const holder = h.db.prisma.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe('LOCK TABLE "Task" IN ACCESS EXCLUSIVE MODE');
          locked();
          await sleep(SLOW_CAUSE_MS);
        },
        { timeout: SLOW_CAUSE_MS + 20_000, maxWait: 10_000 },
      );
      await haveLock;
      const { root, sentAt } = await say('UWANG', 'DWANG1', '我的任务');
      const placeholder = await h.fake.waitFor(() => thread('DWANG1', root)[0], SLOW_CAUSE_MS + 15_000);
      expect(placeholder.posted.args.text).toBe('正在处理…');
      expect(placeholder.posted.at - sentAt).toBeGreaterThanOrEqual(SLOW_MS - 100);
      await holder;
      await h.fake.waitFor(() => thread('DWANG1', root)[0]?.updates.length, 15_000);
      await settle();
      const seen = thread('DWANG1', root);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.updates).toHaveLength(1);
      expect(seen[0]!.text).toMatch(/你的待办跟进（\d+）|你没有待办的跟进任务/);
      expect(seen[0]!.text).not.toMatch(/正在处理/);
    });
  });

  describe('More: lists longer than one message', () => {
    const openTasks = () =>
      h.db.prisma.task.findMany({ where: { tenantId: DEMO_TENANT_ID, assigneeId: DEMO_USERS.manager, status: 'open' }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] });
    const doneIds = (blocks: unknown) => buttons(blocks).filter((b) => b.value.startsWith('task:done:')).map((b) => b.value.slice('task:done:'.length));

    it('"my tasks" (20 at most) fits one message; Done pressed on it once it is full still shows the outcome whole, with Undo', async () => {
      const expected = (await openTasks()).slice(0, 20);
      const { root } = await say('UMGR', 'DMGR2', 'my tasks');
      await h.fake.waitFor(() => doneIds(thread('DMGR2', root)[0]?.blocks).length);
      await settle();
      let [list] = thread('DMGR2', root);
      expect(list!.blocks).toHaveLength(1 + 20 * 2);
      expect(moreButtons(list!.blocks)).toHaveLength(0);
      expect(doneIds(list!.blocks)).toEqual(expected.map((t) => t.id));

      // Each Done replaces that task's buttons with the outcome (2 blocks) in the list message:
      // 41 → 43 → 45 → 47 → 49 blocks; after that the message has no room left.
      for (let i = 0; i < 5; i++) {
        const task = expected[i]!;
        const updates = list!.updates.length;
        await press('UMGR', 'DMGR2', root, list!, `task:done:${task.id}`);
        if (i < 4) {
          await h.fake.waitFor(() => thread('DMGR2', root)[0]!.updates.length > updates);
          await settle();
          const seen = thread('DMGR2', root);
          expect(seen).toHaveLength(1);
          list = seen[0]!;
          expect(list.blocks).toHaveLength(41 + 2 * (i + 1));
          expect(texts(list.blocks)).toContain(`Done: ${task.title}.`);
          expect(doneIds(list.blocks)).not.toContain(task.id);
          continue;
        }
        // The fifth outcome goes in a message of its own, whole: its text and its Undo, no More.
        await h.fake.waitFor(() => thread('DMGR2', root)[1]);
        await settle();
        const seen = thread('DMGR2', root);
        expect(seen).toHaveLength(2);
        expect(seen[0]!.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
        expect(doneIds(seen[0]!.blocks)).not.toContain(task.id);
        expect(texts(seen[1]!.blocks)).toContain(`Done: ${task.title}.`);
        expect(buttons(seen[1]!.blocks).map((b) => b.value)).toEqual(['undo']);
        expect(moreButtons(seen[1]!.blocks)).toHaveLength(0);
      }
      const states = await h.db.prisma.task.findMany({ where: { id: { in: expected.slice(0, 5).map((t) => t.id) } }, select: { status: true } });
      expect(states.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
    });

    it('a reply longer than 50 blocks pages: More posts the next page in the thread and leaves the earlier page without its button', async () => {
      const all = await openTasks();
      expect(all.length).toBeGreaterThan(48); // three pages: 24 + 24 + the rest
      const { root } = await say('UMGR', 'DMGR3', EVERY_TASK);
      await h.fake.waitFor(() => moreButtons(thread('DMGR3', root)[0]?.blocks).length);
      await settle();

      // Page 1: the heading, 24 tasks (section + buttons each) and More — exactly 50 blocks.
      const [page1] = thread('DMGR3', root);
      expect(page1!.blocks).toHaveLength(MAX_BLOCKS);
      expect(texts(page1!.blocks)).toContain(`Your open follow-ups (${all.length})`);
      expect(doneIds(page1!.blocks)).toEqual(all.slice(0, 24).map((t) => t.id));
      const more1 = moreButtons(page1!.blocks);
      expect(more1).toHaveLength(1);
      expect((page1!.blocks.at(-1) as Blk).elements?.[0]?.value).toBe(more1[0]!.value);
      expect(more1[0]!.text?.text).toBe(`More (${all.length - 24})`);
      const page1AsPosted = page1!;

      await press('UMGR', 'DMGR3', root, page1!, more1[0]!.value);
      await h.fake.waitFor(() => thread('DMGR3', root)[1] && thread('DMGR3', root)[0]!.updates.length);
      await settle();
      let seen = thread('DMGR3', root);
      expect(seen).toHaveLength(2);
      // Page 1 keeps its tasks and loses its More button.
      expect(moreButtons(seen[0]!.blocks)).toHaveLength(0);
      expect(doneIds(seen[0]!.blocks)).toEqual(all.slice(0, 24).map((t) => t.id));
      expect(seen[0]!.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
      // Page 2, in the same thread: the next 24 and another More.
      expect(seen[1]!.posted.args.thread_ts).toBe(root);
      expect(seen[1]!.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
      expect(doneIds(seen[1]!.blocks)).toEqual(all.slice(24, 48).map((t) => t.id));
      const more2 = moreButtons(seen[1]!.blocks);
      expect(more2.map((b) => b.text?.text)).toEqual([`More (${all.length - 48})`]);

      await press('UMGR', 'DMGR3', root, seen[1]!, more2[0]!.value);
      await h.fake.waitFor(() => thread('DMGR3', root)[2]);
      await settle();
      seen = thread('DMGR3', root);
      expect(seen).toHaveLength(3);
      expect(moreButtons(seen[1]!.blocks)).toHaveLength(0);
      expect(doneIds(seen[2]!.blocks)).toEqual(all.slice(48).map((t) => t.id));
      expect(moreButtons(seen[2]!.blocks)).toHaveLength(0);
      // Every task exactly once across the pages.
      expect(seen.flatMap((m) => doneIds(m.blocks))).toEqual(all.map((t) => t.id));

      // The buttons of a later page work like any other: Done updates page 3 in place.
      const last = all.at(-1)!;
      await press('UMGR', 'DMGR3', root, seen[2]!, `task:done:${last.id}`);
      await h.fake.waitFor(() => thread('DMGR3', root)[2]!.updates.length);
      await settle();
      seen = thread('DMGR3', root);
      expect(seen).toHaveLength(3);
      expect(texts(seen[2]!.blocks)).toContain(`Done: ${last.title}.`);
      expect((await h.db.prisma.task.findUniqueOrThrow({ where: { id: last.id } })).status).toBe('done');

      // Pressing page 1's More again (a second click, or a client still showing the button): that
      // page was shown already, so the list has expired; nothing is shown twice.
      await press('UMGR', 'DMGR3', root, page1AsPosted, more1[0]!.value);
      await h.fake.waitFor(() => thread('DMGR3', root)[3]);
      await settle();
      seen = thread('DMGR3', root);
      expect(seen).toHaveLength(4);
      expect(seen[3]!.text).toBe('That list has expired; please ask again.');
      expect(moreButtons(seen[0]!.blocks)).toHaveLength(0);
    });

    it('a More button older than its list (past the 24-hour keep) answers that the list has expired', async () => {
      const { root } = await say('UMGR', 'DMGR4', EVERY_TASK);
      await h.fake.waitFor(() => moreButtons(thread('DMGR4', root)[0]?.blocks).length);
      await settle();
      const [page1] = thread('DMGR4', root);
      const more = moreButtons(page1!.blocks)[0]!;
      const key = more.value.slice(MORE_PREFIX.length);
      // The rest of the list is kept as dialog state for a day; make this one a day old.
      const aged = await h.db.prisma.conversationState.updateMany({
        where: { tenantId: DEMO_TENANT_ID, threadKey: key },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      expect(aged.count).toBe(1);

      await press('UMGR', 'DMGR4', root, page1!, more.value);
      await h.fake.waitFor(() => thread('DMGR4', root)[1]);
      await settle();
      const seen = thread('DMGR4', root);
      expect(seen).toHaveLength(2);
      expect(seen[1]!.text).toBe('That list has expired; please ask again.');
      expect(doneIds(seen[1]!.blocks)).toHaveLength(0);
      // The stale button is gone from the list; its tasks stay.
      expect(moreButtons(seen[0]!.blocks)).toHaveLength(0);
      expect(doneIds(seen[0]!.blocks)).toHaveLength(24);
    });
  });
});
