import { randomBytes } from 'node:crypto';
import { adminQuery, urlForDatabase } from '/work/main/test/helpers/pg-admin.ts';
import { openDatabase } from '/work/main/src/infra/database.ts';
import { applyMigrations } from '/work/main/src/infra/migrations.ts';
import { ReminderService } from '/work/main/src/domain/reminders/reminder.service.ts';
import { DeliveryService } from '/work/main/src/domain/delivery/delivery.service.ts';
import { RiskService } from '/work/main/src/domain/risk/risk.service.ts';
import { CompositeDelivery } from '/work/main/src/bots/delivery.ts';
import { WebInboxDelivery } from '/work/main/src/bots/web/delivery.ts';
const name = `rapport_dbg_${randomBytes(3).toString('hex')}`;
await adminQuery(`CREATE DATABASE ${name}`);
const db = await openDatabase({ url: urlForDatabase(name), dataDir: 'x' });
await applyMigrations(db.adapterFactory);
const p = db.prisma;
try {
const tenant = await p.tenant.create({ data: { kind: 'local', name: 'Bench' } });
const u = await p.user.create({ data: { tenantId: tenant.id, name: 'U', timezone: 'UTC' } });
const account = await p.account.create({ data: { tenantId: tenant.id, name: 'Acme', ownerId: u.id } });
const dueAt = new Date(Date.now() - 60000);
await p.task.create({ data: { id: 'bt0', tenantId: tenant.id, title: 'T', dueAt, assigneeId: u.id, accountId: account.id } });
const ds = new DeliveryService(p, new CompositeDelivery({ web: new WebInboxDelivery(p) }, p));
const rs = new ReminderService(p, ds, new RiskService(p));
console.log(await rs.sendTaskReminder({ tenantId: tenant.id, taskId: 'bt0', dueAt: dueAt.toISOString() }));
console.log(await rs.sendTaskReminder({ tenantId: tenant.id, taskId: 'bt0', dueAt: dueAt.toISOString() }));
} catch (e) { console.error('ERR', e); }
await db.close(); await adminQuery(`DROP DATABASE ${name} WITH (FORCE)`);
