/**
 * The checker's rule that a client is in one place at a time (written apart from the solver's
 * `client-presence.ts`, like the rest of the checker): a home visit must not overlap the client's
 * day-centre appointment widened by the centre's transport each way; two appointments of one
 * client must not overlap, and at different centres must leave both transports between them.
 */
import type { Problem, Solution } from './model.js';

const EPS = 1e-6;

interface Presence {
  readonly visit: number;
  readonly from: number;
  readonly to: number;
  /** Index of the resource for an appointment; undefined at home. */
  readonly resource?: number;
}

/** Every pair of one client's visits that would need her in two places (the later one named). */
export function clientClashes(problem: Problem, solution: Solution): { visit: number; message: string }[] {
  const out: { visit: number; message: string }[] = [];
  const byClient = new Map<string, Presence[]>();
  const add = (client: string | undefined, p: Presence) => {
    if (client !== undefined) byClient.set(client, [...(byClient.get(client) ?? []), p]);
  };
  for (const route of solution.routes) {
    for (const stop of route.stops) {
      const v = problem.visits[stop.visit];
      if (!v || v.resource !== undefined) continue;
      add(v.clientId, { visit: stop.visit, from: stop.start, to: stop.start + (v.durationByStaff?.[route.staff] ?? v.duration) });
    }
  }
  for (const b of solution.bookings ?? []) {
    const v = problem.visits[b.visit];
    if (!v || v.resource === undefined) continue;
    add(v.clientId, { visit: b.visit, from: b.start, to: b.start + v.duration, resource: v.resource });
  }
  for (const [client, list] of byClient) {
    const seen = new Set<string>();
    for (const a of list) {
      for (const b of list) {
        if (a.resource === undefined || a === b) continue;
        // Home visits of one client may share time (two carers, a nurse beside a carer): only appointments take her away.
        const key = a.visit < b.visit ? `${a.visit}|${b.visit}` : `${b.visit}|${a.visit}`;
        if (seen.has(key)) continue;
        const ra = problem.resources?.[a.resource];
        const rb = b.resource !== undefined ? problem.resources?.[b.resource] : undefined;
        const gap = b.resource === undefined ? (ra?.transfer ?? 0) : ra?.centre === rb?.centre ? 0 : (ra?.transfer ?? 0) + (rb?.transfer ?? 0);
        if (a.from - gap < b.to - EPS && b.from < a.to + gap - EPS) {
          seen.add(key);
          const at = (p: Presence) => `${problem.visits[p.visit]?.id ?? p.visit} ${p.from}–${p.to}${p.resource !== undefined ? ` at ${problem.resources?.[p.resource]?.id ?? '?'}` : ' at home'}`;
          out.push({ visit: b.visit, message: `client ${client} cannot be in two places: ${at(a)} and ${at(b)} need ${gap} min between them (the centre's transport)` });
        }
      }
    }
  }
  return out;
}
