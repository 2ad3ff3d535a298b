/** Schedule board: marking a worker absent reassigns her remaining visits of the day with the real solver. */
import { afterEach, describe, expect, it } from 'vitest';
import { addClientRecord } from '../../core/doc/client-doc.js';
import { parseIsoWeek, scheduleDocId } from '../../core/doc/doc-id.js';
import { addOrgRecord } from '../../core/doc/org-doc.js';
import { act } from '../../core/doc/origin.js';
import { createScheduleDoc, listVisits, putVisit } from '../../core/doc/schedule-doc.js';
import type { CareGroupId, ClientId } from '../../core/ids.js';
import { addClients, makeWorkspace, renderApp } from './harness.js';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

const staff = (id: string, name: string) => ({ id, name, roles: ['caregiver' as const], qualifications: ['caregiver'], careGroupId: 'g1', contractHoursPerWeek: 40, home: { lat: 56.6, lon: 25.25 }, phone: '', active: true, shift: { start: 480, end: 990 }, workDays: [1, 2, 3, 4, 5] });

/** A workspace with one client, two caregivers and one visit of ivars on Monday 9:00 in week 48. */
async function boardFixture() {
  const w = await makeWorkspace('coordinator', 'anna');
  cleanup = w.cleanup;
  const [clientId] = await addClients(w.ws, ['Jānis Bērziņš'], 'g1');
  const client = await w.ws.client(clientId as ClientId);
  if (!client.ok) throw new Error('client');
  act(client.doc, w.ws.origin('test'), () => void addClientRecord(client.doc, 'gpStatements', { id: 'gp-1', issuedOn: '2026-01-01', validUntil: '2027-01-01', severity: 'severe', contraindications: [], gpName: '', note: '' }));
  client.doc.transact(() => client.doc.getMap('profile').set('location', { lat: 56.61, lon: 25.26 }));
  const org = await w.ws.org();
  if (!org.ok) throw new Error('org');
  act(org.doc, w.ws.origin('test'), () => {
    addOrgRecord(org.doc, 'careGroups', { id: 'g1', name: 'G1', area: '' });
    addOrgRecord(org.doc, 'staff', staff('anna', 'Anna Bērziņa'));
    addOrgRecord(org.doc, 'staff', staff('ivars', 'Ivars Ozols'));
  });
  const week = parseIsoWeek('2026-W48')!;
  const sched = await w.ws.repo.create(scheduleDocId(week, 'g1' as CareGroupId), (doc) => createScheduleDoc(doc, week, 'g1' as CareGroupId), w.ws.origin('test'));
  if (!sched.ok) throw new Error('schedule');
  const visitId = `v-20261123-morning-${clientId}`;
  act(sched.doc, w.ws.origin('test'), () => void putVisit(sched.doc, { id: visitId, clientId: clientId!, staffIds: ['ivars'], date: '2026-11-23', start: 9 * 60, durationMin: 30, taskCodes: ['personal_hygiene'], qualifications: ['caregiver'] }));
  await w.ws.save();
  return { w, sched, visitId };
}

describe('schedule board repair', () => {
  it('A on a visit, confirmed, moves the absent worker\'s visits to a colleague', async () => {
    const { w, sched, visitId } = await boardFixture();
    const ui = await renderApp(w.ws, { initial: { screen: 'schedule' } });
    await ui.waitFor((f) => f.includes('Bērziņš Jānis') && f.includes('ivars'), 'the visit of ivars');
    await ui.press('A');
    await ui.waitFor((f) => /absent|prombūt/i.test(f), 'the confirmation');
    await ui.press('y');
    await ui.waitFor(() => listVisits(sched.doc).records.some((v) => v.id === visitId && v.staffIds[0] === 'anna'), 'the repair');
    expect(listVisits(sched.doc).records.find((v) => v.id === visitId)?.staffIds).toEqual(['anna']);
    ui.app.unmount();
  });
});

describe('schedule board keys typed before the board has reloaded', () => {
  it('+ + p: two 15-minute moves add up and p toggles the pin the moves set, each from the document, not from the board shown before', async () => {
    const { w, sched, visitId } = await boardFixture();
    const ui = await renderApp(w.ws, { initial: { screen: 'schedule' } });
    await ui.waitFor((f) => f.includes('Bērziņš Jānis') && f.includes('09:00'), 'the visit at 9:00');
    // One write: the keys are handled one per render, long before the saves and the board's reload.
    ui.app.stdin.write('++p');
    const visit = () => listVisits(sched.doc).records.find((v) => v.id === visitId);
    await ui.waitFor(() => visit()?.start === 9 * 60 + 30 && visit()?.pinned === false, 'both moves and the toggle');
    await ui.waitFor((f) => f.includes('09:30'), 'the board at 9:30');
    expect(visit()).toMatchObject({ start: 9 * 60 + 30, pinned: false, staffIds: ['ivars'] });
    ui.app.unmount();
  });
});

describe('schedule board: a failed save while repairing', () => {
  it('is said in the status line and the board keeps working', async () => {
    const { w } = await boardFixture();
    const ui = await renderApp(w.ws, { initial: { screen: 'schedule' } });
    await ui.waitFor((f) => f.includes('Bērziņš Jānis') && f.includes('ivars'), 'the visit of ivars');
    const save = w.ws.save.bind(w.ws);
    w.ws.save = () => Promise.reject(new Error('disk full'));
    await ui.press('A');
    await ui.waitFor((f) => /absent|prombūt/i.test(f), 'the confirmation');
    await ui.press('y');
    await ui.waitFor((f) => f.includes('Could not save: disk full'), 'the failure in the status line');
    w.ws.save = save;
    await ui.press('w');
    await ui.waitFor((f) => f.includes('Move to (staff id)'), 'the next prompt');
    ui.app.unmount();
  });
});
