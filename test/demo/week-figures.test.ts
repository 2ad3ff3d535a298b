/** The first week's figures: assigned share, open visits without a reason, utilisation against contracted hours less absences. */
import { describe, expect, it } from 'vitest';
import type { Absence, ScheduledVisit, Staff } from '../../core/doc/schema.js';
import { addFigures, figureRates, NO_FIGURES, weekFigures } from '../../core/demo/week-figures.js';

const DATES = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'];

function staff(id: string, over: Partial<Staff> = {}): Staff {
  return { id, name: id, roles: ['caregiver'], qualifications: ['caregiver'], careGroupId: 'g-01', contractHoursPerWeek: 40, home: null, phone: '', active: true, shift: { start: 420, end: 930 }, workDays: [1, 2, 3, 4, 5], ...over };
}

function visit(id: string, staffIds: string[], durationMin: number, over: Partial<ScheduledVisit> = {}): ScheduledVisit {
  return { id, clientId: 'c-00001', staffIds, date: DATES[0]!, start: 480, durationMin, taskCodes: ['cleaning'], qualifications: ['caregiver'], pinned: false, unassignedReason: '', ...over };
}

describe('week figures', () => {
  it('counts people on two-person visits, day-centre bookings as assigned, and open visits without a reason', () => {
    const visits = [
      visit('v1', ['s-1'], 30),
      visit('v2', ['s-1', 's-2'], 20),
      visit('v3', [], 45, { unassignedReason: 'every qualified person is fully booked that day' }),
      visit('v4', [], 60),
      visit('v5', [], 120, { taskCodes: ['dc_meal'] }),
    ];
    const f = weekFigures(visits, 25, [staff('s-1'), staff('s-2')], [], DATES, (v) => v.taskCodes.includes('dc_meal'));
    expect(f).toEqual({ visits: 5, assigned: 3, withoutReason: 1, visitMinutes: 30 + 2 * 20, travelMinutes: 25, contractMinutes: 2 * 40 * 60 });
    expect(figureRates(f)).toEqual({ assignedPct: 60, utilisationPct: Math.round((1000 * 95) / 4800) / 10 });
  });

  it('leaves out days away, office staff and inactive staff; adds groups', () => {
    const away: Absence = { id: 'ab-1', staffId: 's-1', from: '2026-11-24T00:00', until: '2026-11-25T23:59', reason: 'slimība', substituteId: null };
    const people = [staff('s-1'), staff('s-2', { contractHoursPerWeek: 24, workDays: [2, 3, 5] }), staff('s-3', { roles: ['coordinator'] }), staff('s-4', { active: false })];
    const f = weekFigures([], 0, people, [away], DATES, () => false);
    // s-1 works three of five days (40 h × 3/5 = 24 h), s-2 all three of hers (24 h).
    expect(f.contractMinutes).toBe(48 * 60);
    expect(addFigures(NO_FIGURES, f)).toEqual(f);
    expect(addFigures(f, f).contractMinutes).toBe(96 * 60);
    expect(figureRates(NO_FIGURES)).toEqual({ assignedPct: 0, utilisationPct: 0 });
  });
});
