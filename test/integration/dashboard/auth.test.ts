// Sign-in tokens: HMAC-signed, expiring, bound to a purpose, refused when touched.
import { describe, expect, it } from 'vitest';
import { createSessionToken, createSignInToken, readCookie, sessionCookie, signToken, TokenSigner, verifyToken } from '../../../src/server/auth.ts';

const SECRET = 'unit-secret-0123456789abcdef';
const now = new Date('2025-03-01T10:00:00Z');

describe('sign-in tokens', () => {
  it('round-trips tenant and user until it expires', () => {
    const token = createSignInToken(SECRET, { tenantId: 'demo', userId: 'demo-manager', ttlSeconds: 60 }, now);
    expect(verifyToken(SECRET, token, 'signin', new Date(now.getTime() + 59_000))).toEqual({
      ok: true, claims: { tenantId: 'demo', userId: 'demo-manager', purpose: 'signin', exp: now.getTime() / 1000 + 60, nonce: expect.stringMatching(/^[\w-]{22}$/) },
    });
    expect(verifyToken(SECRET, token, 'signin', new Date(now.getTime() + 60_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('defaults sign-in links to five minutes and sessions to twelve hours', () => {
    const s = verifyToken(SECRET, createSignInToken(SECRET, { tenantId: 't', userId: 'u' }, now), 'signin', now);
    expect(s.ok && s.claims.exp - now.getTime() / 1000).toBe(300);
    const c = verifyToken(SECRET, createSessionToken(SECRET, { tenantId: 't', userId: 'u' }, now), 'session', now);
    expect(c.ok && c.claims.exp - now.getTime() / 1000).toBe(12 * 3600);
  });

  it('refuses another secret, a changed payload, the wrong purpose and garbage', () => {
    const token = createSignInToken(SECRET, { tenantId: 'demo', userId: 'demo-rep-en' }, now);
    expect(verifyToken('another-secret-0123456789', token, 'signin', now)).toEqual({ ok: false, reason: 'bad_signature' });
    const [, sig] = token.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ t: 'demo', u: 'demo-admin', p: 'signin', e: 9e9 })).toString('base64url');
    expect(verifyToken(SECRET, `${forgedBody}.${sig}`, 'signin', now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyToken(SECRET, token, 'session', now)).toEqual({ ok: false, reason: 'wrong_purpose' });
    for (const bad of ['', 'abc', 'a.b.c', '.', undefined, null, 'x'.repeat(5000)]) {
      expect(verifyToken(SECRET, bad, 'signin', now).ok).toBe(false);
    }
    const notJson = signToken(SECRET, { tenantId: 't', userId: 'u', purpose: 'signin', exp: 1 }).replace(/^[^.]+/, 'bm90IGpzb24');
    expect(verifyToken(SECRET, notJson, 'signin', now).ok).toBe(false);
  });

  it('requires a real secret and sane lifetimes', () => {
    expect(() => createSignInToken('short', { tenantId: 't', userId: 'u' })).toThrow(/at least 16/);
    expect(() => new TokenSigner('')).toThrow(/RAPPORT_SECRET/);
    expect(() => createSignInToken(SECRET, { tenantId: 't', userId: 'u', ttlSeconds: 0 })).toThrow(RangeError);
    expect(() => createSignInToken(SECRET, { tenantId: '', userId: 'u' })).toThrow(TypeError);
  });

  it('writes and reads the session cookie', () => {
    const signer = new TokenSigner(SECRET);
    const token = signer.createSessionToken({ tenantId: 'demo', userId: 'demo-admin' });
    const header = sessionCookie(token, { secure: true });
    expect(header).toBe(`rapport_session=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure`);
    expect(readCookie(`a=1; rapport_session=${token}; b=2`, 'rapport_session')).toBe(token);
    expect(readCookie('a=1', 'rapport_session')).toBeUndefined();
    expect(signer.verifyToken(token, 'session').ok).toBe(true);
  });
});
