import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineService } from '../../../src/domain/pipeline/index.ts';
import type { Clock } from '../../../src/domain/shared/clock.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../../src/domain/shared/errors.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import { addAccount, daysAfter, daysBefore, makeOrg, type Org } from './_value-fixtures.ts';

const START = new Date('2026-11-02T09:00:00Z');

describe.each(DB_KINDS)('PipelineService on %s', (kind) => {
  let db: TestDatabase;
  let org: Org;
  let svc: PipelineService;
  let now = START;
  const clock: Clock = { now: () => now };
  let acct: { id: string };
  let cnAcct: { id: string };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    org = await makeOrg(db.prisma);
    svc = new PipelineService(db.prisma, clock);
    acct = await addAccount(db.prisma, org, 'Globex', { ownerId: org.rep1.id });
    cnAcct = await addAccount(db.prisma, org, '华东医院', { ownerId: org.rep2.id });
  });
  afterAll(() => db?.drop());

  it('creates with stage and probability defaults and records the stage history', async () => {
    now = START;
    const rep = org.as(org.rep1);
    const o = await svc.createOpportunity(rep, { accountId: acct.id, name: 'Globex renewal', amount: 1000, currency: 'usd' });
    expect(o).toMatchObject({ stage: 'qualification', probability: 0.1, currency: 'USD', amount: 1000, weightedAmount: 100, ownerId: org.rep1.id });
    now = daysAfter(START, 2);
    const p = await svc.changeStage(rep, o.id, 'proposal');
    expect(p).toMatchObject({ stage: 'proposal', probability: 0.5, stageChangedAt: now, closedAt: null });
    now = daysAfter(START, 5);
    const won = await svc.changeStage(rep, o.id, 'closed_won');
    expect(won).toMatchObject({ stage: 'closed_won', probability: 1, closedAt: now });
    const history = await svc.stageHistory(rep, o.id);
    expect(history.map((h) => [h.fromStage, h.toStage, h.changedAt.toISOString()])).toEqual([
      [null, 'qualification', START.toISOString()],
      ['qualification', 'proposal', daysAfter(START, 2).toISOString()],
      ['proposal', 'closed_won', daysAfter(START, 5).toISOString()],
    ]);
    await expect(svc.changeStage(rep, o.id, 'closed_won')).rejects.toBeInstanceOf(ConflictError);
    const audits = await db.prisma.auditLog.findMany({ where: { entityId: o.id }, orderBy: { createdAt: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual(['opportunity.create', 'opportunity.update', 'opportunity.update']);
    expect(audits[2]!.before).toMatchObject({ stage: 'proposal' });
    expect(audits[2]!.after).toMatchObject({ stage: 'closed_won' });
  });

  it('validates input and refuses accounts outside the scope', async () => {
    await expect(svc.createOpportunity(org.as(org.rep1), { accountId: acct.id, name: 'X', amount: 1, currency: 'XYZ1' })).rejects.toBeInstanceOf(ValidationError);
    await expect(svc.createOpportunity(org.as(org.rep1), { accountId: acct.id, name: 'X', amount: -5 })).rejects.toBeInstanceOf(ValidationError);
    await expect(svc.createOpportunity(org.as(org.rep1), { accountId: cnAcct.id, name: 'X', amount: 5 })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('sums the pipeline per currency, raw and weighted, with win rate, stalled and slipping deals', async () => {
    now = daysAfter(START, 6);
    const mgr = org.as(org.manager);
    const a = await svc.createOpportunity(mgr, { accountId: acct.id, name: 'Globex expansion', amount: 2000, currency: 'USD', stage: 'proposal', expectedCloseAt: daysAfter(START, 20) });
    const b = await svc.createOpportunity(mgr, { accountId: cnAcct.id, name: '影像设备', amount: 10000, currency: 'CNY', stage: 'negotiation' });
    const c = await svc.createOpportunity(mgr, { accountId: cnAcct.id, name: '耗材', amount: 3000, currency: 'CNY' });
    await svc.changeStage(mgr, c.id, 'closed_lost');
    const d = await svc.createOpportunity(mgr, { accountId: acct.id, name: 'Globex pilot', amount: 500, currency: 'USD', expectedCloseAt: daysAfter(START, 10) });
    // Slip: the expected close moves later twice, then earlier once (not a slip).
    await svc.updateOpportunity(mgr, a.id, { expectedCloseAt: daysAfter(START, 35) });
    await svc.updateOpportunity(mgr, a.id, { expectedCloseAt: daysAfter(START, 50) });
    await svc.updateOpportunity(mgr, d.id, { expectedCloseAt: daysAfter(START, 8), amount: 600 });
    // Stalled: b has had no stage change for 31 days.
    await db.prisma.opportunity.update({ where: { id: b.id }, data: { stageChangedAt: daysBefore(now, 31) } });

    const s = await svc.getSummary(mgr, { scope: 'team', period: 'this_month' });
    // Open: USD 2000 × .5 + 600 × .1 = 1060 weighted, 2600 raw; CNY 10000 × .75 = 7500.
    expect(s.openTotals).toEqual([
      { currency: 'CNY', raw: 10000, weighted: 7500 },
      { currency: 'USD', raw: 2600, weighted: 1060 },
    ]);
    expect(s.byStage.find((x) => x.stage === 'closed_won')).toEqual({ stage: 'closed_won', count: 1, amounts: [{ currency: 'USD', raw: 1000, weighted: 1000 }] });
    expect(s.byStage.find((x) => x.stage === 'closed_lost')!.count).toBe(1);
    expect(s.winRate).toEqual({ won: 1, lost: 1, rate: 0.5 });
    expect(s.stalled.map((x) => [x.name, x.reason, x.days])).toEqual([['影像设备', 'no_stage_change', 31]]);
    expect(s.slipping.map((x) => [x.name, x.slips, x.firstExpectedCloseAt.toISOString()])).toEqual([
      ['Globex expansion', 2, daysAfter(START, 20).toISOString()],
    ]);
    // A month later the pilot is past its expected close.
    now = daysAfter(START, 40);
    const later = await svc.getSummary(mgr, { scope: 'team', period: 'this_month' });
    expect(later.winRate.rate).toBeNull();
    expect(later.stalled.map((x) => x.name).sort()).toEqual(['Globex expansion', 'Globex pilot', '影像设备'].sort());
    // A rep's own scope excludes the other rep's account; a rep cannot ask for the team.
    const mine = await svc.getSummary(org.as(org.rep1), { scope: 'mine', period: 'this_month' });
    expect(mine.openTotals).toEqual([{ currency: 'USD', raw: 2600, weighted: 1060 }]);
    await expect(svc.getSummary(org.as(org.rep1), { scope: 'team', period: 'this_month' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('finds an opportunity by free text and refuses ambiguity with the candidates', async () => {
    const rep = org.as(org.rep1);
    expect((await svc.findOpportunity(rep, 'pilot'))!.name).toBe('Globex pilot');
    expect((await svc.findOpportunity(rep, 'globex renewal', { accountId: acct.id }))!.stage).toBe('closed_won');
    expect(await svc.findOpportunity(rep, 'nothing like this')).toBeNull();
    await expect(svc.findOpportunity(rep, 'globex')).rejects.toThrow(/Several opportunities match/);
    // rep1 does not see rep2's account's deals
    expect(await svc.findOpportunity(rep, '影像')).toBeNull();
    expect((await svc.findOpportunity(org.as(org.manager), '影像'))!.currency).toBe('CNY');
  });
});
