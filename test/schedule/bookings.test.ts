/** Day-centre appointments booked on rooms and chairs with a capacity: solver, repair and the independent checker. */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../core/schedule/check.js';
import type { Problem, Solution, Visit } from '../../core/schedule/model.js';
import { repair } from '../../core/schedule/repair.js';
import { solve } from '../../core/schedule/solve.js';
import { createDenseMatrix } from '../../core/schedule/travel.js';
import { matrixOf, staffMember } from './fixtures.js';

const travel = createDenseMatrix(matrixOf([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 10 }, { x: 10, y: 10 }]));
const home = (id: string, location: number): Visit => ({ id, location, windows: [{ start: 480, end: 720 }], duration: 30, skills: [], demand: 0 });
const shower = (id: string, extra: Partial<Visit> = {}): Visit => ({ id, location: 0, windows: [{ start: 540, end: 600 }], duration: 30, skills: [], demand: 0, resource: 0, ...extra });
const problem = (appointments: Visit[], capacity = 2): Problem => ({
  visits: [home('h1', 1), home('h2', 2), home('h3', 3), ...appointments],
  staff: [staffMember('s0', { shift: { start: 480, end: 960 } }), staffMember('s1', { shift: { start: 480, end: 960 } })],
  syncs: [],
  travel,
  objective: { distance: 1, tardiness: 0, maxTardiness: 0, overtime: 0, unassigned: 1e6 },
  resources: [{ id: 'shower-room', capacity, open: { start: 540, end: 900 } }],
});
const run = (p: Problem, seed = 1) => solve(p, { seed, timeLimitMs: 60_000, now: () => 0, maxIterations: 200 });
const most = (p: Problem, s: Solution) => Math.max(0, ...(s.bookings ?? []).map((a) => (s.bookings ?? []).filter((b) => b.start <= a.start && b.start + p.visits[b.visit]!.duration > a.start).length));

describe('day-centre appointments', () => {
  it('are booked, not routed, never more at once than the room holds', () => {
    const p = problem(Array.from({ length: 6 }, (_, i) => shower(`a${i}`)));
    for (const seed of [1, 2, 3]) {
      const r = run(p, seed);
      expect(checkSolution(p, r), `seed ${seed}`).toEqual([]);
      expect(r.unassigned, `seed ${seed}`).toEqual([]);
      expect(r.bookings?.length, `seed ${seed}`).toBe(6);
      expect(r.routes.flatMap((x) => x.stops).every((s) => p.visits[s.visit]!.resource === undefined), `seed ${seed}`).toBe(true);
      expect(most(p, r), `seed ${seed}`).toBe(2);
    }
  });

  it('past the capacity, the rest are unassigned with the reason; more capacity never leaves more out', () => {
    const appointments = Array.from({ length: 8 }, (_, i) => shower(`a${i}`));
    const tight = run(problem(appointments, 2));
    expect(checkSolution(problem(appointments, 2), tight)).toEqual([]);
    expect(tight.unassigned.map((u) => u.reason)).toEqual(['capacity', 'capacity']);
    expect(tight.status).toBe('partial');
    const roomy = run(problem(appointments, 3));
    expect(roomy.unassigned.length).toBeLessThanOrEqual(tight.unassigned.length);
    expect(roomy.unassigned).toEqual([]);
  });

  it('keep a pinned start, and stay booked when a caregiver is absent', () => {
    const p = problem([shower('a0', { pin: { start: 570 } }), shower('a1'), shower('a2')]);
    const r = run(p);
    expect(checkSolution(p, r)).toEqual([]);
    expect(r.bookings?.find((b) => b.visit === 3)?.start).toBe(570);
    const fixed = repair(p, r, { staff: 0, fromMinute: 480 }, { seed: 1, now: () => 0 });
    expect(checkSolution(p, fixed)).toEqual([]);
    expect(fixed.bookings).toEqual(r.bookings);
    expect(fixed.routes[0]?.stops).toEqual([]);
  });

  it('the checker rejects a capacity overflow, an appointment on a route, and one outside the opening hours', () => {
    const p = problem([shower('a0'), shower('a1'), shower('a2')]);
    const routes = [{ staff: 0, stops: [{ visit: 0, start: 490 }, { visit: 1, start: 540 }, { visit: 2, start: 600 }] }, { staff: 1, stops: [] }];
    const ok: Solution = { routes, bookings: [{ visit: 3, start: 540 }, { visit: 4, start: 540 }, { visit: 5, start: 570 }], unassigned: [] };
    expect(checkSolution(p, ok)).toEqual([]);
    const overflow: Solution = { ...ok, bookings: [{ visit: 3, start: 540 }, { visit: 4, start: 550 }, { visit: 5, start: 560 }] };
    expect(checkSolution(p, overflow).map((v) => v.kind)).toEqual(['capacity']);
    const onRoute: Solution = { routes: [routes[0]!, { staff: 1, stops: [{ visit: 5, start: 570 }] }], bookings: ok.bookings!.slice(0, 2), unassigned: [] };
    expect(checkSolution(p, onRoute).map((v) => v.kind)).toContain('resource');
    const shut = problem([shower('a0', { windows: [] }), shower('a1'), shower('a2')]);
    const late: Solution = { ...ok, bookings: [{ visit: 3, start: 880 }, { visit: 4, start: 540 }, { visit: 5, start: 570 }] };
    expect(checkSolution(shut, late).map((v) => v.kind)).toEqual(['resource']);
  });
});

describe('a client cannot be in two places', () => {
  // One client (c1) at home at location 1 and a shower room whose centre's transport takes 30 min each way.
  const at = (id: string, extra: Partial<Visit> = {}): Visit => ({ ...home(id, 1), clientId: 'c1', ...extra });
  const room = (extra: Partial<Visit> = {}): Visit => ({ ...shower('shower'), clientId: 'c1', ...extra });
  const centre = (visits: Visit[], rooms: Problem['resources'] = [{ id: 'shower-room', capacity: 2, open: { start: 540, end: 900 }, centre: 'dc', transfer: 30 }]): Problem => ({ ...problem([]), visits, resources: rooms });
  const homeOf = (s: Solution) => s.routes.flatMap((r) => r.stops).find((x) => x.visit === 0);
  const bookingOf = (s: Solution, visit = 1) => s.bookings?.find((b) => b.visit === visit);

  it('home visits keep clear of the appointment and its transport both ways', () => {
    for (const windows of [[{ start: 540, end: 600 }], [{ start: 480, end: 720 }], []]) {
      const p = centre([at('h1', { windows }), room()]);
      const r = run(p);
      expect(checkSolution(p, r), JSON.stringify(windows)).toEqual([]);
      expect(r.unassigned).toEqual([]);
      const h = homeOf(r)!.start;
      const b = bookingOf(r)!.start;
      expect(h + 30 <= b - 30 || h >= b + 30 + 30, `home ${h}, shower ${b}`).toBe(true);
    }
    // Without the client's id the same plan puts both at the earliest time, overlapping.
    const p = centre([{ ...at('h1', { windows: [{ start: 540, end: 600 }] }), clientId: 'other' }, room()]);
    const r = run(p);
    expect([homeOf(r)?.start, bookingOf(r)?.start]).toEqual([540, 540]);
  });

  it('an appointment waits for a home visit pinned to a time; with no time left either one is unassigned with the reason', () => {
    const pinned = centre([at('h1', { pin: { start: 540 }, windows: [{ start: 540, end: 540 }] }), room({ windows: [{ start: 540, end: 660 }] })]);
    const r = run(pinned);
    expect(checkSolution(pinned, r)).toEqual([]);
    expect(bookingOf(r)?.start).toBe(540 + 30 + 30);
    const tight = centre([at('h1', { pin: { start: 540 }, windows: [{ start: 540, end: 540 }] }), room({ windows: [{ start: 540, end: 570 }] })]);
    const t = run(tight);
    expect(checkSolution(tight, t)).toEqual([]);
    expect(t.unassigned).toEqual([{ visit: 1, reason: 'client-at-home' }]);
    const away = centre([at('h1', { windows: [{ start: 540, end: 560 }] }), room({ pin: { start: 540 } })]);
    const a = run(away);
    expect(checkSolution(away, a)).toEqual([]);
    expect(a.unassigned).toEqual([{ visit: 0, reason: 'client-at-centre' }]);
  });

  it('a home visit left only a time no one can reach is unassigned because of the centre, not "no feasible time"', () => {
    // The shift ends at 620: only 540–570 would do, and the client is away until 600.
    const short = (p: Problem): Problem => ({ ...p, staff: p.staff.map((s) => ({ ...s, shift: { start: 480, end: 620 } })) });
    const free = short(centre([at('h1', { windows: [{ start: 540, end: 600 }] })]));
    expect(run(free).unassigned).toEqual([]);
    const busy = short(centre([at('h1', { windows: [{ start: 540, end: 600 }] }), room({ pin: { start: 540 } })]));
    const r = run(busy);
    expect(checkSolution(busy, r)).toEqual([]);
    expect(r.unassigned).toEqual([{ visit: 0, reason: 'client-at-centre' }]);
  });

  it('a lost home visit takes its synchronised second caregiver with it; repair keeps home visits clear of the bookings', () => {
    const p: Problem = { ...centre([at('h1', { windows: [{ start: 540, end: 560 }] }), room({ pin: { start: 540 } }), at('h1~2', { windows: [{ start: 540, end: 560 }] }), home('h2', 2), home('h3', 3)]), syncs: [{ first: 0, second: 2, minGap: 0, maxGap: 0 }] };
    const r = run(p);
    expect(checkSolution(p, r)).toEqual([]);
    expect(r.unassigned.map((u) => [u.visit, u.reason])).toEqual([[0, 'client-at-centre'], [2, 'client-at-centre']]);
    const q = centre([at('h1'), room(), home('h2', 2), home('h3', 3)]);
    const plan = run(q);
    const absent = plan.routes.find((x) => x.stops.some((s) => s.visit === 0))!.staff;
    const fixed = repair(q, plan, { staff: absent, fromMinute: 0 }, { seed: 1, now: () => 0 });
    expect(checkSolution(q, fixed)).toEqual([]);
    expect(fixed.bookings).toEqual(plan.bookings);
    expect(fixed.unassigned).toEqual([]);
  });

  it('two appointments of one client: one after the other at one centre, both transports apart at two', () => {
    const rooms = [{ id: 'shower-room', capacity: 2, open: { start: 540, end: 900 }, centre: 'dc', transfer: 30 }, { id: 'chair', capacity: 1, open: { start: 540, end: 900 }, centre: 'dc', transfer: 30 }, { id: 'far-chair', capacity: 1, open: { start: 540, end: 900 }, centre: 'far', transfer: 20 }];
    const same = centre([at('h1'), room(), room({ id: 'hair', resource: 1 })], rooms);
    const s = run(same);
    expect(checkSolution(same, s)).toEqual([]);
    expect([bookingOf(s, 1)?.start, bookingOf(s, 2)?.start]).toEqual([540, 570]);
    const two = centre([at('h1'), room(), room({ id: 'hair', resource: 2, windows: [{ start: 540, end: 660 }] })], rooms);
    const t = run(two);
    expect(checkSolution(two, t)).toEqual([]);
    expect([bookingOf(t, 1)?.start, bookingOf(t, 2)?.start]).toEqual([540, 570 + 30 + 20]);
  });

  it('the checker rejects a home visit during the appointment or its transport, and two overlapping appointments', () => {
    const rooms = [{ id: 'shower-room', capacity: 2, open: { start: 540, end: 900 }, centre: 'dc', transfer: 30 }, { id: 'far-chair', capacity: 1, open: { start: 480, end: 900 }, centre: 'far', transfer: 20 }];
    const p = centre([at('h1'), room(), room({ id: 'hair', resource: 1, windows: [] })], rooms);
    const plan = (home: number, shower: number, hair: number): Solution => ({ routes: [{ staff: 0, stops: [{ visit: 0, start: home }] }, { staff: 1, stops: [] }], bookings: [{ visit: 1, start: shower }, { visit: 2, start: hair }], unassigned: [] });
    // Home 490–520, the shower 560–590 (away 530–620), the far chair from 640 (both transports after the shower).
    expect(checkSolution(p, plan(490, 560, 640))).toEqual([]);
    expect(checkSolution(p, plan(520, 560, 640)).map((v) => v.kind)).toEqual(['client']);
    expect(checkSolution(p, plan(490, 600, 650)).map((v) => v.kind)).toEqual(['client']);
    expect(checkSolution(p, plan(490, 560, 600)).map((v) => v.kind)).toEqual(['client']);
  });
});

describe('day-centre opening days', () => {
  it('nothing is booked on a closed day: unassigned with the reason, and the checker rejects a booking there', () => {
    const p: Problem = { ...problem([shower('a0')]), resources: [{ id: 'shower-room', capacity: 2, open: null }] };
    const r = run(p);
    expect(checkSolution(p, r)).toEqual([]);
    expect(r.unassigned).toEqual([{ visit: 3, reason: 'closed' }]);
    expect(r.status).toBe('partial');
    const booked: Solution = { ...r, bookings: [{ visit: 3, start: 540 }], unassigned: [] };
    expect(checkSolution(p, booked).map((v) => v.kind)).toEqual(['resource']);
  });
});
