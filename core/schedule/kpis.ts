/** Plan KPIs for coordinators: travel, lateness, continuity of carer, overtime, unassigned visits. */
import type { Problem, Solution } from './model.js';

export interface Kpis {
  readonly travelMinutes: number;
  /** Sum over visits of minutes started after the due time. */
  readonly lateness: number;
  /** Share of visits done by the client's most frequent staff member, in %. 100 when there are none. */
  readonly continuityPct: number;
  readonly overtimeMinutes: number;
  readonly unassigned: number;
}

/** Computes the KPIs of a plan from its stated start times. */
export function kpis(problem: Problem, plan: Solution): Kpis {
  let travelMinutes = 0;
  let lateness = 0;
  let overtimeMinutes = 0;
  const byClient = new Map<string, Map<number, number>>();
  let withClient = 0;
  for (const route of plan.routes) {
    const s = problem.staff[route.staff];
    if (!s || route.stops.length === 0) continue;
    let loc = s.startLocation;
    let free = s.shift.start;
    for (const stop of route.stops) {
      const v = problem.visits[stop.visit];
      if (!v) continue;
      travelMinutes += problem.travel.time(loc, v.location);
      if (v.due !== undefined) lateness += Math.max(0, stop.start - v.due);
      if (v.clientId !== undefined) {
        const m = byClient.get(v.clientId) ?? new Map<number, number>();
        m.set(route.staff, (m.get(route.staff) ?? 0) + 1);
        byClient.set(v.clientId, m);
        withClient++;
      }
      loc = v.location;
      free = stop.start + (v.durationByStaff?.[route.staff] ?? v.duration);
    }
    travelMinutes += problem.travel.time(loc, s.endLocation);
    const back = free + problem.travel.time(loc, s.endLocation);
    overtimeMinutes += Math.max(0, back - (s.overtimeAfter ?? s.shift.end));
  }
  let kept = 0;
  for (const m of byClient.values()) kept += Math.max(...m.values());
  return {
    travelMinutes,
    lateness,
    continuityPct: withClient === 0 ? 100 : (100 * kept) / withClient,
    overtimeMinutes,
    unassigned: plan.unassigned.length,
  };
}
