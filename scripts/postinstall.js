// `npm install`'s last step: a Node 22 runtime when the machine's Node is older (see
// scripts/node-runtime/runtime.mjs), then `prisma generate` on the Node that will run Rapport.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRuntime } from './node-runtime/runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let node;
try {
  node = ensureRuntime(root);
} catch (err) {
  process.stderr.write(`\n${err.message}\n\n`);
  process.exit(1);
}
const r = spawnSync(node, [join(root, 'scripts', 'prisma-generate.js')], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
