/**
 * Schedule operations shared by the CLI and the TUI: build a week (pins kept) and repair after an
 * absence. Each writes its schedule document in one transaction and saves.
 */
import type { IsoWeek } from '../../core/doc/doc-id.js';
import { parseIsoWeek, scheduleDocId } from '../../core/doc/doc-id.js';
import { addOrgRecord } from '../../core/doc/org-doc.js';
import { act } from '../../core/doc/origin.js';
import type { ScheduledVisit } from '../../core/doc/schema.js';
import { createScheduleDoc, listVisits, putVisit, removeVisit } from '../../core/doc/schedule-doc.js';
import type { CareGroupId } from '../../core/ids.js';
import type { Kpis } from '../../core/schedule/kpis.js';
import { isoWeekOf, weekDates } from '../../core/schedule/week/calendar.js';
import type { DayOutcome } from '../../core/schedule/week/plan-week.js';
import { planWeek } from '../../core/schedule/week/plan-week.js';
import { repairDay } from '../../core/schedule/week/repair-day.js';
import type { TaskForWeek } from '../../core/schedule/week/visit-requests.js';
import { buildVisitRequests } from '../../core/schedule/week/visit-requests.js';
import type { Workspace } from '../workspace/workspace.js';
import { loadCatalogues } from '../catalogue/load.js';
import { gatherScheduleInputs } from './gather.js';
import type { TaskLookup } from './gather.js';
import { recentCaregivers } from './history.js';
import type { TaskRules } from '../../core/schedule/week/task-rules.js';
import { NO_TASK_RULES, taskRules } from '../../core/schedule/week/task-rules.js';

/**
 * The qualification a task needs, from the task catalogue (caregiver when the catalogue does not
 * know the task), and whether it is a health professional's task (a referral unless the care group
 * has its own staff with that qualification).
 */
export function qualificationLookup(): TaskLookup {
  const res = loadCatalogues();
  return (code) => {
    const task = res.ok ? res.value.tasks.get(code) : undefined;
    // A bookable day-centre service is an appointment on a room or chair, no carer's task.
    if (!task && res.ok && res.value.services.get(code)?.booking) return { qualification: 'day_centre', healthCare: false };
    return { qualification: task?.qualification ?? 'caregiver', healthCare: task?.healthCare ?? false };
  };
}

/** Two-person tasks and `apart` / `together` rules from the task catalogue; day-centre rooms with their centres. */
export function catalogueTaskRules(): TaskRules {
  const res = loadCatalogues();
  return res.ok ? taskRules(res.value.tasks.values(), res.value.services.values(), res.value.centres.values()) : NO_TASK_RULES;
}

/** Opens (or creates) the schedule document of a week and care group. */
export async function openScheduleDoc(ws: Workspace, week: IsoWeek, group: string) {
  const docId = scheduleDocId(week, group as CareGroupId);
  const opened = await ws.doc(docId);
  if (!opened.ok) return opened;
  if (opened.doc.getMap('meta').get('kind') !== 'schedule') {
    return ws.repo.create(docId, (doc) => createScheduleDoc(doc, week, group as CareGroupId), ws.origin('schedule.create'));
  }
  return opened;
}

export interface GroupWeek {
  readonly group: string;
  readonly week: IsoWeek;
  readonly visits: number;
  readonly assigned: number;
  readonly days: DayOutcome[];
  readonly unclearFrequency: readonly TaskForWeek[];
  readonly withoutLocation: readonly string[];
}

/** Builds the week for the given care groups (all when empty). */
export async function buildWeek(ws: Workspace, week: IsoWeek, groups: readonly string[], options: { seconds: number; seed: number; steps?: number }): Promise<{ ok: true; groups: GroupWeek[] } | { ok: false; reason: string }> {
  const inputs = await gatherScheduleInputs(ws, groups, qualificationLookup());
  if ('error' in inputs) return { ok: false, reason: inputs.error };
  const dates = weekDates(week);
  const rules = catalogueTaskRules();
  const out: GroupWeek[] = [];
  for (const group of inputs.groups) {
    const recent = await recentCaregivers(ws, week, group);
    const clients = inputs.clients.filter((c) => c.careGroupId === group).map((c) => ({ ...c, recentStaffIds: recent.get(c.id) ?? [] }));
    const ids = new Set(clients.map((c) => c.id));
    const { requests, unclearFrequency, withoutLocation } = buildVisitRequests(clients, inputs.tasks.filter((t) => ids.has(t.clientId)), dates, rules);
    const doc = await openScheduleDoc(ws, week, group);
    if (!doc.ok) return { ok: false, reason: `the schedule of ${group} for ${week} cannot be read; run \`apsis doctor\`` };
    const existing = listVisits(doc.doc).records;
    const plan = planWeek({
      dates,
      requests,
      staff: inputs.staff.filter((s) => s.careGroupId === group),
      absences: inputs.absences,
      clients,
      existing,
      seconds: options.seconds / Math.max(1, inputs.groups.length),
      seed: options.seed,
      rules,
      // A step budget instead of the clock: the same plan on a fast machine and a loaded one (as the demo does).
      ...(options.steps === undefined ? { now: () => performance.now() } : { now: () => 0, maxIterations: options.steps }),
    });
    const keep = new Set(plan.visits.map((v) => v.id));
    act(doc.doc, ws.origin('schedule.build'), () => {
      for (const v of existing) if (!keep.has(v.id) && !v.pinned) removeVisit(doc.doc, v.id);
      for (const v of plan.visits) putVisit(doc.doc, v);
    });
    await ws.save();
    out.push({ group, week, visits: plan.visits.length, assigned: plan.visits.filter((v) => v.unassignedReason === '').length, days: plan.days, unclearFrequency, withoutLocation });
  }
  return { ok: true, groups: out };
}

export interface RepairOutcome {
  readonly date: string;
  readonly staffId: string;
  readonly staffName: string;
  readonly changed: ScheduledVisit[];
  readonly unassigned: { visitId: string; reason: string }[];
  readonly kpis: Kpis;
}

/** Records the absence and reassigns the absent person's remaining visits of that day. `from` is `YYYY-MM-DDTHH:MM`. */
export async function repairAbsence(ws: Workspace, staffId: string, from: string, options: { group?: string; seed: number; substitute?: string }): Promise<{ ok: true; value: RepairOutcome } | { ok: false; reason: string }> {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(from);
  if (!m) return { ok: false, reason: `--from must look like 2026-11-23T07:00, not "${from}"` };
  const date = m[1]!;
  const fromMinute = Number(m[2]) * 60 + Number(m[3]);
  const inputs = await gatherScheduleInputs(ws, options.group ? [options.group] : [], qualificationLookup());
  if ('error' in inputs) return { ok: false, reason: inputs.error };
  const who = inputs.staff.find((s) => s.id === staffId);
  if (!who) return { ok: false, reason: `no staff member "${staffId}"` };
  const substitute = options.substitute === undefined ? undefined : inputs.staff.find((s) => s.id === options.substitute);
  if (options.substitute !== undefined && !substitute) return { ok: false, reason: `no staff member "${options.substitute}" to stand in (--substitute)` };
  if (substitute?.id === who.id) return { ok: false, reason: `${who.id} cannot stand in for herself (--substitute)` };
  const group = options.group ?? who.careGroupId;
  if (!group) return { ok: false, reason: `${who.id} belongs to no care group; pass --group` };
  const week = parseIsoWeek(isoWeekOf(date))!;
  const doc = await openScheduleDoc(ws, week, group);
  if (!doc.ok) return { ok: false, reason: `the schedule of ${group} for ${week} cannot be read; run \`apsis doctor\`` };
  const recent = await recentCaregivers(ws, week, group);
  const clients = inputs.clients.map((c) => ({ ...c, recentStaffIds: recent.get(c.id) ?? [] }));
  const result = repairDay({ date, visits: listVisits(doc.doc).records, staff: inputs.staff.filter((s) => s.careGroupId === group), absences: inputs.absences, clients, absentStaffId: who.id, fromMinute, ...(substitute ? { substituteId: substitute.id } : {}), seed: options.seed, now: () => performance.now(), rules: catalogueTaskRules() });
  if (!result.ok) return result;
  const org = await ws.org();
  if (!org.ok) return { ok: false, reason: 'the organisation document cannot be read; run `apsis doctor`' };
  act(org.doc, ws.origin('staff.absent'), () =>
    addOrgRecord(org.doc, 'absences', { id: ws.newId('ab'), staffId: who.id, from, until: `${date}T23:59`, reason: 'prombūtne', substituteId: substitute?.id ?? null }),
  );
  act(doc.doc, ws.origin('schedule.repair'), () => {
    for (const v of result.changed) putVisit(doc.doc, v);
  });
  await ws.save();
  return { ok: true, value: { date, staffId: who.id, staffName: who.name, changed: result.changed, unassigned: result.unassigned, kpis: result.kpis } };
}
