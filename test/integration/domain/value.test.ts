import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/shared/clock.ts';
import { ConflictError, ForbiddenError } from '../../../src/domain/shared/errors.ts';
import { ValueService } from '../../../src/domain/value/index.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import { addAccount, addInteractions, addOrders, addSurveyAnswer, daysBefore, makeOrg, type Org } from './_value-fixtures.ts';

const AS_OF = new Date('2026-11-23T12:00:00Z');
const ago = (n: number) => daysBefore(AS_OF, n);

describe.each(DB_KINDS)('ValueService on %s', (kind) => {
  let db: TestDatabase;
  let org: Org;
  let org2: Org;
  let svc: ValueService;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const p = db.prisma;
    svc = new ValueService(p, fixedClock(AS_OF));
    org = await makeOrg(p, 'RFM');
    // Hand-checked RFM set (5 accounts with orders, 1 without):
    //          days since last  orders 12m  sum 12m   R  F  M  sum
    //   V1     300              1           5000      1  1  5   7
    //   V2     100              2           200       2  3  1   6   (F: V2, V3 tie at 2 → both 3)
    //   V3     40               2           300       3  3  2   8
    //   V4     10               4           400       4  5  3  12
    //   V5     5                3           3000      5  4  4  13
    //   Lead   —                0           0         null      → tier C
    // Tiers by R+F+M: V5 (top 20% of 5 = 1) A; V4, V3 (to 50% → ceil 2.5 = 3) B; V1, V2 C.
    const mk = async (name: string, orders: [number, number][]) => {
      const a = await addAccount(p, org, name);
      await addOrders(p, org, a.id, orders.map(([d, amt]) => [ago(d), amt]));
      id[name] = a.id;
    };
    await mk('V1', [[300, 5000]]);
    await mk('V2', [[100, 100], [200, 100]]);
    await mk('V3', [[40, 150], [50, 150]]);
    await mk('V4', [[10, 100], [20, 100], [25, 100], [30, 100]]);
    await mk('V5', [[5, 1000], [6, 1000], [7, 1000]]);
    await addOrders(p, org, id.V1!, [[ago(500), 99999]]); // older than 12 months: counts for nothing but recency
    id.Lead = (await addAccount(p, org, 'Lead', { lifecycleStage: 'lead' })).id;

    // Lifecycle scenario in a second tenant (default settings: churn 180 days, threshold .5).
    org2 = await makeOrg(p, 'Life');
    const acc = async (name: string, stage: 'lead' | 'prospect' | 'customer' | 'at_risk') => {
      const a = await addAccount(p, org2, name, { lifecycleStage: stage });
      id[name] = a.id;
      return a;
    };
    const prospect = await acc('Prospect', 'prospect'); // first order 20 days ago → customer
    await addOrders(p, org2, prospect.id, [[ago(20), 100]]);
    await addInteractions(p, org2, prospect.id, [ago(5)]);
    // Loyal: best on every axis; with 4 accounts holding orders NTILE(5) only reaches 4, so RFM
    // 4 + 4 + 4 = 12 (F ties with Risky at 4 orders) ≥ 12, 4 orders, CSAT 5 → loyal
    const loyal = await acc('Loyal', 'customer');
    await addOrders(p, org2, loyal.id, [[ago(2), 10000], [ago(4), 10000], [ago(6), 10000], [ago(8), 10000]]);
    await addInteractions(p, org2, loyal.id, [ago(1)]);
    await addSurveyAnswer(p, org2, loyal, 'csat', 5, ago(3));
    // Risky: 4 orders 100–130 days ago and none since → orderDecline 1 × .25; last contact 170 days
    // ago; the recompute makes it tier B (R 2 + F 4 + M 3 = 9, second of 4 → B, cadence 30)
    // → 170/30 − 1 > 1 → .35; score .6 > .5 → at_risk
    const risky = await acc('Risky', 'customer');
    await addOrders(p, org2, risky.id, [[ago(100), 50], [ago(110), 50], [ago(120), 50], [ago(130), 50]]);
    await addInteractions(p, org2, risky.id, [ago(170)]);
    const churn = await acc('Gone', 'customer'); // last order 200 days, last interaction 190 → churned
    await addOrders(p, org2, churn.id, [[ago(200), 10]]);
    await addInteractions(p, org2, churn.id, [ago(190)]);
    const rec = await acc('Recovered', 'at_risk'); // contacted 2 days ago, nothing else → score 0
    await addInteractions(p, org2, rec.id, [ago(2)]);
    await acc('ColdLead', 'lead'); // no orders, no contact: a lead never churns
  });
  afterAll(() => db?.drop());

  it('computes RFM quintiles and tiers for the whole tenant in SQL', async () => {
    await expect(svc.recomputeValue(org.as(org.admin), org.tenantId)).rejects.toBeInstanceOf(ForbiddenError);
    const report = await svc.recomputeValue(org.system, org.tenantId);
    expect(report.rfmScored).toBe(5);
    expect(report.tiers).toEqual({ A: 1, B: 2, C: 3 });
    const rows = await db.prisma.account.findMany({ where: { tenantId: org.tenantId }, orderBy: { name: 'asc' } });
    expect(rows.map((r) => [r.name, r.rfmRecency, r.rfmFrequency, r.rfmMonetary, r.tier])).toEqual([
      ['Lead', null, null, null, 'C'],
      ['V1', 1, 1, 5, 'C'],
      ['V2', 2, 3, 1, 'C'],
      ['V3', 3, 3, 2, 'B'],
      ['V4', 4, 5, 3, 'B'],
      ['V5', 5, 4, 4, 'A'],
    ]);
  });

  it('lists segments with en/zh labels within the scope', async () => {
    const champions = await svc.listSegment(org.as(org.admin), { scope: 'all', segment: 'champions' });
    expect(champions.map((a) => [a.name, a.segment])).toEqual([['V5', { key: 'champions', en: 'Champions', zh: '重要价值客户' }]]);
    const b = await svc.listSegment(org.as(org.rep1), { scope: 'mine', tier: 'B' });
    expect(b.map((a) => [a.name, a.segment?.key])).toEqual([['V4', 'loyal'], ['V3', 'potential']]);
    const atRisk = await svc.listSegment(org.as(org.rep1), { scope: 'mine', segment: 'at_risk' });
    expect(atRisk.map((a) => a.name)).toEqual(['V1', 'V2']);
    expect(await svc.listSegment(org.as(org.rep3), { scope: 'mine', tier: 'A' })).toEqual([]);
  });

  it('applies lifecycle rules and records each transition with a reason', async () => {
    const report = await svc.recomputeValue(org2.system, org2.tenantId);
    expect(report.transitions).toEqual({ toCustomer: 1, reactivated: 0, toLoyal: 1, toAtRisk: 1, recovered: 1, toChurned: 1 });
    const accounts = await db.prisma.account.findMany({ where: { tenantId: org2.tenantId }, orderBy: { name: 'asc' } });
    expect(Object.fromEntries(accounts.map((a) => [a.name, a.lifecycleStage]))).toEqual({
      ColdLead: 'lead', Gone: 'churned', Loyal: 'loyal', Prospect: 'customer', Recovered: 'customer', Risky: 'at_risk',
    });
    const t = await db.prisma.lifecycleTransition.findMany({ where: { tenantId: org2.tenantId } });
    const reason = (name: string) => t.filter((x) => x.accountId === id[name]).map((x) => [x.fromStage, x.toStage, x.reason]);
    expect(reason('Prospect')).toEqual([['prospect', 'customer', `First order (${ago(20).toISOString().slice(0, 10)})`]]);
    expect(reason('Loyal')).toEqual([['customer', 'loyal', 'Sustained value: RFM 12, 4 orders in 12 months, average CSAT 5.0']]);
    expect(reason('Risky')).toEqual([['customer', 'at_risk', 'At-risk score 0.60 above 0.5: No contact for 170 days; tier B expects every 30']]);
    expect(reason('Gone')).toEqual([['customer', 'churned', 'No order or interaction for 190 days (churn after 180)']]);
    expect(reason('Recovered')).toEqual([['at_risk', 'customer', 'Recovered: at-risk score 0.00 at or below 0.5']]);
    // Running again changes nothing.
    const again = await svc.recomputeValue(org2.system, org2.tenantId);
    expect(Object.values(again.transitions).every((n) => n === 0)).toBe(true);
    expect(await db.prisma.lifecycleTransition.count({ where: { tenantId: org2.tenantId } })).toBe(5);
  });

  it('records an order: lastOrderAt, first order makes a lead a customer, idempotent on externalId', async () => {
    const rep = org2.as(org2.rep1);
    const o = await svc.recordOrder(rep, { accountId: id.ColdLead!, amount: 250.5, currency: 'cny', orderedAt: ago(1), externalId: 'ERP-1' });
    expect(o).toMatchObject({ amount: 250.5, currency: 'CNY', externalId: 'ERP-1' });
    const acct = await db.prisma.account.findUniqueOrThrow({ where: { id: id.ColdLead! } });
    expect([acct.lifecycleStage, acct.lastOrderAt]).toEqual(['customer', ago(1)]);
    expect((await svc.lifecycleHistory(rep, id.ColdLead!)).map((h) => [h.fromStage, h.toStage])).toEqual([['lead', 'customer']]);
    expect((await svc.recordOrder(rep, { accountId: id.ColdLead!, amount: 250.5, externalId: 'ERP-1' })).id).toBe(o.id);
    await expect(svc.recordOrder(rep, { accountId: id.Loyal!, amount: 1, externalId: 'ERP-1' })).rejects.toBeInstanceOf(ConflictError);
    // An older order does not move lastOrderAt back, and a customer stays a customer.
    await svc.recordOrder(rep, { accountId: id.ColdLead!, amount: 10, orderedAt: ago(30) });
    expect((await db.prisma.account.findUniqueOrThrow({ where: { id: id.ColdLead! } })).lastOrderAt).toEqual(ago(1));
    expect(await db.prisma.lifecycleTransition.count({ where: { accountId: id.ColdLead! } })).toBe(1);
  });
});
