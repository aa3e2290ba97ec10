// Small CRM fixtures for the domain tests: one tenant with a manager, two reps and an admin,
// a hospital with two Dr. Li's, a company with a typo-prone name, and actors for each person.
import type { Actor, SystemActor } from '../../../src/domain/shared/actor.ts';
import type { PrismaClient } from '../../../src/domain/shared/db.ts';

export type UserActor = Extract<Actor, { kind: 'user' }>;
export type ContactActor = Extract<Actor, { kind: 'contact' }>;

export const userActor = (
  tenantId: string,
  u: { id: string; name: string; role: 'rep' | 'manager' | 'admin'; timezone?: string },
): UserActor => ({
  kind: 'user',
  tenantId,
  userId: u.id,
  role: u.role,
  name: u.name,
  timezone: u.timezone ?? 'UTC',
  locale: 'en',
});

export const contactActor = (tenantId: string, c: { id: string; name: string }): ContactActor => ({
  kind: 'contact',
  tenantId,
  contactId: c.id,
  name: c.name,
  timezone: 'UTC',
  locale: 'zh',
});

export const systemActor = (tenantId: string): SystemActor => ({ kind: 'system', tenantId });

export type World = Awaited<ReturnType<typeof buildWorld>>;

/** A tenant: admin, manager (Mei) with reps Ann and Bob; Ann owns the hospital and Acme, Bob owns Globex. */
export async function buildWorld(p: PrismaClient, label = 'T') {
  const tenant = await p.tenant.create({ data: { kind: 'local', name: `Tenant ${label}` } });
  const t = tenant.id;
  const admin = await p.user.create({ data: { tenantId: t, name: `Ada ${label}`, role: 'admin' } });
  const manager = await p.user.create({ data: { tenantId: t, name: `Mei ${label}`, role: 'manager', timezone: 'Asia/Shanghai' } });
  const ann = await p.user.create({
    data: { tenantId: t, name: `Ann ${label}`, role: 'rep', managerId: manager.id, timezone: 'Asia/Shanghai' },
  });
  const bob = await p.user.create({ data: { tenantId: t, name: `Bob ${label}`, role: 'rep', managerId: manager.id } });
  const hospital = await p.account.create({
    data: { tenantId: t, name: '市第一医院', aliases: ['City No.1 Hospital'], ownerId: ann.id, tier: 'A', industry: 'pharma', region: 'CN' },
  });
  const clinic = await p.account.create({
    data: { tenantId: t, name: '仁和诊所', aliases: ['Renhe Clinic'], ownerId: ann.id, tier: 'B', region: 'CN' },
  });
  const acme = await p.account.create({ data: { tenantId: t, name: 'Acme Corporation', ownerId: ann.id, tier: 'B' } });
  const globex = await p.account.create({ data: { tenantId: t, name: 'Globex', ownerId: bob.id, tier: 'C' } });
  const liMing = await p.contact.create({
    data: {
      tenantId: t,
      accountId: hospital.id,
      name: '李明',
      aliases: ['Dr. Li'],
      title: '主任医师',
      decisionRole: 'decision_maker',
      email: 'liming@hospital.cn',
      lastInteractionAt: new Date('2026-02-01T02:00:00Z'),
    },
  });
  const liHua = await p.contact.create({
    data: { tenantId: t, accountId: clinic.id, name: '李华', title: '医生', decisionRole: 'influencer' },
  });
  const liWei = await p.contact.create({
    data: { tenantId: t, accountId: hospital.id, name: '李伟', title: '采购经理', decisionRole: 'gatekeeper' },
  });
  const wile = await p.contact.create({
    data: { tenantId: t, accountId: acme.id, name: 'Wile Coyote', title: 'Buyer', decisionRole: 'user', email: 'wile@acme.test' },
  });
  const hank = await p.contact.create({
    data: { tenantId: t, accountId: globex.id, name: 'Hank Scorpio', title: 'CEO', decisionRole: 'decision_maker' },
  });
  return {
    tenantId: t,
    users: { admin, manager, ann, bob },
    accounts: { hospital, clinic, acme, globex },
    contacts: { liMing, liHua, liWei, wile, hank },
    actors: {
      admin: userActor(t, { ...admin, role: 'admin' }),
      manager: userActor(t, { ...manager, role: 'manager', timezone: 'Asia/Shanghai' }),
      ann: userActor(t, { ...ann, role: 'rep', timezone: 'Asia/Shanghai' }),
      bob: userActor(t, { ...bob, role: 'rep' }),
      system: systemActor(t),
      liMing: contactActor(t, liMing),
    },
  };
}
