// Access tokens: a JWT (RFC 7519) signed with HMAC-SHA256 via node:crypto. The algorithm is pinned —
// the header must be exactly {alg:HS256, typ:JWT}; iss, aud and exp are always checked (RFC 8725).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../shared/domain';

export const TOKEN_ISSUER = 'xiaoer-hub';
export const TOKEN_AUDIENCE = 'xiaoer-desk';

export interface TokenClaims {
  sub: string;
  role: Role;
  name: string;
  iat: number;
  exp: number;
  iss: string;
  aud: string;
}

export type VerifyResult =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'bad_header' | 'expired' | 'bad_claims' };

const b64url = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');
const HEADER = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export function signToken(
  secret: string,
  claims: Omit<TokenClaims, 'iss' | 'aud' | 'iat'> & { iat?: number },
): string {
  const body: TokenClaims = {
    iss: TOKEN_ISSUER,
    aud: TOKEN_AUDIENCE,
    iat: claims.iat ?? Math.floor(Date.now() / 1000),
    ...claims,
  } as TokenClaims;
  const payload = b64url(JSON.stringify(body));
  const sig = createHmac('sha256', secret).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${sig}`;
}

export function verifyToken(secret: string, token: string, nowMs = Date.now()): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [h, p, s] = parts as [string, string, string];
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const hd = header as Record<string, unknown>;
  if (
    !hd ||
    typeof hd !== 'object' ||
    hd.alg !== 'HS256' ||
    hd.typ !== 'JWT' ||
    Object.keys(hd).length !== 2
  ) {
    return { ok: false, reason: 'bad_header' };
  }
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad_signature' };
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (
    typeof claims.sub !== 'string' ||
    !['agent', 'lead', 'admin'].includes(claims.role) ||
    typeof claims.exp !== 'number' ||
    claims.iss !== TOKEN_ISSUER ||
    claims.aud !== TOKEN_AUDIENCE
  ) {
    return { ok: false, reason: 'bad_claims' };
  }
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
