// Counts the SQL statements of one chat turn (PostgreSQL's own statement log): a development aid.
//   npx tsx bench/turn-queries.ts ["log visit with Tom Baker about pricing"]
import { pino } from 'pino';
import { adminQuery } from '../test/helpers/pg-admin.ts';
import { ActorDirectory } from '../src/domain/identity/actor-directory.ts';
import { createChatHandler } from '../src/intents/engine.ts';
import { RulesParser } from '../src/intents/llm/rules-parser.ts';
import { seedDemo, DEMO_TENANT_ID, DEMO_USERS } from '../src/seed/demo.ts';
import { buildServices } from '../src/services.ts';
import { CompositeDelivery } from '../src/domain/delivery/channel-routing.ts';
import { WebInboxDelivery } from '../src/bots/web/delivery.ts';
import { benchDatabase } from './lib.ts';

const text = process.argv[2] ?? 'log visit with Tom Baker about pricing';
const db = await benchDatabase('turnq');
try {
  await seedDemo(db.prisma);
  const services = buildServices(db.prisma, new CompositeDelivery({ web: new WebInboxDelivery() }, db.prisma));
  const actors = new ActorDirectory(db.prisma);
  const chat = createChatHandler({ services, actors, parser: new RulesParser(), logger: pino({ level: 'silent' }) });
  const actor = await actors.user(DEMO_TENANT_ID, DEMO_USERS.repEn);
  await chat.handle({ actor: actor!, channel: 'slack', threadKey: 'warm', text, messageId: 'warm-1' });
  await adminQuery(`ALTER DATABASE ${db.name} SET log_statement = 'all'`);
  await db.prisma.$disconnect();
  const t0 = performance.now();
  for (let i = 0; i < 3; i++) await chat.handle({ actor: actor!, channel: 'slack', threadKey: `t${i}`, text: `${text} ${i}`, messageId: `m-${i}` });
  console.log(`3 turns: ${(performance.now() - t0).toFixed(1)} ms; statements are in the PostgreSQL log for database ${db.name}`);
} finally {
  await db.drop();
}
