/** Collects what scheduling needs from a workspace: staff, absences, the group's clients and their plan tasks. */
import { listClientRecords, readProfile } from '../../core/doc/client-doc.js';
import { listOrgRecords } from '../../core/doc/org-doc.js';
import type { Absence, Staff } from '../../core/doc/schema.js';
import type { ClientForWeek, TaskForWeek } from '../../core/schedule/week/visit-requests.js';
import type { Workspace } from '../workspace/workspace.js';

export interface ScheduleInputs {
  readonly staff: Staff[];
  readonly absences: Absence[];
  readonly groups: string[];
  readonly clients: ClientForWeek[];
  readonly tasks: TaskForWeek[];
  /** Clients that could not be read (named, so the coordinator can run `apsis doctor`). */
  readonly unreadable: string[];
}

/** What the task catalogue says of a task code: the qualification it needs, and whether it is health care. */
export type TaskLookup = (taskCode: string) => { readonly qualification: string; readonly healthCare: boolean };

/**
 * Gathers inputs for `groups` (all care groups when empty). A health-care task (a nurse's) is
 * scheduled only when the client's care group has active staff with its qualification; otherwise it
 * is a referral to health care and no visit of ours.
 */
export async function gatherScheduleInputs(ws: Workspace, groups: readonly string[], taskOf: TaskLookup): Promise<ScheduleInputs | { error: string }> {
  const org = await ws.org();
  if (!org.ok) return { error: 'the organisation document cannot be read; run `apsis doctor`' };
  const staff = listOrgRecords(org.doc, 'staff').records;
  const absences = listOrgRecords(org.doc, 'absences').records;
  const known = listOrgRecords(org.doc, 'careGroups').records.map((g) => g.id);
  for (const g of groups) if (!known.includes(g)) return { error: `no care group "${g}" (known: ${known.join(', ') || 'none'})` };
  const wanted = new Set(groups.length > 0 ? groups : known);
  const clients: ClientForWeek[] = [];
  const tasks: TaskForWeek[] = [];
  const unreadable: string[] = [];
  for (const row of ws.caseload()) {
    if (row.status !== 'active' || !row.careGroupId || !wanted.has(row.careGroupId)) continue;
    const doc = await ws.client(row.id);
    if (!doc.ok) {
      unreadable.push(row.id);
      continue;
    }
    const profile = readProfile(doc.doc);
    if (!profile.ok) {
      unreadable.push(row.id);
      continue;
    }
    const p = profile.value;
    clients.push({ id: row.id, location: p.location, careGroupId: p.careGroupId, declinedStaffIds: p.declinedStaffIds, preferredStaffIds: p.preferredStaffIds });
    const activePlans = new Set(listClientRecords(doc.doc, 'plans').records.filter((pl) => pl.status === 'active').map((pl) => pl.id));
    for (const item of listClientRecords(doc.doc, 'planItems').records) {
      if (!activePlans.has(item.planId) || !item.taskCode || item.durationMin <= 0) continue;
      const { qualification, healthCare } = taskOf(item.taskCode);
      if (healthCare && !staff.some((s) => s.active && s.careGroupId === row.careGroupId && s.qualifications.includes(qualification))) continue;
      tasks.push({ clientId: row.id, taskCode: item.taskCode, frequency: item.frequency, timeOfDay: item.timeOfDay, durationMin: item.durationMin, qualification, ...(healthCare ? { healthCare } : {}) });
    }
  }
  return { staff, absences, groups: [...wanted].sort(), clients, tasks, unreadable };
}
