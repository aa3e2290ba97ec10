import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsService } from '../../../src/domain/settings/index.ts';
import { fixedClock } from '../../../src/domain/shared/clock.ts';
import { ForbiddenError, ValidationError } from '../../../src/domain/shared/errors.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import { makeOrg, type Org } from './_value-fixtures.ts';

describe.each(DB_KINDS)('SettingsService on %s', (kind) => {
  let db: TestDatabase;
  let org: Org;
  let svc: SettingsService;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    org = await makeOrg(db.prisma);
    svc = new SettingsService(db.prisma, fixedClock('2026-11-02T09:00:00Z'));
  });
  afterAll(() => db?.drop());

  it('returns the defaults for an empty settings column', async () => {
    const s = await svc.getSettings(org.tenantId);
    expect(s).toEqual(DEFAULT_SETTINGS);
    expect(s.sla.firstResponseHours).toEqual({ low: 24, normal: 24, high: 24, urgent: 24 });
    expect(s.risk.threshold).toBe(0.5);
    expect(s.cadenceDays).toEqual({ A: 14, B: 30, C: 90 });
    expect(s.survey).toEqual({ delayHours: 24, cooldownDays: 30, sampleRate: 1, reminderAfterHours: 48 });
    expect(s.greeting).toMatchObject({ sendHour: 9, quietHours: { start: 21, end: 8 }, approvalRequired: false });
    expect(s.digest).toMatchObject({ morning: { time: '08:30' }, weekly: { day: 'monday', time: '09:00' } });
  });

  it('merges a partial patch, stores only what changed, and audits it', async () => {
    const s = await svc.updateSettings(org.as(org.admin), { sla: { firstResponseHours: { urgent: 2 } }, cadenceDays: { A: 7 } });
    expect(s.sla.firstResponseHours).toEqual({ low: 24, normal: 24, high: 24, urgent: 2 });
    expect(s.cadenceDays).toEqual({ A: 7, B: 30, C: 90 });
    const row = await db.prisma.tenant.findUniqueOrThrow({ where: { id: org.tenantId } });
    expect(row.settings).toEqual({ sla: { firstResponseHours: { urgent: 2 } }, cadenceDays: { A: 7 } });
    const a = await db.prisma.auditLog.findFirstOrThrow({ where: { tenantId: org.tenantId, action: 'tenant.update' } });
    expect(a.before).toEqual({ settings: {} });
    expect((await svc.getSettings(org.tenantId)).cadenceDays.A).toBe(7);
  });

  it('rejects invalid values naming the field, and non-admins', async () => {
    const err = await svc.updateSettings(org.as(org.admin), { risk: { threshold: 2 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).field).toBe('risk.threshold');
    expect((err as ValidationError).userMessage('zh')).toContain('risk.threshold');
    await expect(svc.updateSettings(org.as(org.admin), { digest: { morning: { time: '25:00' } } })).rejects.toBeInstanceOf(ValidationError);
    await expect(svc.updateSettings(org.as(org.manager), { churnDays: 90 })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('falls back to defaults for stored values that no longer validate', async () => {
    await db.prisma.tenant.update({ where: { id: org.tenantId }, data: { settings: { churnDays: 'soon', cadenceDays: { B: 21 } } } });
    const s = await svc.getSettings(org.tenantId);
    expect(s.churnDays).toBe(180);
    expect(s.cadenceDays.B).toBe(21);
  });
});
