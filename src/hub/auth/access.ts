// A token's claims are a snapshot from login; the user record is the authority. Every HTTP route and
// every socket command asks `liveAccess` about the CURRENT record: a disabled account or a role that
// changed since the token was issued is refused (log in again), so a demoted admin's 8-hour token
// stops working the moment the role changes, not when it expires.
import type { Actor } from '../context';
import type { HubStore, UserRecord } from '../store/types';
import { verifyToken, type TokenClaims } from './token';

export type AccessCheck = { ok: true; actor: Actor; user: UserRecord } | { ok: false; reason: string };

/** Whether the holder of these claims may still act, judged by the user record as it is now. */
export function checkAccess(
  user: UserRecord | undefined,
  claims: Pick<TokenClaims, 'sub' | 'role'>,
): AccessCheck {
  if (!user) return { ok: false, reason: 'unknown user: log in again' };
  if (user.disabled) return { ok: false, reason: 'this account is disabled' };
  if (user.role !== claims.role)
    return { ok: false, reason: `your role changed (now ${user.role}): log in again` };
  return { ok: true, actor: { id: user.id, role: user.role, name: user.name }, user };
}

/** Verifies a bearer token and then the current user record (one store read). */
export async function authenticateToken(
  store: HubStore,
  secret: string,
  token: string | null,
): Promise<AccessCheck & { claims?: TokenClaims }> {
  if (!token) return { ok: false, reason: 'a token is required (Authorization: Bearer …)' };
  const v = verifyToken(secret, token);
  if (!v.ok)
    return {
      ok: false,
      reason:
        v.reason === 'expired'
          ? 'token expired: log in again'
          : `invalid token (${v.reason.replace('_', ' ')})`,
    };
  return { ...checkAccess(await store.getUser(v.claims.sub), v.claims), claims: v.claims };
}

/** Whether a change to a user takes away what their open sessions were allowed to do. */
export function accessChanged(before: UserRecord | undefined, after: UserRecord | undefined): boolean {
  if (!before) return false;
  return !after || Boolean(after.disabled) !== Boolean(before.disabled) || after.role !== before.role;
}
