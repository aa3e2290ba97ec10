// The Teams app package: manifest with the app id filled in, icons of the right size, and a
// ZIP that standard tools accept.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage, MANIFEST_DIR, renderManifest } from '../../../src/bots/teams/package/build.ts';
import { colorIcon, outlineIcon } from '../../../src/bots/teams/package/png.ts';
import { crc32, zipStore } from '../../../src/bots/teams/package/zip.ts';

const APP_ID = '4c1f6a2e-5b8d-4e7f-9a0b-1c2d3e4f5a6b';

function pngInfo(buf: Buffer) {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  // Collect IDAT, check every chunk's CRC.
  const idat: Buffer[] = [];
  for (let off = 8; off < buf.length; ) {
    const len = buf.readUInt32BE(off);
    const type = buf.subarray(off + 4, off + 8).toString('ascii');
    const data = buf.subarray(off + 8, off + 8 + len);
    expect(buf.readUInt32BE(off + 8 + len)).toBe(crc32(buf.subarray(off + 4, off + 8 + len)));
    if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe((width * 4 + 1) * height);
  const alpha = (x: number, y: number) => raw[y * (width * 4 + 1) + 1 + x * 4 + 3]!;
  const rgb = (x: number, y: number) => [...raw.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 1 + x * 4 + 3)];
  return { width, height, alpha, rgb };
}

describe('Teams app package', () => {
  it('CRC32 matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

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

  it('committed icons are the generated ones: 192×192 colour and 32×32 white on transparent', () => {
    const color = readFileSync(join(MANIFEST_DIR, 'color.png'));
    const outline = readFileSync(join(MANIFEST_DIR, 'outline.png'));
    expect(color.equals(colorIcon())).toBe(true);
    expect(outline.equals(outlineIcon())).toBe(true);
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

  it('stores entries byte for byte', () => {
    const data = Buffer.from('hello, 你好');
    const zip = zipStore([{ name: 'a.txt', data }]);
    const nameLen = zip.readUInt16LE(26);
    expect(zip.subarray(30 + nameLen, 30 + nameLen + data.length).equals(data)).toBe(true);
    expect(zip.readUInt32LE(14)).toBe(crc32(data));
  });
});
