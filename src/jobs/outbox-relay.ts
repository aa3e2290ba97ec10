// Moves Outbox rows into BullMQ. Rows are written in the same transaction as the change that
// needs the job, so nothing is lost while the job backend (Redis) is away: the relay keeps
// trying and catches up when it returns. Several processes may relay at once; every job has a
// deterministic id (the row's own id when none was given), so BullMQ keeps one job per id, and
// processors re-check state before acting.
import type { OutboxStore } from '../domain/shared/outbox.ts';
import type { Logger } from '../infra/logger.ts';
import { withTimeout } from '../infra/with-timeout.ts';
import type { JobBackend } from './backend.ts';

export interface OutboxRelayOptions {
  pollMs?: number;
  batch?: number;
}

export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;
  private stopped = false;
  /** Last relay error, for /readyz and logs; cleared by a successful pass. */
  lastError: string | undefined;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly jobs: JobBackend,
    private readonly logger: Logger,
    private readonly opts: OutboxRelayOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      void this.runOnce()
        .catch(() => undefined)
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.opts.pollMs ?? 500);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Relay now (after a commit) rather than at the next poll. */
  kick(): void {
    if (this.stopped) return;
    void this.runOnce().catch(() => undefined);
  }

  /** Relays what is pending; resolves with the number of rows relayed. */
  async runOnce(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
    });
    const n = await this.running;
    if (this.again) {
      this.again = false;
      return n + (await this.runOnce());
    }
    return n;
  }

  private async pass(): Promise<number> {
    let relayed = 0;
    const pending = await this.outbox.pending();
    if (pending === 0) return 0;
    // A BullMQ add against an unreachable Redis may wait forever: check first, and bound each add.
    try {
      await withTimeout(this.jobs.ping(), 2_000, 'job backend ping');
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      this.logger.warn({ err: this.lastError, pending }, 'outbox relay: job backend unavailable, will retry');
      return 0;
    }
    for (;;) {
      const rows = await this.outbox.next(this.opts.batch ?? 100);
      if (rows.length === 0) break;
      for (const row of rows) {
        try {
          const delay = row.runAt ? Math.max(0, row.runAt.getTime() - Date.now()) : 0;
          await withTimeout(
            this.jobs.queue(row.queue).add(row.jobName, row.payload as Record<string, unknown>, {
              jobId: row.jobId ?? `outbox-${row.id}`,
              delay,
            }),
            5_000,
            'job add',
          );
          await this.outbox.markRelayed(row.id);
          relayed++;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          this.lastError = message;
          await this.outbox.markFailed(row.id, message).catch(() => undefined);
          this.logger.warn({ err: message, outboxId: row.id, queue: row.queue }, 'outbox relay: job backend unavailable, will retry');
          return relayed;
        }
      }
      if (rows.length < (this.opts.batch ?? 100)) break;
    }
    this.lastError = undefined;
    return relayed;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Rows not yet relayed (for /readyz and the dashboard). */
  pending(): Promise<number> {
    return this.outbox.pending();
  }
}
