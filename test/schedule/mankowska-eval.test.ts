/**
 * The outside Mankowska evaluator (bench/mankowska-eval.ts) agrees with the solver and its checker
 * on generated instances in the raw text format, and catches what breaks the paper's rules.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, readInstance } from '../../bench/mankowska-eval.js';
import type { Published } from '../../bench/mankowska-eval.js';
import { checkSolution } from '../../core/schedule/check.js';
import { mankowskaOutput, mankowskaToProblem, parseMankowska } from '../../core/schedule/mankowska.js';
import { createRandom } from '../../core/schedule/random.js';
import { solve } from '../../core/schedule/solve.js';

/** A small instance in the published text format: 8 patients, 3 caregivers, 4 services, 2 double services. */
function instanceText(seed: number): string {
  const rnd = createRandom(seed);
  const n = 8;
  const nodes = n + 2;
  const S = 4;
  const V = 3;
  const pts = Array.from({ length: nodes }, (_, i) => (i === 0 || i === nodes - 1 ? [50, 50] : [Math.floor(rnd.next() * 100), Math.floor(rnd.next() * 100)]));
  const r = Array.from({ length: nodes }, (_, i) => Array.from({ length: S }, (_, s) => (i === 0 || i === nodes - 1 ? 1 : s === i % S ? 1 : 0)));
  // Patients 7 and 8 (nodes 7, 8) need a second service: 7 at the same time, 8 15–40 minutes later.
  r[7]![(7 + 1) % S] = 1;
  r[8]![(8 + 2) % S] = 1;
  const a = [[1, 1, 0, 0], [0, 1, 1, 1], [1, 0, 1, 1]];
  const d = pts.map((p) => pts.map((q) => Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!)));
  const p = Array.from({ length: nodes * V }, (_, k) => Array.from({ length: S }, () => (Math.floor(k / V) === 0 || Math.floor(k / V) === nodes - 1 ? 0 : 15)));
  const mind = Array.from({ length: nodes }, (_, i) => (i === 8 ? 15 : i === 7 ? 0 : 5));
  const maxd = Array.from({ length: nodes }, (_, i) => (i === 8 ? 40 : i === 7 ? 0 : 10));
  const e = Array.from({ length: nodes }, (_, i) => (i === 0 || i === nodes - 1 ? 0 : Math.floor(rnd.next() * 200)));
  const l = e.map((x, i) => (i === 0 ? 600 : i === nodes - 1 ? 1000 : x + 120));
  const line = (xs: number[]) => xs.join(' ');
  return ['nbNodes', nodes, 'nbVehi', V, 'nbServi', S, 'r', ...r.map(line), 'DS', '9 8', 'a', ...a.map(line), 'x', line(pts.map((q) => q[0]!)), 'y', line(pts.map((q) => q[1]!)), 'd', ...d.map(line), 'p', ...p.map(line), 'mind', line(mind), 'maxd', line(maxd), 'e', line(e), 'l', line(l)].join('\n');
}

describe('the outside Mankowska evaluator', () => {
  for (const seed of [1, 2, 3]) {
    it(`recomputes the solver's cost and finds it feasible (seed ${seed})`, () => {
      const text = instanceText(seed);
      const parsed = parseMankowska(text);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const { problem, refs } = mankowskaToProblem(parsed.value);
      const result = solve(problem, { seed, timeLimitMs: 60_000, now: () => 0, maxIterations: 2000 });
      expect(checkSolution(problem, result)).toEqual([]);
      const published = mankowskaOutput(problem, refs, result, result.cost) as unknown as Published;
      const verdict = evaluate(readInstance(text), published);
      expect(verdict.violations, `seed ${seed}`).toEqual([]);
      expect(verdict.cost).toBeCloseTo(result.cost, 4);

      // Breaking a rule is caught: the second service of patient 8 moved before the first.
      const moved = JSON.parse(JSON.stringify(published)) as { routes: { caregiver_id: string; locations: { patient: string; service: string; arrival_time: number; departure_time: number }[] }[] };
      const p8 = moved.routes.flatMap((rt) => rt.locations).filter((x) => x.patient === 'p8').sort((x, y) => (x.service < y.service ? -1 : 1));
      p8[1]!.arrival_time = p8[0]!.arrival_time - 20;
      p8[1]!.departure_time = p8[1]!.arrival_time + 15;
      expect(evaluate(readInstance(text), moved).violations.some((v) => v.includes('p8'))).toBe(true);
      // A dropped visit and an unqualified caregiver are caught too.
      const dropped = JSON.parse(JSON.stringify(published)) as typeof moved;
      dropped.routes.find((rt) => rt.locations.length > 0)!.locations.shift();
      expect(evaluate(readInstance(text), dropped).violations.some((v) => v.includes('not done'))).toBe(true);
    });
  }
});
