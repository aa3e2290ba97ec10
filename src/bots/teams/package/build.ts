// Builds the Teams app package: manifest.json with the ids filled in, plus the two committed icons
// (manifest/teams/color.png and outline.png), in a ZIP that Teams accepts for side-loading
// ("Upload a custom app") or the Teams admin centre. The ZIP is written by fflate.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

export const MANIFEST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../manifest/teams');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export class TeamsPackageError extends Error {}

export interface PackageInput {
  /** MICROSOFT_APP_ID: the Azure bot's app registration id (a GUID). */
  appId: string | undefined;
  /** Public host name of the Rapport server (developer URLs and validDomains). */
  host?: string | undefined;
  manifestDir?: string;
}

/** manifest.json with {{MICROSOFT_APP_ID}} and {{PUBLIC_HOSTNAME}} filled in. */
export function renderManifest(input: PackageInput): Record<string, unknown> {
  const appId = input.appId?.trim();
  if (!appId) throw new TeamsPackageError('MICROSOFT_APP_ID is not set: put the Azure bot registration\'s app id in MICROSOFT_APP_ID (e.g. in .env) and run again.');
  if (!GUID.test(appId)) throw new TeamsPackageError(`MICROSOFT_APP_ID must be a GUID like 00000000-0000-0000-0000-000000000000 (got "${appId}").`);
  const host = input.host?.trim().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  if (host && !HOST.test(host)) throw new TeamsPackageError(`--host must be a public host name such as rapport.example.com (got "${input.host}").`);
  const template = readFileSync(join(input.manifestDir ?? MANIFEST_DIR, 'manifest.json'), 'utf8');
  const filled = template.replaceAll('{{MICROSOFT_APP_ID}}', appId.toLowerCase()).replaceAll('{{PUBLIC_HOSTNAME}}', host ?? 'example.com');
  const manifest = JSON.parse(filled) as Record<string, unknown>;
  if (!host) manifest.validDomains = [];
  const left = /\{\{[A-Z_]+\}\}/.exec(JSON.stringify(manifest));
  if (left) throw new TeamsPackageError(`manifest.json still has the placeholder ${left[0]}`);
  return manifest;
}

/** The ZIP: manifest.json, color.png and outline.png at the root, as Teams requires. */
export function buildTeamsPackage(input: PackageInput): Buffer {
  const dir = input.manifestDir ?? MANIFEST_DIR;
  const manifest = renderManifest(input);
  const zip = zipSync({
    'manifest.json': Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'),
    // PNGs are compressed already: stored as they are.
    'color.png': [readFileSync(join(dir, 'color.png')), { level: 0 }],
    'outline.png': [readFileSync(join(dir, 'outline.png')), { level: 0 }],
  });
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}
