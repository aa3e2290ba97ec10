import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsService } from '../../../src/domain/settings/index.ts';
import type { Clock } from '../../../src/domain/shared/clock.ts';
import { ConflictError, ForbiddenError } from '../../../src/domain/shared/errors.ts';
import { TicketService } from '../../../src/domain/tickets/index.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import { addAccount, makeOrg, type Org } from './_value-fixtures.ts';

const T0 = new Date('2026-11-02T09:00:00Z'); // a Monday
const H = 3_600_000;

describe.each(DB_KINDS)('TicketService on %s', (kind) => {
  let db: TestDatabase;
  let org: Org;
  let svc: TicketService;
  let now = T0;
  const clock: Clock = { now: () => now };
  let acct: { id: string; contactId: string };
  let other: { id: string; contactId: string };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    org = await makeOrg(db.prisma);
    svc = new TicketService(db.prisma, clock);
    acct = await addAccount(db.prisma, org, 'Globex', { ownerId: org.rep1.id });
    other = await addAccount(db.prisma, org, 'Initech', { ownerId: org.rep3.id });
    await new SettingsService(db.prisma, clock).updateSettings(org.as(org.admin), { sla: { firstResponseHours: { urgent: 4 } } });
  });
  afterAll(() => db?.drop());

  it('sets the first-response due time from the SLA hours of the priority', async () => {
    now = T0;
    const rep = org.as(org.rep1);
    const normal = await svc.openTicket(rep, { accountId: acct.id, contactId: acct.contactId, subject: 'Late delivery' });
    expect(normal.firstResponseDueAt.getTime()).toBe(T0.getTime() + 24 * H);
    expect(normal.resolutionDueAt!.getTime()).toBe(T0.getTime() + 72 * H);
    const urgent = await svc.openTicket(rep, { accountId: acct.id, subject: 'Device down', priority: 'urgent', kind: 'service_request' });
    expect(urgent.firstResponseDueAt.getTime()).toBe(T0.getTime() + 4 * H);
    await expect(svc.openTicket(rep, { accountId: other.id, subject: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    const again = await svc.openTicket(rep, { accountId: acct.id, subject: 'Late delivery', sourceMessageId: 'm-1' });
    expect(await svc.openTicket(rep, { accountId: acct.id, subject: 'Late delivery', sourceMessageId: 'm-1' })).toEqual(again);
  });

  it('lists breaches and computes SLA compliance for a period', async () => {
    const rep = org.as(org.rep1);
    // Opened at T0: "Late delivery" (due T0+24h), "Device down" (urgent, due T0+4h), the m-1 one (due T0+24h).
    const open = await db.prisma.ticket.findMany({ where: { tenantId: org.tenantId } });
    const urgent = open.find((t) => t.priority === 'urgent');
    const dup = open.find((t) => t.sourceMessageId === 'm-1');
    const late = open.find((t) => t !== urgent && t !== dup);
    now = new Date(T0.getTime() + 2 * H);
    await svc.recordFirstResponse(rep, late!.id); // on time (2 h < 24 h)
    now = new Date(T0.getTime() + 6 * H);
    expect((await svc.listBreaches(rep, { scope: 'mine' })).map((b) => [b.subject, b.overdueHours])).toEqual([['Device down', 2]]);
    now = new Date(T0.getTime() + 30 * H);
    const breaches = await svc.listBreaches(org.as(org.manager), { scope: 'team' });
    expect(breaches.map((b) => [b.id, b.overdueHours])).toEqual([[urgent!.id, 26], [dup!.id, 6]]);
    await svc.recordFirstResponse(rep, urgent!.id); // late: 30 h vs 4 h
    // Due this week: 3 tickets; on time 1, late 1, unanswered past due 1 → 33.33 %
    const c = await svc.slaCompliance(rep, { scope: 'mine', period: 'this_week' });
    expect([c.due, c.onTime, c.late, c.unanswered, c.compliancePct]).toEqual([3, 1, 1, 1, 33.33]);
    const complaints = await svc.slaCompliance(rep, { scope: 'mine', period: 'this_week', kind: 'complaint' });
    expect([complaints.due, complaints.compliancePct]).toEqual([2, 50]);
    const lastWeek = await svc.slaCompliance(rep, { scope: 'mine', period: 'last_week' });
    expect(lastWeek.compliancePct).toBeNull();
  });

  it('resolves a ticket and writes the survey job to the outbox in the same transaction', async () => {
    now = new Date(T0.getTime() + 48 * H);
    const t = await svc.openTicket(org.as(org.rep1), { accountId: acct.id, subject: 'Invoice wrong' });
    now = new Date(T0.getTime() + 50 * H);
    const r = await svc.resolveTicket(org.as(org.rep1), t.id);
    expect(r).toMatchObject({ status: 'resolved', resolvedAt: now, firstRespondedAt: now });
    const jobs = await db.prisma.outbox.findMany({ where: { tenantId: org.tenantId } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      queue: 'crm-surveys', jobName: 'survey-after-ticket', jobId: `survey:ticket:${t.id}`,
      runAt: new Date(now.getTime() + 24 * H), payload: { tenantId: org.tenantId, ticketId: t.id },
    });
    await expect(svc.resolveTicket(org.as(org.rep1), t.id)).rejects.toBeInstanceOf(ConflictError);
    const actions = await db.prisma.auditLog.findMany({ where: { entityId: t.id }, orderBy: { createdAt: 'asc' } });
    expect(actions.map((a) => a.action)).toEqual(['ticket.create', 'ticket.update']);
  });
});
