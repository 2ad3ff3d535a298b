/**
 * A client cannot be in two places: while at a day-centre appointment, and on the centre's
 * transport there and back (`Resource.transfer`, each way), the client is not at home for a home
 * visit; two appointments of one client do not overlap, and at different centres they are apart
 * by both transports (the client goes home in between). Helpers for booking and routing around it.
 */
import type { Problem, TimeWindow } from './model.js';

/** A span of minutes [from, to) the client is away from home. */
export interface AwaySpan {
  readonly from: number;
  readonly to: number;
}

/** Home visits with no windows may start any time of the day (their shifts bound them). */
const WHOLE_DAY: TimeWindow = { start: 0, end: 24 * 60 };

/** The longest the home visit can take, whoever does it. */
export function homeDuration(problem: Problem, visit: number): number {
  const v = problem.visits[visit];
  return v ? Math.max(v.duration, ...(v.durationByStaff ?? [])) : 0;
}

/** The span an appointment booked at `start` keeps its client away from home. */
export function awaySpan(problem: Problem, appointment: number, start: number): AwaySpan {
  const v = problem.visits[appointment];
  const transfer = problem.resources?.[v?.resource ?? -1]?.transfer ?? 0;
  return { from: start - transfer, to: start + (v?.duration ?? 0) + transfer };
}

/** Start windows of a home visit of `duration`, cut from `windows`, that keep the visit clear of every span. */
export function windowsClearOf(windows: readonly TimeWindow[], duration: number, away: readonly AwaySpan[]): TimeWindow[] {
  let out: TimeWindow[] = windows.length > 0 ? [...windows] : [WHOLE_DAY];
  for (const a of away) {
    // Starting in (a.from − duration, a.to) would overlap the span.
    const lastBefore = a.from - duration;
    out = out.flatMap((w) => [
      ...(w.start <= lastBefore ? [{ start: w.start, end: Math.min(w.end, lastBefore) }] : []),
      ...(w.end >= a.to ? [{ start: Math.max(w.start, a.to), end: w.end }] : []),
    ]);
  }
  return out;
}

/** Whether two appointments of one client, starting at `sa` and `sb`, cannot both be kept. */
export function appointmentsClash(problem: Problem, a: number, sa: number, b: number, sb: number): boolean {
  const va = problem.visits[a];
  const vb = problem.visits[b];
  const ra = problem.resources?.[va?.resource ?? -1];
  const rb = problem.resources?.[vb?.resource ?? -1];
  const between = ra?.centre === rb?.centre ? 0 : (ra?.transfer ?? 0) + (rb?.transfer ?? 0);
  return sa < sb + (vb?.duration ?? 0) + between && sb < sa + (va?.duration ?? 0) + between;
}

/** Each client's home visits (visits that are not appointments), by client id. */
export function homeVisitsByClient(problem: Problem): Map<string, number[]> {
  const out = new Map<string, number[]>();
  problem.visits.forEach((v, i) => {
    if (v.resource !== undefined || v.clientId === undefined) return;
    out.set(v.clientId, [...(out.get(v.clientId) ?? []), i]);
  });
  return out;
}
