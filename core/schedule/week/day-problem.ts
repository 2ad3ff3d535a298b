/**
 * One day of one care group as a routing problem: the staff who work that day (absences cut or
 * remove their shift) with their lunch break, the day's visits with their windows and
 * qualifications, two halves for a visit that needs two people at once, `apart` and `together`
 * rules between a client's visits, declined and preferred caregivers (the client's choice and who
 * came in the last weeks), coordinators' pins, and travel between homes from coordinates.
 */
import type { Absence, ScheduledVisit, Staff as StaffRecord } from '../../doc/schema.js';
import type { Problem, Resource, Staff, SyncConstraint, Visit } from '../model.js';
import { DEFAULT_OBJECTIVE } from '../model.js';
import { isoWeekday } from './calendar.js';
import { lunchBreak } from './lunch.js';
import { placesOf } from './places.js';
import type { Places } from './places.js';
import type { TaskRules } from './task-rules.js';
import { NO_TASK_RULES, hoursOn } from './task-rules.js';
import { windowOf } from './time-of-day.js';
import type { ClientForWeek, VisitRequest } from './visit-requests.js';

/** Cost of a visit done by someone other than the client's preferred or recent caregivers, in km of travel. */
export const CONTINUITY_WEIGHT = 20;
/** Per squared minute off a caregiver's contracted share of the day's work: the lowest term (a 60-minute gap between two equals costs 0.18 km; at 0.001 it cost the 1,000-visit day ~20 % more travel). */
export const FAIRNESS_WEIGHT = 0.0001;

export interface DayProblem {
  readonly date: string;
  readonly problem: Problem;
  /** Request of each problem visit (same index; both halves of a two-person visit share one). */
  readonly requests: readonly VisitRequest[];
  /** Which person of its request each problem visit is: 0, or 1 for the second of two. */
  readonly halves: readonly number[];
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
  /** Two-person tasks and `apart` / `together` rules from the task catalogue. */
  readonly rules?: TaskRules;
  /** People already on a stored visit (two when two came): the day then keeps two halves. */
  readonly staffOnRecord?: ReadonlyMap<string, number>;
  /** The week's shared travel matrix (every staff member and client of the week in it); built for the day when absent. */
  readonly places?: Places;
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

/**
 * When the contracted hours of a working day end: the week's hours shared over the working days,
 * from the start of the shift, the (unpaid) lunch break added. Work after it is overtime, priced.
 */
export function contractedEnd(s: StaffRecord, lunchMin: number): number {
  return s.shift.start + (s.contractHoursPerWeek * 60) / Math.max(1, s.workDays.length) + lunchMin;
}

/**
 * Who stands in for whom on `date`: absences that name a substitute (absent id → substitute id).
 * The substitute then counts as the usual caregiver of the absent person's clients.
 */
export function substitutesOn(date: string, absences: readonly Absence[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of absences) if (a.substituteId && a.from.slice(0, 10) <= date && date <= a.until.slice(0, 10)) out.set(a.staffId, a.substituteId);
  return out;
}

/** Builds the day's problem. */
export function buildDayProblem(input: DayInput): DayProblem {
  const rules = input.rules ?? NO_TASK_RULES;
  const staff = input.staff.filter((s) => s.roles.includes('caregiver') && availableShift(s, input.date, input.absences) !== null);
  const staffIndex = new Map(staff.map((s, i) => [s.id, i]));
  const requests = input.requests.filter((r) => input.clients.get(r.clientId)?.location);
  const places = input.places ?? placesOf(staff, requests.map((r) => r.clientId), input.clients, input.travel);
  const { travel } = places;
  const at = (map: ReadonlyMap<string, number>, id: string, what: string): number => {
    const loc = map.get(id);
    if (loc === undefined) throw new Error(`${what} ${id} is not among the places given for ${input.date}`);
    return loc;
  };
  const problemStaff: Staff[] = staff.map((s) => {
    const shift = availableShift(s, input.date, input.absences)!;
    const lunch = lunchBreak(s.shift.start, shift);
    const home = at(places.staff, s.id, 'staff member');
    const overtimeAfter = contractedEnd(s, lunch?.duration ?? 0);
    return { id: s.id, startLocation: home, endLocation: home, shift, skills: [...s.qualifications], capacity: Infinity, ...(lunch ? { lunch } : {}), ...(overtimeAfter < shift.end ? { overtimeAfter } : {}), contractedMin: Math.max(0, overtimeAfter - shift.start - (lunch?.duration ?? 0)) };
  });
  const substitutes = substitutesOn(input.date, input.absences);
  const indices = (ids: readonly string[] | undefined) => [...new Set((ids ?? []).map((id) => staffIndex.get(id)).filter((i): i is number => i !== undefined))];
  const visits: Visit[] = [];
  const dayRequests: VisitRequest[] = [];
  const halves: number[] = [];
  const syncs: SyncConstraint[] = [];
  const firstHalf: number[] = [];
  const resources: Resource[] = [];
  requests.forEach((r) => {
    const client = input.clients.get(r.clientId)!;
    const window = windowOf(r.slot);
    const room = rules.resourceOf(r.taskCodes);
    if (room) {
      // A day-centre appointment: booked on the room (its hours that weekday, or closed), no one's
      // route, no carer rules; the client's transport to the centre keeps her home visits away.
      let index = resources.findIndex((x) => x.id === room.id);
      if (index < 0) index = resources.push({ id: room.id, capacity: room.capacity, open: hoursOn(room, isoWeekday(input.date)), ...(room.centre ? { centre: room.centre.code, transfer: room.centre.transferMin } : {}) }) - 1;
      const existing = input.existing.get(r.id);
      const pin = existing?.pinned ? { start: existing.start } : undefined;
      firstHalf.push(visits.length);
      visits.push({ id: r.id, location: at(places.clients, r.clientId, 'client'), windows: pin ? [{ start: pin.start, end: pin.start }] : window ? [window] : [], duration: r.durationMin, skills: [], demand: 0, clientId: r.clientId, resource: index, ...(pin ? { pin } : {}) });
      dayRequests.push(r);
      halves.push(0);
      return;
    }
    const existing = input.existing.get(r.id);
    const declined = indices(client.declinedStaffIds);
    const usual = [...client.preferredStaffIds, ...(client.recentStaffIds ?? [])];
    const preferred = indices([...usual, ...usual.flatMap((id) => substitutes.get(id) ?? [])]).filter((i) => !declined.includes(i));
    const people = Math.max(rules.staffCount(r.taskCodes), input.staffOnRecord?.get(r.id) ?? 1);
    firstHalf.push(visits.length);
    for (let half = 0; half < people; half++) {
      const pinnedStaff = existing?.pinned ? (staffIndex.get(existing.staffIds[half] ?? '') ?? -1) : -1;
      const pin = existing?.pinned ? { ...(pinnedStaff >= 0 ? { staff: pinnedStaff } : {}), start: existing.start } : undefined;
      if (half > 0) syncs.push({ first: visits.length - 1, second: visits.length, minGap: 0, maxGap: 0 });
      visits.push({
        id: half === 0 ? r.id : `${r.id}~${half + 1}`,
        location: at(places.clients, r.clientId, 'client'),
        windows: pin?.start !== undefined ? [{ start: pin.start, end: pin.start }] : window ? [window] : [],
        duration: r.durationMin,
        skills: [...r.qualifications],
        demand: 0,
        clientId: r.clientId,
        ...(declined.length > 0 ? { declinedBy: declined } : {}),
        ...(preferred.length > 0 ? { preferredStaff: preferred } : {}),
        ...(people > 1 ? { partOf: r.id } : {}),
        ...(pin ? { pin } : {}),
      });
      dayRequests.push(r);
      halves.push(half);
    }
  });
  // Rules between two visits of one client: `together` ones share a slot and start at once (by two people).
  for (let a = 0; a < requests.length; a++) {
    for (let b = a + 1; b < requests.length; b++) {
      const ra = requests[a]!;
      const rb = requests[b]!;
      if (ra.clientId !== rb.clientId) continue;
      const link = rules.link(ra.taskCodes, rb.taskCodes);
      if (link === 'apart') syncs.push({ first: firstHalf[a]!, second: firstHalf[b]!, minGap: 0, maxGap: 0, kind: 'apart' });
      else if (link === 'together' && ra.slot === rb.slot) syncs.push({ first: firstHalf[a]!, second: firstHalf[b]!, minGap: 0, maxGap: 0 });
    }
  }
  return {
    date: input.date,
    problem: { visits, staff: problemStaff, syncs, travel, objective: { ...DEFAULT_OBJECTIVE, distance: 1, overtime: 2, continuity: CONTINUITY_WEIGHT, fairness: FAIRNESS_WEIGHT }, ...(resources.length > 0 ? { resources } : {}) },
    requests: dayRequests,
    halves,
    staff,
  };
}
