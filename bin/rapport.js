#!/usr/bin/env node
// Entry point of the `rapport` CLI. Runs the TypeScript sources through tsx, so there is
// no build step to remember after `npm install`.
import { register } from 'tsx/esm/api';

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(`Rapport needs Node.js 22 or newer; this is ${process.version}.`);
  process.exit(1);
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
register();
await import('../src/cli/main.ts');
