import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RiskService, isoWeekStart } from '../../../src/domain/risk/index.ts';
import { SettingsService } from '../../../src/domain/settings/index.ts';
import { fixedClock } from '../../../src/domain/shared/clock.ts';
import { ForbiddenError } from '../../../src/domain/shared/errors.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import {
  addAccount, addInteractions, addOpportunity, addOrders, addSurveyAnswer, addTicket, daysAfter, daysBefore, makeOrg, type Org,
} from './_value-fixtures.ts';

// asOf is a Monday; last week's snapshots are dated the Monday before.
const AS_OF = new Date('2026-11-23T12:00:00Z');
const LAST_WEEK = new Date('2026-11-16T00:00:00Z');
const ago = (n: number) => daysBefore(AS_OF, n);

// Default weights: contactGap .35, orderDecline .25, lowSatisfaction .2, ticketsPastSla .2,
// stalledDeals .15, negativeSentiment .15; threshold 0.5. Cadence A 14, B 30, C 90.
describe.each(DB_KINDS)('RiskService on %s', (kind) => {
  let db: TestDatabase;
  let org: Org;
  let risk: RiskService;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const p = db.prisma;
    org = await makeOrg(p);
    risk = new RiskService(p, fixedClock(AS_OF));

    // Alpha (A, rep1): last contact 41 days ago → min(1, 41/14 − 1) = 1 → .35 × 1 = .35
    //   orders: 4 in days 91–180, 1 in the last 90 → count 1 − 1/4 = .75, value 1 − 100/400 = .75
    //   → .25 × .75 = .1875.            score = .35 + .1875 = .5375; last week .30 (≤ .5) → new
    const alpha = await addAccount(p, org, 'Alpha', { tier: 'A', ownerId: org.rep1.id });
    await addInteractions(p, org, alpha.id, [ago(41)]);
    await addOrders(p, org, alpha.id, [[ago(100), 100], [ago(110), 100], [ago(120), 100], [ago(130), 100], [ago(30), 100]]);

    // Bravo (B, rep2): last contact 10 days ago (cadence 30) → 0
    //   two CSAT answers ≤ 2 in 90 days → min(1, 2/2) = 1 → .2
    //   two open tickets past first-response due → 1 → .2
    //   one opportunity with no stage change for 40 days → min(1, 1/2) = .5 → .15 × .5 = .075
    //   last 5 interactions sentiment −0.6 each → avg −.6 < −.2 → .15 × .6 = .09
    //   score = .2 + .2 + .09 + .075 = .565; last week .51 → +.055 > .05 → worsened
    const bravo = await addAccount(p, org, 'Bravo', { tier: 'B', ownerId: org.rep2.id });
    await addInteractions(p, org, bravo.id, [ago(10), ago(12), ago(14), ago(16), ago(18)], { sentiment: -0.6 });
    await addInteractions(p, org, bravo.id, [ago(60)], { sentiment: 0.9 }); // 6th most recent: ignored
    await addSurveyAnswer(p, org, bravo, 'csat', 1, ago(20));
    await addSurveyAnswer(p, org, bravo, 'csat', 2, ago(50));
    await addSurveyAnswer(p, org, bravo, 'csat', 1, ago(100)); // outside 90 days: ignored
    await addTicket(p, org, bravo.id, ago(5), ago(4));
    await addTicket(p, org, bravo.id, ago(3), ago(2));
    await addTicket(p, org, bravo.id, ago(3), ago(2), { respondedAt: ago(2.5) }); // answered in time: ignored
    await addOpportunity(p, org, bravo.id, { stageChangedAt: ago(40), expectedCloseAt: daysAfter(AS_OF, 30) });

    // Charlie (C, rep1): last contact 135 days ago → 135/90 − 1 = .5 → .35 × .5 = .175
    //   one NPS 3 (detractor) → .5 → .2 × .5 = .1.       score = .275 ≤ .5 → not listed
    const charlie = await addAccount(p, org, 'Charlie', { tier: 'C', ownerId: org.rep1.id });
    await addInteractions(p, org, charlie.id, [ago(135)]);
    await addSurveyAnswer(p, org, charlie, 'nps', 3, ago(30));

    // Delta (A, rep2): last contact 28 days ago → 28/14 − 1 = 1 → .35
    //   one ticket past SLA → .5 → .1; one opportunity past its expected close → .5 → .075
    //   score = .35 + .1 + .075 = .525; last week .70 → −.175 → improved
    const delta = await addAccount(p, org, 'Delta', { tier: 'A', ownerId: org.rep2.id });
    await addInteractions(p, org, delta.id, [ago(28)]);
    await addTicket(p, org, delta.id, ago(6), ago(5));
    await addOpportunity(p, org, delta.id, { stageChangedAt: ago(5), expectedCloseAt: ago(3) });

    // Echo (B, rep1): last contact 45 days ago → 45/30 − 1 = .5 → .175
    //   orders 2 × 500 in days 91–180, 2 × 100 in the last 90 → count 0, value 1 − 200/1000 = .8 → .2
    //   last 5 interactions sentiment −1 → min(1, 1) → .15; two stalled opportunities → 1 → .15
    //   score = .175 + .2 + .15 + .15 = .675; last week .66 → +.015 → same
    //   reasons: orders .2, contact .175, then the .15 tie in signal order: deals, sentiment
    const echo = await addAccount(p, org, 'Echo', { tier: 'B', ownerId: org.rep1.id });
    await addInteractions(p, org, echo.id, [ago(45), ago(50), ago(55), ago(60), ago(65)], { sentiment: -1 });
    await addOrders(p, org, echo.id, [[ago(120), 500], [ago(150), 500], [ago(20), 100], [ago(40), 100]]);
    await addOpportunity(p, org, echo.id, { stageChangedAt: ago(40) });
    await addOpportunity(p, org, echo.id, { stageChangedAt: ago(31) });

    // Foxtrot (A, rep3, outside the manager's team): 100 days → .35; two NPS ≤ 6 → .2; score .55
    const foxtrot = await addAccount(p, org, 'Foxtrot', { tier: 'A', ownerId: org.rep3.id });
    await addInteractions(p, org, foxtrot.id, [ago(100)]);
    await addSurveyAnswer(p, org, foxtrot, 'nps', 6, ago(10));
    await addSurveyAnswer(p, org, foxtrot, 'nps', 0, ago(11));

    // Golf (A, rep1): healthy — contacted 3 days ago, steady orders. score 0.
    const golf = await addAccount(p, org, 'Golf', { tier: 'A', ownerId: org.rep1.id });
    await addInteractions(p, org, golf.id, [ago(3)], { sentiment: 0.5 });
    await addOrders(p, org, golf.id, [[ago(10), 100], [ago(100), 100]]);

    Object.assign(ids, { alpha: alpha.id, bravo: bravo.id, charlie: charlie.id, delta: delta.id, echo: echo.id, foxtrot: foxtrot.id, golf: golf.id });
    for (const [id, score] of [[alpha.id, 0.3], [bravo.id, 0.51], [delta.id, 0.7], [echo.id, 0.66]] as const) {
      await p.riskSnapshot.create({ data: { tenantId: org.tenantId, accountId: id, weekStart: LAST_WEEK, score, reasons: [] } });
    }
  });
  afterAll(() => db?.drop());

  it("ranks the manager's team by score with reasons ordered by contribution", async () => {
    const list = await risk.listAtRisk(org.as(org.manager), { scope: 'team', limit: 10 });
    expect(list.map((a) => [a.accountName, a.score, a.change])).toEqual([
      ['Echo', 0.675, 'same'],
      ['Bravo', 0.565, 'worsened'],
      ['Alpha', 0.5375, 'new'],
      ['Delta', 0.525, 'improved'],
    ]);
    const byName = Object.fromEntries(list.map((a) => [a.accountName, a]));
    expect(byName.Echo!.reasons.map((r) => [r.signal, r.contribution])).toEqual([
      ['orderDecline', 0.2], ['contactGap', 0.175], ['stalledDeals', 0.15], ['negativeSentiment', 0.15],
    ]);
    expect(byName.Echo!.reasons[0]!.en).toBe('Order value fell 80% (last 90 days vs the 90 before)');
    expect(byName.Bravo!.reasons.map((r) => r.signal)).toEqual(['lowSatisfaction', 'ticketsPastSla', 'negativeSentiment', 'stalledDeals']);
    expect(byName.Bravo!.reasons.map((r) => r.en)).toEqual([
      '2 low satisfaction scores in the last 90 days (CSAT ≤ 2 or NPS ≤ 6)',
      '2 open tickets past SLA',
      'Negative tone in recent interactions (average sentiment -0.60 over the last 5)',
      '1 opportunity stalled or slipping',
    ]);
    expect(byName.Alpha!.reasons.map((r) => [r.en, r.zh])).toEqual([
      ['No contact for 41 days; tier A expects every 14', '41 天未联系；A 类客户应每 14 天联系一次'],
      ['Orders fell from 4 to 1 (last 90 days vs the 90 before)', '订单数从 4 降至 1（近 90 天对比此前 90 天）'],
    ]);
    expect(byName.Alpha!.owner).toEqual({ id: org.rep1.id, name: 'Ray Rep' });
    expect(byName.Delta!.previousScore).toBe(0.7);
  });

  it('honours limit and scope: a rep sees only their own, an admin sees everyone', async () => {
    const top2 = await risk.listAtRisk(org.as(org.manager), { scope: 'team', limit: 2 });
    expect(top2.map((a) => a.accountName)).toEqual(['Echo', 'Bravo']);
    const mine = await risk.listAtRisk(org.as(org.rep1), { scope: 'mine' });
    expect(mine.map((a) => a.accountName)).toEqual(['Echo', 'Alpha']);
    const all = await risk.listAtRisk(org.as(org.admin), { scope: 'all' });
    expect(all.map((a) => a.accountName)).toEqual(['Echo', 'Bravo', 'Foxtrot', 'Alpha', 'Delta']);
  });

  it('refuses a scope the role does not allow instead of returning an empty list', async () => {
    await expect(risk.listAtRisk(org.as(org.rep1), { scope: 'all' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(risk.listAtRisk(org.as(org.rep1), { scope: 'team' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('explains an account below the threshold', async () => {
    const c = await risk.explainAccount(org.as(org.rep1), ids.charlie!);
    expect(c.score).toBe(0.275);
    expect(c.reasons.map((r) => r.en)).toEqual([
      'No contact for 135 days; tier C expects every 90',
      '1 low satisfaction score in the last 90 days (CSAT ≤ 2 or NPS ≤ 6)',
    ]);
    await expect(risk.explainAccount(org.as(org.rep1), ids.foxtrot!)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('uses the tenant weights and threshold from settings', async () => {
    const settings = new SettingsService(db.prisma, fixedClock(AS_OF));
    await settings.updateSettings(org.as(org.admin), { risk: { threshold: 0.2, weights: { contactGap: 0 } } });
    try {
      const list = await risk.listAtRisk(org.as(org.manager), { scope: 'team' });
      // Without the contact gap: Bravo .565, Echo .5, Alpha .1875 (≤ .2 gone), Delta .175 (gone), Charlie .1 (gone)
      expect(list.map((a) => [a.accountName, a.score])).toEqual([['Bravo', 0.565], ['Echo', 0.5]]);
    } finally {
      await settings.updateSettings(org.as(org.admin), { risk: { threshold: 0.5, weights: { contactGap: 0.35 } } });
    }
  });

  it('writes weekly snapshots idempotently (upsert per account and week)', async () => {
    await expect(risk.snapshotWeek(org.as(org.admin), org.tenantId, AS_OF)).rejects.toBeInstanceOf(ForbiddenError);
    const first = await risk.snapshotWeek(org.system, org.tenantId, AS_OF);
    expect(first.weekStart).toBe(isoWeekStart(AS_OF).toISOString().slice(0, 10));
    expect(first.written).toBe(6); // every account except Golf (score 0)
    const again = await risk.snapshotWeek(org.system, org.tenantId, AS_OF);
    expect(again.written).toBe(6);
    const rows = await db.prisma.riskSnapshot.findMany({ where: { tenantId: org.tenantId, weekStart: new Date('2026-11-23') } });
    expect(rows).toHaveLength(6);
    const echo = rows.find((r) => r.accountId === ids.echo)!;
    expect(echo.score).toBe(0.675);
    expect((echo.reasons as { signal: string }[]).map((r) => r.signal)).toEqual(['orderDecline', 'contactGap', 'stalledDeals', 'negativeSentiment']);
    // A week later the ranking compares against these rows. Echo: contact gap 52 days → 52/30 − 1
    // = .7333 → .2567; the rest unchanged (.2 + .15 + .15) → .7567 vs .675 → worsened.
    const nextWeek = new RiskService(db.prisma, fixedClock(daysAfter(AS_OF, 7)));
    const list = await nextWeek.listAtRisk(org.as(org.admin), { scope: 'all' });
    const e = list.find((a) => a.accountName === 'Echo')!;
    expect([e.score, e.previousScore, e.change]).toEqual([0.7567, 0.675, 'worsened']);
  });
});
