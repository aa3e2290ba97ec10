// Compiles src/ to plain JavaScript under dist/ for `bin/rapport.js`, so the running process
// carries no TypeScript loader (tsx keeps esbuild and a second V8 isolate for its loader thread
// alive for the whole life of the process, and keeps the code it compiled with inline source
// maps: ~40–70 MB of an idle server's RSS, measured with bench/memory.ts).
//
// There is still no build step to remember: bin/rapport.js calls ensureBuild() on every start,
// which costs one stat walk of src/ (~150 files, a few ms) when the build is current and an
// esbuild run (~0.5 s) when any source file was added, removed or changed.
//
// Each build lives in dist/<key>/, where <key> hashes the path, size and mtime of every file
// under src/ (and of this script, tsconfig.json and esbuild's package.json). A build is written to dist/.tmp-*/ and renamed into place
// in one step, so processes starting at the same time (tests spawn several) never see half a
// build: they either find dist/<key>/ complete or build their own copy and lose the rename race.
// Older builds are pruned, keeping the few newest (a process still running from one of them
// may load modules lazily later).
//
// Every file is compiled on its own (no bundling of our code, node_modules stay external), to the
// same relative path with .js for .ts, so paths relative to a module's own file keep working
// (the web chat's public/ assets, which are copied beside it); src/infra/migrations.ts finds
// prisma/ by walking up, as dist/<key>/ is one level deeper than src/. Tests (vitest) keep
// running the TypeScript sources directly.
//
//   node scripts/build.mjs          build now if needed, print the entry point
//   node scripts/build.mjs --force  rebuild even if current
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SRC = join(ROOT, 'src');
export const DIST = join(ROOT, 'dist');
/** Builds kept besides the current one (pruned oldest first). */
const KEEP = 3;

/** Every file under dir, as absolute paths with their stats (sorted, for a stable key). */
function walk(dir, out = []) {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) walk(p, out);
    else if (d.isFile()) out.push(p);
  }
  return out;
}

/** Files besides src/ that change what a build contains: this script, tsconfig.json (esbuild
 *  reads its TypeScript options) and esbuild itself. */
function toolFiles() {
  const out = [fileURLToPath(import.meta.url), join(ROOT, 'tsconfig.json')];
  try {
    out.push(createRequire(import.meta.url).resolve('esbuild/package.json'));
  } catch {
    // No esbuild: compile() will say so.
  }
  return out.filter((f) => existsSync(f));
}

/** The sources and the key of the build they make. */
export function sourceKey(src = SRC) {
  const files = walk(src).sort();
  const h = createHash('sha256');
  for (const f of [...files, ...toolFiles()]) {
    const s = statSync(f);
    h.update(`${relative(ROOT, f)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  h.update(process.versions.node.split('.')[0]);
  return { files, key: h.digest('hex').slice(0, 16) };
}

/**
 * The generated Prisma client imports its query compiler as a JavaScript module holding the
 * WebAssembly as one base64 string. An imported module lives as long as the process, so its
 * source and that string (4.5 MB each) would stay on the heap after the WebAssembly is compiled.
 * In the build, the client reads the same file as text instead, and both become garbage. If the
 * generated code ever looks different, it is left as it is.
 */
const prismaWasmFromFile = {
  name: 'rapport-prisma-wasm-from-file',
  setup(b) {
    b.onLoad({ filter: /[\\/]generated[\\/]prisma[\\/]internal[\\/]class\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      const pattern = /const \{ wasm \} = await import\(("@prisma\/client\/runtime\/[\w.-]+\.wasm-base64\.mjs")\)/;
      const m = pattern.exec(source);
      if (!m) return { contents: source, loader: 'ts' };
      const helper = `
// Added by scripts/build.mjs (see prismaWasmFromFile there).
async function readWasmBase64(): Promise<string> {
  const { readFile } = await import('node:fs/promises')
  const text = await readFile(new URL(import.meta.resolve(${m[1]})), 'utf8')
  const start = text.indexOf('"') + 1
  const end = text.indexOf('"', start)
  if (start === 0 || end < 0) return (await import(${m[1]})).wasm
  return text.slice(start, end)
}
`;
      return { contents: source.replace(pattern, 'const wasm = await readWasmBase64()') + helper, loader: 'ts' };
    });
  },
};

/** Compiles files (from sourceKey) into outDir. */
async function compile(files, outDir) {
  const esbuild = await import('esbuild');
  const ts = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  try {
    await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: ts,
      outbase: SRC,
      outdir: outDir,
      // Bundle mode only so the plugin below sees every import: each relative import becomes
      // external with its .ts extension turned into .js; packages stay external too.
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node22',
      // Source maps on disk; read only when Node runs with --enable-source-maps.
      sourcemap: 'linked',
      sourcesContent: false,
      logLevel: 'silent',
      plugins: [
        {
          name: 'rapport-relative-imports',
          setup(b) {
            b.onResolve({ filter: /^\.\.?\// }, (args) => ({
              path: args.path.replace(/\.(c|m)?ts$/, (_, m) => `.${m ?? ''}js`),
              external: true,
            }));
          },
        },
        prismaWasmFromFile,
      ],
    });
  } finally {
    await esbuild.stop?.();
  }
  for (const f of files) {
    if (f.endsWith('.ts')) continue;
    const to = join(outDir, relative(SRC, f));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(f, to);
  }
  // ESM everywhere, whatever package.json says one day.
  writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
}

function prune(current) {
  let entries;
  try {
    entries = readdirSync(DIST, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== current);
  } catch {
    return;
  }
  const now = Date.now();
  const aged = entries.map((d) => {
    const p = join(DIST, d.name);
    let mtime = 0;
    try {
      mtime = statSync(p).mtimeMs;
    } catch {}
    return { name: d.name, path: p, mtime };
  });
  // Half-written builds of processes that died (a live build takes seconds, not 10 minutes).
  for (const d of aged.filter((d) => d.name.startsWith('.tmp-') && now - d.mtime > 10 * 60_000)) rmSync(d.path, { recursive: true, force: true });
  const builds = aged.filter((d) => !d.name.startsWith('.')).sort((a, b) => b.mtime - a.mtime);
  for (const d of builds.slice(KEEP)) rmSync(d.path, { recursive: true, force: true });
}

/**
 * Makes sure dist/<key>/ matches src/ and returns the URL of its CLI entry point.
 * Throws if it cannot build (no esbuild, read-only directory): the caller falls back to tsx.
 */
export async function ensureBuild({ force = false } = {}) {
  const { files, key } = sourceKey();
  const out = join(DIST, key);
  const entry = join(out, 'cli', 'main.js');
  if (!force && existsSync(entry)) return pathToFileURL(entry).href;
  mkdirSync(DIST, { recursive: true });
  const tmp = join(DIST, `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await compile(files, tmp);
    if (force) rmSync(out, { recursive: true, force: true });
    try {
      renameSync(tmp, out);
    } catch (err) {
      // Another process finished the same build first: use theirs.
      if (!existsSync(entry)) throw err;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  prune(key);
  return pathToFileURL(entry).href;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  const entry = await ensureBuild({ force: process.argv.includes('--force') });
  console.log(`${fileURLToPath(entry)} (${Math.round(performance.now() - t0)} ms)`);
}
