import { defineConfig } from 'vitest/config';

// `npm run test:webchat`: Microsoft's Web Chat against Rapport (test/webchat). Kept out of
// `npm test` because it needs Web Chat's browser bundle, which scripts/webchat-bundle.mjs fetches
// from the npm registry once; the embedded database only, so no PostgreSQL template is needed.
export default defineConfig({
  test: {
    include: ['test/webchat/**/*.e2e.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
