// `npm run teams:package [-- --host=rapport.example.com]`: writes dist/rapport-teams.zip, the
// Teams app package (manifest.json with MICROSOFT_APP_ID filled in, color.png, outline.png),
// ready to upload in Teams ("Apps → Manage your apps → Upload an app") or the admin centre.
// The icons are the committed manifest/teams/color.png and outline.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { envSchema } from '../src/config.ts';
import { buildTeamsPackage, TeamsPackageError } from '../src/bots/teams/package/build.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = args[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : (args[i + 1] ?? '');
};

// Only the app id is needed here, so validate just that variable the way src/config.ts does
// (empty counts as unset); the rest of the configuration (app password...) is not required to package.
const rawAppId = process.env.MICROSOFT_APP_ID?.trim() || undefined;
const appId = envSchema.shape.MICROSOFT_APP_ID.safeParse(rawAppId);
const out = resolve(flag('out') ?? 'dist/rapport-teams.zip');
try {
  const zip = buildTeamsPackage({ appId: appId.success ? appId.data : undefined, host: flag('host') });
  mkdirSync(resolve(out, '..'), { recursive: true });
  writeFileSync(out, zip);
  console.log(`Wrote ${out} (${zip.length} bytes) for app ${rawAppId}.`);
  if (!flag('host')) console.log('No --host given: validDomains is empty and the developer URLs point at example.com.');
} catch (err) {
  if (err instanceof TeamsPackageError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
