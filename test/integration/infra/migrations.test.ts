import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/infra/database.ts';
import {
  applyMigrations,
  diffSchemas,
  listMigrations,
  SCHEMA_FILE,
  SNAPSHOT_FILE,
} from '../../../src/infra/migrations.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';

describe('migrations', () => {
  it('cover every change in schema.prisma (no drift)', async () => {
    const db = await openDatabase({ dataDir: 'memory://' });
    try {
      const sql = await diffSchemas(
        db.adapterFactory,
        readFileSync(SNAPSHOT_FILE, 'utf8'),
        readFileSync(SCHEMA_FILE, 'utf8'),
      );
      expect(sql).toBe('');
    } finally {
      await db.close();
    }
  });

  describe.each(DB_KINDS)('on %s', (kind) => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase(kind);
    });
    afterAll(() => db?.drop());

    it('are recorded in _prisma_migrations and applying again does nothing', async () => {
      const rows = await db.prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
        SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
      expect(rows.map((r) => r.migration_name)).toEqual(listMigrations());
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
      expect(await applyMigrations(db.adapterFactory)).toEqual([]);
    });

    it('build a database every model can be written to and read back through Prisma', async () => {
      const p = db.prisma;
      const tenant = await p.tenant.create({ data: { kind: 'local', name: 'T' } });
      const rep = await p.user.create({ data: { tenantId: tenant.id, name: 'Rep', email: 'rep@x.io' } });
      const account = await p.account.create({
        data: { tenantId: tenant.id, name: '市第一医院', aliases: ['City No.1 Hospital'], ownerId: rep.id, tier: 'A' },
      });
      const contact = await p.contact.create({
        data: {
          tenantId: tenant.id,
          accountId: account.id,
          name: '李明',
          aliases: ['Dr. Li'],
          decisionRole: 'decision_maker',
          birthday: new Date('1980-03-05'),
          birthMonth: 3,
          birthDay: 5,
        },
      });
      const interaction = await p.interaction.create({
        data: {
          tenantId: tenant.id,
          accountId: account.id,
          contactId: contact.id,
          userId: rep.id,
          type: 'visit',
          occurredAt: new Date(),
          sourceMessageId: 'm1',
          participants: { create: [{ contactId: contact.id }] },
        },
      });
      await expect(
        p.interaction.create({
          data: { tenantId: tenant.id, accountId: account.id, type: 'visit', occurredAt: new Date(), sourceMessageId: 'm1' },
        }),
      ).rejects.toThrow();
      const opp = await p.opportunity.create({
        data: {
          tenantId: tenant.id,
          accountId: account.id,
          ownerId: rep.id,
          name: 'Devices',
          amount: '50000.50',
          currency: 'CNY',
          stageChanges: { create: { tenantId: tenant.id, toStage: 'qualification' } },
        },
      });
      expect(opp.amount.toString()).toBe('50000.5');
      await p.order.create({ data: { tenantId: tenant.id, accountId: account.id, orderedAt: new Date(), amount: 100 } });
      await p.task.create({
        data: { tenantId: tenant.id, title: 'Samples', dueAt: new Date(), assigneeId: rep.id, interactionId: interaction.id },
      });
      await p.ticket.create({
        data: { tenantId: tenant.id, accountId: account.id, subject: 'Late', firstResponseDueAt: new Date() },
      });
      const survey = await p.survey.create({
        data: { tenantId: tenant.id, kind: 'csat', contactId: contact.id, scheduledAt: new Date() },
      });
      await p.surveyResponse.create({ data: { tenantId: tenant.id, surveyId: survey.id, score: 4, comment: '送货慢了' } });
      await p.greeting.create({
        data: { tenantId: tenant.id, contactId: contact.id, occasion: 'birthday', year: 2026, scheduledAt: new Date() },
      });
      await expect(
        p.greeting.create({
          data: { tenantId: tenant.id, contactId: contact.id, occasion: 'birthday', year: 2026, scheduledAt: new Date() },
        }),
      ).rejects.toThrow();
      await p.conversationState.create({
        data: { tenantId: tenant.id, actorKey: rep.id, threadKey: 't', state: { step: 1 }, expiresAt: new Date() },
      });
      await p.conversationReference.create({
        data: { tenantId: tenant.id, channel: 'teams', conversationId: 'c1', reference: { a: 1 } },
      });
      await p.processedEvent.create({ data: { source: 'slack', eventId: 'Ev1' } });
      await p.outbox.create({ data: { queue: 'q', jobName: 'j', payload: {} } });
      await p.riskSnapshot.create({
        data: { tenantId: tenant.id, accountId: account.id, weekStart: new Date('2026-11-23'), score: 0.7, reasons: [] },
      });
      await p.auditLog.create({
        data: { tenantId: tenant.id, actorKind: 'user', action: 'create', entityType: 'Account', entityId: account.id },
      });
      await p.delivery.create({
        data: {
          tenantId: tenant.id,
          dedupeKey: 'k',
          channel: 'web',
          recipientKind: 'user',
          recipientId: rep.id,
          kind: 'reminder',
          text: 'hi',
        },
      });
      await p.program.create({ data: { tenantId: tenant.id, name: 'Birthday care', cost: 10, extraRevenue: 50 } });
      const full = await p.account.findUniqueOrThrow({
        where: { id: account.id },
        include: { contacts: true, opportunities: { include: { stageChanges: true } }, orders: true },
      });
      expect(full.contacts[0]?.aliases).toEqual(['Dr. Li']);
      expect(full.opportunities[0]?.stageChanges).toHaveLength(1);
    });
  });
});
