#!/usr/bin/env node
// Entry point of the `rapport` CLI. Runs src/ compiled to JavaScript under dist/ (rebuilt here,
// in well under a second, whenever a source file changed: scripts/build.mjs), so there is no
// build step to remember and the running process carries no TypeScript loader. If it cannot
// build (esbuild missing, read-only checkout without a dist/), it runs the sources through tsx.
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  // An older system Node (`node bin/rapport.js` on Node 20): run on the Node 22 that npm install
  // provided for this case (scripts/node-runtime/runtime.mjs), passing signals and the exit code on.
  const { providedNode } = await import('../scripts/node-runtime/runtime.mjs');
  const { fileURLToPath } = await import('node:url');
  const node = providedNode(fileURLToPath(new URL('..', import.meta.url)));
  if (!node) {
    console.error(`Rapport needs Node.js 22 or newer; this is ${process.version}. Run npm install (it provides Node 22 when the machine's Node is older), or install Node.js 22+.`);
    process.exit(1);
  }
  const { spawn } = await import('node:child_process');
  const child = spawn(node, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  // Ctrl-C in a terminal reaches the child through the process group already; forward it only
  // when it was sent to this process alone.
  process.on('SIGINT', () => process.stdin.isTTY || child.kill('SIGINT'));
  for (const sig of ['SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => {
    if (!signal) process.exit(code ?? 1);
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
  await new Promise(() => {});
}
// Memory settings for the long-running commands (serve, worker), measured in BENCHMARKS.md
// (memory). Both must be in place when the process starts, so the process replaces itself once,
// with the same pid, arguments and standard streams (process.execve). RAPPORT_MEMORY_TUNING=false
// turns this off; a setting given explicitly (GLIBC_TUNABLES, --max-semi-space-size in the node
// options) is kept as it is.
// - glibc's malloc keeps what V8's compiler threads free (tens of MB once the Prisma query
//   compiler's WebAssembly is optimised) for the life of the process; with allocations of 32 kB
//   or more served by mmap, they go back to the system when freed (~60–100 MB less idle RSS).
//   Ignored by other C libraries (musl).
// - V8's young generation capped at 4 MB per semi-space instead of 16 MB (~25 MB less).
function memoryTunedArgs() {
  if (!['serve', 'worker'].includes(process.argv[2]) || typeof process.execve !== 'function') return null;
  if (process.env.RAPPORT_MEMORY_TUNING === 'false') return null;
  const env = { ...process.env };
  const execArgv = [...process.execArgv];
  if (process.platform === 'linux' && !/glibc\.malloc\.mmap_threshold/.test(env.GLIBC_TUNABLES ?? '')) {
    env.GLIBC_TUNABLES = [env.GLIBC_TUNABLES, 'glibc.malloc.mmap_threshold=32768'].filter(Boolean).join(':');
  }
  if (![...execArgv, env.NODE_OPTIONS ?? ''].some((a) => /--max-semi-space-size/.test(a))) execArgv.push('--max-semi-space-size=4');
  if (env.GLIBC_TUNABLES === process.env.GLIBC_TUNABLES && execArgv.length === process.execArgv.length) return null;
  return { args: [process.execPath, ...execArgv, ...process.argv.slice(1)], env };
}
const tuned = memoryTunedArgs();
if (tuned) {
  try {
    process.execve(process.execPath, tuned.args, tuned.env);
  } catch {
    // Could not replace the process: run with the default settings.
  }
}
// Node 22 flags PGlite's and Prisma's WebAssembly imports as experimental on every start; that
// line is noise for people running Rapport. Every other warning still prints.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...args) {
  const text = typeof warning === 'string' ? warning : warning?.message ?? '';
  const type = typeof args[0] === 'string' ? args[0] : args[0]?.type ?? warning?.name;
  if (type === 'ExperimentalWarning' && /WebAssembly/.test(text)) return;
  return emitWarning.call(process, warning, ...args);
};

let entry;
if (process.env.RAPPORT_TSX !== '1') {
  try {
    const { ensureBuild } = await import('../scripts/build.mjs');
    entry = await ensureBuild();
  } catch (err) {
    console.error(`rapport: could not compile src/ to dist/ (${err?.message ?? err}); running the TypeScript sources through tsx instead.`);
  }
}
if (!entry) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = new URL('../src/cli/main.ts', import.meta.url).href;
}
await import(entry);
