// Checks a Teams request's Bot Framework token before botbuilder runs the turn, so that every
// refusal is a clean answer with its cause in the log:
// - A token that is absent, malformed, not RS-signed, without a key id, expired or not yet valid,
//   or (for Bot Framework channel tokens) for another app is refused at once with 401 — no network
//   needed, so a forged token is refused the same way when Microsoft's endpoints are unreachable.
// - The rest is botbuilder's own validation (issuer, signing key, signature, audience). Its
//   refusals are 401. When Microsoft's OpenID metadata (the signing keys) cannot be fetched, the
//   token can be neither accepted nor proven forged: the answer is 503 with Retry-After, logged as
//   the metadata being unreachable — fail closed, and honest that the problem is on our side, so a
//   genuine Bot Connector delivery is not told that its credentials are wrong.
// botbuilder's CloudAdapter.process would instead answer 500 with the raw error message.
import type { Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

export type TokenVerdict = { ok: true } | { ok: false; status: 401 | 503; cause: string };

const ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);
/** botbuilder's clock tolerance for Bot Framework tokens (5 minutes). */
const SKEW_S = 300;
const BOT_FRAMEWORK_ISSUERS = new Set(['https://api.botframework.com', 'https://api.botframework.us']);
const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'UND_ERR_CONNECT_TIMEOUT']);

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** What is wrong with the bearer token that can be told without Microsoft's keys; null if nothing. */
export function precheckBearer(header: string, appId: string, nowMs: number): string | null {
  if (!header) return 'no Authorization header';
  const m = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(header.trim());
  if (!m) return 'Authorization is not a bearer JWT with a signature';
  const head = decodePart(m[1]!);
  const claims = decodePart(m[2]!);
  if (!head || !claims) return 'token header or claims are not JSON';
  if (typeof head.alg !== 'string' || !ALGORITHMS.has(head.alg)) return `token signing algorithm ${JSON.stringify(head.alg)} not allowed`;
  if (typeof head.kid !== 'string' || !head.kid) return 'token has no key id (kid)';
  const now = nowMs / 1000;
  if (typeof claims.exp !== 'number') return 'token has no expiry (exp)';
  if (claims.exp + SKEW_S < now) return 'token expired';
  if (typeof claims.nbf === 'number' && claims.nbf - SKEW_S > now) return 'token not valid yet (nbf)';
  if (typeof claims.iss === 'string' && BOT_FRAMEWORK_ISSUERS.has(claims.iss)) {
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.includes(appId)) return 'token audience is not this app';
  }
  return null;
}

/** Microsoft's key endpoint could not be reached or answered badly (as opposed to a bad token). */
export function isMetadataUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const x = e as { name?: unknown; code?: unknown; errno?: unknown; type?: unknown; message?: unknown; cause?: unknown };
    if (x.name === 'FetchError' || x.type === 'system') return true;
    if ((typeof x.code === 'string' && NETWORK_CODES.has(x.code)) || (typeof x.errno === 'string' && NETWORK_CODES.has(x.errno))) return true;
    if (typeof x.message === 'string' && /^Failed to load (openID config|Keys)|^fetch failed|OpenID metadata did not answer/.test(x.message)) return true;
    e = x.cause;
  }
  return false;
}

/**
 * Verifies the request's token: the offline checks, then botbuilder's authentication (which
 * fetches and caches Microsoft's signing keys). `timeoutMs` bounds the key fetch: Teams waits 15 s.
 */
export async function verifyTeamsRequest(
  auth: Pick<ConfigurationBotFrameworkAuthentication, 'authenticateRequest'>,
  activity: Activity,
  header: string,
  appId: string,
  opts: { nowMs?: number; timeoutMs?: number } = {},
): Promise<TokenVerdict> {
  const offline = precheckBearer(header, appId, opts.nowMs ?? Date.now());
  if (offline) return { ok: false, status: 401, cause: offline };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      auth.authenticateRequest(activity, header.trim()),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Bot Framework OpenID metadata did not answer within ${opts.timeoutMs ?? 5_000} ms`)), opts.timeoutMs ?? 5_000);
      }),
    ]);
    return { ok: true };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (isMetadataUnavailable(err)) return { ok: false, status: 503, cause: `cannot verify the token: Bot Framework OpenID metadata unreachable (${message.slice(0, 300)})` };
    return { ok: false, status: 401, cause: message.slice(0, 300) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Public-cloud authentication settings with the channel's OpenID metadata at `metadataUrl` (tests:
 * a local stand-in). botbuilder takes any one explicit setting as a full custom cloud, so the
 * others are spelled out with the public cloud's values.
 */
export function publicCloudWithMetadata(metadataUrl: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: 'urn:botframework:azure',
  };
}
