import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KpiService, resolvePeriod } from '../../../src/domain/kpi/index.ts';
import { fixedClock } from '../../../src/domain/shared/clock.ts';
import { ForbiddenError } from '../../../src/domain/shared/errors.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import { addAccount, addInteractions, addOpportunity, addSurveyAnswer, addTicket, makeOrg, type Org } from './_value-fixtures.ts';

// Wednesday 20:00 in Shanghai. "this_week" there: Mon 2026-11-23 00:00 +08 → Mon 2026-11-30 00:00 +08,
// i.e. 2026-11-22T16:00Z → 2026-11-29T16:00Z.
const NOW = new Date('2026-11-25T12:00:00Z');
const TZ = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('resolvePeriod', () => {
  it('resolves named periods in the time zone', () => {
    const w = resolvePeriod('this_week', NOW, TZ);
    expect([w.from.toISOString(), w.to.toISOString()]).toEqual(['2026-11-22T16:00:00.000Z', '2026-11-29T16:00:00.000Z']);
    const lw = resolvePeriod('last_week', NOW, TZ);
    expect(lw.from.toISOString()).toBe('2026-11-15T16:00:00.000Z');
    const m = resolvePeriod('last_month', NOW, 'America/New_York');
    expect([m.from.toISOString(), m.to.toISOString()]).toEqual(['2026-10-01T04:00:00.000Z', '2026-11-01T04:00:00.000Z']); // EDT
    const q = resolvePeriod('this_quarter', NOW, 'UTC');
    expect([q.from.toISOString(), q.to.toISOString()]).toEqual(['2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    expect(resolvePeriod('today', NOW, TZ).from.toISOString()).toBe('2026-11-24T16:00:00.000Z');
  });
});

describe.each(DB_KINDS)('KpiService on %s', (kind) => {
  let db: TestDatabase;
  let org: Org;
  let svc: KpiService;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const p = db.prisma;
    org = await makeOrg(p);
    svc = new KpiService(p, fixedClock(NOW));
    const a1 = await addAccount(p, org, 'A1', { tier: 'A', ownerId: org.rep1.id });
    const a2 = await addAccount(p, org, 'A2', { tier: 'A', ownerId: org.rep1.id });
    const a3 = await addAccount(p, org, 'A3', { tier: 'A', ownerId: org.rep2.id });
    const b1 = await addAccount(p, org, 'B1', { tier: 'B', ownerId: org.rep2.id });
    const x = await addAccount(p, org, 'X', { tier: 'A', ownerId: org.rep3.id }); // outside the team
    // Interactions: rep1 a call and a visit on A1; rep2 an email on A3 and a call on B1.
    // A2's only interaction is Sunday 23:00 in Shanghai (last week) → A2 not covered.
    await addInteractions(p, org, a1.id, [at('2026-11-24T02:00:00Z')], { userId: org.rep1.id, type: 'call' });
    await addInteractions(p, org, a1.id, [at('2026-11-24T05:00:00Z')], { userId: org.rep1.id, type: 'visit' });
    await addInteractions(p, org, a2.id, [at('2026-11-22T15:00:00Z')], { userId: org.rep1.id, type: 'call' });
    await addInteractions(p, org, a3.id, [at('2026-11-23T03:00:00Z')], { userId: org.rep2.id, type: 'email' });
    await addInteractions(p, org, b1.id, [at('2026-11-25T03:00:00Z')], { userId: org.rep2.id, type: 'call' });
    await addInteractions(p, org, x.id, [at('2026-11-25T03:00:00Z')], { userId: org.rep3.id, type: 'call' });
    // Follow-ups (rep1): on time, late, overdue open, not yet due (excluded), cancelled (excluded).
    const task = (dueAt: string, status: 'open' | 'done' | 'cancelled', completedAt?: string) =>
      p.task.create({ data: { tenantId: org.tenantId, title: 'Follow up', assigneeId: org.rep1.id, dueAt: at(dueAt), status, completedAt: completedAt ? at(completedAt) : null } });
    await task('2026-11-23T04:00:00Z', 'done', '2026-11-23T03:00:00Z');
    await task('2026-11-24T04:00:00Z', 'done', '2026-11-25T03:00:00Z');
    await task('2026-11-24T05:00:00Z', 'open');
    await task('2026-11-28T05:00:00Z', 'open');
    await task('2026-11-24T06:00:00Z', 'cancelled');
    // Surveys: CSAT 4 (A1) and 2 (A3) answered, one CSAT on B1 sent and unanswered.
    await addSurveyAnswer(p, org, a1, 'csat', 4, at('2026-11-24T01:00:00Z'));
    await addSurveyAnswer(p, org, a3, 'csat', 2, at('2026-11-24T01:00:00Z'));
    await p.survey.create({ data: { tenantId: org.tenantId, kind: 'csat', contactId: b1.contactId, accountId: b1.id, status: 'sent', scheduledAt: at('2026-11-24T01:00:00Z'), sentAt: at('2026-11-24T01:00:00Z') } });
    // NPS: 10 (A1), 9 and 7 (A3), 3 (B1) → promoters 2, detractors 1 of 4 → +25
    await addSurveyAnswer(p, org, a1, 'nps', 10, at('2026-11-24T02:00:00Z'));
    await addSurveyAnswer(p, org, a3, 'nps', 9, at('2026-11-24T02:00:00Z'));
    await addSurveyAnswer(p, org, a3, 'nps', 7, at('2026-11-24T03:00:00Z'));
    await addSurveyAnswer(p, org, b1, 'nps', 3, at('2026-11-24T02:00:00Z'));
    // Complaints due this week: A1 answered in time, A3 unanswered past due.
    await addTicket(p, org, a1.id, at('2026-11-23T01:00:00Z'), at('2026-11-24T01:00:00Z'), { respondedAt: at('2026-11-23T05:00:00Z') });
    await addTicket(p, org, a3.id, at('2026-11-23T01:00:00Z'), at('2026-11-24T01:00:00Z'));
    // Pipeline: USD 1000 proposal (rep1), CNY 1000 proposal (rep2); one deal won this week (rep1).
    await addOpportunity(p, org, a1.id, { stageChangedAt: NOW, ownerId: org.rep1.id });
    const cny = await addOpportunity(p, org, a3.id, { stageChangedAt: NOW, ownerId: org.rep2.id });
    await p.opportunity.update({ where: { id: cny.id }, data: { currency: 'CNY' } });
    const won = await addOpportunity(p, org, a1.id, { stageChangedAt: NOW, ownerId: org.rep1.id, stage: 'closed_won' });
    await p.opportunity.update({ where: { id: won.id }, data: { closedAt: at('2026-11-24T00:00:00Z') } });
    // One birthday greeting sent this week (A1's contact).
    await p.greeting.create({ data: { tenantId: org.tenantId, contactId: a1.contactId, occasion: 'birthday', year: 2026, status: 'sent', scheduledAt: at('2026-11-24T01:00:00Z'), sentAt: at('2026-11-24T01:00:00Z') } });
    // Programs from the seed articles: promotion 10 → 50 (400 %), points 5 → 20 (300 %).
    await p.program.create({ data: { tenantId: org.tenantId, name: 'Exclusive promotion', cost: 10, extraRevenue: 50 } });
    await p.program.create({ data: { tenantId: org.tenantId, name: 'Points', cost: 5, extraRevenue: 20 } });
  });
  afterAll(() => db?.drop());

  it("computes the team's and each rep's KPIs for this week in the manager's time zone", async () => {
    const r = await svc.getKpis(org.as(org.manager, TZ), { scope: 'team', period: 'this_week' });
    expect(r.period.from.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    const t = r.team;
    expect(t.interactions).toEqual({ total: 4, byType: { visit: 1, call: 2, meeting: 0, email: 1, message: 0, note: 0 } });
    expect(t.tierACoverage).toEqual({ tierA: 3, touched: 2, pct: 66.67 });
    expect(t.followUps).toEqual({ due: 3, onTime: 1, pct: 33.33 });
    expect(t.csat).toEqual({ average: 3, responses: 2, sent: 3, answeredOfSent: 2, responseRatePct: 66.67 });
    expect(t.nps).toEqual({ score: 25, responses: 4, promoters: 2, detractors: 1 });
    expect(t.complaintSla).toEqual({ due: 2, onTime: 1, pct: 50 });
    expect(t.pipeline).toEqual([{ currency: 'CNY', raw: 1000, weighted: 500 }, { currency: 'USD', raw: 1000, weighted: 500 }]);
    expect(t.winRate).toEqual({ won: 1, lost: 0, rate: 1 });
    expect(t.greetingsSent).toBe(1);
    const rep1 = r.reps.find((x) => x.userId === org.rep1.id)!;
    expect([rep1.interactions.total, rep1.tierACoverage.pct, rep1.csat.average, rep1.complaintSla.pct]).toEqual([2, 50, 4, 100]);
    const rep2 = r.reps.find((x) => x.userId === org.rep2.id)!;
    expect([rep2.interactions.total, rep2.tierACoverage.pct, rep2.followUps.pct, rep2.nps.score]).toEqual([2, 100, null, 0]);
    expect(r.reps.map((x) => x.name)).toEqual(['Mia Manager', 'Ray Rep', 'Rita Rep']);
    expect(r.programs.items.map((p) => [p.name, p.roiPct])).toEqual([['Exclusive promotion', 400], ['Points', 300]]);
    expect(r.programs.total).toEqual({ cost: 15, extraRevenue: 70, roi: 3.6667, roiPct: 366.67 });
  });

  it('scopes a rep to their own numbers and refuses the team view', async () => {
    const r = await svc.getKpis(org.as(org.rep1, TZ), { scope: 'mine', period: 'this_week' });
    expect(r.reps.map((x) => x.userId)).toEqual([org.rep1.id]);
    expect(r.team.tierACoverage).toEqual({ tierA: 2, touched: 1, pct: 50 });
    await expect(svc.getKpis(org.as(org.rep1), { scope: 'team', period: 'this_week' })).rejects.toBeInstanceOf(ForbiddenError);
    const last = await svc.getKpis(org.as(org.rep1, TZ), { scope: 'mine', period: 'last_week' });
    expect(last.team.interactions.byType.call).toBe(1); // A2, Sunday 23:00 Shanghai
  });
});
