// The dependency rules (.dependency-cruiser.cjs, run by `npm run lint`) fail on a violation: the
// real config and the real CLI on a small tree with one file breaking each rule, and the same tree
// without them passing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-deps-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function cruise(dir: string) {
  const r = spawnSync(process.execPath, [CLI, 'src', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'err'], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const CLEAN = {
  'src/generated/prisma/client.ts': 'export class PrismaClient {}\n',
  'src/domain/shared/db.ts': "export { PrismaClient } from '../../generated/prisma/client.ts';\n",
  'src/domain/tasks/task.service.ts': "import type { PrismaClient } from '../shared/db.ts';\nexport const svc = (db: PrismaClient) => db;\n",
  'src/jobs/processors/tasks.processor.ts': "import { svc } from '../../domain/tasks/task.service.ts';\nexport const run = svc;\n",
};

describe('dependency rules', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('pass on a tree that keeps them', () => {
    const dir = tree(CLEAN);
    dirs.push(dir);
    const r = cruise(dir);
    expect(r.out).not.toMatch(/error /);
    expect(r.code).toBe(0);
  }, 60_000);

  it('fail on a domain file importing BullMQ or the jobs layer, and on an adapter importing the Prisma client', () => {
    const dir = tree({
      ...CLEAN,
      'src/domain/tasks/queue.ts': "import { Queue } from 'bullmq';\nimport { run } from '../../jobs/processors/tasks.processor.ts';\nexport const q = [Queue, run];\n",
      'src/bots/web/new-adapter.ts': "import { PrismaClient } from '../../generated/prisma/client.ts';\nexport const c = PrismaClient;\n",
    });
    dirs.push(dir);
    const r = cruise(dir);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/domain-no-sdks: src\/domain\/tasks\/queue\.ts → \S*node_modules\/bullmq/);
    expect(r.out).toMatch(/domain-no-adapters: src\/domain\/tasks\/queue\.ts → src\/jobs\/processors\/tasks\.processor\.ts/);
    expect(r.out).toMatch(/adapters-and-jobs-no-prisma-client: src\/bots\/web\/new-adapter\.ts → src\/generated\/prisma\/client\.ts/);
  }, 60_000);
});
