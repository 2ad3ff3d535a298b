/**
 * Day centres end to end: opening days and hours in the validated service catalogue, the week
 * builder putting day-centre tasks on open days, closed days reported, and the client kept out
 * of two places (home visits clear of the centre's appointments and transport), re-checked by
 * the independent checker on the stored days.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../cli/catalogue/load.js';
import { catalogueTaskRules } from '../../cli/schedule/operations.js';
import { parseCatalogue } from '../../core/catalogue/parse.js';
import { StaffSchema } from '../../core/doc/schema.js';
import type { ScheduledVisit, Staff } from '../../core/doc/schema.js';
import { checkSolution } from '../../core/schedule/check.js';
import { weekDates } from '../../core/schedule/week/calendar.js';
import { planWeek } from '../../core/schedule/week/plan-week.js';
import { storedDay } from '../../core/schedule/week/stored-day.js';
import { hoursOn, openWeekdays, taskRules } from '../../core/schedule/week/task-rules.js';
import type { TaskRules } from '../../core/schedule/week/task-rules.js';
import type { ClientForWeek, TaskForWeek } from '../../core/schedule/week/visit-requests.js';
import { buildVisitRequests } from '../../core/schedule/week/visit-requests.js';

const FILE = 'data/catalogue/services.json';
const servicesJson = () => JSON.parse(readFileSync(join(findPackageRoot(import.meta.url), FILE), 'utf8')) as { centres: Record<string, unknown>[]; services: Record<string, unknown>[] };
const RULES = catalogueTaskRules();
const WEEK = weekDates('2026-W48');
const HOME = { lat: 57.54, lon: 25.42 };
const staff = (id: string): Staff => StaffSchema.parse({ id, name: id, roles: ['caregiver'], qualifications: ['caregiver'], careGroupId: 'g', home: HOME, shift: { start: 7 * 60, end: 15 * 60 + 30 }, workDays: [1, 2, 3, 4, 5, 6, 7] });
const client = (id: string, d: number): ClientForWeek => ({ id, location: { lat: HOME.lat + d, lon: HOME.lon + d / 2 }, careGroupId: 'g', declinedStaffIds: [], preferredStaffIds: [] });
const task = (clientId: string, taskCode: string, frequency: string, timeOfDay: string, durationMin: number, qualification = 'caregiver'): TaskForWeek => ({ clientId, taskCode, frequency, timeOfDay, durationMin, qualification });

function plan(clients: ClientForWeek[], tasks: TaskForWeek[], team: Staff[], rules: TaskRules = RULES) {
  const { requests } = buildVisitRequests(clients, tasks, WEEK, rules);
  return planWeek({ dates: WEEK, requests, staff: team, absences: [], clients, existing: [], seconds: 60, seed: 1, now: () => 0, maxIterations: 300, rules });
}

function violations(date: string, visits: readonly ScheduledVisit[], team: Staff[], clients: ClientForWeek[], rules: TaskRules = RULES) {
  const { day, routes, bookings } = storedDay(date, visits, team, [], clients, rules);
  const assigned = new Set([...routes.flatMap((r) => r.stops.map((s) => s.visit)), ...bookings.map((b) => b.visit)]);
  const unassigned = day.problem.visits.map((_, i) => i).filter((i) => !assigned.has(i)).map((visit) => ({ visit, reason: 'no-room' as const }));
  return checkSolution(day.problem, { routes, bookings, unassigned });
}

describe('day centres in the service catalogue', () => {
  it('the shipped centre is open Monday to Saturday; a room\'s hours are cut to the centre\'s', () => {
    const r = parseCatalogue(servicesJson(), FILE);
    expect(r.ok).toBe(true);
    const shower = RULES.resourceOf(['day_centre_shower'])!;
    expect(shower.centre?.transferMin).toBe(30);
    expect(openWeekdays(shower)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(hoursOn(shower, 3)).toEqual({ start: 540, end: 900 });
    expect(hoursOn(shower, 6)).toEqual({ start: 540, end: 780 });
    expect(hoursOn(shower, 7)).toBeNull();
  });

  it('rejects an unknown centre, a weekday given twice, hours that close before they open, naming file and path', () => {
    const cases: [(j: ReturnType<typeof servicesJson>) => void, string, string][] = [
      [(j) => void ((j.services.find((s) => s.booking)!.booking as Record<string, unknown>).centre = 'nowhere'), 'booking.centre', 'unknown centre "nowhere"'],
      [(j) => void (j.centres[0]!.hours = [{ days: [1, 2], start: 480, end: 900 }, { days: [2], start: 480, end: 600 }]), 'centres[0].hours[1].days', 'weekday 2 twice'],
      [(j) => void (j.centres[0]!.hours = [{ days: [1], start: 900, end: 480 }]), 'centres[0].hours[0]', 'closes (480) before it opens (900)'],
      [(j) => void (j.centres[0]!.transferMin = -5), 'centres[0].transferMin', ''],
      [(j) => void j.centres.push({ ...j.centres[0]! }), 'centres', 'duplicate centre'],
      [(j) => void (j.centres[0]!.hours = [{ days: [1], start: 1000, end: 1100 }]), 'booking.open', 'open only while centre "day_centre" is closed'],
    ];
    for (const [patch, path, words] of cases) {
      const json = servicesJson();
      patch(json);
      const r = parseCatalogue(json, FILE);
      expect(r.ok, path).toBe(false);
      if (r.ok) continue;
      const hit = r.issues.find((i) => i.path.endsWith(path) && i.message.includes(words));
      expect(hit, `${path}: ${JSON.stringify(r.issues)}`).toBeDefined();
      expect(hit?.file).toBe(FILE);
    }
  });
});

describe('opening days in the week builder, solver and checker', () => {
  const team = [staff('anna')];
  const clients = [client('c1', 0.01)];

  it('a daily shower at a centre open Monday to Saturday: booked six days, Sunday unassigned because the centre is closed', () => {
    const week = plan(clients, [task('c1', 'day_centre_shower', 'daily', 'morning', 30, 'day_centre')], team);
    const showers = week.visits.filter((v) => v.taskCodes.includes('day_centre_shower'));
    expect(showers.filter((v) => v.unassignedReason === '').map((v) => v.date)).toEqual(WEEK.slice(0, 6));
    const sunday = showers.find((v) => v.date === WEEK[6])!;
    expect(sunday.unassignedReason).toBe('the day centre (shower_room) is closed on Sundays');
    expect(week.days.find((d) => d.date === WEEK[6])?.unassigned).toEqual([{ visitId: sunday.id, reason: sunday.unassignedReason }]);
    for (const date of WEEK) expect(violations(date, week.visits, team, clients), date).toEqual([]);
  });

  it('a centre open Tuesday and Thursday: the weekly and twice-weekly tasks move there, three times a week leaves one closed day', () => {
    const services = servicesJson().services as unknown as Parameters<typeof taskRules>[1];
    const rules = taskRules([], services, [{ code: 'day_centre', transferMin: 20, hours: [{ days: [2, 4], start: 480, end: 1020 }] }]);
    const tasks = [task('c1', 'day_centre_hairdresser', 'weekly', 'midday', 30, 'day_centre'), task('c1', 'day_centre_laundry', '2x_week', 'morning', 60, 'day_centre'), task('c1', 'day_centre_shower', '3x_week', 'morning', 30, 'day_centre')];
    const { requests } = buildVisitRequests(clients, tasks, WEEK, rules);
    const on = (code: string) => requests.filter((r) => r.taskCodes.includes(code)).map((r) => r.date);
    expect(on('day_centre_hairdresser')).toEqual([WEEK[1]]);
    expect(on('day_centre_laundry')).toEqual([WEEK[1], WEEK[3]]);
    expect(on('day_centre_shower')).toEqual([WEEK[0], WEEK[1], WEEK[3]]);
    const week = plan(clients, tasks, team, rules);
    expect(week.visits.filter((v) => v.unassignedReason !== '').map((v) => [v.date, v.unassignedReason])).toEqual([[WEEK[0], 'the day centre (shower_room) is closed on Mondays']]);
    for (const date of WEEK) expect(violations(date, week.visits, team, clients, rules), date).toEqual([]);
  });
});

describe('a client in one place at a time, end to end', () => {
  // Six clients each with a morning home visit and a morning shower at the centre (30 min transport each way).
  const team = [staff('anna'), staff('berta')];
  const clients = Array.from({ length: 6 }, (_, i) => client(`d${i}`, 0.003 * (i + 1)));
  const tasks = clients.flatMap((c) => [task(c.id, 'day_centre_shower', 'daily', 'morning', 30, 'day_centre'), task(c.id, 'personal_hygiene', 'daily', 'morning', 30)]);
  const week = plan(clients, tasks, team);

  it('home visits never overlap the client\'s appointment or its transport, and the stored days pass the checker', () => {
    let pairs = 0;
    for (const date of WEEK.slice(0, 6)) {
      for (const c of clients) {
        const mine = week.visits.filter((v) => v.date === date && v.clientId === c.id && v.unassignedReason === '');
        const shower = mine.find((v) => v.taskCodes.includes('day_centre_shower'))!;
        const home = mine.find((v) => v.taskCodes.includes('personal_hygiene'))!;
        expect(shower && home, `${date} ${c.id}`).toBeTruthy();
        expect(home.start + home.durationMin <= shower.start - 30 || home.start >= shower.start + shower.durationMin + 30, `${date} ${c.id}: home ${home.start}, shower ${shower.start}`).toBe(true);
        pairs++;
      }
      expect(violations(date, week.visits, team, clients), date).toEqual([]);
    }
    expect(pairs).toBe(36);
  });

  it('the checker rejects a stored home visit moved into the client\'s time at the centre', () => {
    const monday = week.visits.filter((v) => v.date === WEEK[0]);
    const shower = monday.find((v) => v.clientId === 'd0' && v.taskCodes.includes('day_centre_shower'))!;
    const moved = monday.map((v) => (v.clientId === 'd0' && v.taskCodes.includes('personal_hygiene') ? { ...v, start: shower.start + 40 } : v));
    expect(violations(WEEK[0]!, moved, team, clients).map((v) => v.kind)).toContain('client');
  });
});
