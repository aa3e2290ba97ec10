// Line length (.oxlintrc.json, run by `npm run lint`) fails on a line of code over 160 columns: the
// real config and the real CLI, with the flags `npm run lint` passes, on a small tree with one such
// line, and the same tree without it passing (a long string is exempt: it cannot be broken as is).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'node_modules/oxlint/bin/oxlint');

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-lint-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function lint(dir: string) {
  const r = spawnSync(process.execPath, [CLI, '--quiet', '-c', join(ROOT, '.oxlintrc.json'), '-f', 'unix', 'src'], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const NUMBERS = Array.from({ length: 60 }, (_, i) => String(1000 + i));
const CLEAN = {
  // Over 160 columns only because of the string in it: exempt.
  'src/words.ts': `export const text = '${'word '.repeat(40)}';\n`,
  'src/numbers.ts': `export const numbers = [\n  ${NUMBERS.join(',\n  ')},\n];\n`,
};

describe('line length', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('passes on a tree that keeps it', () => {
    const dir = tree(CLEAN);
    dirs.push(dir);
    const r = lint(dir);
    expect(r.out).not.toMatch(/max-len/);
    expect(r.code, r.out).toBe(0);
  }, 60_000);

  it('fails on a line of code over 160 columns', () => {
    const long = `export const numbers = [${NUMBERS.join(', ')}];\n`;
    expect(long.length).toBeGreaterThan(160);
    const dir = tree({ ...CLEAN, 'src/numbers.ts': long });
    dirs.push(dir);
    const r = lint(dir);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/src\/numbers\.ts:1:1: This line has a length of \d+\. Maximum allowed is 160\. \[Error\/@stylistic\(max-len\)\]/);
  }, 60_000);
});
