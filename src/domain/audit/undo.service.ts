// "Undo that": reverts the actor's most recent write that has not been undone, where that is
// safe, using the AuditLog rows every service writes (naming convention in ./actions.ts).
import type { AuditLog } from '../../generated/prisma/client.ts';
import type { Prisma, PrismaClient } from '../shared/db.ts';
import type { Clock } from '../shared/clock.ts';
import type { AnyActor } from '../shared/access.ts';
import { requireStaff } from '../shared/access.ts';
import { actorId } from '../shared/actor.ts';
import { audit } from '../shared/audit.ts';
import { ConflictError } from '../shared/errors.ts';
import { writeReminder } from '../tasks/task-writes.ts';
import { moveMainParticipant, refreshLastTouch } from '../interactions/interaction.service.ts';
import { AUDIT, UNDOABLE_ENTITY_TYPES, type UndoableEntityType } from './actions.ts';

type Tx = Prisma.TransactionClient;

export interface UndoneEntity {
  entityType: string;
  entityId: string;
  /** deleted: a created row was removed; restored: changed fields got their old values back. */
  effect: 'deleted' | 'restored';
  /** Name, title or summary, for the reply. */
  label: string;
  /** Restored field names (updates only). */
  fields: string[];
}

export interface UndoResult extends UndoneEntity {
  auditLogId: string;
  action: string;
  /** Rows reverted with it (the follow-up task created with a logged visit). */
  also: UndoneEntity[];
  description: { en: string; zh: string };
}

/** Never restored from `before`: identity and bookkeeping columns. */
const PROTECTED_FIELDS = new Set(['id', 'tenantId', 'createdAt', 'updatedAt', 'erasedAt', 'erasedById', 'mergedIntoId']);
/** Rows written in one go (an interaction and its follow-up) are this close in time. */
const SAME_WRITE_MS = 5_000;

/** " and 1 follow-up task and the complaint created with it" / "以及随之创建的1个跟进任务和投诉". */
function alsoWords(also: UndoneEntity[], lang: 'en' | 'zh'): string {
  const tasks = also.filter((a) => a.entityType === 'Task').length;
  const tickets = also.filter((a) => a.entityType === 'Ticket').length;
  if (!tasks && !tickets) return '';
  if (lang === 'zh') return `以及随之创建的${[tasks ? `${tasks}个跟进任务` : '', tickets ? `${tickets}张投诉单` : ''].filter(Boolean).join('和')}`;
  return ` and ${[tasks ? `${tasks} follow-up task(s)` : '', tickets ? `${tickets} complaint(s)` : ''].filter(Boolean).join(' and ')} created with it`;
}

interface Delegate {
  findUnique(args: { where: { id: string } }): Promise<Record<string, unknown> | null>;
  update(args: { where: { id: string }; data: Record<string, unknown> }): Promise<Record<string, unknown>>;
  delete(args: { where: { id: string } }): Promise<unknown>;
}

function delegate(tx: Tx, type: UndoableEntityType): Delegate {
  const map = {
    Interaction: tx.interaction,
    Task: tx.task,
    Contact: tx.contact,
    Account: tx.account,
    Opportunity: tx.opportunity,
    Ticket: tx.ticket,
  } satisfies Record<UndoableEntityType, unknown>;
  return map[type] as unknown as Delegate;
}

const EN_NAMES: Record<UndoableEntityType, [string, string]> = {
  Interaction: ['interaction', '互动记录'],
  Task: ['task', '任务'],
  Contact: ['contact', '联系人'],
  Account: ['account', '客户'],
  Opportunity: ['opportunity', '商机'],
  Ticket: ['ticket', '工单'],
};

/** A value as compared: a Decimal (an amount read back) and the number or numeric string it was written as are one value. */
const canon = (v: unknown): string => {
  if (v && typeof v === 'object' && typeof (v as { toNumber?: unknown }).toNumber === 'function') return JSON.stringify((v as { toNumber: () => number }).toNumber());
  if (typeof v === 'string' && /^-?\d+(?:\.\d+)?$/.test(v)) return JSON.stringify(Number(v));
  return JSON.stringify(v ?? null);
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const nothingToUndo = () =>
  new ConflictError('UNDO.NOTHING', "There's nothing of yours left to undo.", '没有可以撤销的操作。');

export class UndoService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
  ) {}

  /**
   * The record the actor's most recent write (not undone) created or changed — what "no wait, it
   * was a meeting" corrects. A follow-up created with a logged visit points at the visit. Null when
   * there is none or it was not a create or update of a correctable record.
   */
  async lastWrite(actor: AnyActor): Promise<{ entityType: UndoableEntityType; entityId: string; action: string; at: Date } | null> {
    requireStaff(actor);
    const mine = {
      tenantId: actor.tenantId,
      actorKind: actor.kind,
      actorId: actorId(actor),
      undoneAt: null,
      NOT: [{ action: AUDIT.undo }, { action: { endsWith: '.export' } }],
    } satisfies Prisma.AuditLogWhereInput;
    const row = await this.db.auditLog.findFirst({ where: mine, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    if (!row) return null;
    const parentId = row.action === AUDIT.taskCreate && isObject(row.after) ? row.after.interactionId : await this.reportOfTicket(row);
    if (typeof parentId === 'string') return { entityType: 'Interaction', entityId: parentId, action: AUDIT.interactionCreate, at: row.createdAt };
    const verb = row.action.slice(row.action.lastIndexOf('.') + 1);
    if (!(UNDOABLE_ENTITY_TYPES as readonly string[]).includes(row.entityType) || !['create', 'update'].includes(verb)) return null;
    return { entityType: row.entityType as UndoableEntityType, entityId: row.entityId, action: row.action, at: row.createdAt };
  }

  /** The visit or call a complaint was opened with (`called Peter, he's complaining…`): the same message's interaction. */
  private async reportOfTicket(row: AuditLog): Promise<string | null> {
    if (row.action !== AUDIT.ticketCreate || !row.sourceMessageId) return null;
    const i = await this.db.interaction.findFirst({ where: { tenantId: row.tenantId, sourceMessageId: row.sourceMessageId }, select: { id: true } });
    return i?.id ?? null;
  }

  async undoLast(actor: AnyActor): Promise<UndoResult> {
    requireStaff(actor);
    const id = actorId(actor);
    const mine = {
      tenantId: actor.tenantId,
      actorKind: actor.kind,
      actorId: id,
      undoneAt: null,
      NOT: [{ action: AUDIT.undo }, { action: { endsWith: '.export' } }],
    } satisfies Prisma.AuditLogWhereInput;
    let row = await this.db.auditLog.findFirst({ where: mine, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    if (!row) throw nothingToUndo();
    // A follow-up task logged with a visit, or a complaint opened with it, is undone together with the visit.
    const parentId = row.action === AUDIT.taskCreate && isObject(row.after) ? row.after.interactionId : await this.reportOfTicket(row);
    if (typeof parentId === 'string') {
      const parent = await this.db.auditLog.findFirst({
        where: { ...mine, action: AUDIT.interactionCreate, entityType: 'Interaction', entityId: parentId },
      });
      if (parent && Math.abs(parent.createdAt.getTime() - row.createdAt.getTime()) <= SAME_WRITE_MS) row = parent;
    }
    const target = row;
    const verb = target.action.slice(target.action.lastIndexOf('.') + 1);
    if (!(UNDOABLE_ENTITY_TYPES as readonly string[]).includes(target.entityType) || !['create', 'update'].includes(verb)) {
      throw new ConflictError(
        'UNDO.UNSUPPORTED',
        `Your last change (${target.action}) can't be undone automatically; please fix it by hand.`,
        `你最近的操作（${target.action}）无法自动撤销，请手动修改。`,
      );
    }
    const type = target.entityType as UndoableEntityType;
    return this.db.$transaction(async (tx) => {
      const now = this.clock.now();
      const claimed = await tx.auditLog.updateMany({ where: { id: target.id, undoneAt: null }, data: { undoneAt: now } });
      if (!claimed.count) throw nothingToUndo();
      const also: UndoneEntity[] = [];
      const main =
        verb === 'create' ? await this.undoCreate(tx, actor, target, type, also, now) : await this.undoUpdate(tx, actor, target, type);
      const [en, zh] = EN_NAMES[type];
      const result: UndoResult = {
        ...main,
        auditLogId: target.id,
        action: target.action,
        also,
        description:
          main.effect === 'deleted'
            ? {
                en: `Removed the ${en} "${main.label}"${alsoWords(also, 'en')}.`,
                zh: `已删除${zh}“${main.label}”${alsoWords(also, 'zh')}。`,
              }
            : {
                en: `Put back ${main.fields.join(', ')} of the ${en} "${main.label}".`,
                zh: `已恢复${zh}“${main.label}”的${main.fields.join('、')}。`,
              },
      };
      await audit(tx, actor, {
        action: AUDIT.undo,
        entityType: target.entityType,
        entityId: target.entityId,
        before: { undoneAuditId: target.id, action: target.action },
        after: { effect: main.effect, fields: main.fields, also: also.map((a) => `${a.entityType}:${a.entityId}`) },
      });
      return result;
    });
  }

  private async undoCreate(
    tx: Tx,
    actor: AnyActor,
    row: AuditLog,
    type: UndoableEntityType,
    also: UndoneEntity[],
    now: Date,
  ): Promise<UndoneEntity> {
    const id = row.entityId;
    const current = await delegate(tx, type).findUnique({ where: { id } });
    if (!current || current.tenantId !== actor.tenantId) throw gone(type);
    const label = labelOf(type, current);
    const blocked = (en: string, zh: string) => new ConflictError('UNDO.UNSAFE', en, zh);
    switch (type) {
      case 'Interaction': {
        const tasks = await tx.task.findMany({ where: { interactionId: id } });
        for (const t of tasks) {
          const created = await tx.auditLog.updateMany({
            where: { tenantId: actor.tenantId, action: AUDIT.taskCreate, entityId: t.id, actorId: row.actorId, undoneAt: null },
            data: { undoneAt: now },
          });
          if (!created.count || t.status !== 'open') continue; // someone else's task, or already worked on
          await tx.task.delete({ where: { id: t.id } });
          await dropPendingJobs(tx, actor.tenantId, `reminder:${t.id}:`);
          also.push({ entityType: 'Task', entityId: t.id, effect: 'deleted', label: t.title, fields: [] });
        }
        // A complaint opened with the visit (same message) goes with it, while nobody has answered it.
        const sourceMessageId = typeof current.sourceMessageId === 'string' ? current.sourceMessageId : null;
        for (const k of sourceMessageId ? await tx.ticket.findMany({ where: { tenantId: actor.tenantId, sourceMessageId } }) : []) {
          const opened = await tx.auditLog.updateMany({
            where: { tenantId: actor.tenantId, action: AUDIT.ticketCreate, entityId: k.id, actorId: row.actorId, undoneAt: null },
            data: { undoneAt: now },
          });
          if (!opened.count || k.status !== 'open' || k.firstRespondedAt) continue;
          await tx.ticket.delete({ where: { id: k.id } });
          also.push({ entityType: 'Ticket', entityId: k.id, effect: 'deleted', label: k.subject, fields: [] });
        }
        const participants = await tx.interactionParticipant.findMany({ where: { interactionId: id } });
        await tx.interaction.delete({ where: { id } });
        await dropPendingJobs(tx, actor.tenantId, `survey:interaction:${id}`);
        await refreshLastInteraction(tx, String(current.accountId), [
          ...participants.map((p) => p.contactId),
          ...(current.contactId ? [String(current.contactId)] : []),
        ]);
        break;
      }
      case 'Task':
        if (current.status !== 'open') {
          throw blocked(`"${label}" is already ${String(current.status)}; I left it as it is.`, `“${label}”已经关闭，未做更改。`);
        }
        await tx.task.delete({ where: { id } });
        await dropPendingJobs(tx, actor.tenantId, `reminder:${id}:`);
        break;
      case 'Contact': {
        const used =
          (await tx.interaction.count({ where: { contactId: id } })) +
          (await tx.interactionParticipant.count({ where: { contactId: id } })) +
          (await tx.task.count({ where: { contactId: id } })) +
          (await tx.ticket.count({ where: { contactId: id } })) +
          (await tx.survey.count({ where: { contactId: id } }));
        if (used || current.erasedAt || current.mergedIntoId) {
          throw blocked(`${label} already has activity recorded, so I won't delete them.`, `${label}已有相关记录，不能删除。`);
        }
        await tx.contact.delete({ where: { id } });
        break;
      }
      case 'Account': {
        const where = { accountId: id };
        const used =
          (await tx.contact.count({ where })) +
          (await tx.interaction.count({ where })) +
          (await tx.opportunity.count({ where })) +
          (await tx.task.count({ where })) +
          (await tx.ticket.count({ where })) +
          (await tx.order.count({ where })) +
          (await tx.account.count({ where: { mergedIntoId: id } }));
        if (used || current.mergedIntoId) {
          throw blocked(`${label} already has contacts or activity, so I won't delete it.`, `${label}已有联系人或相关记录，不能删除。`);
        }
        await tx.account.delete({ where: { id } });
        break;
      }
      case 'Opportunity': {
        const changes = await tx.opportunityStageChange.count({ where: { opportunityId: id } });
        if (changes > 1 || current.closedAt) {
          throw blocked(`"${label}" has moved on since it was created; I left it.`, `“${label}”创建后已有进展，未做更改。`);
        }
        await tx.opportunity.delete({ where: { id } });
        break;
      }
      case 'Ticket':
        if (current.status !== 'open' || current.firstRespondedAt) {
          throw blocked(`"${label}" is already being handled; I left it.`, `“${label}”已在处理中，未做更改。`);
        }
        await tx.ticket.delete({ where: { id } });
        break;
    }
    return { entityType: type, entityId: id, effect: 'deleted', label, fields: [] };
  }

  private async undoUpdate(tx: Tx, actor: AnyActor, row: AuditLog, type: UndoableEntityType): Promise<UndoneEntity> {
    const current = await delegate(tx, type).findUnique({ where: { id: row.entityId } });
    if (!current || current.tenantId !== actor.tenantId) throw gone(type);
    const label = labelOf(type, current);
    if (current.erasedAt || current.mergedIntoId) {
      throw new ConflictError('UNDO.UNSAFE', `${label} was erased or merged since; nothing to put back.`, `${label}之后已被删除或合并，无法恢复。`);
    }
    const before = isObject(row.before) ? row.before : {};
    const after = isObject(row.after) ? row.after : {};
    const fields = Object.keys(after).filter((k) => !PROTECTED_FIELDS.has(k) && k in current);
    if (!fields.length) throw nothingToUndo();
    const changedSince = fields.filter((k) => canon(current[k]) !== canon(after[k]));
    if (changedSince.length) {
      throw new ConflictError(
        'UNDO.CHANGED_SINCE',
        `${changedSince.join(', ')} of "${label}" changed again since, so I won't overwrite it.`,
        `“${label}”的${changedSince.join('、')}之后又被修改过，不能覆盖。`,
      );
    }
    const data: Record<string, unknown> = {};
    for (const k of fields) data[k] = before[k] ?? null;
    const updated = await delegate(tx, type).update({ where: { id: row.entityId }, data });
    if (type === 'Interaction' && 'contactId' in data) {
      // A corrected contact: their participant row goes back too.
      await moveMainParticipant(tx, row.entityId, (current.contactId as string | null) ?? null, (data.contactId as string | null) ?? null);
    }
    if (type === 'Interaction' && ('contactId' in data || 'accountId' in data)) {
      // And so do its open follow-ups, which the correction moved with it.
      await tx.task.updateMany({
        where: { interactionId: row.entityId, status: 'open', contactId: (current.contactId as string | null) ?? null, accountId: current.accountId as string },
        data: { contactId: (updated.contactId as string | null) ?? null, accountId: updated.accountId as string },
      });
    }
    if (type === 'Interaction' && ('contactId' in data || 'accountId' in data || 'occurredAt' in data)) {
      await refreshLastTouch(
        tx,
        [current.accountId as string, updated.accountId as string],
        [current.contactId as string | null, updated.contactId as string | null],
      );
    }
    if (type === 'Task' && 'dueAt' in data && updated.status === 'open') {
      const dueAt = updated.dueAt as Date;
      await writeReminder(tx, actor.tenantId, row.entityId, dueAt);
    }
    return { entityType: type, entityId: row.entityId, effect: 'restored', label: labelOf(type, updated), fields };
  }
}

function labelOf(type: UndoableEntityType, row: Record<string, unknown>): string {
  const text = type === 'Task' ? row.title : type === 'Ticket' ? row.subject : type === 'Interaction' ? row.summary || row.type : row.name;
  const s = String(text ?? '');
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

const gone = (type: UndoableEntityType) =>
  new ConflictError(
    'UNDO.GONE',
    `That ${EN_NAMES[type][0]} no longer exists, so there's nothing to undo.`,
    `该${EN_NAMES[type][1]}已不存在，无需撤销。`,
  );

/** Jobs not yet relayed to the queue are dropped; relayed ones find their row gone and skip. */
async function dropPendingJobs(tx: Tx, tenantId: string, jobIdPrefix: string) {
  await tx.outbox.deleteMany({ where: { tenantId, relayedAt: null, jobId: { startsWith: jobIdPrefix } } });
}

async function refreshLastInteraction(tx: Tx, accountId: string, contactIds: string[]) {
  const acc = await tx.interaction.aggregate({ where: { accountId }, _max: { occurredAt: true } });
  await tx.account.update({ where: { id: accountId }, data: { lastInteractionAt: acc._max.occurredAt } });
  for (const contactId of new Set(contactIds)) {
    const c = await tx.interaction.aggregate({
      where: { OR: [{ contactId }, { participants: { some: { contactId } } }] },
      _max: { occurredAt: true },
    });
    await tx.contact.updateMany({ where: { id: contactId }, data: { lastInteractionAt: c._max.occurredAt } });
  }
}
