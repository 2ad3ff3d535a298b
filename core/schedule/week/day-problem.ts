/**
 * One day of one care group as a routing problem: the staff who work that day (absences cut or
 * remove their shift), the day's visits with their windows and qualifications, coordinators' pins,
 * and travel between homes from coordinates.
 */
import type { Absence, ScheduledVisit, Staff as StaffRecord } from '../../doc/schema.js';
import type { Problem, Staff, Visit } from '../model.js';
import { DEFAULT_OBJECTIVE } from '../model.js';
import { createHaversineMatrix } from '../travel.js';
import type { GeoPoint } from '../travel.js';
import { isoWeekday } from './calendar.js';
import { windowOf } from './time-of-day.js';
import type { ClientForWeek, VisitRequest } from './visit-requests.js';

export interface DayProblem {
  readonly date: string;
  readonly problem: Problem;
  /** Request of each problem visit (same index). */
  readonly requests: readonly VisitRequest[];
  /** Staff record of each problem staff member (same index). */
  readonly staff: readonly StaffRecord[];
}

export interface DayInput {
  readonly date: string;
  readonly requests: readonly VisitRequest[];
  readonly staff: readonly StaffRecord[];
  readonly absences: readonly Absence[];
  readonly clients: ReadonlyMap<string, ClientForWeek>;
  /** Visits already in the schedule document: pinned ones keep their staff member and start. */
  readonly existing: ReadonlyMap<string, ScheduledVisit>;
  readonly travel?: { readonly roadFactor: number; readonly speedKmh: number };
}

function minutesOf(dateTime: string): number {
  const m = /T(\d{2}):(\d{2})/.exec(dateTime);
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
}

/** The part of a shift left after absences on `date`; null when the whole day is off. */
export function availableShift(s: StaffRecord, date: string, absences: readonly Absence[]): { start: number; end: number } | null {
  if (!s.active || !s.workDays.includes(isoWeekday(date))) return null;
  let { start, end } = s.shift;
  for (const a of absences) {
    if (a.staffId !== s.id) continue;
    const from = a.from.slice(0, 10);
    const until = a.until.slice(0, 10);
    if (date < from || date > until) continue;
    const offFrom = date === from ? minutesOf(a.from) : 0;
    const offUntil = date === until ? minutesOf(a.until) : 24 * 60;
    if (offFrom <= start && offUntil >= end) return null;
    if (offFrom <= start) start = Math.max(start, offUntil);
    else end = Math.min(end, offFrom);
  }
  return end > start ? { start, end } : null;
}

function centre(points: readonly GeoPoint[]): GeoPoint {
  if (points.length === 0) return { lat: 56.6, lon: 25.25 };
  return { lat: points.reduce((s, p) => s + p.lat, 0) / points.length, lon: points.reduce((s, p) => s + p.lon, 0) / points.length };
}

/** Builds the day's problem. Declined caregivers are kept away by an eligibility skill per such client. */
export function buildDayProblem(input: DayInput): DayProblem {
  const staff = input.staff.filter((s) => s.roles.includes('caregiver') && availableShift(s, input.date, input.absences) !== null);
  const requests = input.requests.filter((r) => input.clients.get(r.clientId)?.location);
  const clientPoints = requests.map((r) => input.clients.get(r.clientId)!.location!);
  const middle = centre(clientPoints);
  const points: GeoPoint[] = [...staff.map((s) => s.home ?? middle), ...clientPoints];
  const travel = createHaversineMatrix(points, input.travel ?? { roadFactor: 1.3, speedKmh: 35 });
  const declinedBy = new Map<string, Set<string>>();
  for (const r of requests) {
    const declined = input.clients.get(r.clientId)?.declinedStaffIds ?? [];
    if (declined.length > 0) declinedBy.set(r.clientId, new Set(declined));
  }
  const problemStaff: Staff[] = staff.map((s, i) => {
    const shift = availableShift(s, input.date, input.absences)!;
    const eligible = [...declinedBy.entries()].filter(([, set]) => !set.has(s.id)).map(([client]) => `client-ok:${client}`);
    return { id: s.id, startLocation: i, endLocation: i, shift, skills: [...s.qualifications, ...eligible], capacity: Infinity };
  });
  const visits: Visit[] = requests.map((r, k) => {
    const window = windowOf(r.slot);
    const existing = input.existing.get(r.id);
    const pinnedStaff = existing?.pinned ? staff.findIndex((s) => s.id === existing.staffIds[0]) : -1;
    const pin = existing?.pinned ? { ...(pinnedStaff >= 0 ? { staff: pinnedStaff } : {}), start: existing.start } : undefined;
    return {
      id: r.id,
      location: staff.length + k,
      windows: pin?.start !== undefined ? [{ start: pin.start, end: pin.start }] : window ? [window] : [],
      duration: r.durationMin,
      skills: [...r.qualifications, ...(declinedBy.has(r.clientId) ? [`client-ok:${r.clientId}`] : [])],
      demand: 0,
      clientId: r.clientId,
      ...(pin ? { pin } : {}),
    };
  });
  return {
    date: input.date,
    problem: { visits, staff: problemStaff, syncs: [], travel, objective: { ...DEFAULT_OBJECTIVE, distance: 1, overtime: 2 } },
    requests,
    staff,
  };
}
