/**
 * A tiny, fully fixed workspace for e-file tests: fixed ids, fixed clock, Latvian names with
 * diacritics, one client with an assessment (approved), a plan with items, visits with tasks in two
 * months, an evaluation. Everything that reaches the e-file is a function of this data.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addClientRecord, createClientDoc } from '../../core/doc/client-doc.js';
import { clientDocId } from '../../core/doc/doc-id.js';
import { addOrgRecord } from '../../core/doc/org-doc.js';
import { act } from '../../core/doc/origin.js';
import type { Role } from '../../core/doc/schema.js';
import type { ClientId } from '../../core/ids.js';
import type { Clock } from '../../cli/workspace/clock.js';
import { initWorkspace, openWorkspace } from '../../cli/workspace/workspace.js';
import type { Workspace } from '../../cli/workspace/workspace.js';

export const NOW = '2026-11-23T07:00:00.000Z';
export const fixedClock = (iso = NOW): Clock => ({ now: () => new Date(iso) });

export const CLIENT = 'c-zane' as ClientId;
export const CLIENT2 = 'c-janis' as ClientId;
export const CLIENT_NAME = 'Zane Bērziņa';

function must<T extends { ok: boolean }>(r: T): T {
  if (!r.ok) throw new Error(`fixture record rejected: ${JSON.stringify(r)}`);
  return r;
}

export interface FixtureOptions {
  readonly role?: Role;
  readonly userId?: string;
  readonly demo?: boolean;
  /** Extra visits (one per day back from 2026-11-20) for the main client. */
  readonly extraVisits?: number;
}

/** Adds a client with fixed id and data. */
export async function addFixedClient(ws: Workspace, id: ClientId, given: string, family: string, group = 'g-riga'): Promise<void> {
  const res = await ws.repo.create(
    clientDocId(id),
    (doc) => createClientDoc(doc, id, { givenName: given, familyName: family, personalCode: '', birthDate: '1941-03-14', address: 'Ģertrūdes iela 5, Rīga', location: null, phone: '+371 20000000', careGroupId: group, livesAlone: true, status: 'active', preferredStaffIds: [], declinedStaffIds: [], createdAt: '2026-01-05T09:00:00Z' }),
    ws.origin('client.add'),
  );
  if (!res.ok) throw new Error('fixture client');
  ws.markDirty(clientDocId(id));
}

/** Creates the fixture workspace in a new temp folder and returns its path (closed). */
export async function buildFixture(opts: FixtureOptions = {}): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'apsis-efile-')), 'ws');
  const clock = fixedClock('2026-11-20T16:00:00.000Z');
  const init = await initWorkspace(dir, clock, { user: { id: opts.userId ?? 's-ilze', name: 'Ilze Kalniņa', role: opts.role ?? 'coordinator' }, namespace: 'test', demo: opts.demo ?? false, settings: { orgName: 'Rīgas Sociālais dienests' } });
  if (!init.ok) throw new Error(init.error.message);
  const ws = init.value;
  const org = await ws.org();
  if (!org.ok) throw new Error('org');
  act(org.doc, ws.origin('staff.add'), () => {
    must(addOrgRecord(org.doc, 'staff', { id: 's-ilze', name: 'Ilze Kalniņa', roles: ['coordinator'], qualifications: [], careGroupId: 'g-riga', contractHoursPerWeek: 40, home: null, phone: '', active: true, shift: { start: 480, end: 990 }, workDays: [1, 2, 3, 4, 5] }));
    must(addOrgRecord(org.doc, 'staff', { id: 's-maija', name: 'Māija Ozoliņa', roles: ['caregiver'], qualifications: ['caregiver'], careGroupId: 'g-riga', contractHoursPerWeek: 40, home: null, phone: '', active: true, shift: { start: 480, end: 990 }, workDays: [1, 2, 3, 4, 5] }));
    must(addOrgRecord(org.doc, 'careGroups', { id: 'g-riga', name: 'Rīga', area: '' }));
  });
  await addFixedClient(ws, CLIENT, 'Zane', 'Bērziņa');
  await addFixedClient(ws, CLIENT2, 'Jānis', 'Šķēle', 'g-other');
  const c = await ws.client(CLIENT);
  if (!c.ok) throw new Error('client');
  const doc = c.doc;
  act(doc, ws.origin('assessment.approve'), () => {
    must(addClientRecord(doc, 'assessments', { id: 'as-1', instrumentId: 'barthel', instrumentVersion: '1', answers: { feeding: '5', bathing: '0' }, status: 'approved', assessorId: 's-ilze', createdAt: '2026-02-01T10:00:00Z', submittedAt: '2026-02-01T11:00:00Z', approverId: 's-ilze', decidedAt: '2026-02-02T09:00:00Z', returnReason: '', ruleTable: 'riga-2026', reassessDue: '2027-02-01', note: 'Klientei grūti iziet ārā.' }));
    must(addClientRecord(doc, 'services', { id: 'sv-1', serviceCode: 'home_care_2', from: '2026-02-03', until: null, hoursPerWeek: 6, assessmentId: 'as-1', status: 'active', reason: 'Barthel 55' }));
  });
  act(doc, ws.origin('plan.create'), () => {
    must(addClientRecord(doc, 'plans', { id: 'pl-1', kind: 'care', assessmentId: 'as-1', createdAt: '2026-02-04T10:00:00Z', createdBy: 's-ilze', agreedWithClient: true, agreedOn: '2026-02-05', status: 'active' }));
    must(addClientRecord(doc, 'planItems', { id: 'pi-1', planId: 'pl-1', order: 0, problem: 'Nespēj pati nomazgāties', goal: 'Droša personīgā higiēna', taskCode: 'hygiene', taskText: 'Palīdzība dušā', frequency: '2x nedēļā', timeOfDay: 'rīts', durationMin: 45, deadline: '2026-12-31', expectedResult: 'Tīra un apmierināta', responsibleId: 's-maija', reason: '' }));
    must(addClientRecord(doc, 'planItems', { id: 'pi-2', planId: 'pl-1', order: 1, problem: 'Neiepērkas', goal: 'Ēdiens mājās', taskCode: 'shopping', taskText: 'Iepirkšanās', frequency: '1x nedēļā', timeOfDay: '', durationMin: 60, deadline: null, expectedResult: '', responsibleId: 's-maija', reason: '' }));
  });
  const visits: [string, string][] = [
    ['v-1', '2026-10-06'],
    ['v-2', '2026-10-09'],
    ['v-3', '2026-11-03'],
  ];
  for (let i = 0; i < (opts.extraVisits ?? 0); i++) {
    const d = new Date(Date.UTC(2026, 10, 20) - i * 86_400_000).toISOString().slice(0, 10);
    visits.push([`vx-${i}`, d]);
  }
  act(doc, ws.origin('visit.record'), () => {
    for (const [id, date] of visits) {
      must(addClientRecord(doc, 'visitRecords', { id, date, staffId: 's-maija', scheduledVisitId: null, arrivedAt: `${date}T08:00:00Z`, leftAt: `${date}T09:10:00Z`, note: id === 'v-2' ? 'Klients jūtas labi, "viss kārtībā"' : '' }));
      must(addClientRecord(doc, 'taskRecords', { id: `${id}-t1`, visitRecordId: id, taskCode: 'hygiene', outcome: 'done', note: '', handedTo: null, recordedBy: 's-maija', recordedAt: `${date}T08:50:00Z` }));
      must(addClientRecord(doc, 'taskRecords', { id: `${id}-t2`, visitRecordId: id, taskCode: 'shopping', outcome: id === 'v-3' ? 'refused' : 'done', note: id === 'v-3' ? 'Atteicās, jo ledusskapis pilns' : '', handedTo: null, recordedBy: 's-maija', recordedAt: `${date}T09:05:00Z` }));
    }
  });
  act(doc, ws.origin('evaluation.add'), () => {
    must(addClientRecord(doc, 'evaluations', { id: 'ev-1', planId: 'pl-1', planItemId: 'pi-1', result: 'partly', reason: 'Vajag rokturi vannasistabā', evaluatedBy: 's-ilze', evaluatedAt: '2026-11-10T12:00:00Z' }));
  });
  await ws.close();
  return dir;
}

/** Opens the fixture workspace with the pinned export clock. */
export async function openFixture(dir: string, iso = NOW): Promise<Workspace> {
  const opened = await openWorkspace(dir, fixedClock(iso));
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}
