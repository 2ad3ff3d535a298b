/**
 * bench:schedule-homecare — a generated home-care day of a medium municipality: 1,000 visits and
 * 60 caregivers around Aizkraukle. Measures time to a feasible proposal (construction, checked by
 * the independent checker), the plan after the budget, and repair after one absence.
 * Targets: feasible proposal ≤ 5 s; repair ≤ 1 s. Then (`--days 7`, the default) the whole week
 * through the path of `apsis schedule build` (`bench/homecare-week.ts`: plan tasks → visit requests →
 * `planWeek`, checked day by day from the records it writes) and `apsis schedule repair`
 * (`repairDay` on the stored day). Usage: node dist/bench/schedule-homecare.js [--seconds 5]
 * [--days 1|7] [--clients 720] [--showers N]: the first N clients also have a shower at the day
 * centre in their visit's slot (the catalogue's rooms, hours and 30-minute transport; the day only,
 * results go to schedule-homecare-centre.md).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { checkSolution } from '../core/schedule/check.js';
import { kpis } from '../core/schedule/kpis.js';
import { repair } from '../core/schedule/repair.js';
import { solve } from '../core/schedule/solve.js';
import { buildDayProblem } from '../core/schedule/week/day-problem.js';
import type { ClientForWeek, VisitRequest } from '../core/schedule/week/visit-requests.js';
import type { Staff } from '../core/doc/schema.js';
import { PLACES } from '../core/demo/places.js';
import { createRandom } from '../core/demo/random.js';
import { catalogueTaskRules } from '../cli/schedule/operations.js';
import { writeResult } from './report.js';
import { measureWeek } from './schedule-homecare-week.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, visits: { type: 'string', default: '1000' }, staff: { type: 'string', default: '60' }, showers: { type: 'string', default: '0' }, days: { type: 'string', default: '7' }, clients: { type: 'string', default: '720' }, iterations: { type: 'string', default: 'Infinity' } } });
// --iterations N: the day's search also stops after N steps (before/after comparisons independent of the load).
const ITERATIONS = Number(values.iterations);
if (!(ITERATIONS >= 0)) throw new Error(`--iterations must be a number of steps ≥ 0, not "${values.iterations}"`);
if (values.days !== '1' && values.days !== '7') throw new Error(`--days must be 1 or 7, not "${values.days}"`);
const VISITS = Number(values.visits);
const STAFF = Number(values.staff);
const SHOWERS = Number(values.showers);
const rules = SHOWERS > 0 ? catalogueTaskRules() : undefined;
const r = createRandom(2026);
const date = '2026-11-23';
const slots = ['morning', 'morning', 'midday', 'afternoon', 'any'] as const;

const clients: ClientForWeek[] = [];
const requests: VisitRequest[] = [];
for (let i = 0; i < VISITS; i++) {
  const place = PLACES[i % PLACES.length]!;
  const id = `c-${i}`;
  clients.push({ id, location: { lat: place.lat + (r.next() - 0.5) * place.spread * 2, lon: place.lon + (r.next() - 0.5) * place.spread * 3 }, careGroupId: 'g1', declinedStaffIds: [], preferredStaffIds: [] });
  const slot = r.pick(slots);
  requests.push({ id: `v-20261123-${slot}-${id}`, clientId: id, date, slot, durationMin: r.pick([15, 20, 30, 30, 45]), taskCodes: ['personal_hygiene'], qualifications: r.chance(0.1) ? ['social_carer'] : ['caregiver'] });
  if (i < SHOWERS) requests.push({ id: `v-20261123-${slot}-${id}-dc_shower_room`, clientId: id, date, slot, durationMin: 30, taskCodes: ['day_centre_shower'], qualifications: ['day_centre'] });
}
const staff: Staff[] = Array.from({ length: STAFF }, (_, i) => {
  const place = PLACES[i % PLACES.length]!;
  // Contracted hours cover the whole 12-hour shift (no overtime), as in the figures before contracts were priced.
  return { id: `s-${i}`, name: `Staff ${i}`, roles: ['caregiver'], qualifications: i % 3 === 0 ? ['caregiver', 'social_carer'] : ['caregiver'], careGroupId: 'g1', contractHoursPerWeek: 60, home: { lat: place.lat, lon: place.lon }, phone: '', active: true, shift: { start: 7 * 60, end: 19 * 60 }, workDays: [1, 2, 3, 4, 5] };
});

const loadAtStart = loadavg()[0] ?? 0;
const t0 = performance.now();
const day = buildDayProblem({ date, requests, staff, absences: [], clients: new Map(clients.map((c) => [c.id, c])), existing: new Map(), ...(rules ? { rules } : {}) });
const buildMs = performance.now() - t0;
let firstFeasibleMs = NaN;
const tSolve = performance.now();
const result = solve(day.problem, {
  seed: 1,
  timeLimitMs: Number(values.seconds) * 1000,
  now: () => performance.now(),
  ...(Number.isFinite(ITERATIONS) ? { maxIterations: ITERATIONS } : {}),
  // From the call, so that booking the day-centre appointments (before the routing) counts too.
  onProgress: () => {
    if (Number.isNaN(firstFeasibleMs)) firstFeasibleMs = performance.now() - tSolve;
  },
});
const violations = checkSolution(day.problem, result);
const k = kpis(day.problem, result);
const busiest = [...result.routes].sort((a, b) => b.stops.length - a.stops.length)[0]!;
const fromMinute = 10 * 60;
const t1 = performance.now();
const repaired = repair(day.problem, result, { staff: busiest.staff, fromMinute }, { seed: 1, now: () => performance.now() });
const repairMs = performance.now() - t1;
const repairViolations = checkSolution(day.problem, repaired);
const othersChanged = repaired.routes.filter((rt) => rt.staff !== busiest.staff).filter((rt) => {
  const before = result.routes.find((x) => x.staff === rt.staff)!.stops.map((s) => s.visit);
  const after = rt.stops.map((s) => s.visit).filter((v) => before.includes(v));
  return after.join() !== before.join();
}).length;

const booked = result.bookings?.length ?? 0;
const dayRows: [string, string][] = [
  ['instance', `${VISITS} visits, ${STAFF} caregivers, one day, windows by slot, 10 % need a social carer, everyone with a 30-minute lunch break${SHOWERS > 0 ? `; ${SHOWERS} of the clients also at the day centre's shower room in the same slot (${booked} booked), home visits kept clear of it and the 30-minute transport` : ''}`],
  ['load average (1 min) at start', `${loadAtStart.toFixed(2)} (machine shared with other work; timings under load are pessimistic)`],
  ['problem build (travel matrix etc.)', `${buildMs.toFixed(0)} ms`],
  ['first feasible proposal (construction)', `${Number.isNaN(firstFeasibleMs) ? 'n/a' : `${firstFeasibleMs.toFixed(0)} ms`} (target ≤ 5 s)`],
  [`after ${values.seconds} s`, `status ${result.status}, ${result.iterations} iterations, ${result.unassigned.length} unassigned, travel ${k.travelMinutes} min, workload spread ${k.workloadSpreadMinutes} min (busiest − least busy), cost ${result.cost.toFixed(1)}, unassigned by the last guard ${result.guardUnassigned} (should be 0), checker violations ${violations.length}`],
  ['repair after one absence (busiest worker, from 10:00)', `${repairMs.toFixed(0)} ms (target ≤ 1 s), moved ${repaired.moved.length}, other routes reordered ${othersChanged}, checker violations ${repairViolations.length}`],
];
if (violations.length > 0 || repairViolations.length > 0 || result.guardUnassigned > 0) process.exitCode = 1;
if (SHOWERS > 0 || values.days === '1') {
  await writeResult(SHOWERS > 0 ? 'schedule-homecare-centre' : 'schedule-homecare', 'Scheduler: generated home-care day (medium municipality)', dayRows);
} else {
  const week = measureWeek({ clients: Number(values.clients), staff: STAFF, seconds: Number(values.seconds), ...(Number.isFinite(ITERATIONS) ? { maxIterations: ITERATIONS } : {}) });
  if (!week.ok) process.exitCode = 1;
  await writeResult('schedule-homecare', 'Scheduler: generated home-care week and day (medium municipality)', [...week.rows, ...dayRows.map(([key, value]): [string, string] => [`day: ${key}`, value])]);
}
