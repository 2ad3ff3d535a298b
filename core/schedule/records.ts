/**
 * The bridge between solver plans and the schedule documents: a plan becomes one record per
 * product visit ({visitId, staffIds, day, start, pinned}); pinned records become solver pins.
 * A visit that needs two caregivers is two solver visits sharing `partOf`, merged here.
 */
import { asId } from '../ids.js';
import type { StaffId, VisitId } from '../ids.js';
import type { Problem, Solution, Visit } from './model.js';

export interface ScheduleRecord {
  readonly visitId: VisitId;
  /** One id, or two when two caregivers come at once (in the order of the halves). */
  readonly staffIds: readonly StaffId[];
  readonly day: string;
  /** Start of service, in the problem's time unit (minutes of the day for care). */
  readonly start: number;
  readonly pinned: boolean;
}

/** Turns a plan into schedule records for `day` (unassigned visits are not records). */
export function toRecords(problem: Problem, plan: Solution, day: string): ScheduleRecord[] {
  const byProductVisit = new Map<string, { staff: StaffId[]; start: number; pinned: boolean; order: number }>();
  for (const route of plan.routes) {
    const staffId = asId<'StaffId'>(problem.staff[route.staff]?.id ?? String(route.staff));
    for (const stop of route.stops) {
      const v = problem.visits[stop.visit];
      if (!v) continue;
      const key = v.partOf ?? v.id;
      const entry = byProductVisit.get(key) ?? { staff: [], start: stop.start, pinned: false, order: stop.visit };
      entry.start = Math.min(entry.start, stop.start);
      entry.pinned ||= v.pin !== undefined;
      if (stop.visit < entry.order) {
        entry.staff.unshift(staffId);
        entry.order = stop.visit;
      } else entry.staff.push(staffId);
      byProductVisit.set(key, entry);
    }
  }
  return [...byProductVisit.entries()].map(([id, e]) => ({ visitId: asId<'VisitId'>(id), staffIds: e.staff, day, start: e.start, pinned: e.pinned }));
}

/**
 * Applies the pinned records to a problem: each pinned visit keeps its staff member and start.
 * Records of unknown visits or staff are ignored (the coordinator's data may be older than the plan).
 */
export function applyPins(problem: Problem, records: readonly ScheduleRecord[]): Problem {
  const pinned = new Map<string, ScheduleRecord>();
  for (const r of records) if (r.pinned) pinned.set(r.visitId, r);
  if (pinned.size === 0) return problem;
  const staffIndex = new Map(problem.staff.map((s, i) => [s.id, i]));
  const halfIndex = new Map<string, number>();
  const visits: Visit[] = problem.visits.map((v) => {
    const key = v.partOf ?? v.id;
    const rec = pinned.get(key);
    if (!rec) return v;
    const half = halfIndex.get(key) ?? 0;
    halfIndex.set(key, half + 1);
    const staffId = rec.staffIds[half] ?? rec.staffIds[0];
    const staff = staffId !== undefined ? staffIndex.get(staffId) : undefined;
    return { ...v, pin: { ...(staff !== undefined ? { staff } : {}), start: rec.start } };
  });
  return { ...problem, visits };
}
