/**
 * Relay access tokens: `base64url(JSON claims).base64url(HMAC-SHA256(secret, first part))`.
 * Short-lived (they travel in the URL); verified in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ROLES } from '../core/doc/schema.js';
import type { Role } from '../core/doc/schema.js';

export const TokenClaimsSchema = z.object({
  sub: z.string().min(1).max(128),
  role: z.enum(ROLES),
  ns: z.string().min(1).max(128),
  clients: z.array(z.string().max(128)).max(10_000).optional(),
  groups: z.array(z.string().max(128)).max(1_000).optional(),
  /** Expiry and issue time, seconds since the epoch. */
  exp: z.number().int(),
  iat: z.number().int(),
});
export type TokenClaims = z.infer<typeof TokenClaimsSchema>;

/** The claims of a token, read without verifying (the relay verifies them): to skip rooms it would refuse; null when unreadable. */
export function peekClaims(token: string): TokenClaims | null {
  try {
    const parsed = TokenClaimsSchema.safeParse(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

function sign(secret: string | Uint8Array, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

/** Issues a token. `now` in milliseconds, `ttlSeconds` its lifetime. */
export function issueToken(
  secret: string | Uint8Array,
  input: { sub: string; role: Role; ns: string; clients?: string[]; groups?: string[] },
  ttlSeconds: number,
  now: number = Date.now(),
): string {
  const iat = Math.floor(now / 1000);
  const claims: TokenClaims = TokenClaimsSchema.parse({ ...input, iat, exp: iat + Math.max(1, Math.floor(ttlSeconds)) });
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

/** Verifies signature, shape and expiry. */
export function verifyToken(secret: string | Uint8Array, token: string, now: number = Date.now()): VerifyResult {
  if (token.length > 16_384) return { ok: false, reason: 'malformed' };
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return { ok: false, reason: 'malformed' };
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = sign(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = TokenClaimsSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  if (parsed.data.exp * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: parsed.data };
}

/** Parses `8h`, `30m`, `45s`, `2d` or plain seconds; null when malformed. */
export function parseTtl(s: string): number | null {
  const m = /^(\d+)([smhd]?)$/.exec(s.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return n > 0 ? n * unit : null;
}
