// The chat-turn ledger across attempts: a mark from an earlier attempt of a turn — a "failed" still
// being retried in the background from when the database was away — must never land on the attempt
// that took the turn over. (CI once saw exactly this: a Retry recorded the reminder and answered,
// then the first attempt's late "failed" turned the done turn back into an unknown one, and the
// next copy of the message heard "Already recorded before the connection dropped".)
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatTurnService, type FailedOutcome, type TurnKey } from '../../../src/domain/conversations/chat-turn.service.ts';
import { withIdempotency } from '../../../src/intents/idempotency.ts';
import type { InboundMessage } from '../../../src/intents/types.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import { buildWorld, type World } from './_fixtures.ts';

const replies = (text: string) => [{ kind: 'confirmation' as const, text }];

describe.each(DB_KINDS)('chat turns on %s', (kind) => {
  let db: TestDatabase;
  let w: World;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    w = await buildWorld(db.prisma);
  });
  afterAll(() => db?.drop());

  const keyOf = (messageId: string): TurnKey => ({ tenantId: w.tenantId, channel: 'web', messageId, actorKey: `user:${w.users.ann.id}` });

  it('a late mark of an earlier attempt changes nothing; the attempt that took the turn over completes it', async () => {
    const turns = new ChatTurnService(db.prisma);
    const key = keyOf('m-late-fail');
    const first = await turns.claim(key);
    expect(first).toMatchObject({ kind: 'claimed', attempt: 1 });
    if (first.kind !== 'claimed') return;
    // The first attempt failed while the database was away: only this process knows.
    const known = { outcome: 'unknown' as FailedOutcome, at: new Date() };
    const second = await turns.claim(key, (id) => (id === first.id ? known : undefined));
    expect(second).toMatchObject({ kind: 'claimed', id: first.id, attempt: 2, previous: { outcome: 'unknown' } });
    if (second.kind !== 'claimed') return;
    // The first attempt's "failed" lands late, while the second runs: it must not touch it.
    await turns.fail(first.id, first.attempt, 'unknown', known.at);
    expect(await turns.status(key)).toBe('running');
    await turns.complete(second.id, second.attempt, replies('done by the second'));
    // A late "done" of the first attempt would not overwrite the second's replies either.
    await turns.complete(first.id, first.attempt, replies('done by the first'));
    expect(await turns.claim(key)).toEqual({ kind: 'done', replies: replies('done by the second') });
  });

  it('a Retry that succeeds while the first attempt is still being marked failed: every later copy hears the Retry', async () => {
    // The ledger refuses to mark failures while `away` (the database is gone for those calls).
    let away = true;
    class FlakyTurns extends ChatTurnService {
      override async fail(id: string, attempt: number, outcome: FailedOutcome, at?: Date): Promise<void> {
        if (away) throw new Error('connection refused');
        return super.fail(id, attempt, outcome, at);
      }
    }
    const turns = new FlakyTurns(db.prisma);
    let calls = 0;
    const inner = {
      handle: async () => {
        calls++;
        if (calls === 1) throw Object.assign(new Error('connection closed during COMMIT'), { name: 'DriverAdapterError' });
        // The database is back while the Retry runs: the first attempt's background "failed"
        // (retried each second) lands now, in the middle of this attempt.
        away = false;
        await new Promise((r) => setTimeout(r, 1_300));
        return { replies: replies("I'll remind you tomorrow 15:00: Call Maria Garcia.") };
      },
    };
    const handler = withIdempotency(inner, turns, { logger: pino({ level: 'silent' }) });
    const msg: InboundMessage = { actor: w.actors.ann, channel: 'web', threadKey: 'web:t1', text: 'remind me to call Maria tomorrow 3pm', messageId: 'm-retry' };
    await expect(handler.handle(msg)).rejects.toThrow('connection closed');
    const retry = await handler.handle(msg);
    expect(retry.replies[0]!.text).toBe("I'll remind you tomorrow 15:00: Call Maria Garcia.");
    await new Promise((r) => setTimeout(r, 1_200)); // any mark still pending has landed by now
    for (let i = 0; i < 3; i++) expect((await handler.handle(msg)).replies).toEqual(retry.replies);
    expect(calls).toBe(2);
    expect(await turns.status({ ...keyOf('m-retry') })).toBe('done');
  });
});
