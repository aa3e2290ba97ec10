import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../../src/domain/shared/outbox.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../../src/domain/shared/errors.ts';
import { sampled } from '../../../src/domain/surveys/survey.service.ts';
import type { JobBackend } from '../../../src/jobs/backend.ts';
import type { OutboxRelay } from '../../../src/jobs/outbox-relay.ts';
import type { Workers } from '../../../src/jobs/workers.ts';
import type { TestDatabase } from '../../helpers/db.ts';
import { buildWorld, contactActor, type World } from '../domain/_fixtures.ts';
import { COMBOS, openDb, openJobs, relayFor, waitFor, waitJob, workersFor } from './_harness.ts';

describe('survey sampling', () => {
  it('is deterministic per contact and trigger and close to the rate', () => {
    expect(sampled('c1', 't1', 0.5)).toBe(sampled('c1', 't1', 0.5));
    let n = 0;
    for (let i = 0; i < 2000; i++) if (sampled(`c${i}`, 't', 0.3)) n++;
    expect(n / 2000).toBeGreaterThan(0.25);
    expect(n / 2000).toBeLessThan(0.35);
  });
});

describe.each(COMBOS)('surveys ($label)', (combo) => {
  let db: TestDatabase;
  let jobs: JobBackend;
  let relay: OutboxRelay;
  let workers: Workers;
  let w: World;

  beforeAll(async () => {
    db = await openDb(combo);
    jobs = await openJobs(combo, db);
    relay = relayFor(db, jobs);
    relay.start();
    workers = await workersFor(db, jobs, { queues: [QUEUES.surveys, QUEUES.reminders] });
    w = await buildWorld(db.prisma);
    await db.prisma.contact.update({ where: { id: w.contacts.liMing.id }, data: { locale: 'zh', timezone: 'Asia/Shanghai' } });
    await db.prisma.user.update({ where: { id: w.users.ann.id }, data: { locale: 'zh' } });
    // Reminder and close ~0.7 s after sending, so the whole lifecycle runs inside the test.
    await db.prisma.tenant.update({ where: { id: w.tenantId }, data: { settings: { survey: { reminderAfterHours: 0.0002 } } } });
  });
  afterAll(async () => {
    await relay?.stop();
    await workers?.close();
    await jobs?.close();
    await db?.drop();
  });

  const surveys = () => workers.services.surveys;

  it('sends a requested CSAT survey in the contact language and stores an in-thread answer against the right survey', async () => {
    const { survey, alreadyPending } = await surveys().requestSurvey(w.actors.ann, { contactId: w.contacts.liMing.id, kind: 'csat', sourceMessageId: 'msg-1' });
    expect(alreadyPending).toBe(false);
    // The same chat message again: the same survey.
    const again = await surveys().requestSurvey(w.actors.ann, { contactId: w.contacts.liMing.id, kind: 'csat', sourceMessageId: 'msg-1' });
    expect(again).toMatchObject({ alreadyPending: true, survey: { id: survey.id } });
    const sent = await waitFor(async () => {
      const s = await db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } });
      return s.status !== 'scheduled' ? s : null;
    }, 20_000, 'survey sent');
    expect(sent).toMatchObject({ channel: 'web', threadRef: `web:${w.contacts.liMing.id}` });
    const d = await db.prisma.delivery.findUniqueOrThrow({ where: { tenantId_dedupeKey: { tenantId: w.tenantId, dedupeKey: `survey:${survey.id}` } } });
    expect(d.text).toMatch(/^李主任您好/);
    const rows = (d.payload as { actions: { label: string; value: string }[][] }).actions;
    expect(rows[0]!.map((a) => a.value)).toEqual([1, 2, 3, 4, 5].map((n) => `survey:${survey.id}:${n}`));
    expect(rows[1]![0]!.value).toBe(`survey-comment:${survey.id}`);
    expect((await db.prisma.contact.findUniqueOrThrow({ where: { id: w.contacts.liMing.id } })).lastSurveyedAt).not.toBeNull();

    const li = contactActor(w.tenantId, w.contacts.liMing);
    expect(await surveys().findOpenSurveyByThread(w.tenantId, sent.threadRef!)).toMatchObject({ id: survey.id });
    const bad = await surveys().answer(li, { threadRef: sent.threadRef!, score: 9 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).userMessage('zh')).toContain('1 到 5');
    const r1 = await surveys().answer(li, { threadRef: sent.threadRef!, score: 4, channel: 'web' });
    expect(r1).toMatchObject({ detractor: false, updated: false, survey: { id: survey.id, contactId: w.contacts.liMing.id, status: 'answered' }, response: { score: 4 } });
    const r2 = await surveys().answer(li, { surveyId: survey.id, comment: '服务很好' });
    expect(r2).toMatchObject({ updated: true, response: { score: 4, comment: '服务很好' } });
    const r3 = await surveys().answer(li, { surveyId: survey.id, score: 5 });
    expect(r3).toMatchObject({ updated: true, response: { score: 5, comment: '服务很好' } });
    expect(await db.prisma.surveyResponse.count({ where: { surveyId: survey.id } })).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { tenantId: w.tenantId, entityType: 'SurveyResponse' } })).toBe(3);

    // Another contact may not answer it, by id or by its thread.
    const wile = contactActor(w.tenantId, w.contacts.wile);
    await expect(surveys().answer(wile, { surveyId: survey.id, score: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(surveys().answer(wile, { threadRef: sent.threadRef!, score: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    // A rep cannot answer for the customer.
    await expect(surveys().answer(w.actors.ann, { surveyId: survey.id, score: 5 })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses opted-out contacts and contacts inside the cooldown, saying when they were last surveyed', async () => {
    await db.prisma.contact.update({ where: { id: w.contacts.liHua.id }, data: { surveyOptOut: true } });
    const opted = await surveys().requestSurvey(w.actors.ann, { contactId: w.contacts.liHua.id, kind: 'csat' }).catch((e: unknown) => e);
    expect(opted).toBeInstanceOf(ConflictError);
    expect((opted as ConflictError).code).toBe('SURVEY.OPTED_OUT');
    await db.prisma.contact.update({ where: { id: w.contacts.liWei.id }, data: { lastSurveyedAt: new Date(Date.now() - 5 * 86_400_000) } });
    const cool = await surveys().requestSurvey(w.actors.ann, { contactId: w.contacts.liWei.id, kind: 'nps' }).catch((e: unknown) => e);
    expect(cool).toBeInstanceOf(ConflictError);
    expect((cool as ConflictError).code).toBe('SURVEY.COOLDOWN');
    expect((cool as ConflictError).userMessage('en')).toMatch(/last surveyed on .*2026.*30-day cooldown/);
    expect((cool as ConflictError).userMessage('zh')).toMatch(/上次接受调查是在/);
    // Bob cannot survey Ann's contact.
    await expect(surveys().requestSurvey(w.actors.bob, { contactId: w.contacts.wile.id, kind: 'csat' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('reminds a non-responder exactly once, then closes the survey', async () => {
    const { survey } = await surveys().requestSurvey(w.actors.bob, { contactId: w.contacts.hank.id, kind: 'nps' });
    const closed = await waitFor(async () => {
      const s = await db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } });
      return s.status === 'closed' ? s : null;
    }, 30_000, 'survey closed');
    expect(closed.remindedAt).not.toBeNull();
    // The reminder job again (a relay twice, a retry): nothing more is sent.
    expect(await surveys().remindSurvey(survey.id)).toMatchObject({ status: 'skipped' });
    const deliveries = await db.prisma.delivery.findMany({ where: { tenantId: w.tenantId, recipientId: w.contacts.hank.id }, orderBy: { createdAt: 'asc' } });
    expect(deliveries.map((d) => d.dedupeKey)).toEqual([`survey:${survey.id}`, `survey:remind:${survey.id}`]);
    expect(deliveries[1]!.text).toMatch(/^A gentle reminder/);
    const nps = (deliveries[0]!.payload as { actions: { value: string }[][] }).actions;
    expect(nps.flat().filter((a) => a.value.startsWith('survey:')).length).toBe(11);
    // A closed survey takes no new answer.
    await expect(surveys().answer(contactActor(w.tenantId, w.contacts.hank), { surveyId: survey.id, score: 9 })).rejects.toBeInstanceOf(ConflictError);
  });

  it('alerts the owner and their manager at once on a detractor and creates a follow-up task due in 24 hours', async () => {
    const { survey } = await surveys().requestSurvey(w.actors.ann, { contactId: w.contacts.wile.id, kind: 'csat' });
    await waitFor(async () => (await db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).status === 'sent', 20_000, 'sent');
    const before = Date.now();
    const res = await surveys().answer(contactActor(w.tenantId, w.contacts.wile), { score: 2, comment: 'Slow delivery' });
    expect(res).toMatchObject({ detractor: true, survey: { id: survey.id } });
    const task = await db.prisma.task.findFirstOrThrow({ where: { tenantId: w.tenantId, contactId: w.contacts.wile.id, assigneeId: w.users.ann.id } });
    expect(Math.abs(task.dueAt.getTime() - (before + 86_400_000))).toBeLessThan(60_000);
    expect(task.title).toContain('Wile Coyote');
    const alerts = await waitFor(async () => {
      const rows = await db.prisma.delivery.findMany({ where: { tenantId: w.tenantId, kind: 'alert', dedupeKey: { startsWith: `alert:detractor:${survey.id}` } } });
      return rows.length === 2 ? rows : null;
    }, 20_000, 'two alerts');
    expect(alerts.map((a) => a.recipientId).sort()).toEqual([w.users.ann.id, w.users.manager.id].sort());
    const annAlert = alerts.find((a) => a.recipientId === w.users.ann.id)!;
    expect(annAlert.text).toContain('差评预警');
    expect(annAlert.text).toContain('Slow delivery');
    // Changing the answer to another low score neither alerts nor tasks again.
    await surveys().answer(contactActor(w.tenantId, w.contacts.wile), { surveyId: survey.id, score: 1 });
    expect(await db.prisma.outbox.count({ where: { tenantId: w.tenantId, jobName: 'detractor-alert' } })).toBe(1);
    expect(await db.prisma.task.count({ where: { tenantId: w.tenantId, contactId: w.contacts.wile.id } })).toBe(1);
  });

  it('surveys after a visit through the queue, and skips opted-out contacts', async () => {
    const visit = await db.prisma.interaction.create({
      data: { tenantId: w.tenantId, accountId: w.accounts.hospital.id, contactId: w.contacts.liWei.id, userId: w.users.ann.id, type: 'visit', occurredAt: new Date() },
    });
    await db.prisma.contact.update({ where: { id: w.contacts.liWei.id }, data: { lastSurveyedAt: null } });
    await db.prisma.contact.update({ where: { id: w.contacts.liHua.id }, data: { surveyOptOut: true } });
    const optedVisit = await db.prisma.interaction.create({
      data: { tenantId: w.tenantId, accountId: w.accounts.clinic.id, contactId: w.contacts.liHua.id, userId: w.users.ann.id, type: 'meeting', occurredAt: new Date() },
    });
    const q = jobs.queue(QUEUES.surveys);
    await q.add('survey-after-interaction', { tenantId: w.tenantId, interactionId: visit.id }, { jobId: `survey:interaction:${visit.id}` });
    await q.add('survey-after-interaction', { tenantId: w.tenantId, interactionId: optedVisit.id }, { jobId: `survey:interaction:${optedVisit.id}` });
    const j1 = await waitJob(jobs, QUEUES.surveys, `survey:interaction:${visit.id}`);
    const j2 = await waitJob(jobs, QUEUES.surveys, `survey:interaction:${optedVisit.id}`);
    expect(j1.failedReason ?? null).toBeNull();
    expect(j1.returnvalue).toMatchObject({ status: 'sent' });
    expect(j2.returnvalue).toMatchObject({ status: 'skipped', reason: 'opted out' });
    const s = await db.prisma.survey.findFirstOrThrow({ where: { tenantId: w.tenantId, triggerKind: 'interaction', triggerId: visit.id } });
    expect(s).toMatchObject({ contactId: w.contacts.liWei.id, status: 'sent', kind: 'csat' });
    // The trigger again (a duplicate relay) finds the same survey and sends nothing new.
    expect(await surveys().surveyAfterInteraction({ tenantId: w.tenantId, interactionId: visit.id })).toMatchObject({ status: 'skipped' });
    expect(await db.prisma.delivery.count({ where: { dedupeKey: `survey:${s.id}` } })).toBe(1);
  });
});
