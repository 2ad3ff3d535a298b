/**
 * Keeps each volunteer's own document (core/doc/volunteer-doc.ts) in step with the schedules, on
 * the workspace that changes them: called when a workspace saves, for the documents it changed.
 * A changed schedule replaces the entries derived from it; a changed client profile refreshes first
 * name and address. Volunteers sync only that document, so they never hold a client's e-file.
 */
import type * as Y from 'yjs';
import { readProfile } from '../../core/doc/client-doc.js';
import { ORG_DOC, clientDocId, parseDocId, volunteerDocId } from '../../core/doc/doc-id.js';
import { readMeta } from '../../core/doc/meta.js';
import { listOrgRecords } from '../../core/doc/org-doc.js';
import type { LocalOrigin } from '../../core/doc/origin.js';
import { listVisits } from '../../core/doc/schedule-doc.js';
import type { ClientProfile, Role } from '../../core/doc/schema.js';
import { createVolunteerDoc, deriveVolunteerVisits, isVolunteer, patchVolunteerClient, replaceVolunteerVisits, volunteerDocDiffers } from '../../core/doc/volunteer-doc.js';
import type { ClientId, DocId, StaffId } from '../../core/ids.js';
import type { DocRepo } from '../../core/store/doc-repo.js';

/** What of a workspace this needs (kept narrow: the workspace calls it from `save`). */
export interface VolunteerDocHost {
  readonly repo: DocRepo;
  readonly user: { readonly role: Role };
  origin(action: string): LocalOrigin;
}

/** Roles whose workspaces write volunteer documents (those that may write every room). */
const WRITERS: ReadonlySet<Role> = new Set(['coordinator', 'manager', 'social_worker', 'trainer']);

async function openOk(repo: DocRepo, docId: DocId): Promise<Y.Doc | null> {
  const r = await repo.get(docId);
  return r.ok ? r.doc : null;
}

/** Whether any of the changed documents can affect a volunteer document on this workspace (checked without waiting). */
export function affectsVolunteerDocs(role: Role, changed: Iterable<DocId>): boolean {
  if (!WRITERS.has(role)) return false;
  for (const d of changed) {
    const kind = parseDocId(d)?.kind;
    if (kind === 'schedule' || kind === 'client') return true;
  }
  return false;
}

/** Updates volunteer documents for the changed documents; returns the volunteer documents it changed. */
export async function refreshVolunteerDocs(host: VolunteerDocHost, changed: readonly DocId[]): Promise<DocId[]> {
  if (!affectsVolunteerDocs(host.user.role, changed)) return [];
  const schedules = changed.filter((d) => parseDocId(d)?.kind === 'schedule');
  const clients = changed.map((d) => parseDocId(d)).flatMap((r) => (r?.kind === 'client' ? [r.clientId] : []));
  if (schedules.length === 0 && clients.length === 0) return [];
  const org = await openOk(host.repo, ORG_DOC);
  if (!org || readMeta(org).kind !== 'org') return [];
  const volunteers = listOrgRecords(org, 'staff').records.filter(isVolunteer).map((s) => s.id as StaffId);
  if (volunteers.length === 0) return [];

  const profiles = new Map<string, ClientProfile>();
  const profileOf = async (id: string) => {
    if (profiles.has(id)) return;
    const doc = await openOk(host.repo, clientDocId(id as ClientId));
    const p = doc ? readProfile(doc) : null;
    if (p?.ok) profiles.set(id, p.value);
  };
  const derived = new Map<DocId, ReturnType<typeof listVisits>['records']>();
  for (const s of schedules) {
    const doc = await openOk(host.repo, s);
    if (!doc) continue;
    const visits = listVisits(doc).records.filter((v) => v.staffIds.some((id) => volunteers.includes(id as StaffId)));
    for (const v of visits) await profileOf(v.clientId);
    derived.set(s, visits);
  }
  for (const c of clients) await profileOf(c);

  const out: DocId[] = [];
  for (const staffId of volunteers) {
    const docId = volunteerDocId(staffId);
    const doc = await openOk(host.repo, docId);
    if (!doc) continue;
    const exists = readMeta(doc).kind === 'volunteer';
    const per = [...derived].map(([s, visits]) => [s, deriveVolunteerVisits(staffId, s, visits, profiles)] as const);
    if (!exists && per.every(([, v]) => v.length === 0)) continue;
    const changedClients = new Map(clients.flatMap((c) => (profiles.has(c) ? [[c, profiles.get(c)!] as const] : [])));
    if (exists && !volunteerDocDiffers(doc, per, changedClients)) continue;
    let wrote = false;
    // One transaction per volunteer document: one update, one history entry.
    doc.transact(() => {
      if (!exists) {
        createVolunteerDoc(doc, staffId);
        wrote = true;
      }
      for (const [s, visits] of per) wrote = replaceVolunteerVisits(doc, s, visits) || wrote;
      for (const c of clients) {
        const p = profiles.get(c);
        if (p) wrote = patchVolunteerClient(doc, c, p) || wrote;
      }
    }, host.origin('volunteer.refresh'));
    if (wrote) out.push(docId);
  }
  return out;
}
