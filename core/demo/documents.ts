/**
 * The documents of a demo world: each filled in one transaction from the generated plain data, plus
 * what scheduling needs from a client, read from the same data (the rules of cli/schedule/gather.ts).
 * Pure: the caller creates the Y.Doc (and chooses its clientID) and stores the update.
 */
import type * as Y from 'yjs';
import { createClientDoc } from '../doc/client-doc.js';
import type { ClientCollection } from '../doc/client-doc.js';
import { insertRecord } from '../doc/records.js';
import type { DocId } from '../ids.js';
import type { ClientId } from '../ids.js';
import { parseDocId } from '../doc/doc-id.js';
import { addOrgRecord, createOrgDoc } from '../doc/org-doc.js';
import type { ClientForWeek, TaskForWeek } from '../schedule/week/visit-requests.js';
import type { DemoCare } from './care.js';
import type { DemoClient, DemoWorld } from './world.js';

/** Generated data must be valid; if not, it is a bug in the generator. */
function must(res: { ok: boolean; issues?: readonly { path: string; message: string }[] }): void {
  if (!res.ok) throw new Error(`demo generator produced invalid data: ${JSON.stringify(res.issues)}`);
}

/**
 * Fills a fresh client document with its profile, GP statements and care records. Call inside one
 * transaction. The records are typed generator output, not input from a boundary: they are written
 * as they are (the tests check every generated record against the schemas), which halves the cost.
 */
export function fillClientDoc(doc: Y.Doc, c: DemoClient, records: DemoCare | undefined): void {
  createClientDoc(doc, c.id as ClientId, c.profile);
  const put = (coll: ClientCollection, list: readonly { id: string }[]) => {
    for (const r of list) insertRecord(doc, coll, r.id, r as unknown as Record<string, unknown>);
  };
  put('gpStatements', c.gpStatements);
  if (!records) return;
  put('assessments', records.assessments);
  put('plans', records.plans);
  put('planItems', records.planItems);
  put('visitRecords', records.visitRecords);
  put('taskRecords', records.taskRecords);
  put('observations', records.observations);
  put('alerts', records.alerts);
}

/**
 * Fills a fresh organisation document: settings, care groups, staff, absences, and the index of
 * every other document (so a trainee's laptop that joins through a relay finds them all).
 */
export function fillOrgDoc(doc: Y.Doc, world: DemoWorld, docIds: readonly DocId[]): void {
  createOrgDoc(doc, { ...world.settings, demo: true });
  for (const g of world.careGroups) must(addOrgRecord(doc, 'careGroups', g));
  for (const s of world.staff) must(addOrgRecord(doc, 'staff', s));
  for (const a of world.absences) must(addOrgRecord(doc, 'absences', a));
  const index = doc.getMap<string>('docIndex');
  for (const d of [...docIds].sort()) {
    const ref = parseDocId(d);
    if (ref && ref.kind !== 'org') index.set(d, ref.kind);
  }
}

/**
 * What the week's scheduling needs from one client: active plans' tasks. `taskOf` says what the
 * catalogue says of a task; a health-care task is a visit only when `groupHas` its qualification
 * (the care group's own nurse), otherwise a referral — the same rule as `apsis schedule build`.
 */
export function scheduleInputsOf(
  c: DemoClient,
  records: DemoCare | undefined,
  taskOf: (taskCode: string) => { readonly qualification: string; readonly healthCare: boolean },
  groupHas: (qualification: string) => boolean,
): { client: ClientForWeek; tasks: TaskForWeek[] } {
  const p = c.profile;
  const client: ClientForWeek = { id: c.id, location: p.location, careGroupId: p.careGroupId, declinedStaffIds: p.declinedStaffIds, preferredStaffIds: p.preferredStaffIds };
  const tasks: TaskForWeek[] = [];
  if (!records || p.status !== 'active') return { client, tasks };
  const active = new Set(records.plans.filter((pl) => pl.status === 'active').map((pl) => pl.id));
  for (const item of [...records.planItems].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!active.has(item.planId) || !item.taskCode || item.durationMin <= 0) continue;
    const { qualification, healthCare } = taskOf(item.taskCode);
    if (healthCare && !groupHas(qualification)) continue;
    tasks.push({ clientId: c.id, taskCode: item.taskCode, frequency: item.frequency, timeOfDay: item.timeOfDay, durationMin: item.durationMin, qualification, ...(healthCare ? { healthCare } : {}) });
  }
  return { client, tasks };
}
