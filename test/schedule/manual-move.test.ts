/**
 * A coordinator's manual move is an edit of the schedule document like any other: it syncs (a Yjs
 * update applied on another laptop) and the next build keeps it where it was put — person, day
 * and time — while the rest is planned around it.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseIsoWeek } from '../../core/doc/doc-id.js';
import { StaffSchema } from '../../core/doc/schema.js';
import type { ScheduledVisit, Staff } from '../../core/doc/schema.js';
import { createScheduleDoc, listVisits, moveVisit, putVisit } from '../../core/doc/schedule-doc.js';
import type { CareGroupId } from '../../core/ids.js';
import { checkSolution } from '../../core/schedule/check.js';
import { weekDates } from '../../core/schedule/week/calendar.js';
import { planWeek } from '../../core/schedule/week/plan-week.js';
import { storedDay } from '../../core/schedule/week/stored-day.js';
import type { ClientForWeek, TaskForWeek } from '../../core/schedule/week/visit-requests.js';
import { buildVisitRequests } from '../../core/schedule/week/visit-requests.js';

const WEEK = weekDates('2026-W48');
const HOME = { lat: 56.6, lon: 25.25 };
const team: Staff[] = ['anna', 'berta'].map((id, i) =>
  StaffSchema.parse({ id, name: id, roles: ['caregiver'], qualifications: ['caregiver'], careGroupId: 'g', home: { lat: HOME.lat + i * 0.05, lon: HOME.lon }, shift: { start: 7 * 60, end: 15 * 60 + 30 }, workDays: [1, 2, 3, 4, 5, 6, 7], contractHoursPerWeek: 56 }),
);
const clients: ClientForWeek[] = [0, 1, 2, 3].map((k) => ({ id: `c${k}`, location: { lat: HOME.lat + k * 0.01, lon: HOME.lon + 0.01 }, careGroupId: 'g', declinedStaffIds: [], preferredStaffIds: [] }));
const tasks: TaskForWeek[] = clients.flatMap((c) => [
  { clientId: c.id, taskCode: 'personal_hygiene', frequency: 'daily', timeOfDay: 'morning', durationMin: 30, qualification: 'caregiver' },
  { clientId: c.id, taskCode: 'cleaning', frequency: 'weekly', timeOfDay: 'afternoon', durationMin: 60, qualification: 'caregiver' },
]);
const { requests } = buildVisitRequests(clients, tasks, WEEK);
const build = (existing: readonly ScheduledVisit[]) => planWeek({ dates: WEEK, requests, staff: team, absences: [], clients, existing, seconds: 60, seed: 1, now: () => 0, maxIterations: 200 });

function docWith(visits: readonly ScheduledVisit[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    createScheduleDoc(doc, parseIsoWeek('2026-W48')!, 'g' as CareGroupId);
    for (const v of visits) putVisit(doc, v);
  });
  return doc;
}

describe('a coordinator\'s manual move', () => {
  it('syncs to another copy of the schedule and is kept by the next build: person, time and day', () => {
    const first = build([]);
    const office = docWith(first.visits);
    const laptop = new Y.Doc();
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(office));

    // Monday's hygiene of c0 to the other person at 9:40 (in her lunch window, the break after it); c1's Wednesday cleaning to Thursday 14:00.
    const monday = first.visits.find((v) => v.id === 'v-20261123-morning-c0')!;
    const other = monday.staffIds[0] === 'anna' ? 'berta' : 'anna';
    const cleaning = first.visits.find((v) => v.clientId === 'c1' && v.taskCodes.includes('cleaning'))!;
    const before = Y.encodeStateVector(office);
    office.transact(() => {
      moveVisit(office, monday.id, { staffIds: [other], start: 9 * 60 + 40 });
      moveVisit(office, cleaning.id, { date: '2026-11-26', start: 14 * 60 });
    });
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(office, before));

    const again = build(listVisits(laptop).records);
    const kept = again.visits.find((v) => v.id === monday.id)!;
    expect(kept).toMatchObject({ staffIds: [other], start: 9 * 60 + 40, date: '2026-11-23', pinned: true, unassignedReason: '' });
    const movedDay = again.visits.find((v) => v.id === cleaning.id)!;
    expect(movedDay).toMatchObject({ date: '2026-11-26', start: 14 * 60, pinned: true, unassignedReason: '' });
    expect(again.visits.filter((v) => v.id === cleaning.id)).toHaveLength(1);
    // The rest is planned around the moves (no more left out than before), and every day passes the independent checker.
    const left = (visits: readonly ScheduledVisit[]) => visits.filter((v) => v.unassignedReason !== '').length;
    expect(left(again.visits)).toBeLessThanOrEqual(left(first.visits));
    for (const date of WEEK) {
      const { day, routes } = storedDay(date, again.visits, team, [], clients);
      const done = new Set(routes.flatMap((r) => r.stops.map((s) => s.visit)));
      const unassigned = day.requests.map((_, i) => i).filter((i) => !done.has(i)).map((visit) => ({ visit, reason: 'no-room' as const }));
      expect(checkSolution(day.problem, { routes, unassigned }), date).toEqual([]);
    }
  });
});
