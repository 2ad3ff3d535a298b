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
  /** Share of visits with preferred staff that one of them does, in %. 100 when there are none. */
  readonly preferredPct: number;
  /** Fair spread: busiest minus least busy working staff member, in minutes of service and travel. */
  readonly workloadSpreadMinutes: number;
}

/** Computes the KPIs of a plan from its stated start times. */
export function kpis(problem: Problem, plan: Solution): Kpis {
  let travelMinutes = 0;
  let lateness = 0;
  let overtimeMinutes = 0;
  const byClient = new Map<string, Map<number, number>>();
  let withClient = 0;
  let withPreferred = 0;
  let preferredKept = 0;
  const workload: number[] = [];
  for (const route of plan.routes) {
    const s = problem.staff[route.staff];
    if (!s || route.stops.length === 0) continue;
    let loc = s.startLocation;
    let free = s.shift.start;
    let work = 0;
    for (const stop of route.stops) {
      const v = problem.visits[stop.visit];
      if (!v) continue;
      travelMinutes += problem.travel.time(loc, v.location);
      const dur = v.durationByStaff?.[route.staff] ?? v.duration;
      work += problem.travel.time(loc, v.location) + dur;
      if (v.preferredStaff && v.preferredStaff.length > 0) {
        withPreferred++;
        if (v.preferredStaff.includes(route.staff)) preferredKept++;
      }
      if (v.due !== undefined) lateness += Math.max(0, stop.start - v.due);
      if (v.clientId !== undefined) {
        const m = byClient.get(v.clientId) ?? new Map<number, number>();
        m.set(route.staff, (m.get(route.staff) ?? 0) + 1);
        byClient.set(v.clientId, m);
        withClient++;
      }
      loc = v.location;
      free = stop.start + dur;
    }
    if (s.lunch && route.breakStart !== undefined && route.breakStart >= free) free = route.breakStart + s.lunch.duration;
    travelMinutes += problem.travel.time(loc, s.endLocation);
    workload.push(work + problem.travel.time(loc, s.endLocation));
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
    preferredPct: withPreferred === 0 ? 100 : (100 * preferredKept) / withPreferred,
    workloadSpreadMinutes: workload.length === 0 ? 0 : Math.max(...workload) - Math.min(...workload),
  };
}
