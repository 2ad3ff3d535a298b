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
      if (ref.kind === 'volunteer') return 'none';
      if (ref.kind === 'client') return claims.clients?.includes(ref.clientId) ? 'read-write' : 'none';
      if (ref.kind === 'schedule') return claims.groups?.includes(ref.careGroupId) ? 'read-only' : 'none';
      return 'read-only';
    case 'volunteer':
      // Only her own derived document (core/doc/volunteer-doc.ts): never a client's e-file.
      return ref.kind === 'volunteer' && ref.staffId === claims.sub ? 'read-only' : 'none';
    default:
      return 'none';
  }
}

/** Roles that may approve an assessment (the second pair of eyes). */
export const APPROVER_ROLES: ReadonlySet<string> = new Set(['manager', 'coordinator']);
