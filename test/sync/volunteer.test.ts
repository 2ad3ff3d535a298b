/**
 * Volunteers get only their visits' minimal data: a coordinator's workspace derives
 * `volunteer/<staffId>` from the schedules when it saves; the volunteer's `apsis sync` pulls that
 * document only; the relay refuses her the client document and other volunteers' documents.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { syncDocsOnce } from '../../cli/sync/sync-once.js';
import { initWorkspace, openWorkspace } from '../../cli/workspace/workspace.js';
import type { Workspace } from '../../cli/workspace/workspace.js';
import { parseIsoWeek, scheduleDocId, volunteerDocId } from '../../core/doc/doc-id.js';
import { addOrgRecord } from '../../core/doc/org-doc.js';
import { act } from '../../core/doc/origin.js';
import { createScheduleDoc, putVisit } from '../../core/doc/schedule-doc.js';
import { listVolunteerVisits } from '../../core/doc/volunteer-doc.js';
import type { CareGroupId, StaffId } from '../../core/ids.js';
import { issueToken } from '../../sync-server/token.js';
import { apsis } from '../helpers/cli.js';
import { rawConnect, SECRET, useRelayFixture } from './relay-process.js';

const fx = useRelayFixture('apsis-volunteer-');

const week = parseIsoWeek('2026-W48')!;
const SCHED = scheduleDocId(week, 'g-riga' as CareGroupId);
const staff = (id: string, roles: ('volunteer' | 'caregiver')[]) => ({ id, name: id, roles, qualifications: [], careGroupId: 'g-riga', contractHoursPerWeek: 10, home: null, phone: '', active: true, shift: { start: 480, end: 990 }, workDays: [1, 2, 3, 4, 5] });
const tok = (sub: string, role: 'coordinator' | 'volunteer') => issueToken(SECRET, { sub, role, ns: 'acme' }, 3600);

async function pushAll(ws: Workspace): Promise<void> {
  const docs = new Map();
  for (const id of await ws.knownDocs()) {
    const r = await ws.doc(id);
    if (r.ok) docs.set(id, r.doc);
  }
  const res = await syncDocsOnce({ url: fx.relay().url, token: tok(ws.user.id, 'coordinator'), namespace: 'acme', docs });
  expect(res.ok, JSON.stringify(res)).toBe(true);
}

describe('volunteers', () => {
  it('see only first name, address, times and tasks of their own visits; never the client document or another volunteer’s', async () => {
    const init = await initWorkspace(join(fx.base(), 'coord'), { now: () => new Date('2026-11-20T08:00:00Z') }, { user: { id: 's-ilze', name: 'Ilze', role: 'coordinator' }, namespace: 'acme' });
    if (!init.ok) throw new Error(init.error.message);
    const ws = init.value;
    const org = await ws.org();
    if (!org.ok) throw new Error('org');
    act(org.doc, ws.origin('staff.add'), () => {
      for (const s of [staff('s-vera', ['volunteer']), staff('s-olga', ['volunteer']), staff('s-maija', ['caregiver'])]) expect(addOrgRecord(org.doc, 'staff', s).ok).toBe(true);
    });
    const added = await ws.addClient({ givenName: 'Zane', familyName: 'Bērziņa', personalCode: '010141-12345', birthDate: '1941-01-01', address: 'Ģertrūdes iela 5, Rīga', phone: '+371 20000000', careGroupId: 'g-riga' });
    if (!added.ok) throw new Error('client');
    const sched = await ws.repo.create(SCHED, (doc) => createScheduleDoc(doc, week, 'g-riga' as CareGroupId), ws.origin('schedule.build'));
    if (!sched.ok) throw new Error('schedule');
    act(sched.doc, ws.origin('schedule.build'), () => {
      putVisit(sched.doc, { id: 'v-1', clientId: added.id, staffIds: ['s-vera'], date: '2026-11-24', start: 600, durationMin: 60, taskCodes: ['shopping', 'walk'] });
      putVisit(sched.doc, { id: 'v-2', clientId: added.id, staffIds: ['s-maija'], date: '2026-11-25', start: 480, durationMin: 45, taskCodes: ['hygiene'] });
    });
    ws.markDirty(SCHED);
    await ws.save();
    const vera = volunteerDocId('s-vera' as StaffId);
    const mine = await ws.doc(vera);
    if (!mine.ok) throw new Error('volunteer doc');
    expect(listVolunteerVisits(mine.doc).records).toEqual([
      { id: 'v-1', source: SCHED, clientId: added.id, clientFirstName: 'Zane', address: 'Ģertrūdes iela 5, Rīga', date: '2026-11-24', start: 600, durationMin: 60, taskCodes: ['shopping', 'walk'] },
    ]);
    // Nothing for a volunteer without visits.
    expect((await ws.repo.list()).includes(volunteerDocId('s-olga' as StaffId))).toBe(false);
    await pushAll(ws);

    // The volunteer's laptop: `apsis sync` brings her document and nothing else.
    const vdir = join(fx.base(), 'vera');
    expect(apsis(vdir, ['init', '--user', 's-vera', '--role', 'volunteer', '--namespace', 'acme']).code).toBe(0);
    const pulled = apsis(vdir, ['sync', '--server', fx.relay().url, '--token', tok('s-vera', 'volunteer'), '--json']);
    expect(pulled.code, pulled.stderr).toBe(0);
    const docsOnLaptop = (await readdir(join(vdir, 'docs'))).filter((d) => !d.startsWith('.'));
    expect(docsOnLaptop.some((d) => d.startsWith('client~') || d.startsWith('schedule~'))).toBe(false);
    expect(docsOnLaptop).toContain('volunteer~s-vera');
    const opened = await openWorkspace(vdir, { now: () => new Date() });
    if (!opened.ok) throw new Error(opened.error.message);
    const vd = await opened.value.doc(vera);
    if (!vd.ok) throw new Error('volunteer doc on her laptop');
    const [entry] = listVolunteerVisits(vd.doc).records;
    expect(Object.keys(entry ?? {}).sort()).toEqual(['address', 'clientFirstName', 'clientId', 'date', 'durationMin', 'id', 'source', 'start', 'taskCodes']);
    expect(JSON.stringify(vd.doc.toJSON())).not.toMatch(/Bērziņa|010141|1941|\+371/);
    await opened.value.close();

    // The relay refuses her the client document, the schedule and another volunteer's document.
    for (const room of [`acme/client/${added.id}`, `acme/${SCHED}`, 'acme/volunteer/s-olga', 'acme/org']) {
      const c = await rawConnect(fx.relay().url, room, tok('s-vera', 'volunteer'));
      expect({ room, ...(await c.closed) }).toEqual({ room, code: 4403, reason: 'forbidden' });
    }
    // Her token cannot write even her own document.
    const write = new Y.Doc();
    const first = await syncDocsOnce({ url: fx.relay().url, token: tok('s-vera', 'volunteer'), namespace: 'acme', docs: new Map([[vera, write]]) });
    expect(first.ok).toBe(true);
    write.getMap('visits').delete('v-1');
    const refused = await syncDocsOnce({ url: fx.relay().url, token: tok('s-vera', 'volunteer'), namespace: 'acme', docs: new Map([[vera, write]]), timeoutMs: 5000 });
    expect(refused).toMatchObject({ ok: false, reason: expect.stringMatching(/4403 read-only/) });

    // The schedule changes (her visit goes to someone else): her document follows at the next save.
    act(sched.doc, ws.origin('schedule.move'), () => putVisit(sched.doc, { id: 'v-1', clientId: added.id, staffIds: ['s-olga'], date: '2026-11-24', start: 600, durationMin: 60, taskCodes: ['shopping', 'walk'] }));
    ws.markDirty(SCHED);
    await ws.save();
    expect(listVolunteerVisits(mine.doc).records).toEqual([]);
    const olga = await ws.doc(volunteerDocId('s-olga' as StaffId));
    expect(olga.ok && listVolunteerVisits(olga.doc).records.map((v) => v.id)).toEqual(['v-1']);
    // A profile change reaches the entries of that client.
    const client = await ws.client(added.id);
    if (!client.ok) throw new Error('client doc');
    act(client.doc, ws.origin('client.edit'), () => client.doc.getMap('profile').set('address', 'Brīvības iela 1'));
    await ws.save();
    expect(olga.ok && listVolunteerVisits(olga.doc).records[0]?.address).toBe('Brīvības iela 1');
    await pushAll(ws);
    expect(apsis(vdir, ['sync']).code).toBe(0);
    const again = await openWorkspace(vdir, { now: () => new Date() });
    if (!again.ok) throw new Error(again.error.message);
    const vd2 = await again.value.doc(vera);
    expect(vd2.ok && listVolunteerVisits(vd2.doc).records).toEqual([]);
    await again.value.close();
    await ws.close();
  }, 90_000);
});
