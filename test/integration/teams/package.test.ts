// The Teams app package: manifest with the app id filled in, icons of the right size, and a
// ZIP that standard tools accept.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage, MANIFEST_DIR, renderManifest } from '../../../src/bots/teams/package/build.ts';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';

const APP_ID = '4c1f6a2e-5b8d-4e7f-9a0b-1c2d3e4f5a6b';

/** Decodes a PNG (pngjs checks the signature and every chunk's CRC). */
function pngInfo(buf: Buffer) {
  const png = PNG.sync.read(buf);
  const at = (x: number, y: number) => (y * png.width + x) * 4;
  const alpha = (x: number, y: number) => png.data[at(x, y) + 3]!;
  const rgb = (x: number, y: number) => [...png.data.subarray(at(x, y), at(x, y) + 3)];
  return { width: png.width, height: png.height, alpha, rgb };
}

describe('Teams app package', () => {
  it('fills in the app id and refuses to build without MICROSOFT_APP_ID', () => {
    expect(() => renderManifest({ appId: undefined })).toThrow(/MICROSOFT_APP_ID is not set/);
    expect(() => renderManifest({ appId: 'not-a-guid' })).toThrow(/MICROSOFT_APP_ID must be a GUID/);
    const m = renderManifest({ appId: APP_ID, host: 'rapport.example.com' }) as { id: string; bots: { botId: string; scopes: string[]; commandLists: unknown[] }[]; validDomains: string[]; developer: { websiteUrl: string } };
    expect(m.id).toBe(APP_ID);
    expect(m.bots[0]!.botId).toBe(APP_ID);
    expect(m.bots[0]!.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(m.validDomains).toEqual(['rapport.example.com']);
    expect(m.developer.websiteUrl).toBe('https://rapport.example.com/');
    expect(JSON.stringify(m)).not.toMatch(/\{\{/);
    const noHost = renderManifest({ appId: APP_ID }) as { validDomains: string[] };
    expect(noHost.validDomains).toEqual([]);
  });

  it('committed icons: 192×192 colour and 32×32 white on transparent', () => {
    const color = readFileSync(join(MANIFEST_DIR, 'color.png'));
    const outline = readFileSync(join(MANIFEST_DIR, 'outline.png'));
    const c = pngInfo(color);
    expect([c.width, c.height]).toEqual([192, 192]);
    expect(c.alpha(96, 20)).toBe(255); // brand background, opaque
    const o = pngInfo(outline);
    expect([o.width, o.height]).toEqual([32, 32]);
    expect(o.alpha(0, 0)).toBe(0); // transparent background
    let opaque = 0;
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) if (o.alpha(x, y) > 200) { opaque++; expect(o.rgb(x, y)).toEqual([255, 255, 255]); }
    expect(opaque).toBeGreaterThan(60); // the letter is there
  });

  it('writes a ZIP that unzip accepts, with the three files at the root', () => {
    const zip = buildTeamsPackage({ appId: APP_ID });
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const dir = mkdtempSync(join(tmpdir(), 'rapport-teams-zip-'));
    try {
      const file = join(dir, 'rapport-teams.zip');
      writeFileSync(file, zip);
      let listing: string;
      try {
        execFileSync('unzip', ['-tq', file]);
        listing = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // no unzip on this machine
        throw err;
      }
      expect(listing.trim().split('\n').sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse(execFileSync('unzip', ['-p', file, 'manifest.json'], { encoding: 'utf8' })) as { id: string };
      expect(manifest.id).toBe(APP_ID);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('holds the manifest and the committed icons byte for byte', () => {
    const files = unzipSync(buildTeamsPackage({ appId: APP_ID, host: 'rapport.example.com' }));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    for (const icon of ['color.png', 'outline.png']) {
      expect(Buffer.from(files[icon]!).equals(readFileSync(join(MANIFEST_DIR, icon)))).toBe(true);
    }
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as { id: string; validDomains: string[] };
    expect(manifest).toMatchObject({ id: APP_ID, validDomains: ['rapport.example.com'] });
  });
});
