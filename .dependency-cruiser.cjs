// Dependency rules, checked by `npm run lint` (dependency-cruiser; TypeScript read with swc, as
// dependency-cruiser does not use TypeScript 7). The layering: adapters (src/bots, src/cli,
// src/server) → intent layer (src/intents) → domain (src/domain) ← jobs (src/jobs);
// src/app.ts and src/services.ts compose them.
/** Adapters, job runner and SDKs the domain must not know. */
const SDKS = '(^|/)node_modules/(@slack/|botbuilder|bullmq|ioredis|langchain|@langchain/|openai)';
/** The generated Prisma client, directly or through the domain's re-export of it. */
const PRISMA_CLIENT = '^(src/generated/prisma/|src/domain/shared/db\\.ts$|(^|/)node_modules/@prisma/client/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-no-adapters',
      severity: 'error',
      comment: 'src/domain declares ports (DeliveryPort) and writes jobs to the Outbox; it imports no channel adapter, job runner, intent layer, server or composition root.',
      from: { path: '^src/domain/' },
      to: { path: '^src/(bots|jobs|intents|server|cli|app\\.ts|services\\.ts)' },
    },
    {
      name: 'domain-no-sdks',
      severity: 'error',
      comment: 'No Slack, Teams (botbuilder), BullMQ, Redis, LangChain or OpenAI package in src/domain.',
      from: { path: '^src/domain/' },
      to: { path: SDKS },
    },
    {
      name: 'adapters-and-jobs-no-prisma-client',
      severity: 'error',
      comment: 'src/bots and src/jobs go through domain services (src/services.ts builds them), not the database client.',
      from: { path: '^src/(bots|jobs)/' },
      to: { path: PRISMA_CLIENT },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles.',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', '^src/generated/'] },
    parser: 'swc',
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
