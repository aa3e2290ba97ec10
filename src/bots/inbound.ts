// The hand-off between a channel's HTTP front and the workers: the server verifies an event, puts
// it on the inbound queue (one job per event id) and acknowledges at once; a worker (in this
// process or in a `rapport worker`) claims it, runs the conversational turn and replies through
// the channel's Web API. A turn that finds the database down is retried by the queue with backoff.
// Adapters see this port only; the jobs layer implements it (src/jobs/inbound.ts).

export interface InboundEvent {
  source: 'slack';
  /** The channel's own delivery id (Slack `event_id`): the job id, and the ProcessedEvent claim. */
  eventId: string;
  /** The delivery as the channel sent it (parsed JSON). */
  body: Record<string, unknown>;
}

export interface InboundPort {
  /** Resolves once the event is durably queued; rejects when the queue is unavailable. */
  enqueue(event: InboundEvent): Promise<void>;
}

/** Which run of a queued event this is. */
export interface InboundAttempt {
  /** The job's first run (not a retry, not a re-run after a worker died). */
  first: boolean;
  /** No retry follows if this run fails. */
  last: boolean;
}

/** Thrown by a handler to have the queue run the event again later (the database was down). */
export class RetryLater extends Error {
  override readonly name = 'RetryLater';
}
