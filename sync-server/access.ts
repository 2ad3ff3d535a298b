/** Who may open which room, and whether they may write there (role × room). */
import type { TokenClaims } from './token.js';
import type { RoomName } from './room.js';
import { isDemoNamespace } from './room.js';

export type Access = 'read-write' | 'read-only' | 'none';

export function accessFor(claims: TokenClaims, room: RoomName): Access {
  if (claims.role === 'trainer') return isDemoNamespace(room.namespace) && claims.ns === room.namespace ? 'read-write' : 'none';
  if (claims.ns !== room.namespace) return 'none';
  const ref = room.ref;
  switch (claims.role) {
    case 'coordinator':
    case 'manager':
    case 'social_worker':
      return 'read-write';
    case 'auditor':
      return 'read-only';
    case 'caregiver':
      if (ref.kind === 'client') return claims.clients?.includes(ref.clientId) ? 'read-write' : 'none';
      if (ref.kind === 'schedule') return claims.groups?.includes(ref.careGroupId) ? 'read-only' : 'none';
      return 'read-only';
    case 'volunteer':
      return ref.kind === 'client' && claims.clients?.includes(ref.clientId) ? 'read-only' : 'none';
    default:
      return 'none';
  }
}

/** Roles that may approve an assessment (the second pair of eyes). */
export const APPROVER_ROLES: ReadonlySet<string> = new Set(['manager', 'coordinator']);
