import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listClientRecords } from '../../core/doc/client-doc.js';
import { checkDecision } from '../../cli/tui/model/four-eyes.js';
import { alertFor } from '../../cli/tui/model/observations.js';
import { outcomesOf, recordOutcome } from '../../cli/tui/model/record-outcome.js';
import { addDays, isoWeekOf, weekDates } from '../../cli/tui/model/dates.js';
import { dayRows } from '../../cli/tui/model/my-day.js';
import { dayRoutes, overlapMinutes } from '../../cli/tui/model/board.js';
import type { DocId } from '../../core/ids.js';

describe('four-eyes', () => {
  it('refuses the assessor, allows another manager, needs a submitted assessment', () => {
    expect(checkDecision({ status: 'submitted', assessorId: 'anna' }, 'anna', 'manager')).toEqual({ ok: false, reason: 'own_assessment' });
    expect(checkDecision({ status: 'submitted', assessorId: 'anna' }, 'ivars', 'manager')).toEqual({ ok: true });
    expect(checkDecision({ status: 'draft', assessorId: 'anna' }, 'ivars', 'manager')).toEqual({ ok: false, reason: 'not_submitted' });
    expect(checkDecision({ status: 'submitted', assessorId: 'anna' }, 'ivars', 'caregiver')).toEqual({ ok: false, reason: 'role' });
  });
});

describe('observations (seed 004)', () => {
  it('emergency beats inform-the-GP; nothing ticked needs nothing', () => {
    expect(alertFor([])).toBeNull();
    expect(alertFor(['fever'])?.level).toBe('inform_gp');
    const both = alertFor(['fever', 'sudden_chest_pain']);
    expect(both?.level).toBe('emergency');
    expect(both?.items.map((i) => i.code)).toEqual(['sudden_chest_pain']);
  });
});

describe('recordOutcome', () => {
  it('adds one visit record per visit and replaces a task outcome', () => {
    const doc = new Y.Doc();
    let n = 0;
    const base = { scheduledVisitId: 'v-1', date: '2026-11-23', staffId: 'anna', at: '2026-11-23T09:00', newId: (p: string) => `${p}-${++n}` };
    doc.transact(() => recordOutcome(doc, { ...base, taskCode: 'hygiene', outcome: 'partly' }));
    doc.transact(() => recordOutcome(doc, { ...base, taskCode: 'meal', outcome: 'done' }));
    doc.transact(() => recordOutcome(doc, { ...base, taskCode: 'hygiene', outcome: 'done', note: 'ok' }));
    expect(listClientRecords(doc, 'visitRecords').records).toHaveLength(1);
    expect(listClientRecords(doc, 'taskRecords').records).toHaveLength(2);
    const out = outcomesOf(doc, 'v-1', '2026-11-23');
    expect(out.get('hygiene')).toMatchObject({ outcome: 'done', note: 'ok' });
  });
});

describe('dates', () => {
  it('computes ISO weeks across year ends', () => {
    expect(isoWeekOf('2026-11-23')).toBe('2026-W48');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(weekDates('2026-11-25')[0]).toBe('2026-11-23');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('day rows and routes', () => {
  const v = (id: string, staff: string[], start: number, tasks: string[] = []) => ({
    docId: 'schedule/2026-W48/g1' as DocId,
    visit: { id, clientId: 'c-1', staffIds: staff, date: '2026-11-23', start, durationMin: 60, taskCodes: tasks, qualifications: [], pinned: false, unassignedReason: '' },
  });
  it('lists my tasks in route order', () => {
    const rows = dayRows([v('b', ['anna'], 600, ['meal']), v('a', ['anna'], 480, ['hygiene', 'meds']), v('c', ['ivars'], 400)], 'anna', '2026-11-23');
    expect(rows.map((r) => `${r.visit.id}:${r.taskCode}:${r.first}`)).toEqual(['a:hygiene:true', 'a:meds:false', 'b:meal:true']);
  });
  it('flags overlapping visits of one worker', () => {
    const route = dayRoutes([v('a', ['anna'], 480), v('b', ['anna'], 510), v('u', [], 300)], '2026-11-23').map((p) => p.visit);
    expect(route.map((x) => x.id)).toEqual(['a', 'b', 'u']);
    expect(overlapMinutes(route, 1)).toBe(30);
  });
});
