/**
 * A generated e-file input of a large client (no workspace: the write phase alone), from a seed:
 * visits over several years with task records, free-text notes that wrap, quote and break lines,
 * Latvian diacritics, orphan task records, history lines of every kind (exports' ones left out).
 */
import type { ClientProfile, TaskRecord, VisitRecord } from '../../core/doc/schema.js';
import type { EfileInput } from '../../core/efile/efile.js';
import type { FieldChange } from '../../core/history/replay.js';
import { createRng } from '../helpers/rng.js';

const WORDS = ['klientei', 'sāpēja', 'galva', 'izmērīts', 'asinsspiediens', 'ēdiens', 'ledusskapī', 'dušā', '"labi"', 'a,b', 'Šķēle', 'žēl', 'ļoti', 'ņemt', 'čūska', '—', 'x'.repeat(40), '→', 'ok;', '€5'];
const STAFF = ['s-maija', 's-ilze', 's-anna', 's-gone'];
const OUTCOMES = ['done', 'partly', 'postponed', 'moved', 'handed_over', 'refused'] as const;

/**
 * The large input the writer's bytes are pinned on: ZIP SHA-256 and size. First written by the
 * writer of commit 937a3d1 (before its speed-ups); re-pinned when PDFs came to be dated by what they
 * show instead of the export time (core/efile/as-of.ts), and when the work sheets came to show a row
 * per visit (a line per task, the visit's note once) with leaner page contents deflated at level 1,
 * the ZIP's texts at level 1 and single lines of text drawn without pdfkit's line wrapper; every
 * speed-up in between kept the bytes.
 */
export const LARGE = { seed: 20261201, visits: 2600, pinned: { sha256: '3656040027a2809c04f3b0faee4bbc9b4034452c87de69b978f1296a6184cd29', bytes: 1030017 } } as const;

/** Input of `visits` visits from 2019-01-01 on, 0–3 task records each; same seed, same input. */
export function largeInput(seed: number, visits: number): EfileInput {
  const rnd = createRng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const note = (p: number): string => {
    if (rnd() >= p) return '';
    const n = 1 + Math.floor(rnd() * (rnd() < 0.2 ? 30 : 6));
    const words = Array.from({ length: n }, () => pick(WORDS));
    return words.join(rnd() < 0.05 ? '\n' : ' ');
  };
  const visitRecords: VisitRecord[] = [];
  const taskRecords: TaskRecord[] = [];
  const history: FieldChange[] = [];
  const start = Date.UTC(2019, 0, 1);
  for (let i = 0; i < visits; i++) {
    const day = new Date(start + Math.floor(i * 0.9) * 86_400_000).toISOString().slice(0, 10);
    const id = `v-${i}`;
    const staffId = pick(STAFF);
    const arrived = rnd() < 0.95 ? `${day}T0${7 + Math.floor(rnd() * 3)}:${10 + Math.floor(rnd() * 49)}:00Z` : null;
    visitRecords.push({ id, date: day, staffId, scheduledVisitId: rnd() < 0.5 ? `sv-${i}` : null, arrivedAt: arrived, leftAt: arrived && rnd() < 0.9 ? `${day}T11:00:00Z` : null, note: note(0.15) });
    const tasks = Math.floor(rnd() * 4);
    for (let t = 0; t < tasks; t++) {
      const outcome = pick(OUTCOMES);
      taskRecords.push({ id: `${id}-${t}`, visitRecordId: rnd() < 0.002 ? `v-missing-${i}` : id, taskCode: pick(['hygiene', 'shopping', 'meals', 'unknown_code']), outcome, note: note(0.1), handedTo: outcome === 'handed_over' ? pick(STAFF) : null, recordedBy: staffId, recordedAt: `${day}T10:${10 + t}:00Z` });
    }
    const at = `${day}T12:00:00.000Z`;
    history.push({ path: ['visitRecords', id], field: '', old: undefined, new: { id, date: day, note: '' }, kind: 'create', userId: staffId, at, action: 'visit.record' });
    if (rnd() < 0.3) history.push({ path: ['visitRecords', id], field: 'note', old: '', new: note(1) || null, kind: pick(['set', 'overridden', 'concurrent'] as const), userId: pick(STAFF), at, action: 'visit.edit' });
    if (rnd() < 0.05) history.push({ path: ['alerts', `al-${i}`], field: pick(['level', 'resolved', 'tags']), old: pick([null, 1, true, 'a"b', ['x', 2]]), new: pick([2.5, false, { b: 1, a: [null] }, 'Ģ']), kind: pick(['set', 'delete'] as const), userId: pick(STAFF), at, action: 'alert.edit' });
    if (rnd() < 0.01) history.push({ path: ['exports', `ex-${i}`], field: 'sha256', old: null, new: 'ab', kind: 'set', userId: 's-ilze', at, action: 'efile.export' });
  }
  const profile: ClientProfile = { givenName: 'Zane', familyName: 'Bērziņa', personalCode: '', birthDate: '1941-03-14', address: 'Ģertrūdes iela 5, Rīga', location: null, phone: '+371 20000000', careGroupId: 'g-riga', livesAlone: true, status: 'active', preferredStaffIds: [], declinedStaffIds: [], createdAt: '2019-01-01T09:00:00Z' };
  return {
    clientId: 'c-large',
    profile,
    collections: {
      gpStatements: [],
      assessments: [],
      services: [],
      plans: [{ id: 'pl-1', kind: 'care', assessmentId: null, createdAt: '2019-01-02T10:00:00Z', createdBy: 's-ilze', agreedWithClient: true, agreedOn: '2019-01-03', status: 'active' }],
      planItems: [
        { id: 'pi-1', planId: 'pl-1', order: 0, problem: 'Nespēj pati nomazgāties', goal: 'Droša higiēna', taskCode: 'hygiene', taskText: 'Palīdzība dušā', frequency: '2x nedēļā', timeOfDay: 'rīts', durationMin: 45, deadline: null, expectedResult: '', responsibleId: 's-maija', reason: '' },
        { id: 'pi-2', planId: 'pl-1', order: 1, problem: 'Neiepērkas', goal: 'Ēdiens mājās', taskCode: 'shopping', taskText: 'Iepirkšanās', frequency: '1x nedēļā', timeOfDay: '', durationMin: 60, deadline: null, expectedResult: '', responsibleId: null, reason: '' },
      ],
      visitRecords,
      taskRecords,
      observations: [],
      alerts: [],
      evaluations: [],
      proposalDecisions: [],
    } as unknown as EfileInput['collections'],
    history,
    staffNames: { 's-maija': 'Māija Ozoliņa', 's-ilze': 'Ilze Kalniņa', 's-anna': 'Anna "Ance" Liepa, jun.' },
    orgName: 'Rīgas Sociālais dienests',
    exportedAt: '2026-11-23T07:00:00.000Z',
    exportedBy: { id: 's-ilze', name: 'Ilze Kalniņa', role: 'coordinator' },
    software: { name: 'apsis', version: '0.1.0' },
    demo: false,
  };
}
