/**
 * An outside check of a Mankowska HHC solution, written straight from the paper's definition
 * (Mankowska, Meisel & Bierwirth 2014) and the raw instance text; it shares no code with
 * core/schedule (neither the adapter nor the checker):
 *   node dist/bench/mankowska-eval.js INSTANCE.txt SOLUTION.json [--json]
 * SOLUTION is in the published 2024 format (`apsis solve hhc --json` prints it):
 *   { "routes": [ { "caregiver_id": "c1", "locations": [ { "patient": "p10", "service": "s3",
 *     "arrival_time": 148.0, "departure_time": 162.0 } … ] } … ], "cost": … }
 * where `arrival_time` is the start of service and caregivers, patients, services count from 1.
 *
 * The definition checked: node 0 is the start depot, node n+1 the end depot, patients 1…n; `r`
 * says which services each node needs, `a` which services each caregiver may do, `d` the travel
 * time (= distance), `p` rows node-major (node × caregiver) per service, `DS` the 1-based node
 * numbers of the double-service patients, `mind`/`maxd` per node the gap t(s2) − t(s1) between
 * their two services in service order (0/0: at the same time), `e`/`l` the window on the start of
 * service: never before e, after l is tardiness. Cost = (distance + Σ tardiness + max tardiness) / 3.
 */
import { readFileSync } from 'node:fs';

export interface Instance {
  readonly n: number;
  readonly vehicles: number;
  readonly services: number;
  readonly r: number[][];
  readonly ds: number[];
  readonly a: number[][];
  readonly d: number[][];
  readonly p: number[][];
  readonly mind: number[];
  readonly maxd: number[];
  readonly e: number[];
  readonly l: number[];
}

/** Reads the sections by name, whatever their order; every section's numbers as one flat list. */
export function readInstance(text: string): Instance {
  const sections = new Map<string, number[]>();
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if (/^[A-Za-z]/.test(line)) {
      current = line;
      sections.set(current, []);
    } else sections.get(current)?.push(...line.split(/\s+/).map(Number));
  }
  const get = (k: string) => {
    const v = sections.get(k);
    if (!v) throw new Error(`section ${k} missing`);
    return v;
  };
  const rows = (v: number[], width: number) => Array.from({ length: v.length / width }, (_, i) => v.slice(i * width, (i + 1) * width));
  const nodes = get('nbNodes')[0]!;
  const vehicles = get('nbVehi')[0]!;
  const services = get('nbServi')[0]!;
  const inst: Instance = { n: nodes - 2, vehicles, services, r: rows(get('r'), services), ds: get('DS'), a: rows(get('a'), services), d: rows(get('d'), nodes), p: rows(get('p'), services), mind: get('mind'), maxd: get('maxd'), e: get('e'), l: get('l') };
  if (inst.r.length !== nodes || inst.d.length !== nodes || inst.p.length !== nodes * vehicles || inst.a.length !== vehicles) throw new Error('section sizes do not match nbNodes / nbVehi / nbServi');
  return inst;
}

interface Location {
  readonly patient: string;
  readonly service: string;
  readonly arrival_time: number;
  readonly departure_time: number;
}
export interface Published {
  readonly routes: readonly { readonly caregiver_id: string; readonly locations: readonly Location[] }[];
  readonly cost?: number;
}

const EPS = 1e-4;
const num = (id: string, prefix: string) => {
  const m = new RegExp(`^${prefix}(\\d+)$`).exec(id);
  if (!m) throw new Error(`bad id "${id}" (expected ${prefix}<number>)`);
  return Number(m[1]);
};

/** Evaluates a published solution; returns violations and the recomputed objective. */
export function evaluate(inst: Instance, sol: Published) {
  const violations: string[] = [];
  const start = new Map<string, { t: number; c: number }>();
  let distance = 0;
  for (const route of sol.routes) {
    const c = num(route.caregiver_id, 'c') - 1;
    if (c < 0 || c >= inst.vehicles) violations.push(`unknown caregiver ${route.caregiver_id}`);
    let at = 0;
    let free = 0;
    for (const loc of route.locations) {
      const i = num(loc.patient, 'p');
      const s = num(loc.service, 's') - 1;
      const name = `${loc.patient}/${loc.service} by ${route.caregiver_id}`;
      if (i < 1 || i > inst.n || s < 0 || s >= inst.services) {
        violations.push(`${name}: no such patient or service`);
        continue;
      }
      if (inst.r[i]![s] !== 1) violations.push(`${name}: the patient does not need this service`);
      if (inst.a[c]?.[s] !== 1) violations.push(`${name}: the caregiver is not qualified`);
      const key = `${i}/${s}`;
      if (start.has(key)) violations.push(`${name}: done twice`);
      const t = loc.arrival_time;
      const reach = free + inst.d[at]![i]!;
      if (t < reach - EPS) violations.push(`${name}: starts at ${t}, cannot be there before ${reach.toFixed(3)}`);
      if (t < inst.e[i]! - EPS) violations.push(`${name}: starts at ${t}, before e = ${inst.e[i]}`);
      const proc = inst.p[i * inst.vehicles + c]![s]!;
      if (Math.abs(loc.departure_time - (t + proc)) > EPS) violations.push(`${name}: departure ${loc.departure_time} ≠ start + p = ${t + proc}`);
      distance += inst.d[at]![i]!;
      start.set(key, { t, c });
      at = i;
      free = t + proc;
    }
    if (route.locations.length > 0) distance += inst.d[at]![inst.n + 1]!;
  }
  let tardiness = 0;
  let maxTardiness = 0;
  let relaxedOnly = 0;
  for (let i = 1; i <= inst.n; i++) {
    const needed = inst.r[i]!.flatMap((x, s) => (x === 1 ? [s] : []));
    for (const s of needed) {
      const got = start.get(`${i}/${s}`);
      if (!got) {
        violations.push(`p${i}/s${s + 1}: not done`);
        continue;
      }
      const late = Math.max(0, got.t - inst.l[i]!);
      tardiness += late;
      maxTardiness = Math.max(maxTardiness, late);
    }
    const isDouble = inst.ds.includes(i + 1);
    if (isDouble !== (needed.length === 2)) violations.push(`p${i}: DS says ${isDouble ? '' : 'not '}double, r lists ${needed.length} services`);
    if (needed.length !== 2) continue;
    const first = start.get(`${i}/${needed[0]}`);
    const second = start.get(`${i}/${needed[1]}`);
    if (!first || !second) continue;
    const gap = second.t - first.t;
    const [lo, hi] = [inst.mind[i]!, inst.maxd[i]!];
    if (lo === 0 && hi === 0) {
      if (Math.abs(gap) > EPS) violations.push(`p${i}: services s${needed[0]! + 1}, s${needed[1]! + 1} must start together, gap ${gap}`);
      if (first.c === second.c) violations.push(`p${i}: both services at once by one caregiver`);
    } else if (gap < lo - EPS || gap > hi + EPS) {
      violations.push(`p${i}: t(s${needed[1]! + 1}) − t(s${needed[0]! + 1}) = ${gap}, outside [${lo}, ${hi}]`);
      if (-gap >= lo - EPS && -gap <= hi + EPS) relaxedOnly++;
    }
  }
  const cost = (distance + tardiness + maxTardiness) / 3;
  return { feasible: violations.length === 0, violations, distance, tardiness, maxTardiness, cost, statedCost: sol.cost, relaxedOnly };
}

const isMain = process.argv[1]?.endsWith('mankowska-eval.js');
if (isMain) {
  const [instanceFile, solutionFile] = process.argv.slice(2).filter((x) => !x.startsWith('--'));
  if (!instanceFile || !solutionFile) {
    console.error('usage: node dist/bench/mankowska-eval.js INSTANCE.txt SOLUTION.json [--json]');
    process.exit(2);
  }
  const inst = readInstance(readFileSync(instanceFile, 'utf8'));
  const result = evaluate(inst, JSON.parse(readFileSync(solutionFile, 'utf8')) as Published);
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(`${result.feasible ? 'feasible' : 'INFEASIBLE'}: distance ${result.distance.toFixed(3)}, tardiness ${result.tardiness.toFixed(3)}, max tardiness ${result.maxTardiness.toFixed(3)}, cost ${result.cost.toFixed(3)} (stated ${result.statedCost ?? '—'})`);
    for (const v of result.violations) console.log(`  ${v}`);
    if (result.relaxedOnly > 0) console.log(`  ${result.relaxedOnly} gap rule(s) hold only in the reverse order of services`);
  }
  process.exit(result.feasible ? 0 : 1);
}
