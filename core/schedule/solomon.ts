/**
 * Solomon VRPTW instances: parse the text format and adapt to the model under the distance-only
 * convention (arc = floor(10·euclid)/10, travel time = distance). Everything is scaled ×10 so the
 * solver works in exact integer tenths.
 */
import type { Problem, Solution } from './model.js';
import { createDenseMatrix } from './travel.js';

export interface SolomonNode {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly demand: number;
  readonly ready: number;
  readonly due: number;
  readonly service: number;
}

export interface SolomonInstance {
  readonly name: string;
  readonly vehicles: number;
  readonly capacity: number;
  /** nodes[0] is the depot. */
  readonly nodes: readonly SolomonNode[];
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Parses the Solomon text format (name, VEHICLE section, CUSTOMER rows). */
export function parseSolomon(text: string): ParseResult<SolomonInstance> {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const name = lines.find((l) => l.length > 0) ?? '';
  const vIdx = lines.findIndex((l) => /^VEHICLE/i.test(l));
  if (vIdx < 0) return { ok: false, error: 'no VEHICLE section' };
  let vehicles = NaN;
  let capacity = NaN;
  let i = vIdx + 1;
  for (; i < lines.length; i++) {
    const nums = (lines[i] ?? '').split(/\s+/).map(Number);
    if (nums.length >= 2 && nums.every((n) => Number.isFinite(n))) {
      vehicles = nums[0] ?? NaN;
      capacity = nums[1] ?? NaN;
      break;
    }
  }
  if (!Number.isFinite(vehicles)) return { ok: false, error: 'VEHICLE section has no "number capacity" line' };
  const nodes: SolomonNode[] = [];
  for (i = i + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '' || !/^\d/.test(line)) continue;
    const nums = line.split(/\s+/).map(Number);
    if (nums.length < 7 || nums.some((n) => !Number.isFinite(n))) return { ok: false, error: `line ${i + 1}: expected 7 numbers, got "${line}"` };
    const [id, x, y, demand, ready, due, service] = nums as [number, number, number, number, number, number, number];
    nodes.push({ id, x, y, demand, ready, due, service });
  }
  if (nodes.length < 2) return { ok: false, error: 'fewer than two node rows (depot and one customer)' };
  if (nodes[0]?.id !== 0) return { ok: false, error: 'the first node row must be the depot (id 0)' };
  return { ok: true, value: { name, vehicles, capacity, nodes } };
}

/** floor(10·euclid): the arc length in integer tenths. */
export function solomonArcTenths(a: SolomonNode, b: SolomonNode): number {
  return Math.floor(10 * Math.hypot(a.x - b.x, a.y - b.y));
}

/** The model of an instance, in tenths of the original units; at most `vehicles` routes. */
export function solomonToProblem(inst: SolomonInstance, vehicles = inst.vehicles): Problem {
  const rows = inst.nodes.map((a) => inst.nodes.map((b) => solomonArcTenths(a, b)));
  const depot = inst.nodes[0] ?? { id: 0, x: 0, y: 0, demand: 0, ready: 0, due: 0, service: 0 };
  return {
    visits: inst.nodes.slice(1).map((n, i) => ({
      id: String(n.id),
      location: i + 1,
      windows: [{ start: n.ready * 10, end: n.due * 10 }],
      duration: n.service * 10,
      skills: [],
      demand: n.demand,
    })),
    staff: Array.from({ length: vehicles }, (_, k) => ({
      id: `v${k + 1}`,
      startLocation: 0,
      endLocation: 0,
      shift: { start: depot.ready * 10, end: depot.due * 10 },
      skills: [],
      capacity: inst.capacity,
    })),
    syncs: [],
    travel: createDenseMatrix(rows),
    objective: { distance: 1, tardiness: 0, maxTardiness: 0, overtime: 0, unassigned: 1e7 },
  };
}

export interface VrptwOutput {
  readonly routes: number[][];
  readonly distance: number;
  readonly vehicles: number;
}

/** The `apsis solve vrptw` answer: customer ids per used route, total distance (one decimal). */
export function solomonOutput(inst: SolomonInstance, problem: Problem, solution: Solution): VrptwOutput {
  const routes = solution.routes.filter((r) => r.stops.length > 0).map((r) => r.stops.map((s) => inst.nodes[s.visit + 1]?.id ?? -1));
  let tenths = 0;
  for (const r of solution.routes) {
    if (r.stops.length === 0) continue;
    let loc = 0;
    for (const s of r.stops) {
      const l = problem.visits[s.visit]?.location ?? 0;
      tenths += problem.travel.distance(loc, l);
      loc = l;
    }
    tenths += problem.travel.distance(loc, 0);
  }
  return { routes, distance: Math.round(tenths) / 10, vehicles: routes.length };
}
