// The write of a logged interaction as ONE statement: the interaction, its participants, the
// account's and contacts' last touch, the follow-up task, their audit rows and their Outbox jobs
// (survey, reminder) are data-modifying CTEs of a single INSERT. It is atomic like the
// transaction it replaces, and costs one round trip instead of eight or eleven (BEGIN, one per
// row kind, COMMIT) on the busiest write of the product. Ids and timestamps are made here, as
// Prisma makes them; a second write of the same chat message fails on
// Interaction(tenantId, sourceMessageId) like the transaction did.
import { randomBytes } from 'node:crypto';
import { Prisma, type Db } from '../shared/db.ts';
import type { JobRow } from '../shared/jobs.ts';
import type { AuditAction } from '../audit/actions.ts';

export interface InteractionRow {
  id: string;
  tenantId: string;
  accountId: string;
  contactId: string | null;
  userId: string | null;
  type: string;
  occurredAt: Date;
  summary: string;
  nextStep: string | null;
  sentiment: number | null;
  channel: string | null;
  sourceMessageId: string | null;
  createdAt: Date;
}

export interface TaskRow {
  id: string;
  title: string;
  dueAt: Date;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  assigneeId: string;
  createdById: string | null;
  accountId: string | null;
  contactId: string | null;
}

export interface AuditRow {
  action: AuditAction;
  entityType: string;
  entityId: string;
  after: unknown;
}

/** A job from the catalogue (shared/jobs.ts), as Outbox columns. */
export type OutboxRow = JobRow;

export interface InteractionWrite {
  interaction: InteractionRow;
  participantIds: string[];
  task: TaskRow | null;
  actor: { kind: string; id: string | null };
  audits: AuditRow[];
  outbox: OutboxRow[];
}

let counter = 0;
/**
 * An id shaped like Prisma's cuid() (25 characters: 'c', time, counter, random), so that ids made
 * here sort among Prisma's by creation time as theirs do (undo breaks createdAt ties by id).
 */
export function newId(): string {
  counter = (counter + 1) % 1_679_616;
  const random = randomBytes(8).readBigUInt64BE().toString(36).padStart(12, '0').slice(-12);
  return `c${Date.now().toString(36).padStart(8, '0')}${counter.toString(36).padStart(4, '0')}${random}`;
}

/** JSON as the Prisma path stores it: dates as ISO strings, bigints as strings. */
const json = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

export async function writeInteraction(db: Db, w: InteractionWrite): Promise<void> {
  const i = w.interaction;
  const now = i.createdAt;
  const t = w.task;
  const audits = w.audits.map((a) => ({
    id: newId(),
    action: a.action,
    entity_type: a.entityType,
    entity_id: a.entityId,
    after: JSON.parse(json(a.after)) as unknown,
  }));
  const outbox = w.outbox.map((o) => ({
    id: newId(),
    queue: o.queue,
    job_name: o.jobName,
    job_id: o.jobId,
    run_at: o.runAt?.toISOString() ?? null,
    payload: o.payload,
  }));
  const taskCte = t
    ? Prisma.sql`, t AS (
        INSERT INTO "Task" (id, "tenantId", title, "dueAt", priority, "assigneeId", "createdById", "accountId", "contactId", "interactionId", "sourceMessageId", "createdAt", "updatedAt")
        SELECT ${t.id}, ${i.tenantId}, ${t.title}, ${t.dueAt}::timestamp, ${t.priority}::"Priority", ${t.assigneeId}, ${t.createdById}, ${t.accountId}, ${t.contactId}, i.id, ${i.sourceMessageId}, ${now}::timestamp, ${now}::timestamp
        FROM i)`
    : Prisma.empty;
  await db.$executeRaw`
    WITH i AS (
      INSERT INTO "Interaction" (id, "tenantId", "accountId", "contactId", "userId", type, "occurredAt", summary, "nextStep", sentiment, channel, "sourceMessageId", "createdAt")
      VALUES (${i.id}, ${i.tenantId}, ${i.accountId}, ${i.contactId}, ${i.userId}, ${i.type}::"InteractionType", ${i.occurredAt}::timestamp, ${i.summary}, ${i.nextStep},
              ${i.sentiment}::double precision, ${i.channel}::"Channel", ${i.sourceMessageId}, ${now}::timestamp)
      RETURNING id
    ), p AS (
      INSERT INTO "InteractionParticipant" ("interactionId", "contactId")
      SELECT i.id, c FROM i, unnest(${w.participantIds}::text[]) AS c
    ), a AS (
      UPDATE "Account" SET "lastInteractionAt" = ${i.occurredAt}::timestamp, "updatedAt" = ${now}::timestamp
      WHERE id = ${i.accountId} AND ("lastInteractionAt" IS NULL OR "lastInteractionAt" < ${i.occurredAt}::timestamp)
    ), c AS (
      UPDATE "Contact" SET "lastInteractionAt" = ${i.occurredAt}::timestamp, "updatedAt" = ${now}::timestamp
      WHERE id = ANY(${w.participantIds}::text[]) AND ("lastInteractionAt" IS NULL OR "lastInteractionAt" < ${i.occurredAt}::timestamp)
    )${taskCte}, au AS (
      INSERT INTO "AuditLog" (id, "tenantId", "actorKind", "actorId", action, "entityType", "entityId", after, "sourceMessageId", "createdAt")
      SELECT x.id, ${i.tenantId}, ${w.actor.kind}, ${w.actor.id}, x.action, x.entity_type, x.entity_id, x.after, ${i.sourceMessageId}, ${now}::timestamp
      FROM i, jsonb_to_recordset(${json(audits)}::jsonb) AS x(id text, action text, entity_type text, entity_id text, after jsonb)
    ), o AS (
      INSERT INTO "Outbox" (id, "tenantId", queue, "jobName", "jobId", payload, "runAt", "createdAt")
      SELECT x.id, ${i.tenantId}, x.queue, x.job_name, x.job_id, x.payload, x.run_at::timestamp, ${now}::timestamp
      FROM i, jsonb_to_recordset(${json(outbox)}::jsonb) AS x(id text, queue text, job_name text, job_id text, run_at text, payload jsonb)
    )
    SELECT 1`;
}
