/**
 * The client history tab reads the client's view (core/store/view.ts) through the repository: the
 * stored view plus this session's edits, without a replay. Seeded sessions of edits (local ones,
 * deletions, concurrent edits arriving by sync, export records) must give the same lines and the
 * same frames from the view as from a replay of every stored update; the tab follows new edits. A
 * tab that had to replay leaves the view written on close, so the next one need not.
 */
import { access, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changeLines, filterLines, nextHeading, recordLines } from '../../cli/tui/model/history-lines.js';
import type { HistoryLine } from '../../cli/tui/model/history-lines.js';
import { translator } from '../../cli/tui/i18n/messages.js';
import { readClientHistory, readHistoryRecords } from '../../cli/tui/screens/client/history-source.js';
import { docDirName } from '../../cli/store/file-storage.js';
import type { Workspace } from '../../cli/workspace/workspace.js';
import { openWorkspace } from '../../cli/workspace/workspace.js';
import { trackAuthors } from '../../core/doc/authors.js';
import { addClientRecord, patchClientRecord, patchProfile } from '../../core/doc/client-doc.js';
import { clientDocId } from '../../core/doc/doc-id.js';
import { act } from '../../core/doc/origin.js';
import { insertRecord } from '../../core/doc/records.js';
import { CLIENT_VIEW } from '../../core/efile/client-view.js';
import type { FieldChange } from '../../core/history/collect.js';
import { replayHistory } from '../../core/history/replay.js';
import type { ClientId } from '../../core/ids.js';
import { RemoteOrigin } from '../../core/store/doc-repo.js';
import { withoutRoots } from '../../core/store/view.js';
import { createRng, testSeed } from '../helpers/rng.js';
import { addClients, KEY, makeWorkspace, NOW, renderApp } from './harness.js';

const t = translator('en');
const clock = { now: () => new Date(NOW) };
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function reopen(dir: string): Promise<Workspace> {
  const res = await openWorkspace(dir, clock);
  if (!res.ok) throw new Error(res.error.message);
  cleanups.push(() => res.value.close());
  return res.value;
}

async function openDoc(ws: Workspace, id: ClientId): Promise<Y.Doc> {
  const res = await ws.client(id);
  if (!res.ok) throw new Error('open client');
  return res.doc;
}

const alert = (id: string, reason: string) => ({ id, observationId: null, level: 'inform_gp' as const, raisedAt: '2026-11-22T09:00', raisedBy: 'anna', reason, status: 'open' as const, handledBy: null, handledAt: null, actionTaken: '' });

/** One seeded session of edits on an open client: visits, alerts (added, patched, deleted), the profile, exports, and a peer's concurrent edits by sync. */
function editSession(ws: Workspace, doc: Y.Doc, rng: () => number, tag: string): void {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  // A peer with everything so far, editing offline meanwhile.
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
  trackAuthors(peer, { userId: 'marta', now: () => NOW.toISOString(), isEdit: () => true });
  const alerts = () => [...doc.getMap('alerts').keys()];
  for (let step = 0; step < 10; step++) {
    const r = rng();
    const n = `${tag}-${step}`;
    if (r < 0.2) {
      act(doc, ws.origin('visit.record'), () => {
        for (let i = 0; i < 1 + Math.floor(rng() * 4); i++) {
          const date = `2026-${String(1 + Math.floor(rng() * 11)).padStart(2, '0')}-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
          addClientRecord(doc, 'visitRecords', { id: `v-${n}-${i}`, date, staffId: 's-maija', scheduledVisitId: null, arrivedAt: `${date}T08:00:00Z`, leftAt: `${date}T08:45:00Z`, note: rng() < 0.3 ? 'sāp galva' : '' });
          addClientRecord(doc, 'taskRecords', { id: `t-${n}-${i}`, visitRecordId: `v-${n}-${i}`, taskCode: 'hygiene', outcome: pick(['done', 'refused', 'partly'] as const), note: '', handedTo: null, recordedBy: 's-maija', recordedAt: `${date}T08:30:00Z` });
        }
      });
    } else if (r < 0.4 || alerts().length === 0) act(doc, ws.origin('alert.raise'), () => addClientRecord(doc, 'alerts', alert(`al-${n}`, pick(['fever', 'fall']))));
    else if (r < 0.55) act(doc, ws.origin('alert.edit'), () => patchClientRecord(doc, 'alerts', pick(alerts()), { reason: pick(['better', 'worse']) }));
    else if (r < 0.62) act(doc, ws.origin('alert.delete'), () => doc.getMap('alerts').delete(pick(alerts())));
    else if (r < 0.72) act(doc, ws.origin('client.edit'), () => patchProfile(doc, { phone: `+371 2${Math.floor(rng() * 1e7)}` }));
    else if (r < 0.78) act(doc, ws.origin('efile.export'), () => insertRecord(doc, 'exports', `ex-${n}`, { exportedBy: 'anna', exportedAt: '2026-11-23T08:00:00.000Z', sha256: 'ab', file: `efile-${n}.zip` }));
    else {
      // The peer edits a field too, and its change arrives by sync: conflicts both ways.
      const ids = [...peer.getMap('alerts').keys()];
      if (ids.length > 0) peer.transact(() => patchClientRecord(peer, 'alerts', pick(ids), { reason: pick(['peer a', 'peer b']) }));
      else peer.transact(() => patchProfile(peer, { phone: '+371 29999999' }));
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)), new RemoteOrigin('marta'));
    }
  }
}

/** What a replay of every stored update says, listed as the view lists it. */
async function replayed(ws: Workspace, id: ClientId): Promise<FieldChange[]> {
  await ws.repo.flush();
  return withoutRoots(replayHistory(await ws.repo.storage.history(clientDocId(id)), { summariseCreated: true }), CLIENT_VIEW.omitRoots);
}

const texts = (lines: readonly HistoryLine[]) => lines.map((l) => `${l.kind}|${l.text}`);

describe('history tab: the view and a replay give the same lines', () => {
  it('seeded sessions, then edits of the open session: view + session = replay, lines and frames', async () => {
    const seed = testSeed();
    const rng = createRng(seed);
    try {
      const first = await makeWorkspace();
      cleanups.push(first.cleanup);
      const [id] = (await addClients(first.ws, ['Zane Bērziņa'])) as ClientId[];
      const dir = first.ws.dir;
      editSession(first.ws, await openDoc(first.ws, id!), rng, 's0');
      await first.ws.close();
      for (let s = 1; s < 4; s++) {
        const ws = await reopen(dir);
        editSession(ws, await openDoc(ws, id!), rng, `s${s}`);
        await ws.close();
      }
      // This session's edits are not in the stored view yet: the repository adds them.
      const ws = await reopen(dir);
      const doc = await openDoc(ws, id!);
      editSession(ws, doc, rng, 'open');
      const current = await ws.repo.currentHistory(clientDocId(id!));
      expect(current, `seed ${seed}: the view serves`).not.toBeNull();
      const replay = await replayed(ws, id!);
      expect(current!.history, `seed ${seed}`).toEqual(replay);
      expect(texts(changeLines(await readClientHistory(ws, id!, doc), t)), `seed ${seed}`).toEqual(texts(changeLines(replay, t)));
      const kinds = new Set(replay.map((c) => c.kind));
      expect(kinds.has('create') && kinds.has('set'), `seed ${seed}: ${[...kinds].join(', ')}`).toBe(true);

      // The same tab with the view and, after removing it, from a replay: the same frames.
      const frames = async (w: Workspace) => {
        const ui = await renderApp(w, { initial: { screen: 'client', clientId: id!, tab: 'history' }, background: false });
        const out = [await ui.waitFor((f) => f.includes('Visits and what was done'))];
        // End, until the history has loaded (before, the bottom is its "loading" line).
        for (let i = 0; i < 400 && !ui.frame().includes('client.add'); i++) await ui.press('G');
        out.push(await ui.waitFor((f) => f.includes('client.add'), 'the oldest change'));
        for (let i = 0; i < 3; i++) {
          await ui.press('[');
          out.push(ui.frame());
        }
        ui.app.unmount();
        return out;
      };
      const withView = await frames(ws);
      await ws.close();
      const viewFile = join(dir, 'docs', docDirName(clientDocId(id!)), 'view.ybin');
      await access(viewFile);
      await rm(viewFile);
      const ws2 = await reopen(dir);
      expect(await ws2.repo.currentHistory(clientDocId(id!)), 'no view: the tab must replay').toBeNull();
      expect(await frames(ws2), `seed ${seed}`).toEqual(withView);
      // That replay was the last: the tab's read left the view to be written on close, unedited.
      await ws2.close();
      await access(viewFile);
      const ws3 = await reopen(dir);
      await openDoc(ws3, id!);
      expect((await ws3.repo.currentHistory(clientDocId(id!)))?.history, `seed ${seed}: the rebuilt view serves`).toEqual(await replayed(ws3, id!));
    } catch (err) {
      console.error(`history tab: seed ${seed} (replay with APSIS_SEED=${seed})`);
      throw err;
    }
  });
});

describe('history tab: live, grouped, jumps and filter', () => {
  it('a new edit appears at once; records created together are one line; ] jumps to the next heading; / filters', async () => {
    const w = await makeWorkspace();
    cleanups.push(w.cleanup);
    const [id] = (await addClients(w.ws, ['Jānis Ozols'])) as ClientId[];
    const doc = await openDoc(w.ws, id!);
    act(doc, w.ws.origin('visit.record'), () => {
      for (let i = 0; i < 5; i++) addClientRecord(doc, 'visitRecords', { id: `v-${i}`, date: `2026-1${i % 2}-0${i + 1}`, staffId: 's-maija', scheduledVisitId: null, arrivedAt: '2026-10-01T08:00:00Z', leftAt: '2026-10-01T08:30:00Z', note: '' });
    });
    const ui = await renderApp(w.ws, { initial: { screen: 'client', clientId: id!, tab: 'history' }, background: false });
    let f = await ui.waitFor((x) => x.includes('2026-11 — 2 visits') && x.includes('2026-10 — 3 visits'));
    await ui.press('/', ...'visitRecords', KEY.enter);
    f = await ui.waitFor((x) => x.includes('visitRecords: 5 created (v-0 … v-4)'), 'the collapsed creates');
    expect(f).toContain('visit.record (5)');
    expect(f).not.toContain('2026-11 — 2 visits');
    // Live: the filter now asks for an action not made yet; made while the tab is open, it shows up.
    await ui.press('/', ...'client.edit', KEY.enter);
    await ui.waitFor((x) => x.includes('No lines contain "client.edit"'));
    act(doc, w.ws.origin('client.edit'), () => patchProfile(doc, { phone: '+371 26543210' }));
    f = await ui.waitFor((x) => x.includes('profile.phone') && x.includes('→ +371 26543210'), 'the new edit');
    expect(f).toContain('client.edit');
    // Empty filter: everything again; ] walks the headings.
    await ui.press('/', KEY.enter);
    await ui.waitFor((x) => x.includes('2026-11 — 2 visits') && !x.includes('Filter "'));
    await ui.press(']');
    await ui.waitFor((x) => x.split('\n').some((l) => l.includes('2026-11 — 2 visits')));
    ui.app.unmount();
  });

  it('lines: groups per action, few creates one by one, headings kept by the filter, heading jumps', () => {
    const base = { userId: 'anna', at: '2026-11-23T08:00:00.000Z', old: undefined, new: undefined };
    const changes: FieldChange[] = [
      { ...base, action: 'client.add', path: [], field: 'profile', kind: 'create' },
      { ...base, action: 'alert.raise', path: ['alerts'], field: 'al-1', kind: 'create' },
      { ...base, action: 'alert.raise', path: ['alerts'], field: 'al-2', kind: 'create' },
      { ...base, action: 'alert.edit', path: ['alerts', 'al-1'], field: 'reason', old: 'fever', new: 'better', kind: 'set', userId: 'marta' },
      { ...base, action: 'sync', path: ['alerts', 'al-1'], field: 'reason', old: 'better', new: 'peer', kind: 'overridden', userId: 'marta' },
    ];
    const lines = changeLines(changes, t);
    expect(texts(lines)).toEqual([
      'section|Who changed what',
      'group|2026-11-23 08:00 marta sync',
      'row|    alerts.al-1.reason peer (overridden by a concurrent edit: better)',
      'group|2026-11-23 08:00 marta alert.edit',
      'row|    alerts.al-1.reason fever → better',
      'group|2026-11-23 08:00 anna alert.raise (2)',
      'row|    alerts.al-1 created',
      'row|    alerts.al-2 created',
      'group|2026-11-23 08:00 anna client.add',
      'row|    profile created',
    ]);
    expect(texts(changeLines(null, t))).toEqual(['section|Who changed what', 'row|  Loading history…']);
    expect(texts(filterLines(lines, 'FEVER'))).toEqual(['section|Who changed what', 'group|2026-11-23 08:00 marta alert.edit', 'row|    alerts.al-1.reason fever → better']);
    expect(texts(filterLines(lines, 'alert.raise'))).toEqual(['section|Who changed what', 'group|2026-11-23 08:00 anna alert.raise (2)', 'row|    alerts.al-1 created', 'row|    alerts.al-2 created']);
    expect(filterLines(lines, '  ')).toBe(lines);
    expect(filterLines(lines, 'nowhere')).toEqual([]);
    expect(nextHeading(lines, 0, 1)).toBe(1);
    expect(nextHeading(lines, 2, 1)).toBe(3);
    expect(nextHeading(lines, 2, -1)).toBe(1);
    expect(nextHeading(lines, 9, 1)).toBe(9);
    const records = recordLines({ visits: [], tasks: [], observations: [], alerts: [], evaluations: [], exports: [{ exportedAt: '2026-11-23T08:00:00.000Z', exportedBy: 'anna', file: 'efile-c-1.zip' }] }, t);
    expect(texts(records).slice(-2)).toEqual(['section|E-file exports', 'row|  2026-11-23 08:00 anna: efile-c-1.zip']);
  });

  it('reads the records of the open document, exports included, and ignores a malformed export entry', async () => {
    const w = await makeWorkspace();
    cleanups.push(w.cleanup);
    const [id] = (await addClients(w.ws, ['Jānis Ozols'])) as ClientId[];
    const doc = await openDoc(w.ws, id!);
    act(doc, w.ws.origin('efile.export'), () => {
      insertRecord(doc, 'exports', 'ex-1', { exportedBy: 'anna', exportedAt: '2026-11-23T08:00:00.000Z', sha256: 'ab', file: 'a.zip' });
      doc.getMap('exports').set('ex-bad', 'not a record');
    });
    expect(readHistoryRecords(doc).exports).toEqual([{ exportedBy: 'anna', exportedAt: '2026-11-23T08:00:00.000Z', file: 'a.zip' }]);
  });
});
