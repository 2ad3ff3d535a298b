import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { exportClient, orgInfo } from '../../cli/efile/export.js';
import { holdsStoredState, readClientForExport } from '../../cli/efile/source.js';
import { addClientRecord, patchClientRecord } from '../../core/doc/client-doc.js';
import { clientDocId } from '../../core/doc/doc-id.js';
import { act } from '../../core/doc/origin.js';
import { collection } from '../../core/doc/records.js';
import type { StoredUpdate } from '../../core/store/storage.js';
import { buildFixture, CLIENT, openFixture } from './fixture.js';
import { fileSha } from './helpers.js';

const alert = { id: 'al-1', observationId: null, level: 'inform_gp' as const, raisedAt: '2026-11-22T09:00', raisedBy: 's-anna', reason: 'fever', status: 'open' as const, handledBy: null, handledAt: null, actionTaken: '' };

/** A document, the updates it emitted, and its compacted (gc'd) state as the store keeps it. */
function stored(): { log: StoredUpdate[]; snapshot: Uint8Array } {
  const doc = new Y.Doc();
  const log: StoredUpdate[] = [];
  doc.on('update', (update: Uint8Array) => log.push({ key: `u-${log.length}`, update, meta: { userId: 's-anna', at: '2026-11-22T10:00', action: 'edit' } }));
  doc.transact(() => addClientRecord(doc, 'alerts', alert));
  doc.transact(() => addClientRecord(doc, 'alerts', { ...alert, id: 'al-2' }));
  doc.transact(() => patchClientRecord(doc, 'alerts', 'al-1', { status: 'handled' }));
  doc.transact(() => doc.getMap('alerts').delete('al-2'));
  return { log, snapshot: Y.encodeStateAsUpdate(doc) };
}

function replayed(log: readonly StoredUpdate[]): Y.Doc {
  const d = new Y.Doc({ gc: false });
  for (const u of log) Y.applyUpdate(d, u.update);
  return d;
}

describe('holdsStoredState', () => {
  test('true when the replay is the stored state (snapshot, pending updates or both)', () => {
    const { log, snapshot } = stored();
    expect(holdsStoredState(replayed(log), { snapshot: { key: 's', data: snapshot }, updates: [] })).toBe(true);
    expect(holdsStoredState(replayed(log), { snapshot: null, updates: log })).toBe(true);
    expect(holdsStoredState(replayed(log), { snapshot: { key: 's', data: snapshot }, updates: log.slice(2) })).toBe(true);
  });

  test('false when the history lacks an edit, or only a deletion, or nothing is stored', () => {
    const { log, snapshot } = stored();
    const snap = { key: 's', data: snapshot };
    expect(holdsStoredState(replayed([log[0]!, log[1]!, log[3]!]), { snapshot: snap, updates: [] })).toBe(false);
    // The last update only deletes: a replay without it has every item, but not the deletion.
    expect(holdsStoredState(replayed(log.slice(0, 3)), { snapshot: snap, updates: [] })).toBe(false);
    expect(holdsStoredState(replayed(log), { snapshot: null, updates: [] })).toBe(false);
  });
});

describe('export source', () => {
  test('a closed client is read from its view, else from its history (which stores a fresh view), an open one from its document: the same ZIP every time; every export recorded', async () => {
    const dir = await buildFixture();
    const ws = await openFixture(dir);
    const viewFile = join(dir, 'docs', 'client~c-zane', 'view.ybin');
    try {
      const out = await mkdtemp(join(tmpdir(), 'apsis-efile-src-'));
      const org = await orgInfo(ws);
      const exportTo = async (sub: string) => {
        const r = await exportClient(ws, CLIENT, join(out, sub), org);
        if (!r.ok) throw new Error(r.message);
        return fileSha(r.file);
      };
      // The fixture's session kept the view current.
      expect(await readClientForExport(ws, CLIENT)).toMatchObject({ ok: true, via: 'view' });
      const first = await exportTo('a');
      // The export record only adds to `exports`, which the view leaves out: still current.
      expect(await readClientForExport(ws, CLIENT)).toMatchObject({ ok: true, via: 'view' });
      expect(await exportTo('b')).toBe(first);
      // The two export records compacted into the archive behind the view's back: the view is still
      // current; the check reads the archived records it does not cover.
      const docId = clientDocId(CLIENT);
      const loaded = await ws.repo.storage.load(docId);
      if (!loaded.ok) throw new Error('load');
      const pending = loaded.value.updates.map((u) => u.key);
      expect(pending.length).toBeGreaterThanOrEqual(2);
      await ws.repo.storage.compact(docId, Y.mergeUpdates([...(loaded.value.snapshot ? [loaded.value.snapshot.data] : []), ...loaded.value.updates.map((u) => u.update)]), pending);
      const inventory = await ws.repo.storage.inventory(docId);
      expect(inventory.ok && inventory.value.filter((e) => pending.includes(e.key)).every((e) => e.update === undefined)).toBe(true);
      expect(await readClientForExport(ws, CLIENT)).toMatchObject({ ok: true, via: 'view' });
      expect(await exportTo('b2')).toBe(first);
      // No view: one replay, which stores the view again.
      await rm(viewFile);
      expect(await readClientForExport(ws, CLIENT)).toMatchObject({ ok: true, via: 'history' });
      expect(await readClientForExport(ws, CLIENT)).toMatchObject({ ok: true, via: 'view' });
      // A torn view is not used.
      await writeFile(viewFile, (await readFile(viewFile)).subarray(0, 100));
      expect(await exportTo('c')).toBe(first);
      expect(await readClientForExport(ws, CLIENT)).toMatchObject({ ok: true, via: 'view' });
      expect(ws.repo.isOpen(clientDocId(CLIENT))).toBe(false);
      const c = await ws.client(CLIENT);
      if (!c.ok) throw new Error('client');
      // The records written while the document was closed are there once it is opened.
      expect(collection(c.doc, 'exports').size).toBe(4);
      expect(await readClientForExport(ws, CLIENT)).toMatchObject({ ok: true, via: 'document' });
      expect(await exportTo('d')).toBe(first);
      expect(collection(c.doc, 'exports').size).toBe(5);
      // A change made while open reaches the open export at once, and the view on close.
      act(c.doc, ws.origin('visit.note'), () => patchClientRecord(c.doc, 'visitRecords', 'v-1', { note: 'Jauna piezīme' }));
      const changed = await exportTo('e');
      expect(changed).not.toBe(first);
      await ws.close();
      const again = await openFixture(dir);
      try {
        expect(await readClientForExport(again, CLIENT)).toMatchObject({ ok: true, via: 'view' });
        const r = await exportClient(again, CLIENT, join(out, 'f'), await orgInfo(again));
        expect(r.ok && fileSha(r.file)).toBe(changed);
      } finally {
        await again.close();
      }
    } finally {
      await ws.close();
    }
  });

  test('an open client without a view: the same ZIP from one replay, and the view written on close for the next export', async () => {
    const dir = await buildFixture();
    const viewFile = join(dir, 'docs', 'client~c-zane', 'view.ybin');
    const out = await mkdtemp(join(tmpdir(), 'apsis-efile-src-'));
    let ws = await openFixture(dir);
    const exportTo = async (sub: string) => {
      const r = await exportClient(ws, CLIENT, join(out, sub), await orgInfo(ws));
      if (!r.ok) throw new Error(r.message);
      return fileSha(r.file);
    };
    try {
      const first = await exportTo('a');
      await ws.close();
      await rm(viewFile);
      ws = await openFixture(dir);
      if (!(await ws.client(CLIENT)).ok) throw new Error('client');
      expect(await ws.repo.currentView(clientDocId(CLIENT)), 'no view to extend').toBeNull();
      expect(await exportTo('b')).toBe(first);
      await ws.close();
      await access(viewFile);
      ws = await openFixture(dir);
      expect(await readClientForExport(ws, CLIENT)).toMatchObject({ ok: true, via: 'view' });
      expect(await exportTo('c')).toBe(first);
    } finally {
      await ws.close();
    }
  });
});
