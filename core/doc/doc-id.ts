/** Document ids: one Yjs document (and one relay room) per organisation, client and schedule week/group. */
import type { CareGroupId, ClientId, DocId, StaffId } from '../ids.js';
import { isIdShape } from '../ids.js';

export type DocKind = 'org' | 'client' | 'schedule' | 'volunteer';

export type DocRef =
  | { readonly kind: 'org' }
  | { readonly kind: 'client'; readonly clientId: ClientId }
  | { readonly kind: 'schedule'; readonly week: IsoWeek; readonly careGroupId: CareGroupId }
  /** A volunteer's minimal visit data (core/doc/volunteer-doc.ts). */
  | { readonly kind: 'volunteer'; readonly staffId: StaffId };

/** An ISO week such as `2026-W48`. */
export type IsoWeek = string & { readonly __isoWeek: true };

const WEEK = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;

/** Parses `2026-W48`; null when malformed. */
export function parseIsoWeek(s: string): IsoWeek | null {
  return WEEK.test(s) ? (s as IsoWeek) : null;
}

export const ORG_DOC = 'org' as DocId;

export function clientDocId(id: ClientId): DocId {
  return `client/${id}` as DocId;
}

export function scheduleDocId(week: IsoWeek, group: CareGroupId): DocId {
  return `schedule/${week}/${group}` as DocId;
}

export function volunteerDocId(staffId: StaffId): DocId {
  return `volunteer/${staffId}` as DocId;
}

/** Parses a document id back into what it names; null for anything else (e.g. a hostile room name). */
export function parseDocId(s: string): DocRef | null {
  if (s === 'org') return { kind: 'org' };
  const parts = s.split('/');
  if (parts[0] === 'client' && parts.length === 2 && isIdShape(parts[1]!)) {
    return { kind: 'client', clientId: parts[1] as ClientId };
  }
  if (parts[0] === 'volunteer' && parts.length === 2 && isIdShape(parts[1]!)) {
    return { kind: 'volunteer', staffId: parts[1] as StaffId };
  }
  if (parts[0] === 'schedule' && parts.length === 3) {
    const week = parseIsoWeek(parts[1]!);
    if (week && isIdShape(parts[2]!)) return { kind: 'schedule', week, careGroupId: parts[2] as CareGroupId };
  }
  return null;
}

export function docIdOf(ref: DocRef): DocId {
  switch (ref.kind) {
    case 'org':
      return ORG_DOC;
    case 'client':
      return clientDocId(ref.clientId);
    case 'schedule':
      return scheduleDocId(ref.week, ref.careGroupId);
    case 'volunteer':
      return volunteerDocId(ref.staffId);
    default: {
      const never: never = ref;
      throw new Error(`unknown doc ref ${JSON.stringify(never)}`);
    }
  }
}
