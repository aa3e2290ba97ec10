// The `rapport` command as a user runs it: a real child process on a fresh embedded database.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
const bin = join(process.cwd(), 'bin', 'rapport.js');

function rapport(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, ['--no-warnings', bin, ...args], {
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, RAPPORT_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '', REDIS_URL: '', ...opts.env },
    timeout: 150_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('rapport CLI', { timeout: 180_000 }, () => {
  it('prints help for the command and each subcommand', () => {
    const all = rapport(['--help']);
    expect(all.code).toBe(0);
    for (const c of ['serve', 'worker', 'migrate', 'seed', 'chat', 'parse', 'import', 'export']) expect(all.out).toContain(c);
    const parse = rapport(['parse', '--help']);
    expect(parse.out).toContain('--jsonl');
    expect(rapport(['frobnicate']).code).toBe(2);
  });

  it('stops on bad configuration, naming the variable', () => {
    const r = rapport(['migrate'], { env: { PORT: 'lots' } });
    expect(r.code).toBe(1);
    expect(r.err).toContain('PORT');
  });

  it('parses one message into the intent contract', () => {
    const r = rapport(['parse', '下周二上午十点提醒我给王主任打电话', '--now', '2026-11-25T10:00:00Z', '--tz', 'Asia/Shanghai']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { intent: string; language: string; confidence: number; entities: { due?: string; contact?: string } };
    expect(out).toMatchObject({ intent: 'schedule_followup', language: 'zh' });
    expect(out.entities.due).toBe('2026-12-01T10:00:00+08:00');
    expect(out.confidence).toBeGreaterThan(0);
    expect(rapport(['parse', 'hi', '--tz', 'Mars/Base']).code).toBe(2);
  });

  it('parses JSON lines in one process and resolves names for a user', () => {
    const input = [
      JSON.stringify({ text: 'log visit with Dr. Li', userId: 'demo-rep-zh', now: '2026-11-25T10:00:00Z', tz: 'Asia/Shanghai' }),
      'not json',
      JSON.stringify({ text: 'which accounts are at risk this week?' }),
    ].join('\n');
    const r = rapport(['parse', '--jsonl'], { input });
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ intent: 'log_interaction', entities: { contact: 'Dr. Li', contactId: 'con-li-ming' } });
    expect(String(lines[1]!.error)).toMatch(/^line 2/);
    expect(lines[2]).toMatchObject({ intent: 'list_at_risk', entities: { period: 'this_week' } });
  });

  it('imports CSV all-or-nothing with a report, then exports it', () => {
    const bad = join(dataDir, 'bad.csv');
    writeFileSync(bad, 'external_id,name,tier\nX-1,Umbrella Labs,A\nX-2,,B\nX-3,Wayne Enterprises,Z\n');
    const r1 = rapport(['import', 'accounts', bad]);
    expect(r1.code).toBe(1);
    expect(r1.out).toMatch(/row \d+, column name/);
    expect(r1.out).toMatch(/row \d+, column tier/);
    expect(r1.out).toContain('Nothing imported');
    const good = join(dataDir, 'good.csv');
    writeFileSync(good, '\uFEFFexternal_id,name,tier\nX-1,Umbrella Labs,A\nX-2,Wayne Enterprises,B\n');
    const r2 = rapport(['import', 'accounts', good]);
    expect(r2.code).toBe(0);
    expect(r2.out).toContain('2 created');
    const again = rapport(['import', 'accounts', good]);
    expect(again.out).toContain('0 created, 2 updated');
    const out = join(dataDir, 'out.csv');
    expect(rapport(['export', 'accounts', out]).code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv).toContain('X-1,Umbrella Labs');
    expect(csv).toContain('X-2,Wayne Enterprises');
  });
});
