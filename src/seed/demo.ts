// Bilingual demo data for the local tenant: a Chinese pharma team (hospitals and doctors such as
// 李医生 / Dr. Li at 市第一医院 / City No.1 Hospital) and an English B2B software team, with a
// history of visits, orders, deals, tickets and surveys so that every screen has something true
// to show. Dates are relative to the moment of seeding. Ids of the demo people are stable.
import type { PrismaClient } from '../domain/shared/db.ts';
import { writeOutbox } from '../domain/shared/outbox.ts';
import { writeReminder } from '../domain/tasks/task-writes.ts';

export const DEMO_TENANT_ID = 'demo';
export const DEMO_USERS = {
  repZh: 'demo-rep-zh',
  repEn: 'demo-rep-en',
  manager: 'demo-manager',
  admin: 'demo-admin',
} as const;
export const DEMO_CUSTOMER_ID = 'demo-customer';

const DAY = 86_400_000;

/** Seeds the demo tenant unless it exists. Returns true when it seeded. */
export async function seedDemo(db: PrismaClient, now = new Date()): Promise<boolean> {
  if (await db.tenant.findUnique({ where: { id: DEMO_TENANT_ID } })) return false;
  const ago = (days: number, hour = 10) => {
    const d = new Date(now.getTime() - days * DAY);
    d.setUTCHours(hour, 0, 0, 0);
    return d;
  };
  const ahead = (days: number, hour = 10) => ago(-days, hour);
  const t = DEMO_TENANT_ID;

  await db.$transaction(async (tx) => {
    await tx.tenant.create({
      data: { id: t, kind: 'local', name: 'Rapport demo 演示', defaultTimezone: 'Asia/Shanghai', defaultLocale: 'zh' },
    });
    await tx.user.createMany({
      data: [
        { id: DEMO_USERS.manager, tenantId: t, name: '陈静 Jing Chen', email: 'jing.chen@demo.rapport', role: 'manager', timezone: 'Asia/Shanghai', locale: 'en' },
        { id: DEMO_USERS.admin, tenantId: t, name: 'Avery Admin', email: 'admin@demo.rapport', role: 'admin', timezone: 'UTC', locale: 'en' },
      ],
    });
    await tx.user.createMany({
      data: [
        { id: DEMO_USERS.repZh, tenantId: t, name: '王芳', email: 'wang.fang@demo.rapport', role: 'rep', managerId: DEMO_USERS.manager, timezone: 'Asia/Shanghai', locale: 'zh' },
        { id: DEMO_USERS.repEn, tenantId: t, name: 'Alex Morgan', email: 'alex.morgan@demo.rapport', role: 'rep', managerId: DEMO_USERS.manager, timezone: 'America/New_York', locale: 'en' },
      ],
    });

    // Pharma accounts (owner: 王芳)
    const zh = DEMO_USERS.repZh;
    const en = DEMO_USERS.repEn;
    const accounts = [
      { id: 'acc-city1', name: '市第一医院', aliases: ['City No.1 Hospital', '第一医院', '市一院'], industry: 'Hospital 医院', region: 'CN', tier: 'A', lifecycleStage: 'loyal', ownerId: zh },
      { id: 'acc-union', name: '协和医院', aliases: ['Union Hospital', '协和'], industry: 'Hospital 医院', region: 'CN', tier: 'A', lifecycleStage: 'customer', ownerId: zh },
      { id: 'acc-people', name: '人民医院', aliases: ["People's Hospital"], industry: 'Hospital 医院', region: 'CN', tier: 'B', lifecycleStage: 'customer', ownerId: zh },
      { id: 'acc-huashan', name: '华山医院', aliases: ['Huashan Hospital'], industry: 'Hospital 医院', region: 'CN', tier: 'B', lifecycleStage: 'prospect', ownerId: zh },
      { id: 'acc-renhe', name: '仁和大药房', aliases: ['Renhe Pharmacy', '仁和药房'], industry: 'Pharmacy 药房', region: 'CN', tier: 'C', lifecycleStage: 'customer', ownerId: zh },
      { id: 'acc-acme', name: 'Acme Corp', aliases: ['Acme', 'Acme Corporation'], industry: 'Manufacturing', region: 'US', tier: 'A', lifecycleStage: 'customer', ownerId: en },
      { id: 'acc-globex', name: 'Globex', aliases: ['Globex Corporation'], industry: 'Energy', region: 'US', tier: 'B', lifecycleStage: 'customer', ownerId: en },
      { id: 'acc-initech', name: 'Initech', aliases: ['Initech Ltd'], industry: 'Software', region: 'GB', tier: 'B', lifecycleStage: 'customer', ownerId: en },
      { id: 'acc-umbrella', name: 'Umbrella Health', aliases: ['Umbrella'], industry: 'Healthcare', region: 'DE', tier: 'C', lifecycleStage: 'prospect', ownerId: en },
      { id: 'acc-soylent', name: 'Soylent Foods', aliases: ['Soylent'], industry: 'Food', region: 'SG', tier: 'A', lifecycleStage: 'loyal', ownerId: en },
      { id: 'acc-hooli', name: 'Hooli', aliases: [], industry: 'Software', region: 'US', tier: 'C', lifecycleStage: 'lead', ownerId: DEMO_USERS.manager },
    ] as const;
    await tx.account.createMany({
      data: accounts.map((a) => ({ ...a, aliases: [...a.aliases], tenantId: t })),
    });

    const contacts = [
      { id: 'con-li-ming', accountId: 'acc-city1', name: '李明', aliases: ['Dr. Li', '李医生', '李主任', 'Li Ming'], title: '心内科主任 Chief of Cardiology', decisionRole: 'decision_maker', locale: 'zh', timezone: 'Asia/Shanghai', region: 'CN', birthday: '1975-03-18', email: 'liming@city1.example.cn' },
      { id: 'con-zhang-wei', accountId: 'acc-city1', name: '张伟', aliases: ['Zhang Wei', '张主任'], title: '药剂科主任 Head of Pharmacy', decisionRole: 'influencer', locale: 'zh', timezone: 'Asia/Shanghai', region: 'CN', birthday: '1980-09-30' },
      { id: 'con-zhao-min', accountId: 'acc-city1', name: '赵敏', aliases: ['Zhao Min'], title: '采购科科长 Procurement', decisionRole: 'gatekeeper', locale: 'zh', timezone: 'Asia/Shanghai', region: 'CN' },
      { id: 'con-wang-qiang', accountId: 'acc-union', name: '王强', aliases: ['Dr. Wang', '王医生', '王主任', 'Wang Qiang'], title: '神经内科主任 Chief of Neurology', decisionRole: 'decision_maker', locale: 'zh', timezone: 'Asia/Shanghai', region: 'CN', birthday: '1970-01-26' },
      { id: 'con-wang-li', accountId: 'acc-huashan', name: '王丽', aliases: ['Dr. Wang', '王医生', 'Wang Li'], title: '内分泌科副主任 Deputy Chief of Endocrinology', decisionRole: 'influencer', locale: 'zh', timezone: 'Asia/Shanghai', region: 'CN' },
      { id: 'con-liu-yang', accountId: 'acc-people', name: '刘洋', aliases: ['Dr. Liu', '刘医生', 'Liu Yang'], title: '心内科医生 Cardiologist', decisionRole: 'user', locale: 'zh', timezone: 'Asia/Shanghai', region: 'CN' },
      { id: 'con-chen-jie', accountId: 'acc-renhe', name: '陈杰', aliases: ['陈经理', 'Chen Jie'], title: '店长 Store manager', decisionRole: 'decision_maker', locale: 'zh', timezone: 'Asia/Shanghai', region: 'CN' },
      { id: DEMO_CUSTOMER_ID, accountId: 'acc-acme', name: 'Sarah Chen', aliases: ['Sarah'], title: 'CTO', decisionRole: 'decision_maker', locale: 'en', timezone: 'America/Los_Angeles', region: 'US', birthday: '1984-06-02', email: 'sarah.chen@acme.example', preferredChannel: 'web' },
      { id: 'con-tom-baker', accountId: 'acc-acme', name: 'Tom Baker', aliases: ['Tom'], title: 'IT Manager', decisionRole: 'influencer', locale: 'en', timezone: 'America/Chicago', region: 'US' },
      { id: 'con-maria-garcia', accountId: 'acc-globex', name: 'Maria Garcia', aliases: ['Maria'], title: 'VP Operations', decisionRole: 'champion', locale: 'en', timezone: 'America/New_York', region: 'US', birthday: '1979-12-24' },
      { id: 'con-peter-gibbons', accountId: 'acc-initech', name: 'Peter Gibbons', aliases: ['Peter'], title: 'Engineering Lead', decisionRole: 'user', locale: 'en', timezone: 'Europe/London', region: 'GB' },
      { id: 'con-bill-lumbergh', accountId: 'acc-initech', name: 'Bill Lumbergh', aliases: ['Bill'], title: 'Division VP', decisionRole: 'decision_maker', locale: 'en', timezone: 'Europe/London', region: 'GB' },
      { id: 'con-hans-mueller', accountId: 'acc-umbrella', name: 'Hans Müller', aliases: ['Hans Mueller', 'Dr. Müller'], title: 'Head of IT', decisionRole: 'decision_maker', locale: 'en', timezone: 'Europe/Berlin', region: 'DE' },
      { id: 'con-lim-weiling', accountId: 'acc-soylent', name: 'Lim Wei Ling', aliases: ['Wei Ling'], title: 'COO', decisionRole: 'decision_maker', locale: 'en', timezone: 'Asia/Singapore', region: 'SG', birthday: '1988-02-17' },
    ] as const;
    await tx.contact.createMany({
      data: contacts.map((c) => {
        const birthday = 'birthday' in c ? new Date(`${c.birthday}T00:00:00Z`) : null;
        return {
          ...c,
          aliases: [...c.aliases],
          tenantId: t,
          birthday,
          birthMonth: birthday ? birthday.getUTCMonth() + 1 : null,
          birthDay: birthday ? birthday.getUTCDate() : null,
          consentAt: ago(400),
        };
      }),
    });
    await tx.chatIdentity.create({
      data: { tenantId: t, channel: 'web', externalId: DEMO_CUSTOMER_ID, contactId: DEMO_CUSTOMER_ID },
    });
    await tx.chatIdentity.createMany({
      data: Object.values(DEMO_USERS).map((id) => ({ tenantId: t, channel: 'web' as const, externalId: id, userId: id })),
    });

    // Interaction history: healthy accounts touched recently, at-risk ones gone quiet.
    type I = { accountId: string; contactId: string; userId: string; type: 'visit' | 'call' | 'meeting' | 'email' | 'message' | 'note'; days: number; summary: string; sentiment: number };
    const history: I[] = [
      { accountId: 'acc-city1', contactId: 'con-li-ming', userId: zh, type: 'visit', days: 3, summary: '介绍新药临床数据，李主任很感兴趣', sentiment: 0.6 },
      { accountId: 'acc-city1', contactId: 'con-zhang-wei', userId: zh, type: 'call', days: 9, summary: '确认药剂科进药流程', sentiment: 0.2 },
      { accountId: 'acc-city1', contactId: 'con-li-ming', userId: zh, type: 'meeting', days: 20, summary: '科室会，讲解用药指南', sentiment: 0.5 },
      { accountId: 'acc-union', contactId: 'con-wang-qiang', userId: zh, type: 'visit', days: 41, summary: '王主任反映竞品价格更低，态度冷淡', sentiment: -0.5 },
      { accountId: 'acc-union', contactId: 'con-wang-qiang', userId: zh, type: 'call', days: 55, summary: '投诉送货延迟，不满意', sentiment: -0.6 },
      { accountId: 'acc-people', contactId: 'con-liu-yang', userId: zh, type: 'visit', days: 12, summary: '送样品，刘医生反馈良好', sentiment: 0.4 },
      { accountId: 'acc-huashan', contactId: 'con-wang-li', userId: zh, type: 'visit', days: 25, summary: '初次拜访，了解科室需求', sentiment: 0.1 },
      { accountId: 'acc-renhe', contactId: 'con-chen-jie', userId: zh, type: 'call', days: 30, summary: '月度订货确认', sentiment: 0.1 },
      { accountId: 'acc-acme', contactId: DEMO_CUSTOMER_ID, userId: en, type: 'meeting', days: 5, summary: 'Quarterly business review; happy with uptime, asked about SSO', sentiment: 0.6 },
      { accountId: 'acc-acme', contactId: 'con-tom-baker', userId: en, type: 'call', days: 16, summary: 'Renewal timeline discussed', sentiment: 0.2 },
      { accountId: 'acc-globex', contactId: 'con-maria-garcia', userId: en, type: 'email', days: 52, summary: 'Complained about slow support response, unhappy with onboarding', sentiment: -0.7 },
      { accountId: 'acc-globex', contactId: 'con-maria-garcia', userId: en, type: 'call', days: 70, summary: 'Escalation about outage', sentiment: -0.5 },
      { accountId: 'acc-initech', contactId: 'con-peter-gibbons', userId: en, type: 'visit', days: 14, summary: 'Workshop on reporting module', sentiment: 0.3 },
      { accountId: 'acc-umbrella', contactId: 'con-hans-mueller', userId: en, type: 'call', days: 33, summary: 'Discovery call, budget approved for Q1', sentiment: 0.3 },
      { accountId: 'acc-soylent', contactId: 'con-lim-weiling', userId: en, type: 'meeting', days: 7, summary: 'Expansion to two more sites, great partnership', sentiment: 0.8 },
    ];
    for (const [i, h] of history.entries()) {
      await tx.interaction.create({
        data: {
          tenantId: t,
          accountId: h.accountId,
          contactId: h.contactId,
          userId: h.userId,
          type: h.type,
          occurredAt: ago(h.days, 2 + (i % 8)),
          summary: h.summary,
          sentiment: h.sentiment,
          channel: 'web',
          participants: { create: [{ contactId: h.contactId }] },
        },
      });
    }
    for (const a of accounts) {
      const last = history.filter((h) => h.accountId === a.id).sort((x, y) => x.days - y.days)[0];
      if (last) await tx.account.update({ where: { id: a.id }, data: { lastInteractionAt: ago(last.days) } });
    }
    for (const c of contacts) {
      const last = history.filter((h) => h.contactId === c.id).sort((x, y) => x.days - y.days)[0];
      if (last) await tx.contact.update({ where: { id: c.id }, data: { lastInteractionAt: ago(last.days) } });
    }

    // Orders: steady for healthy accounts, falling for at-risk ones (for RFM and the risk signal).
    const orderPlan: [string, number[], number][] = [
      ['acc-city1', [5, 20, 35, 50, 65, 80, 95, 110, 125, 140, 155, 170], 120_000],
      ['acc-union', [100, 130, 160, 190, 220], 90_000],
      ['acc-people', [15, 45, 75, 105, 135], 40_000],
      ['acc-renhe', [10, 40, 70, 100], 8_000],
      ['acc-acme', [20, 110, 200, 290], 60_000],
      ['acc-globex', [150, 240, 330], 25_000],
      ['acc-initech', [30, 120, 210], 18_000],
      ['acc-soylent', [10, 40, 70, 100, 130, 160], 45_000],
    ];
    for (const [accountId, days, amount] of orderPlan) {
      const currency = accountId.startsWith('acc-') && ['acc-city1', 'acc-union', 'acc-people', 'acc-renhe'].includes(accountId) ? 'CNY' : 'USD';
      await tx.order.createMany({
        data: days.map((d, i) => ({ tenantId: t, accountId, orderedAt: ago(d), amount: amount * (1 + ((i * 7) % 5) / 10), currency })),
      });
      await tx.account.update({ where: { id: accountId }, data: { lastOrderAt: ago(Math.min(...days)) } });
    }

    // Pipeline
    const opps = [
      { id: 'opp-city1-devices', accountId: 'acc-city1', ownerId: zh, name: '心内科设备采购', stage: 'negotiation', amount: 500_000, currency: 'CNY', probability: 0.75, expectedCloseAt: ahead(20), stageChangedAt: ago(6) },
      { id: 'opp-union-renewal', accountId: 'acc-union', ownerId: zh, name: '年度供货续约', stage: 'proposal', amount: 800_000, currency: 'CNY', probability: 0.5, expectedCloseAt: ago(5), stageChangedAt: ago(48) },
      { id: 'opp-huashan-trial', accountId: 'acc-huashan', ownerId: zh, name: '内分泌新药试用', stage: 'qualification', amount: 150_000, currency: 'CNY', probability: 0.1, expectedCloseAt: ahead(60), stageChangedAt: ago(25) },
      { id: 'opp-acme-renewal', accountId: 'acc-acme', ownerId: en, name: 'Acme platform renewal', stage: 'negotiation', amount: 120_000, currency: 'USD', probability: 0.75, expectedCloseAt: ahead(30), stageChangedAt: ago(10) },
      { id: 'opp-acme-sso', accountId: 'acc-acme', ownerId: en, name: 'Acme SSO add-on', stage: 'needs_analysis', amount: 25_000, currency: 'USD', probability: 0.25, expectedCloseAt: ahead(45), stageChangedAt: ago(5) },
      { id: 'opp-globex-expansion', accountId: 'acc-globex', ownerId: en, name: 'Globex expansion', stage: 'proposal', amount: 60_000, currency: 'USD', probability: 0.5, expectedCloseAt: ago(12), stageChangedAt: ago(64) },
      { id: 'opp-umbrella-pilot', accountId: 'acc-umbrella', ownerId: en, name: 'Umbrella pilot', stage: 'qualification', amount: 15_000, currency: 'EUR', probability: 0.1, expectedCloseAt: ahead(70), stageChangedAt: ago(33) },
      { id: 'opp-soylent-sites', accountId: 'acc-soylent', ownerId: en, name: 'Soylent two more sites', stage: 'closed_won', amount: 90_000, currency: 'USD', probability: 1, expectedCloseAt: ago(3), stageChangedAt: ago(3), closedAt: ago(3) },
      { id: 'opp-initech-reports', accountId: 'acc-initech', ownerId: en, name: 'Initech reporting module', stage: 'closed_lost', amount: 20_000, currency: 'GBP', probability: 0, expectedCloseAt: ago(15), stageChangedAt: ago(15), closedAt: ago(15) },
    ] as const;
    for (const o of opps) {
      await tx.opportunity.create({
        data: {
          ...o,
          tenantId: t,
          createdAt: ago(90),
          stageChanges: { create: [{ tenantId: t, fromStage: null, toStage: 'qualification', changedAt: ago(90), changedById: o.ownerId }, ...(o.stage === 'qualification' ? [] : [{ tenantId: t, fromStage: 'qualification' as const, toStage: o.stage, changedAt: o.stageChangedAt, changedById: o.ownerId }])] },
        },
      });
    }

    // Tickets: one breached complaint (Globex), one answered in time (协和医院), one resolved.
    await tx.ticket.createMany({
      data: [
        { id: 'tkt-globex-support', tenantId: t, accountId: 'acc-globex', contactId: 'con-maria-garcia', ownerId: en, kind: 'complaint', priority: 'high', subject: 'Support tickets unanswered for days', openedAt: ago(4), firstResponseDueAt: ago(3) },
        { id: 'tkt-union-delivery', tenantId: t, accountId: 'acc-union', contactId: 'con-wang-qiang', ownerId: zh, kind: 'complaint', priority: 'normal', subject: '送货延迟', openedAt: ago(55), firstResponseDueAt: ago(54), firstRespondedAt: ago(55, 14), status: 'resolved', resolvedAt: ago(50) },
        { id: 'tkt-acme-sso', tenantId: t, accountId: 'acc-acme', contactId: 'con-tom-baker', ownerId: en, kind: 'service_request', priority: 'low', subject: 'SSO configuration help', openedAt: ago(2), firstResponseDueAt: ahead(0, 23), firstRespondedAt: ago(2, 15), status: 'in_progress' },
      ],
    });

    // Surveys and answers: detractors at Globex and 协和医院, promoters at Soylent and 市第一医院.
    const answered: [string, string, string, 'csat' | 'nps', number, string | null, number][] = [
      ['srv-1', 'con-maria-garcia', 'acc-globex', 'csat', 2, 'Support is too slow', 40],
      ['srv-2', 'con-wang-qiang', 'acc-union', 'csat', 2, '送货太慢了', 48],
      ['srv-3', 'con-lim-weiling', 'acc-soylent', 'nps', 10, 'Fantastic partner', 6],
      ['srv-4', 'con-li-ming', 'acc-city1', 'csat', 5, '服务很好', 18],
      ['srv-5', DEMO_CUSTOMER_ID, 'acc-acme', 'nps', 8, null, 60],
      ['srv-6', 'con-peter-gibbons', 'acc-initech', 'csat', 4, 'Good workshop', 13],
    ];
    for (const [id, contactId, accountId, kind, score, comment, days] of answered) {
      await tx.survey.create({
        data: {
          id, tenantId: t, kind, contactId, accountId, triggerKind: 'seed', triggerId: id, status: 'answered',
          scheduledAt: ago(days), sentAt: ago(days), channel: 'web',
          response: { create: { tenantId: t, score, comment, channel: 'web', respondedAt: ago(days - 1) } },
        },
      });
      await tx.contact.update({ where: { id: contactId }, data: { lastSurveyedAt: ago(days) } });
    }

    // Open follow-ups: one overdue, some due today and later.
    await tx.task.createMany({
      data: [
        { tenantId: t, title: '给李主任送样品', dueAt: ahead(2, 2), assigneeId: zh, createdById: zh, accountId: 'acc-city1', contactId: 'con-li-ming' },
        { tenantId: t, title: '回访协和医院王主任，处理价格异议', dueAt: ago(3, 2), assigneeId: zh, createdById: zh, accountId: 'acc-union', contactId: 'con-wang-qiang' },
        { tenantId: t, title: 'Send Acme the SSO proposal', dueAt: ahead(1, 15), assigneeId: en, createdById: en, accountId: 'acc-acme', contactId: DEMO_CUSTOMER_ID },
        { tenantId: t, title: 'Call Maria at Globex about the support backlog', dueAt: ago(2, 15), assigneeId: en, createdById: en, accountId: 'acc-globex', contactId: 'con-maria-garcia' },
      ],
    });

    // Jobs for the seeded follow-ups and an open survey for the demo customer, written to the
    // Outbox as the services would: overdue reminders land in the inbox on first start.
    const tasks = await tx.task.findMany({ where: { tenantId: t } });
    for (const task of tasks) await writeReminder(tx, t, task.id, task.dueAt);
    await tx.survey.create({
      data: { id: 'srv-demo-open', tenantId: t, kind: 'csat', contactId: DEMO_CUSTOMER_ID, accountId: 'acc-acme', triggerKind: 'seed', triggerId: 'srv-demo-open', status: 'scheduled', scheduledAt: now, requestedById: en },
    });
    await writeOutbox(tx, t, { name: 'survey-send', jobId: 'survey:send:srv-demo-open', data: { tenantId: t, surveyId: 'srv-demo-open' } });

    await tx.program.createMany({
      data: [
        { tenantId: t, name: 'Exclusive promotion 专属优惠', cost: 10_000, extraRevenue: 50_000, startsAt: ago(180) },
        { tenantId: t, name: 'Points program 积分计划', cost: 5_000, extraRevenue: 20_000, startsAt: ago(180) },
        { tenantId: t, name: 'Custom service 定制服务', cost: 8_000, extraRevenue: 35_000, startsAt: ago(180) },
      ],
    });
  }, { timeout: 60_000 });
  return true;
}
