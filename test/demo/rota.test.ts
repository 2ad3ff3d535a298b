/**
 * The demo's staff rotas follow the balanced week: full-timers on five days on and two off, home
 * helpers on the weekdays the rota leaves thinnest, so every weekday has (within one person) the
 * same hands — the scheduler asks about the same minutes every weekday — and no day, weekends
 * included, has fewer than the rota must leave it (the daily morning care goes on every day).
 */
import { describe, expect, it } from 'vitest';
import { helperDays, rotaDays } from '../../core/demo/care-mix.js';
import { generateWorld } from '../../core/demo/world.js';

/** People on each weekday (index 1–7) of a group's full-timers and helpers. */
function hands(n: number, h: number): number[] {
  const on = new Array<number>(8).fill(0);
  for (let j = 0; j < n; j++) for (const d of rotaDays(j, n, h)) on[d]!++;
  for (let k = 0; k < h; k++) for (const d of helperDays(k, n, h)) on[d]!++;
  return on;
}

describe('demo rotas', () => {
  it('every group size: five days on and two off in a row, helpers on three weekdays, weekdays even within one person', () => {
    for (let n = 1; n <= 20; n++) {
      for (let h = 0; h <= 6; h++) {
        const at = `${n} full-timers, ${h} helpers`;
        for (let j = 0; j < n; j++) {
          const days = rotaDays(j, n, h);
          expect(days, at).toHaveLength(5);
          const off = [1, 2, 3, 4, 5, 6, 7].filter((d) => !days.includes(d));
          // The two days off are consecutive (Sunday and Monday count as consecutive).
          expect(off[1]! - off[0]! === 1 || (off[0] === 1 && off[1] === 7), `${at}: off ${off.join()}`).toBe(true);
        }
        for (let k = 0; k < h; k++) {
          const days = helperDays(k, n, h);
          expect(new Set(days).size, at).toBe(3);
          expect(days.every((d) => d >= 1 && d <= 5), `${at}: ${days.join()}`).toBe(true);
        }
        const on = hands(n, h);
        const weekdays = on.slice(1, 6);
        expect(Math.max(...weekdays) - Math.min(...weekdays), `${at}: ${on.slice(1).join(' ')}`).toBeLessThanOrEqual(1);
        // No day thinner than an even rota leaves its thinnest day.
        expect(Math.min(...on.slice(1)), `${at}: ${on.slice(1).join(' ')}`).toBeGreaterThanOrEqual(Math.floor((5 * n) / 7));
      }
    }
  });

  it('the small and medium worlds: each group\'s weekdays have the same caregiver hours within one shift', () => {
    for (const size of ['small', 'medium'] as const) {
      const w = generateWorld(size, 1, '2026-11-23');
      for (const g of w.careGroups) {
        const hours = [1, 2, 3, 4, 5].map((d) => w.staff.filter((s) => s.careGroupId === g.id && s.roles.includes('caregiver') && s.workDays.includes(d)).reduce((sum, s) => sum + s.contractHoursPerWeek / s.workDays.length, 0));
        expect(Math.max(...hours) - Math.min(...hours), `${size} ${g.id}: ${hours.join(' / ')}`).toBeLessThanOrEqual(8);
      }
    }
  });
});
