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
}

/** start(second) − start(first) ∈ [minGap, maxGap]; 0/0 means simultaneous. Done by different staff members. */
export interface SyncConstraint {
  readonly first: number;
  readonly second: number;
  readonly minGap: number;
  readonly maxGap: number;
}

/** Weights of the minimised cost; all terms are ≥ 0. */
export interface ObjectiveWeights {
  readonly distance: number;
  readonly tardiness: number;
  readonly maxTardiness: number;
  readonly overtime: number;
  /** Per visit left unassigned; keep it far above any routing cost. */
  readonly unassigned: number;
}

export const DEFAULT_OBJECTIVE: ObjectiveWeights = { distance: 1, tardiness: 1, maxTardiness: 0, overtime: 1, unassigned: 1e6 };

export interface Problem {
  readonly visits: readonly Visit[];
  readonly staff: readonly Staff[];
  readonly syncs: readonly SyncConstraint[];
  readonly travel: TravelMatrix;
  readonly objective: ObjectiveWeights;
}

/** Why a visit could not be placed. */
export type UnassignedReason = 'no-qualified-staff' | 'no-feasible-time' | 'capacity' | 'pin-conflict' | 'no-room';

/** One stop of a route: which visit and when its service starts. */
export interface Stop {
  readonly visit: number;
  readonly start: number;
}

export interface Route {
  readonly staff: number;
  readonly stops: readonly Stop[];
}

/** A plan: one route per staff member (possibly empty) and the visits nobody does. */
export interface Solution {
  readonly routes: readonly Route[];
  readonly unassigned: readonly { readonly visit: number; readonly reason: UnassignedReason }[];
}

/** The service duration of `visit` when done by staff member `staff`. */
export function durationOf(visit: Visit, staff: number): number {
  return visit.durationByStaff?.[staff] ?? visit.duration;
}

/** Whether `staff` has every skill `visit` needs and is not excluded by a pin. */
export function isQualified(problem: Problem, visit: number, staff: number): boolean {
  const v = problem.visits[visit];
  const s = problem.staff[staff];
  if (!v || !s) return false;
  if (v.pin?.staff !== undefined && v.pin.staff !== staff) return false;
  return v.skills.every((k) => s.skills.includes(k));
}
