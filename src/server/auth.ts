// Sign-in without passwords: the chat (which already knows who is talking) hands out a short-lived
// HMAC-signed link, and the dashboard turns it into a session cookie holding another signed token.
// Tokens are `base64url(JSON payload).base64url(HMAC-SHA256(secret, payload))`. A sign-in token
// also carries a random nonce, which the dashboard claims when the link is used: a link signs in
// once (the nonce is stored for the token's few minutes, nothing else is).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a token is for: a sign-in link must not work as a session cookie, and the other way round. */
export type TokenPurpose = 'signin' | 'session';

export interface TokenClaims {
  tenantId: string;
  userId: string;
  purpose: TokenPurpose;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Sign-in tokens: a random id that makes the link single-use (the dashboard claims it). */
  nonce?: string;
}

export interface CreateTokenInput {
  tenantId: string;
  userId: string;
  /** @defaultValue 300 (five minutes) for sign-in links */
  ttlSeconds?: number;
}

export type VerifyResult =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' | 'wrong_purpose' };

/** Session cookie name; HttpOnly, SameSite=Lax. */
export const SESSION_COOKIE = 'rapport_session';
/** @defaultValue 12 hours */
export const SESSION_TTL_SECONDS = 12 * 3600;
export const SIGNIN_TTL_SECONDS = 300;
const MAX_TTL_SECONDS = 30 * 24 * 3600;

function requireSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length < 16) {
    throw new Error('The sign-in secret must be at least 16 characters (set RAPPORT_SECRET).');
  }
}

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');
const mac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest();

export function signToken(secret: string, claims: TokenClaims): string {
  requireSecret(secret);
  const body = b64(JSON.stringify({ t: claims.tenantId, u: claims.userId, p: claims.purpose, e: claims.exp, ...(claims.nonce ? { n: claims.nonce } : {}) }));
  return `${body}.${b64(mac(secret, body))}`;
}

function create(secret: string, purpose: TokenPurpose, input: CreateTokenInput, defaultTtl: number, now: Date): string {
  const ttl = input.ttlSeconds ?? defaultTtl;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) throw new RangeError(`ttlSeconds must be an integer from 1 to ${MAX_TTL_SECONDS}`);
  if (!input.tenantId || !input.userId) throw new TypeError('tenantId and userId are required');
  const nonce = purpose === 'signin' ? randomBytes(16).toString('base64url') : undefined;
  return signToken(secret, {
    tenantId: input.tenantId,
    userId: input.userId,
    purpose,
    exp: Math.floor(now.getTime() / 1000) + ttl,
    ...(nonce ? { nonce } : {}),
  });
}

/** A short-lived link token for `/dashboard/signin?token=…` (the chat's "dashboard" command). */
export function createSignInToken(secret: string, input: CreateTokenInput, now = new Date()): string {
  return create(secret, 'signin', input, SIGNIN_TTL_SECONDS, now);
}

/** The value of the session cookie. */
export function createSessionToken(secret: string, input: CreateTokenInput, now = new Date()): string {
  return create(secret, 'session', input, SESSION_TTL_SECONDS, now);
}

/** Checks signature (constant time), shape, purpose and expiry. */
export function verifyToken(secret: string, token: string | undefined | null, purpose: TokenPurpose, now = new Date()): VerifyResult {
  requireSecret(secret);
  if (typeof token !== 'string' || token.length > 2048) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' };
  const [body, sig] = parts as [string, string];
  const expected = mac(secret, body);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const c = raw as { t?: unknown; u?: unknown; p?: unknown; e?: unknown; n?: unknown };
  if (typeof c.t !== 'string' || typeof c.u !== 'string' || (c.p !== 'signin' && c.p !== 'session') || typeof c.e !== 'number') {
    return { ok: false, reason: 'malformed' };
  }
  if (c.p !== purpose) return { ok: false, reason: 'wrong_purpose' };
  if (c.e <= Math.floor(now.getTime() / 1000)) return { ok: false, reason: 'expired' };
  if (c.n !== undefined && typeof c.n !== 'string') return { ok: false, reason: 'malformed' };
  return { ok: true, claims: { tenantId: c.t, userId: c.u, purpose: c.p, exp: c.e, ...(c.n ? { nonce: c.n } : {}) } };
}

/** Parses a Cookie header (no dependency on cookie-parser). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Set-Cookie value for the session: HttpOnly, SameSite=Lax, Path=/, Secure over HTTPS. */
export function sessionCookie(token: string, opts: { secure: boolean; maxAgeSeconds?: number }): string {
  const parts = [`${SESSION_COOKIE}=${encodeURIComponent(token)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${opts.maxAgeSeconds ?? SESSION_TTL_SECONDS}`];
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearSessionCookie(opts: { secure: boolean }): string {
  return sessionCookie('', { ...opts, maxAgeSeconds: 0 });
}

/**
 * The same functions bound to one secret, built once in the composition root and shared by the
 * dashboard and the chat's "dashboard" command: `signer.createSignInToken({ tenantId, userId })`.
 */
export class TokenSigner {
  constructor(private readonly secret: string) {
    requireSecret(secret);
  }
  createSignInToken(input: CreateTokenInput, now = new Date()): string {
    return createSignInToken(this.secret, input, now);
  }
  createSessionToken(input: CreateTokenInput, now = new Date()): string {
    return createSessionToken(this.secret, input, now);
  }
  verifyToken(token: string | undefined | null, purpose: TokenPurpose, now = new Date()): VerifyResult {
    return verifyToken(this.secret, token, purpose, now);
  }
}
