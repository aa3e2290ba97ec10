import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteractionService } from '../../../src/domain/interactions/index.ts';
import { PrivacyService } from '../../../src/domain/privacy/index.ts';
import { ContactService } from '../../../src/domain/customers/index.ts';
import { fixedClock } from '../../../src/domain/shared/clock.ts';
import { ForbiddenError, NotFoundError } from '../../../src/domain/shared/errors.ts';
import { QUEUES } from '../../../src/domain/shared/outbox.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import { buildWorld, type World } from './_fixtures.ts';

const clock = fixedClock('2026-03-10T08:00:00Z');

async function withHistory(db: TestDatabase, w: World) {
  const p = db.prisma;
  const t = w.tenantId;
  const c = w.contacts.liMing;
  await new ContactService(p, clock).updateContact(w.actors.ann, c.id, { phone: '+86 139 0000', birthday: '1970-05-04' });
  const { interaction } = await new InteractionService(p, clock).logInteraction(w.actors.ann, {
    contactId: c.id,
    participantIds: [w.contacts.liWei.id],
    type: 'visit',
    occurredAt: new Date('2026-03-09T02:00:00Z'),
    summary: '拜访李明 (Dr. Li)，讨论CT采购；李伟也在',
    nextStep: '给李明寄报价',
  });
  const survey = await p.survey.create({
    data: { tenantId: t, kind: 'csat', contactId: c.id, accountId: w.accounts.hospital.id, scheduledAt: new Date(), status: 'answered' },
  });
  await p.surveyResponse.create({ data: { tenantId: t, surveyId: survey.id, score: 2, comment: '李明说送货太慢' } });
  const pending = await p.survey.create({
    data: { tenantId: t, kind: 'nps', contactId: c.id, scheduledAt: new Date('2026-04-01'), triggerKind: 'manual' },
  });
  await p.greeting.create({
    data: { tenantId: t, contactId: c.id, occasion: 'birthday', year: 2025, scheduledAt: new Date('2025-05-04'), status: 'sent', text: '李明主任，生日快乐！' },
  });
  await p.greeting.create({ data: { tenantId: t, contactId: c.id, occasion: 'birthday', year: 2026, scheduledAt: new Date('2026-05-04') } });
  await p.ticket.create({
    data: { tenantId: t, accountId: w.accounts.hospital.id, contactId: c.id, subject: '李明投诉发票', firstResponseDueAt: new Date() },
  });
  await p.chatIdentity.create({ data: { tenantId: t, channel: 'teams', externalId: 'aad-li', contactId: c.id } });
  await p.conversationReference.create({
    data: { tenantId: t, channel: 'teams', contactId: c.id, conversationId: 'conv-li', reference: { user: 'Li Ming' } },
  });
  return { interaction, survey, pending };
}

describe.each(DB_KINDS)('privacy on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.drop());

  it('exports everything about a contact as JSON', async () => {
    const w = await buildWorld(db.prisma);
    const h = await withHistory(db, w);
    const out = await new PrivacyService(db.prisma, clock).exportContact(w.actors.ann, w.contacts.liMing.id);
    const json = JSON.parse(JSON.stringify(out)) as typeof out;
    expect(json.contact).toMatchObject({ name: '李明', phone: '+86 139 0000', birthday: '1970-05-04' });
    expect(json.account?.name).toBe('市第一医院');
    expect(json.interactions.map((i) => i.id)).toEqual([h.interaction.id]);
    expect(json.surveys).toHaveLength(2);
    expect(json.surveys.find((s) => s.id === h.survey.id)?.response).toMatchObject({ score: 2, comment: '李明说送货太慢' });
    expect(json.greetings).toHaveLength(2);
    expect(json.tickets).toHaveLength(1);
    expect(json.chatIdentities).toEqual([expect.objectContaining({ channel: 'teams', externalId: 'aad-li' })]);
    expect(json.auditTrail.map((a) => a.action)).toContain('contact.update');
    expect(await db.prisma.auditLog.count({ where: { action: 'contact.export', entityId: w.contacts.liMing.id } })).toBe(1);
    await expect(new PrivacyService(db.prisma, clock).exportContact(w.actors.bob, w.contacts.liMing.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('erases personal data but keeps the survey score and the interaction', async () => {
    const w = await buildWorld(db.prisma);
    const h = await withHistory(db, w);
    const p = db.prisma;
    const svc = new PrivacyService(p, clock);
    await expect(svc.eraseContact(w.actors.ann, w.contacts.liMing.id)).rejects.toBeInstanceOf(ForbiddenError);
    const res = await svc.eraseContact(w.actors.manager, w.contacts.liMing.id);
    expect(res).toMatchObject({ chatIdentitiesDeleted: 1, conversationReferencesDeleted: 1, surveyCommentsCleared: 1, interactionsScrubbed: 1 });

    const c = await p.contact.findUniqueOrThrow({ where: { id: w.contacts.liMing.id } });
    expect(c).toMatchObject({ name: 'erased', aliases: [], email: null, phone: null, birthday: null, birthMonth: null, title: null });
    expect(c.erasedAt?.toISOString()).toBe('2026-03-10T08:00:00.000Z');
    expect(c.erasedById).toBe(w.users.manager.id);
    const response = await p.surveyResponse.findUniqueOrThrow({ where: { surveyId: h.survey.id } });
    expect([response.score, response.comment]).toEqual([2, null]);
    expect((await p.survey.findUniqueOrThrow({ where: { id: h.pending.id } })).status).toBe('cancelled');
    const i = await p.interaction.findUniqueOrThrow({ where: { id: h.interaction.id } });
    expect(i.summary).not.toContain('李明');
    expect(i.summary).not.toContain('Dr. Li');
    expect(i.summary).toContain('CT采购');
    expect(i.summary).toContain('李伟');
    expect(i.nextStep).toBe('给[erased]寄报价');
    expect(await p.chatIdentity.count({ where: { contactId: c.id } })).toBe(0);
    expect(await p.conversationReference.count({ where: { contactId: c.id } })).toBe(0);
    const greetings = await p.greeting.findMany({ where: { contactId: c.id } });
    expect(greetings.every((g) => g.text === null && g.status !== 'scheduled')).toBe(true);
    expect((await p.ticket.findFirstOrThrow({ where: { contactId: c.id } })).subject).toBe('[erased]投诉发票');
    const audits = await p.auditLog.findMany({ where: { entityType: 'Contact', entityId: c.id } });
    expect(JSON.stringify(audits.map((a) => [a.before, a.after]))).not.toContain('+86 139 0000');
    const erase = audits.find((a) => a.action === 'contact.erase');
    expect(erase?.actorId).toBe(w.users.manager.id);
    // Gone for everyone afterwards.
    await expect(svc.exportContact(w.actors.admin, c.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lets a contact opt themselves out, and staff opt a contact out', async () => {
    const w = await buildWorld(db.prisma);
    const p = db.prisma;
    const svc = new PrivacyService(p, clock);
    const me = w.actors.liMing;
    expect(await svc.setOptOut(me, w.contacts.liMing.id, { surveys: true })).toMatchObject({ surveyOptOut: true, greetingOptOut: false });
    await expect(svc.setOptOut(me, w.contacts.liWei.id, { surveys: true })).rejects.toBeInstanceOf(ForbiddenError);
    await svc.setOptOut(w.actors.ann, w.contacts.liWei.id, { greetings: true });
    const [ming, wei] = await Promise.all([
      p.contact.findUniqueOrThrow({ where: { id: w.contacts.liMing.id } }),
      p.contact.findUniqueOrThrow({ where: { id: w.contacts.liWei.id } }),
    ]);
    expect([ming.surveyOptOut, ming.greetingOptOut, wei.surveyOptOut, wei.greetingOptOut]).toEqual([true, false, false, true]);
    const audit = await p.auditLog.findFirstOrThrow({ where: { entityId: w.contacts.liMing.id, action: 'contact.update' } });
    expect([audit.actorKind, audit.actorId, audit.after]).toEqual(['contact', w.contacts.liMing.id, { surveyOptOut: true }]);
    // An opted-out contact gets no survey job after a visit.
    await new InteractionService(p, clock).logInteraction(w.actors.ann, {
      contactId: w.contacts.liMing.id,
      type: 'visit',
      occurredAt: new Date(),
      summary: 'visit',
    });
    expect(await p.outbox.count({ where: { tenantId: w.tenantId, queue: QUEUES.surveys } })).toBe(0);
    await expect(svc.setOptOut(w.actors.bob, w.contacts.liMing.id, { surveys: false })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
