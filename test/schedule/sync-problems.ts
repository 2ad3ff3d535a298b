/**
 * Random small home-care days with what makes the timing hard: everyone's lunch break, two-person
 * visits (halves synced 0/0), gap rules between a client's visits, `apart` rules and pins.
 */
import type { Problem, Staff, SyncConstraint, Visit } from '../../core/schedule/model.js';
import { createDenseMatrix } from '../../core/schedule/travel.js';
import { matrixOf } from './fixtures.js';
import type { Point } from './fixtures.js';
import { createRng } from '../helpers/rng.js';

/** Sizes of a random day (defaults: 6–14 clients' visits, 2–4 staff). */
export interface SyncProblemSize {
  readonly visits?: readonly [number, number];
  readonly staff?: readonly [number, number];
}

/** A random day from `seed`: a 7:00–15:30-ish shift per carer with a 30-minute break 2.5–4 h in. */
export function randomSyncProblem(seed: number, size: SyncProblemSize = {}): Problem {
  const rnd = createRng(seed);
  const between = ([lo, hi]: readonly [number, number]) => lo + Math.floor(rnd() * (hi - lo + 1));
  const nVisits = between(size.visits ?? [6, 14]);
  const nStaff = between(size.staff ?? [2, 4]);
  const points: Point[] = [];
  const staff: Staff[] = [];
  for (let s = 0; s < nStaff; s++) {
    points.push({ x: Math.floor(rnd() * 40), y: Math.floor(rnd() * 40) });
    const start = 420 + 30 * Math.floor(rnd() * 4);
    const end = start + 420 + 30 * Math.floor(rnd() * 4);
    staff.push({
      id: `s${s}`,
      startLocation: s,
      endLocation: s,
      shift: { start, end },
      skills: s === 0 || rnd() < 0.3 ? ['carer', 'nurse'] : ['carer'],
      capacity: Infinity,
      lunch: { window: { start: start + 150, end: start + 240 }, duration: 30 },
      overtimeAfter: end - 30,
      contractedMin: 400,
    });
  }
  const visits: Visit[] = [];
  const syncs: SyncConstraint[] = [];
  const visit = (client: number, loc: number, extra: Partial<Visit> = {}): number => {
    const open = 450 + 15 * Math.floor(rnd() * 24);
    const width = 30 + 15 * Math.floor(rnd() * 12);
    visits.push({ id: `v${visits.length}`, location: loc, windows: [{ start: open, end: open + width }], duration: 15 + 5 * Math.floor(rnd() * 10), skills: ['carer'], demand: 0, clientId: `c${client}`, ...(rnd() < 0.5 ? { due: open + Math.floor(width / 2) } : {}), ...extra });
    return visits.length - 1;
  };
  for (let c = 0; visits.length < nVisits; c++) {
    points.push({ x: Math.floor(rnd() * 40), y: Math.floor(rnd() * 40) });
    const loc = points.length - 1;
    const kind = rnd();
    if (kind < 0.3) {
      // Two people at once: two halves of one visit.
      const a = visit(c, loc, { partOf: `p${c}` });
      const b = visit(c, loc, { partOf: `p${c}`, windows: visits[a]!.windows, duration: visits[a]!.duration });
      syncs.push({ first: a, second: b, minGap: 0, maxGap: 0 });
    } else if (kind < 0.45) {
      // A nurse's visit after a carer's, within an hour or two.
      const a = visit(c, loc);
      const b = visit(c, loc, { skills: ['nurse'], windows: [{ start: 480, end: 900 }] });
      syncs.push({ first: a, second: b, minGap: 30, maxGap: 120 });
    } else if (kind < 0.6) {
      const a = visit(c, loc);
      const b = visit(c, loc, { windows: [{ start: 480, end: 840 }] });
      syncs.push({ first: a, second: b, minGap: 0, maxGap: 0, kind: 'apart' });
    } else if (kind < 0.7) {
      const s = Math.floor(rnd() * nStaff);
      const at = staff[s]!.shift.start + 60 + 15 * Math.floor(rnd() * 16);
      visit(c, loc, { pin: { staff: s, start: at }, windows: [{ start: at - 30, end: at + 30 }] });
    } else {
      visit(c, loc);
    }
  }
  const dist = matrixOf(points);
  return {
    visits,
    staff,
    syncs,
    travel: createDenseMatrix(dist, dist.map((row) => row.map((d) => Math.round(d * 1.5)))),
    objective: { distance: 1, tardiness: 1, maxTardiness: 0, overtime: 2, unassigned: 1e6, continuity: 20, fairness: 0.0001 },
  };
}
