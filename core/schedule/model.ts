/**
 * The generic routing-and-scheduling model every scheduler entry point works on.
 * Staff, visits and syncs are referred to by their index in the problem's arrays; ids are for output.
 */
import type { TravelMatrix } from './travel.js';

/** A hard window on the START of service (inclusive). */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** A coordinator's decision the optimiser must keep: who does the visit and/or when it starts. */
export interface Pin {
  readonly staff?: number;
  readonly start?: number;
}

export interface Visit {
  readonly id: string;
  /** Index into the travel matrix. */
  readonly location: number;
  /** Hard windows on the start of service; empty means "any time in the shift". Sorted, disjoint. */
  readonly windows: readonly TimeWindow[];
  /** Soft due time: tardiness = max(0, start − due), priced by the objective. */
  readonly due?: number;
  readonly duration: number;
  /** Per staff member (by staff index), overriding `duration`. */
  readonly durationByStaff?: readonly number[];
  /** Every one is required of the staff member. */
  readonly skills: readonly string[];
  /** Load taken from the vehicle (Solomon demand); 0 for care visits. */
  readonly demand: number;
  readonly pin?: Pin;
  /** For continuity KPIs. */
  readonly clientId?: string;
  /** Staff indices the client declined: hard, they never do this visit. */
  readonly declinedBy?: readonly number[];
  /** Staff indices for continuity (last weeks' caregivers, the client's preferred one): anyone else costs `objective.continuity`. */
  readonly preferredStaff?: readonly number[];
  /** The product visit this one is half of when two caregivers come at once (both halves share it, synced 0/0). */
  readonly partOf?: string;
  /** An appointment on this resource (index into `problem.resources`), not a home visit: no one travels, it is booked. */
  readonly resource?: number;
}

/** A room or chair at a day centre: at most `capacity` appointments at once, all inside `open`. */
export interface Resource {
  readonly id: string;
  readonly capacity: number;
  /** Its hours this day; null when its centre is closed that day (nothing is booked on it). */
  readonly open: TimeWindow | null;
  /** The centre it is in: two appointments of one client at different centres need the transport between. */
  readonly centre?: string;
  /** Minutes the client needs between home and the centre, each way: no home visit of the client that close to an appointment. */
  readonly transfer?: number;
}

/** A break (lunch) that must START inside `window`; taken where the staff member is, between visits. */
export interface Break {
  readonly window: TimeWindow;
  readonly duration: number;
}

export interface Staff {
  readonly id: string;
  readonly startLocation: number;
  readonly endLocation: number;
  /** Leaves the start location no earlier than `start`; is back at the end location no later than `end` (hard). */
  readonly shift: TimeWindow;
  readonly skills: readonly string[];
  /** Vehicle capacity (Solomon); Infinity when irrelevant. */
  readonly capacity: number;
  /** Being back after this (but before shift.end) is overtime, priced by the objective. */
  readonly overtimeAfter?: number;
  /** A break every non-empty route must contain (hard). */
  readonly lunch?: Break;
  /** Minutes of work the contract asks of this day: the fair spread shares the day's work by it. */
  readonly contractedMin?: number;
}

/**
 * Ordering rules between two visits (usually of one client).
 * - `gap` (default): start(second) − start(first) ∈ [minGap, maxGap], done by different staff
 *   members, both or neither assigned; 0/0 means simultaneous (two caregivers at once).
 * - `apart`: the two services must not overlap in time, in either order (minGap/maxGap unused).
 */
export interface SyncConstraint {
  readonly first: number;
  readonly second: number;
  readonly minGap: number;
  readonly maxGap: number;
  readonly kind?: 'gap' | 'apart';
}

/** Weights of the minimised cost; all terms are ≥ 0. */
export interface ObjectiveWeights {
  readonly distance: number;
  readonly tardiness: number;
  readonly maxTardiness: number;
  readonly overtime: number;
  /** Per visit left unassigned; keep it far above any routing cost. */
  readonly unassigned: number;
  /** Per visit done by someone outside its `preferredStaff` (continuity of carer). */
  readonly continuity?: number;
  /** Per squared minute a contracted staff member's work (service + travel) is off her share of the day's work (fair spread; lowest term). */
  readonly fairness?: number;
}

export const DEFAULT_OBJECTIVE: ObjectiveWeights = { distance: 1, tardiness: 1, maxTardiness: 0, overtime: 1, unassigned: 1e6 };

export interface Problem {
  readonly visits: readonly Visit[];
  readonly staff: readonly Staff[];
  readonly syncs: readonly SyncConstraint[];
  readonly travel: TravelMatrix;
  readonly objective: ObjectiveWeights;
  /** Day-centre rooms and chairs that appointments (visits with `resource`) are booked on. */
  readonly resources?: readonly Resource[];
}

/** Why a visit could not be placed. */
export type UnassignedReason =
  | 'no-qualified-staff'
  | 'no-feasible-time'
  | 'capacity'
  | 'pin-conflict'
  | 'no-room'
  /** An appointment on a room whose centre is closed that day. */
  | 'closed'
  /** A home visit with no time left in its window while the client is at (or on the way to) the day centre. */
  | 'client-at-centre'
  /** An appointment with no free time left in its window around the client's home visits that cannot move. */
  | 'client-at-home';

/** One stop of a route: which visit and when its service starts. */
export interface Stop {
  readonly visit: number;
  readonly start: number;
}

export interface Route {
  readonly staff: number;
  readonly stops: readonly Stop[];
  /** Start of the staff member's break, when the staff member has one and the route is not empty. */
  readonly breakStart?: number;
}

/** A plan: one route per staff member (possibly empty), the booked appointments, and the visits nobody does. */
export interface Solution {
  readonly routes: readonly Route[];
  /** Appointments on resources (visits with `resource`), each with its start. */
  readonly bookings?: readonly Stop[];
  readonly unassigned: readonly { readonly visit: number; readonly reason: UnassignedReason }[];
}

/** The service duration of `visit` when done by staff member `staff`. */
export function durationOf(visit: Visit, staff: number): number {
  return visit.durationByStaff?.[staff] ?? visit.duration;
}

/** Whether `staff` has every skill `visit` needs and is excluded neither by a pin nor by the client. */
export function isQualified(problem: Problem, visit: number, staff: number): boolean {
  const v = problem.visits[visit];
  const s = problem.staff[staff];
  if (!v || !s) return false;
  if (v.pin?.staff !== undefined && v.pin.staff !== staff) return false;
  if (v.declinedBy?.includes(staff)) return false;
  return v.skills.every((k) => s.skills.includes(k));
}

/** Whether a synchronisation rule is the "both, with a gap between starts" kind (not `apart`). */
export function isGapSync(s: SyncConstraint): boolean {
  return s.kind !== 'apart';
}
