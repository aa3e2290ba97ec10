// What is stored, as the scenarios talk about it: one flat row per contact, account, interaction,
// task, deal, ticket and survey of the demo tenant, read straight from the database, and the
// difference between two readings (what a turn wrote).
import type { PrismaClient } from '../../../src/domain/shared/db.ts';
import type { Table } from './types.ts';

export type Row = Record<string, unknown> & { id: string };
export type Snapshot = Record<Table, Map<string, Row>>;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function snapshot(db: PrismaClient, tenantId: string): Promise<Snapshot> {
  const [contacts, accounts, interactions, tasks, opps, tickets, surveys] = await Promise.all([
    db.contact.findMany({ where: { tenantId } }),
    db.account.findMany({ where: { tenantId } }),
    db.interaction.findMany({ where: { tenantId }, include: { participants: true } }),
    db.task.findMany({ where: { tenantId } }),
    db.opportunity.findMany({ where: { tenantId } }),
    db.ticket.findMany({ where: { tenantId } }),
    db.survey.findMany({ where: { tenantId } }),
  ]);
  const map = <T extends { id: string }>(rows: T[], f: (r: T) => Record<string, unknown>) => new Map(rows.map((r) => [r.id, { id: r.id, ...f(r) } as Row]));
  return {
    contact: map(contacts, (c) => ({
      name: c.name,
      aliases: [...c.aliases].sort(),
      title: c.title,
      role: c.decisionRole,
      email: c.email,
      phone: c.phone,
      birthday: c.birthday ? c.birthday.toISOString().slice(0, 10) : c.birthMonth && c.birthDay ? `${String(c.birthMonth).padStart(2, '0')}-${String(c.birthDay).padStart(2, '0')}` : null,
      account: c.accountId,
      surveyOptOut: c.surveyOptOut,
      greetingOptOut: c.greetingOptOut,
      merged: c.mergedIntoId,
    })),
    account: map(accounts, (a) => ({ name: a.name, aliases: [...a.aliases].sort(), tier: a.tier, owner: a.ownerId })),
    interaction: map(interactions, (i) => ({
      type: i.type,
      when: iso(i.occurredAt),
      summary: i.summary,
      contact: i.contactId,
      account: i.accountId,
      participants: i.participants.map((p) => p.contactId).sort(),
      user: i.userId,
    })),
    task: map(tasks, (t) => ({
      title: t.title,
      due: iso(t.dueAt),
      status: t.status,
      priority: t.priority,
      contact: t.contactId,
      account: t.accountId,
      assignee: t.assigneeId,
      interaction: t.interactionId,
    })),
    opportunity: map(opps, (o) => ({
      name: o.name,
      amount: Number(o.amount),
      currency: o.currency,
      stage: o.stage,
      close: iso(o.expectedCloseAt),
      account: o.accountId,
    })),
    ticket: map(tickets, (t) => ({ subject: t.subject, priority: t.priority, kind: t.kind, contact: t.contactId, account: t.accountId, status: t.status })),
    survey: map(surveys, (s) => ({ contact: s.contactId, kind: s.kind, trigger: s.triggerKind })),
  };
}

export interface Change {
  op: 'create' | 'update' | 'delete';
  table: Table;
  id: string;
  before: Row | null;
  after: Row | null;
  /** Updated fields. */
  fields: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function diff(before: Snapshot, after: Snapshot): Change[] {
  const out: Change[] = [];
  for (const table of Object.keys(before) as Table[]) {
    const b = before[table];
    const a = after[table];
    for (const [id, row] of a) {
      const old = b.get(id);
      if (!old) out.push({ op: 'create', table, id, before: null, after: row, fields: [] });
      else if (table !== 'survey') {
        const fields = Object.keys(row).filter((k) => !same(row[k], old[k]));
        if (fields.length) out.push({ op: 'update', table, id, before: old, after: row, fields });
      }
    }
    for (const [id, row] of b) if (!a.has(id)) out.push({ op: 'delete', table, id, before: row, after: null, fields: [] });
  }
  return out;
}

export function describeChange(c: Change): string {
  const row = c.after ?? c.before!;
  const show = (r: Row, keys?: string[]) =>
    Object.entries(r)
      .filter(([k, v]) => k !== 'id' && (!keys || keys.includes(k)) && v !== null && !(Array.isArray(v) && !v.length))
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(' ');
  if (c.op === 'update') return `update ${c.table} ${c.id}: ${c.fields.map((f) => `${f} ${JSON.stringify(c.before![f])}→${JSON.stringify(c.after![f])}`).join(', ')}`;
  return `${c.op} ${c.table} ${show(row)}`;
}
