// Microsoft's Web Chat (botframework-webchat) for `npm run test:webchat`: only its self-contained
// browser bundle, dist/webchat.js, taken from the registry's tarball (checked against the pinned
// integrity) into node_modules/.cache/rapport-webchat/. Installing the package as a dependency
// would add ~490 MB and 250 packages to every `npm install` for one test; this fetches 7 MB once
// (npm's cache makes later runs offline). Prints the bundle's path.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const WEBCHAT_VERSION = '4.18.1';
const INTEGRITY = 'sha512-7jpEUJ7olT62Xm+8eh7BhhIcXVfU2xD4pZDaeBt8K4XcNy6K/83UGIxE9BFkXmHMZ4hDEVOzs5cre07GWuaXzg==';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'node_modules', '.cache', 'rapport-webchat');
export const WEBCHAT_BUNDLE = join(dir, `webchat-${WEBCHAT_VERSION}.js`);

/** The file `name` from a tar archive (ustar, as npm packs). */
function untarOne(tar, name) {
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start, len) => header.subarray(start, start + len).toString('utf8').replace(/\0.*$/s, '');
    const path = [field(345, 155), field(0, 100)].filter(Boolean).join('/');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    if (path === name) return tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return null;
}

export function ensureWebChatBundle() {
  if (existsSync(WEBCHAT_BUNDLE)) return WEBCHAT_BUNDLE;
  mkdirSync(dir, { recursive: true });
  const cli = process.env.npm_execpath;
  const [cmd, pre] = cli && /\.c?js$/.test(cli) ? [process.execPath, [cli]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  const r = spawnSync(cmd, [...pre, 'pack', `botframework-webchat@${WEBCHAT_VERSION}`, '--pack-destination', dir, '--silent'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    shell: process.platform === 'win32' && !pre.length,
  });
  const tgzName = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (r.status !== 0 || !tgzName) throw new Error(`npm pack botframework-webchat@${WEBCHAT_VERSION} failed (exit ${r.status}); it needs the npm registry once.`);
  const tgz = readFileSync(join(dir, tgzName));
  const got = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
  rmSync(join(dir, tgzName));
  if (got !== INTEGRITY) throw new Error(`botframework-webchat@${WEBCHAT_VERSION} tarball integrity ${got} is not the pinned ${INTEGRITY}`);
  const bundle = untarOne(gunzipSync(tgz), 'package/dist/webchat.js');
  if (!bundle) throw new Error('dist/webchat.js not found in the botframework-webchat tarball');
  writeFileSync(WEBCHAT_BUNDLE, bundle);
  return WEBCHAT_BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${ensureWebChatBundle()}\n`);
}
