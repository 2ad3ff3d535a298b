/**
 * How well a demo world's first week fits its staff, for the bench and the calibration test: the
 * share of visits assigned, whether every unassigned one says why, and staff utilisation — minutes
 * in visits and on the road against the minutes the caregivers are contracted for that week.
 */
import type { Absence, ScheduledVisit, Staff } from '../doc/schema.js';
import { availableShift } from '../schedule/week/day-problem.js';

/** The first week of one care group (or of a world: figures add up). */
export interface WeekFigures {
  readonly visits: number;
  readonly assigned: number;
  /** Unassigned visits whose record gives no reason (should be none). */
  readonly withoutReason: number;
  /** Minutes of assigned visits, counted once per person on them. */
  readonly visitMinutes: number;
  readonly travelMinutes: number;
  /** The caregivers' contracted minutes of the week, less the days they are away. */
  readonly contractMinutes: number;
}

/** The zero figures, to add groups to. */
export const NO_FIGURES: WeekFigures = { visits: 0, assigned: 0, withoutReason: 0, visitMinutes: 0, travelMinutes: 0, contractMinutes: 0 };

/**
 * Figures of a group's week from its stored visits, its days' travel, its staff and absences.
 * `booked` tells a day-centre appointment (booked on its room, so no one's name) from an open visit.
 */
export function weekFigures(visits: readonly ScheduledVisit[], travelMinutes: number, staff: readonly Staff[], absences: readonly Absence[], dates: readonly string[], booked: (v: ScheduledVisit) => boolean): WeekFigures {
  const assigned = visits.filter((v) => v.staffIds.length > 0 || booked(v));
  const open = visits.filter((v) => v.staffIds.length === 0 && !booked(v));
  let contractMinutes = 0;
  for (const s of staff) {
    if (!s.roles.includes('caregiver') || !s.active || s.workDays.length === 0) continue;
    // A day away (or a day the shift does not fall on) is a day not contracted for this week.
    const days = dates.filter((d) => availableShift(s, d, absences) !== null).length;
    contractMinutes += (s.contractHoursPerWeek * 60 * days) / s.workDays.length;
  }
  return {
    visits: visits.length,
    assigned: assigned.length,
    withoutReason: open.filter((v) => v.unassignedReason.trim() === '').length,
    visitMinutes: assigned.reduce((sum, v) => sum + v.durationMin * v.staffIds.length, 0),
    travelMinutes,
    contractMinutes: Math.round(contractMinutes),
  };
}

/** Adds two sets of figures. */
export function addFigures(a: WeekFigures, b: WeekFigures): WeekFigures {
  return {
    visits: a.visits + b.visits,
    assigned: a.assigned + b.assigned,
    withoutReason: a.withoutReason + b.withoutReason,
    visitMinutes: a.visitMinutes + b.visitMinutes,
    travelMinutes: a.travelMinutes + b.travelMinutes,
    contractMinutes: a.contractMinutes + b.contractMinutes,
  };
}

/** Assigned share (%) and utilisation (% of contracted minutes in visits and travel), one decimal. */
export function figureRates(f: WeekFigures): { assignedPct: number; utilisationPct: number } {
  const pct = (x: number, of: number) => (of > 0 ? Math.round((1000 * x) / of) / 10 : 0);
  return { assignedPct: pct(f.assigned, f.visits), utilisationPct: pct(f.visitMinutes + f.travelMinutes, f.contractMinutes) };
}
