/**
 * A volunteer's own document (`volunteer/<staffId>`): only what she needs to do her visits — the
 * client's first name and address, the visit times and the tasks — and nothing health-related.
 * Derived on a coordinator's workspace from the schedule documents (each entry remembers which
 * schedule it came from) and the client profiles; it is the only room a volunteer token may read.
 */
import type * as Y from 'yjs';
import type { DocId, StaffId } from '../ids.js';
import { stampMeta } from './meta.js';
import { collection, deleteRecord, insertRecord, listRecords, patchRecord } from './records.js';
import type { ClientProfile, ScheduledVisit, Staff, VolunteerVisit } from './schema.js';
import { VolunteerVisitSchema } from './schema.js';

const VISITS = 'visits';

/** Whether a staff member gets a volunteer document. */
export function isVolunteer(staff: Staff): boolean {
  return staff.roles.includes('volunteer');
}

/** The minimal visits of one volunteer in one schedule document (clients without a profile are skipped). */
export function deriveVolunteerVisits(staffId: StaffId, source: DocId, visits: readonly ScheduledVisit[], profiles: ReadonlyMap<string, ClientProfile>): VolunteerVisit[] {
  const out: VolunteerVisit[] = [];
  for (const v of visits) {
    if (!v.staffIds.includes(staffId)) continue;
    const p = profiles.get(v.clientId);
    if (!p) continue;
    out.push({ id: v.id, source, clientId: v.clientId, clientFirstName: p.givenName, address: p.address, date: v.date, start: v.start, durationMin: v.durationMin, taskCodes: [...v.taskCodes] });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Initialises a volunteer document (inside the creating transaction). */
export function createVolunteerDoc(doc: Y.Doc, staffId: StaffId): void {
  stampMeta(doc, 'volunteer');
  doc.getMap('meta').set('staffId', staffId);
}

/** The visits in a volunteer document, sorted by id, and the issues of invalid entries. */
export function listVolunteerVisits(doc: Y.Doc): ReturnType<typeof listRecords<typeof VolunteerVisitSchema>> {
  return listRecords(doc, VISITS, VolunteerVisitSchema);
}

/**
 * Replaces the entries derived from `source` by `visits` (call inside one transaction): changed
 * fields are patched, entries no longer there removed. Returns whether anything changed.
 */
export function replaceVolunteerVisits(doc: Y.Doc, source: DocId, visits: readonly VolunteerVisit[]): boolean {
  const coll = collection(doc, VISITS);
  const keep = new Set(visits.map((v) => v.id));
  let changed = false;
  for (const [vid, rec] of coll) {
    if (rec.get('source') === source && !keep.has(vid)) changed = deleteRecord(doc, VISITS, vid) || changed;
  }
  for (const v of visits) {
    const { id: vid, ...fields } = v;
    const rec = coll.get(vid);
    if (!rec) {
      insertRecord(doc, VISITS, vid, fields);
      changed = true;
    } else {
      const diff = Object.fromEntries(Object.entries(fields).filter(([k, val]) => JSON.stringify(rec.get(k)) !== JSON.stringify(val)));
      if (Object.keys(diff).length > 0) changed = patchRecord(doc, VISITS, vid, diff) || changed;
    }
  }
  return changed;
}

/** Refreshes first name and address of one client in every entry (after a profile change). */
export function patchVolunteerClient(doc: Y.Doc, clientId: string, profile: Pick<ClientProfile, 'givenName' | 'address'>): boolean {
  let changed = false;
  for (const [vid, rec] of collection(doc, VISITS)) {
    if (rec.get('clientId') !== clientId) continue;
    if (rec.get('clientFirstName') === profile.givenName && rec.get('address') === profile.address) continue;
    patchRecord(doc, VISITS, vid, { clientFirstName: profile.givenName, address: profile.address });
    changed = true;
  }
  return changed;
}

/** Whether replacing/patching would change anything (no-op transactions still register a session, so skip them). */
export function volunteerDocDiffers(doc: Y.Doc, per: readonly (readonly [DocId, readonly VolunteerVisit[]])[], clients: ReadonlyMap<string, Pick<ClientProfile, 'givenName' | 'address'>>): boolean {
  const current = listVolunteerVisits(doc).records;
  const key = (vs: readonly VolunteerVisit[]) => JSON.stringify([...vs].sort((a, b) => (a.id < b.id ? -1 : 1)).map((v) => Object.entries(v).sort()));
  for (const [source, visits] of per) if (key(current.filter((v) => v.source === source)) !== key(visits)) return true;
  for (const v of current) {
    const p = clients.get(v.clientId);
    if (p && (p.givenName !== v.clientFirstName || p.address !== v.address)) return true;
  }
  return false;
}
