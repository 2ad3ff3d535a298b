/**
 * The week builder end to end on fixtures: plan tasks → visits → day problems → solver → records
 * → (records read back) the independent checker and the KPIs. Lunch breaks, two-person visits,
 * `apart` and `together` rules from the task catalogue, declined and preferred caregivers, and
 * continuity with the last weeks.
 */
import { describe, expect, it } from 'vitest';
import { StaffSchema } from '../../core/doc/schema.js';
import type { ScheduledVisit, Staff } from '../../core/doc/schema.js';
import { checkSolution } from '../../core/schedule/check.js';
import { weekDates } from '../../core/schedule/week/calendar.js';
import { buildDayProblem } from '../../core/schedule/week/day-problem.js';
import { lunchBreak } from '../../core/schedule/week/lunch.js';
import { planWeek } from '../../core/schedule/week/plan-week.js';
import { storedDay, storedDayKpis } from '../../core/schedule/week/stored-day.js';
import { NO_TASK_RULES, taskRules } from '../../core/schedule/week/task-rules.js';
import type { TaskRules } from '../../core/schedule/week/task-rules.js';
import type { ClientForWeek, TaskForWeek } from '../../core/schedule/week/visit-requests.js';
import { buildVisitRequests } from '../../core/schedule/week/visit-requests.js';
import { catalogueTaskRules } from '../../cli/schedule/operations.js';

const RULES = catalogueTaskRules();
const WEEK = weekDates('2026-W48');
const WEDNESDAY = '2026-11-25';
const HOME = { lat: 57.54, lon: 25.42 };

const staff = (id: string, qualifications: string[], home = HOME): Staff =>
  StaffSchema.parse({ id, name: id, roles: ['caregiver'], qualifications, careGroupId: 'g', home, shift: { start: 7 * 60, end: 15 * 60 + 30 }, workDays: [1, 2, 3, 4, 5, 6, 7] });
const client = (id: string, dLat: number, extra: Partial<ClientForWeek> = {}): ClientForWeek => ({ id, location: { lat: HOME.lat + dLat, lon: HOME.lon + dLat / 2 }, careGroupId: 'g', declinedStaffIds: [], preferredStaffIds: [], ...extra });
const task = (clientId: string, taskCode: string, frequency: string, timeOfDay: string, durationMin: number, qualification = 'caregiver', healthCare = false): TaskForWeek => ({ clientId, taskCode, frequency, timeOfDay, durationMin, qualification, ...(healthCare ? { healthCare } : {}) });

function plan(clients: ClientForWeek[], tasks: TaskForWeek[], team: Staff[], rules: TaskRules = RULES, seed = 1) {
  const { requests } = buildVisitRequests(clients, tasks, WEEK, rules);
  const week = planWeek({ dates: WEEK, requests, staff: team, absences: [], clients, existing: [], seconds: 60, seed, now: () => 0, maxIterations: 400, rules });
  return { requests, week };
}

/** Reads the stored records of a day back and runs the independent checker on them. */
function checkDay(date: string, visits: readonly ScheduledVisit[], team: Staff[], clients: ClientForWeek[], rules: TaskRules = RULES) {
  const { day, routes, bookings } = storedDay(date, visits, team, [], clients, rules);
  const assigned = new Set([...routes.flatMap((r) => r.stops.map((s) => s.visit)), ...bookings.map((b) => b.visit)]);
  const unassigned = day.problem.visits.map((_, i) => i).filter((i) => !assigned.has(i)).map((visit) => ({ visit, reason: 'no-room' as const }));
  return { violations: checkSolution(day.problem, { routes, bookings, unassigned }), day, routes, bookings };
}

const overlap = (a: ScheduledVisit, b: ScheduledVisit) => a.start < b.start + b.durationMin && b.start < a.start + a.durationMin;

describe('the week builder', () => {
  const team = [staff('anna', ['caregiver']), staff('berta', ['caregiver']), staff('nora', ['nurse'])];
  const clients = [client('c1', 0.01), client('c2', -0.012), client('c3', 0.006, { declinedStaffIds: ['anna'] })];
  const tasks = [
    task('c1', 'personal_hygiene', 'daily', 'morning', 20),
    task('c1', 'bathing', 'weekly', 'morning', 45),
    task('c1', 'bed_linen_change', 'weekly', 'any', 20),
    task('c1', 'pressure_sore_care', 'daily', 'morning', 30, 'nurse', true),
    task('c2', 'personal_hygiene', 'daily', 'morning', 20),
    task('c2', 'two_person_transfer', 'each_visit', 'any', 15),
    task('c2', 'reheat_meal', 'daily', 'midday', 15),
    task('c3', 'personal_hygiene', 'daily', 'morning', 20),
    task('c3', 'cleaning', 'weekly', 'afternoon', 60),
  ];
  const { requests, week } = plan(clients, tasks, team);

  it('keeps a nurse\'s task as a visit of its own and joins a `together` task to its partner\'s slot', () => {
    // The day the weekly linen change lands on (the week is balanced, so not always Wednesday).
    const linenDay = requests.find((r) => r.clientId === 'c1' && r.taskCodes.includes('bed_linen_change'))!.date;
    const wed = requests.filter((r) => r.date === linenDay && r.clientId === 'c1');
    const nurse = wed.find((r) => r.taskCodes.includes('pressure_sore_care'))!;
    expect(nurse.qualifications).toEqual(['nurse']);
    expect(nurse.taskCodes).toEqual(['pressure_sore_care']);
    // The weekly linen change (any time) joins the nurse's morning slot on the day both happen.
    const linen = wed.find((r) => r.taskCodes.includes('bed_linen_change'))!;
    expect(linen.slot).toBe(nurse.slot);
    expect(linen.qualifications).toEqual(['caregiver']);
  });

  it('plans every visit, and the stored week passes the independent checker day by day (breaks, syncs, declined)', () => {
    expect(week.visits.filter((v) => v.staffIds.length === 0).map((v) => `${v.id}: ${v.unassignedReason}`)).toEqual([]);
    for (const date of WEEK) {
      const { violations, routes, day } = checkDay(date, week.visits, team, clients);
      expect(violations, date).toEqual([]);
      for (const r of routes) if (r.stops.length > 0 && day.problem.staff[r.staff]?.lunch) expect(r.breakStart, `${date} ${day.staff[r.staff]?.id}`).toBeDefined();
    }
  });

  it('proposes the whole week first (every day constructed, checker-clean), then improves it day by day', () => {
    const { requests } = buildVisitRequests(clients, tasks, WEEK, RULES);
    const proposals: ScheduledVisit[][] = [];
    const improved = planWeek({ dates: WEEK, requests, staff: team, absences: [], clients, existing: [], seconds: 60, seed: 1, now: () => 0, maxIterations: 400, rules: RULES, onProposal: (p) => proposals.push(p.visits) });
    expect(proposals).toHaveLength(1);
    const proposal = proposals[0]!;
    expect(proposal.map((v) => v.id)).toEqual(improved.visits.map((v) => v.id));
    for (const date of WEEK) expect(checkDay(date, proposal, team, clients).violations, date).toEqual([]);
    expect(improved.visits).toEqual(week.visits);
  });

  it('gives everyone working over six hours a 30-minute lunch break no later than four hours in', () => {
    const day = buildDayProblem({ date: WEDNESDAY, requests: requests.filter((r) => r.date === WEDNESDAY), staff: team, absences: [], clients: new Map(clients.map((c) => [c.id, c])), existing: new Map(), rules: RULES });
    for (const s of day.problem.staff) expect(s.lunch).toEqual({ window: { start: 7 * 60 + 150, end: 11 * 60 }, duration: 30 });
    const short = buildDayProblem({ date: WEDNESDAY, requests: [], staff: [staff('x', ['caregiver'])], absences: [{ id: 'a1', staffId: 'x', from: `${WEDNESDAY}T00:00`, until: `${WEDNESDAY}T10:00`, reason: '', substituteId: null }], clients: new Map(), existing: new Map() });
    expect(short.problem.staff[0]?.lunch).toBeUndefined();
  });

  it('follows Labour Law art. 145(1) at its edges: over six hours of work, a break of 30 minutes starting no later than four hours in', () => {
    expect(lunchBreak(480, { start: 480, end: 480 + 360 })).toBeUndefined();
    expect(lunchBreak(480, { start: 480, end: 480 + 361 })).toEqual({ window: { start: 480 + 150, end: 480 + 240 }, duration: 30 });
    // An absence until 10:00 moves the start of work, so the four hours count from 10:00.
    expect(lunchBreak(480, { start: 600, end: 600 + 420 })?.window.end).toBe(600 + 240);
    // An absence from 14:00 leaves six hours: no break is owed.
    expect(lunchBreak(480, { start: 480, end: 840 })).toBeUndefined();
  });

  it('sends two caregivers at once to a two-person transfer, and stores both', () => {
    const c2 = week.visits.filter((v) => v.clientId === 'c2');
    expect(c2.length).toBe(14);
    for (const v of c2) {
      expect(v.staffIds.length, v.id).toBe(2);
      expect(new Set(v.staffIds).size, v.id).toBe(2);
    }
  });

  it('keeps the nurse\'s dressing change and the bath apart, and starts the linen change with the pressure-sore treatment', () => {
    // The bath and the linen change are weekly: each on its own (balanced) day, the nurse daily.
    const c1 = week.visits.filter((v) => v.clientId === 'c1');
    const bath = c1.find((v) => v.taskCodes.includes('bathing'))!;
    const linen = c1.find((v) => v.taskCodes.includes('bed_linen_change'))!;
    const nurseOn = (date: string) => c1.find((v) => v.date === date && v.taskCodes.includes('pressure_sore_care'))!;
    expect(overlap(nurseOn(bath.date), bath)).toBe(false);
    expect(linen.start).toBe(nurseOn(linen.date).start);
    const nurse = nurseOn(linen.date);
    expect(linen.staffIds[0]).not.toBe(nurse.staffIds[0]);
  });

  it('never sends a declined caregiver', () => {
    for (const v of week.visits.filter((x) => x.clientId === 'c3')) expect(v.staffIds).not.toContain('anna');
  });
});

describe('apart rules matter', () => {
  it('without them the earliest plan overlaps the bath and the dressing change; with them it never does', () => {
    // Everyone starts at the client's door at 7:00: overlapping is what costs nothing.
    const team = [staff('anna', ['caregiver'], { lat: 57.55, lon: 25.425 }), staff('nora', ['nurse'], { lat: 57.55, lon: 25.425 })];
    const clients = [client('c1', 0.01)];
    const tasks = [task('c1', 'bathing', 'daily', 'morning', 45), task('c1', 'pressure_sore_care', 'daily', 'morning', 30, 'nurse', true)];
    const free = plan(clients, tasks, team, NO_TASK_RULES).week.visits.filter((v) => v.date === WEDNESDAY);
    expect(overlap(free[0]!, free[1]!)).toBe(true);
    for (const seed of [1, 2, 3]) {
      const ruled = plan(clients, tasks, team, RULES, seed).week;
      for (const date of WEEK) {
        const day = ruled.visits.filter((v) => v.date === date);
        expect(day.every((v) => v.staffIds.length === 1), `seed ${seed} ${date}`).toBe(true);
        expect(overlap(day[0]!, day[1]!), `seed ${seed} ${date}`).toBe(false);
        expect(checkDay(date, ruled.visits, team, clients).violations, `seed ${seed} ${date}`).toEqual([]);
      }
    }
  });
});

describe('together rules across frequencies', () => {
  // Pressure-sore treatment three times a week (Mon, Wed, Fri), the linen change twice: the linen
  // change goes on two of the treatment's days (Mon, Fri), never on a day of its own.
  const team = [staff('anna', ['caregiver']), staff('nora', ['nurse'])];
  const clients = [client('c1', 0.01)];
  const tasks = [task('c1', 'pressure_sore_care', '3x_week', 'morning', 30, 'nurse', true), task('c1', 'bed_linen_change', '2x_week', 'any', 20), task('c1', 'personal_hygiene', 'daily', 'midday', 20)];

  it('puts the rarer task on its partner\'s days and slot, and starts both together by two people', () => {
    const { requests, week } = plan(clients, tasks, team);
    const on = (code: string) => requests.filter((r) => r.taskCodes.includes(code)).map((r) => r.date);
    expect(on('pressure_sore_care')).toEqual([WEEK[0], WEEK[2], WEEK[4]]);
    expect(on('bed_linen_change')).toEqual([WEEK[0], WEEK[4]]);
    for (const date of on('bed_linen_change')) {
      const day = week.visits.filter((v) => v.date === date);
      const nurse = day.find((v) => v.taskCodes.includes('pressure_sore_care'))!;
      const linen = day.find((v) => v.taskCodes.includes('bed_linen_change'))!;
      expect(linen.unassignedReason, date).toBe('');
      expect(linen.start, date).toBe(nurse.start);
      expect(linen.staffIds, date).toEqual(['anna']);
      expect(nurse.staffIds, date).toEqual(['nora']);
      expect(checkDay(date, week.visits, team, clients).violations, date).toEqual([]);
    }
  });

  it('a daily partner keeps the rarer task on its own spread days; with no partner this week nothing moves', () => {
    const daily = [task('c1', 'pressure_sore_care', 'daily', 'morning', 30, 'nurse', true), task('c1', 'bed_linen_change', '3x_week', 'any', 20)];
    const { requests } = buildVisitRequests(clients, daily, WEEK, RULES);
    expect(requests.filter((r) => r.taskCodes.includes('bed_linen_change')).map((r) => [r.date, r.slot])).toEqual([WEEK[0], WEEK[2], WEEK[4]].map((d) => [d, 'morning']));
    // A treatment every other week is off in week 48: the weekly linen change keeps its Wednesday, any time.
    const off = [task('c1', 'pressure_sore_care', '2x_month', 'morning', 30, 'nurse', true), task('c1', 'bed_linen_change', 'weekly', 'any', 20)];
    const alone = buildVisitRequests(clients, off, weekDates('2026-W49'), RULES).requests;
    expect(alone.map((r) => [r.date, r.slot, r.taskCodes.join()])).toEqual([['2026-12-02', 'any', 'bed_linen_change']]);
  });

  it('tasks of one profession that go together become one visit on the rarer one\'s days', () => {
    const rules = taskRules([{ code: 'bed_linen_change', together: ['personal_hygiene'] }]);
    const mixed = [task('c1', 'personal_hygiene', '3x_week', 'morning', 20), task('c1', 'bed_linen_change', '2x_week', 'afternoon', 20)];
    const { requests } = buildVisitRequests(clients, mixed, WEEK, rules);
    expect(requests.map((r) => [r.date, r.slot, r.taskCodes.join('+'), r.durationMin])).toEqual([
      [WEEK[0], 'morning', 'bed_linen_change+personal_hygiene', 40],
      [WEEK[2], 'morning', 'personal_hygiene', 20],
      [WEEK[4], 'morning', 'bed_linen_change+personal_hygiene', 40],
    ]);
  });

  it('the checker rejects a linen change that does not start with the treatment, or is done by the nurse herself', () => {
    const { week } = plan(clients, tasks, team);
    const monday = week.visits.filter((v) => v.date === WEEK[0]);
    const linen = monday.find((v) => v.taskCodes.includes('bed_linen_change'))!;
    const late = monday.map((v) => (v === linen ? { ...v, start: v.start + 15 } : v));
    expect(checkDay(WEEK[0]!, late, team, clients).violations.map((v) => v.kind)).toContain('sync');
    // Nina is a nurse and a caregiver: giving her both halves is one person in two roles at once.
    const nina = [staff('anna', ['caregiver']), staff('nina', ['nurse', 'caregiver'])];
    const alone = monday.map((v) => (v === linen || v.taskCodes.includes('pressure_sore_care') ? { ...v, staffIds: ['nina'] } : v));
    expect(checkDay(WEEK[0]!, alone, nina, clients).violations.map((v) => v.kind)).toContain('sync');
  });
});

describe('continuity of carer', () => {
  // Two caregivers with the same home: which of them does a visit costs the same travel.
  const team = [staff('anna', ['caregiver']), staff('berta', ['caregiver'])];
  const clients = [client('c1', 0.01), client('c2', -0.01), client('c3', 0.005)];
  const tasks = clients.flatMap((c) => [task(c.id, 'personal_hygiene', 'daily', 'morning', 30), task(c.id, 'reheat_meal', 'daily', 'midday', 15)]);

  it('metamorphic: a preference for the other caregiver is kept when it costs nothing', () => {
    // One visit per client and day: asking each client for the other caregiver is swapping two
    // whole routes between people with the same home, which costs nothing.
    const tasks = clients.map((c) => task(c.id, 'personal_hygiene', 'daily', 'morning', 30));
    for (const seed of [5, 6, 7]) {
      const before = plan(clients, tasks, team, RULES, seed).week;
      const wed = before.visits.filter((v) => v.date === WEDNESDAY);
      const travelBefore = storedDayKpis(WEDNESDAY, wed, team, [], clients).travelMinutes;
      // Ask, for every client, for whoever did NOT do its Wednesday hygiene visit.
      const other = new Map(wed.filter((v) => v.taskCodes.includes('personal_hygiene')).map((v) => [v.clientId, v.staffIds[0] === 'anna' ? 'berta' : 'anna']));
      const preferring = clients.map((c) => ({ ...c, preferredStaffIds: [other.get(c.id)!] }));
      const after = plan(preferring, tasks, team, RULES, seed).week;
      const wedAfter = after.visits.filter((v) => v.date === WEDNESDAY);
      for (const v of wedAfter) expect(v.staffIds, `seed ${seed} ${v.id}`).toEqual([other.get(v.clientId)]);
      const k = storedDayKpis(WEDNESDAY, wedAfter, team, [], preferring);
      expect(k.preferredPct, `seed ${seed}`).toBe(100);
      expect(k.travelMinutes, `seed ${seed}`).toBeLessThanOrEqual(travelBefore);
    }
  });

  it('follows the caregiver of the last weeks, and the KPI says how often', () => {
    const recent = clients.map((c, i) => ({ ...c, recentStaffIds: [i % 2 === 0 ? 'berta' : 'anna'] }));
    const week = plan(recent, tasks, team).week;
    for (const date of WEEK) {
      const day = week.visits.filter((v) => v.date === date);
      expect(storedDayKpis(date, day, team, [], recent).preferredPct, date).toBe(100);
    }
    for (const v of week.visits) expect(v.staffIds[0], v.id).toBe(recent.find((c) => c.id === v.clientId)!.recentStaffIds[0]);
  });
});

describe('day-centre appointments', () => {
  // Nine clients want a shower at the day centre every morning (so on Wednesday too): two shower rooms, 9:00–15:00.
  const team = [staff('anna', ['caregiver'])];
  const clients = Array.from({ length: 9 }, (_, i) => client(`d${i}`, 0.002 * (i + 1)));
  const tasks = clients.flatMap((c) => [task(c.id, 'day_centre_shower', 'daily', 'morning', 30, 'day_centre'), task(c.id, 'personal_hygiene', 'weekly', 'morning', 15)]);
  const { requests, week } = plan(clients, tasks, team);

  it('are requests of their own, booked on the room, never on a carer\'s route, at most two at once', () => {
    const showers = week.visits.filter((v) => v.date === WEDNESDAY && v.taskCodes.includes('day_centre_shower'));
    expect(showers).toHaveLength(9);
    expect(requests.filter((r) => r.taskCodes.includes('day_centre_shower')).length).toBe(9 * 7);
    expect(requests.filter((r) => r.taskCodes.includes('day_centre_shower')).every((r) => r.taskCodes.length === 1)).toBe(true);
    const booked = showers.filter((v) => v.unassignedReason === '');
    for (const v of booked) expect(v.staffIds).toEqual([]);
    // 9:00, 9:30, 10:00 and 10:30 are the morning starts inside the opening hours: 8 places.
    expect(booked).toHaveLength(8);
    for (const v of booked) expect(showers.filter((o) => o.unassignedReason === '' && overlap(o, v)).length, v.id).toBeLessThanOrEqual(2);
    const left = showers.filter((v) => v.unassignedReason !== '');
    expect(left.map((v) => v.unassignedReason)).toEqual(['the day-centre room or chair is fully booked in the morning window']);
  });

  it('read back from the records, the day passes the independent checker with its bookings', () => {
    const { violations, bookings } = checkDay(WEDNESDAY, week.visits, team, clients);
    expect(violations).toEqual([]);
    expect(bookings).toHaveLength(8);
    expect(storedDayKpis(WEDNESDAY, week.visits.filter((v) => v.date === WEDNESDAY), team, [], clients, RULES).unassigned).toBe(1);
  });
});
