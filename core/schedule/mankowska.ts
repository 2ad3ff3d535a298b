/**
 * Mankowska, Meisel & Bierwirth (2014) home-health-care instances: parse the sectioned text format
 * and adapt it to the model. Each needed service of a patient is a visit; a patient with two
 * services gives a synchronised pair (0/0 = simultaneous, else a min/max gap between starts).
 * Objective: (total distance + total tardiness + max tardiness) / 3; starting before e is not allowed.
 */
import type { Problem, Solution, SyncConstraint, Visit } from './model.js';
import type { ParseResult } from './solomon.js';
import { createDenseMatrix } from './travel.js';

export interface MankowskaInstance {
  readonly nbNodes: number;
  readonly nbVehi: number;
  readonly nbServi: number;
  /** r[node][service] ∈ {0,1}. */
  readonly r: readonly (readonly number[])[];
  /** a[vehicle][service] ∈ {0,1}. */
  readonly a: readonly (readonly number[])[];
  readonly d: readonly (readonly number[])[];
  /** p[node][vehicle][service]. */
  readonly p: readonly (readonly (readonly number[])[])[];
  readonly mind: readonly number[];
  readonly maxd: readonly number[];
  readonly e: readonly number[];
  readonly l: readonly number[];
}

const SECTIONS = ['nbNodes', 'nbVehi', 'nbServi', 'r', 'DS', 'a', 'x', 'y', 'd', 'p', 'mind', 'maxd', 'e', 'l'] as const;

/** Parses the sectioned text format. */
export function parseMankowska(text: string): ParseResult<MankowskaInstance> {
  const sections = new Map<string, number[][]>();
  let current: number[][] | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if ((SECTIONS as readonly string[]).includes(line)) {
      current = [];
      sections.set(line, current);
      continue;
    }
    if (!current) return { ok: false, error: `data before the first section: "${line}"` };
    const nums = line.split(/\s+/).map(Number);
    if (nums.some((n) => !Number.isFinite(n))) return { ok: false, error: `not a number row: "${line}"` };
    current.push(nums);
  }
  const get = (k: string): number[][] | ParseResult<never> => sections.get(k) ?? { ok: false, error: `missing section ${k}` };
  const out: Record<string, number[][]> = {};
  for (const k of ['nbNodes', 'nbVehi', 'nbServi', 'r', 'a', 'd', 'p', 'mind', 'maxd', 'e', 'l']) {
    const s = get(k);
    if (!Array.isArray(s)) return s;
    out[k] = s;
  }
  const scalar = (k: string) => out[k]?.[0]?.[0] ?? NaN;
  const flat = (k: string) => (out[k] ?? []).flat();
  const nbNodes = scalar('nbNodes');
  const nbVehi = scalar('nbVehi');
  const nbServi = scalar('nbServi');
  if (![nbNodes, nbVehi, nbServi].every((n) => Number.isInteger(n) && n > 0)) return { ok: false, error: 'nbNodes, nbVehi and nbServi must be positive integers' };
  const r = out.r ?? [];
  const a = out.a ?? [];
  const d = out.d ?? [];
  const pRows = out.p ?? [];
  if (r.length !== nbNodes) return { ok: false, error: `r has ${r.length} rows, expected ${nbNodes}` };
  if (a.length !== nbVehi) return { ok: false, error: `a has ${a.length} rows, expected ${nbVehi}` };
  if (d.length !== nbNodes) return { ok: false, error: `d has ${d.length} rows, expected ${nbNodes}` };
  if (pRows.length !== nbNodes * nbVehi) return { ok: false, error: `p has ${pRows.length} rows, expected ${nbNodes * nbVehi}` };
  const p = Array.from({ length: nbNodes }, (_, i) => pRows.slice(i * nbVehi, (i + 1) * nbVehi));
  const [mind, maxd, e, l] = [flat('mind'), flat('maxd'), flat('e'), flat('l')];
  for (const [k, arr] of [['mind', mind], ['maxd', maxd], ['e', e], ['l', l]] as const) {
    if (arr.length !== nbNodes) return { ok: false, error: `${k} has ${arr.length} values, expected ${nbNodes}` };
  }
  return { ok: true, value: { nbNodes, nbVehi, nbServi, r, a, d, p, mind, maxd, e, l } };
}

/** What each visit of the model stands for (for the output format). */
export interface HhcVisitRef {
  readonly patient: number;
  readonly service: number;
}

/** The model: services as visits, double services as syncs, caregivers from node 0 to the last node. */
export function mankowskaToProblem(inst: MankowskaInstance): { problem: Problem; refs: HhcVisitRef[] } {
  const visits: Visit[] = [];
  const refs: HhcVisitRef[] = [];
  const syncs: SyncConstraint[] = [];
  const end = inst.nbNodes - 1;
  for (let i = 1; i < end; i++) {
    const services: number[] = [];
    inst.r[i]?.forEach((need, s) => {
      if (need === 1) services.push(s);
    });
    const ids: number[] = [];
    for (const s of services) {
      ids.push(visits.length);
      refs.push({ patient: i, service: s });
      visits.push({
        id: `p${i}-s${s + 1}`,
        location: i,
        windows: [{ start: inst.e[i] ?? 0, end: Number.MAX_SAFE_INTEGER }],
        due: inst.l[i] ?? 0,
        duration: inst.p[i]?.[0]?.[s] ?? 0,
        durationByStaff: Array.from({ length: inst.nbVehi }, (_, k) => inst.p[i]?.[k]?.[s] ?? 0),
        skills: [`s${s + 1}`],
        demand: 0,
        clientId: `p${i}`,
      });
    }
    const [first, second] = ids;
    if (first !== undefined && second !== undefined) syncs.push({ first, second, minGap: inst.mind[i] ?? 0, maxGap: inst.maxd[i] ?? 0 });
  }
  const staff = inst.a.map((row, k) => ({
    id: `c${k + 1}`,
    startLocation: 0,
    endLocation: end,
    shift: { start: 0, end: Number.MAX_SAFE_INTEGER },
    skills: row.flatMap((q, s) => (q === 1 ? [`s${s + 1}`] : [])),
    capacity: Infinity,
  }));
  const third = 1 / 3;
  return {
    problem: { visits, staff, syncs, travel: createDenseMatrix(inst.d), objective: { distance: third, tardiness: third, maxTardiness: third, overtime: 0, unassigned: 1e6 } },
    refs,
  };
}

export interface HhcOutput {
  readonly routes: { caregiver_id: string; locations: { patient: string; service: string; arrival_time: number; departure_time: number }[] }[];
  readonly cost: number;
}

/** The `apsis solve hhc` answer (arrival_time = start of service). */
export function mankowskaOutput(problem: Problem, refs: readonly HhcVisitRef[], solution: Solution, cost: number): HhcOutput {
  return {
    routes: solution.routes.map((r) => ({
      caregiver_id: problem.staff[r.staff]?.id ?? `c${r.staff + 1}`,
      locations: r.stops.map((s) => {
        const ref = refs[s.visit] ?? { patient: 0, service: 0 };
        const v = problem.visits[s.visit];
        const dur = v ? (v.durationByStaff?.[r.staff] ?? v.duration) : 0;
        return { patient: `p${ref.patient}`, service: `s${ref.service + 1}`, arrival_time: s.start, departure_time: s.start + dur };
      }),
    })),
    cost,
  };
}
