import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { exportClient, orgInfo } from '../../cli/efile/export.js';
import { holdsStoredState, readClientForExport } from '../../cli/efile/source.js';
import { addClientRecord, patchClientRecord } from '../../core/doc/client-doc.js';
import { clientDocId } from '../../core/doc/doc-id.js';
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
  test('a closed client is read from its history, an open one from its document: the same ZIP; both exports recorded', async () => {
    const ws = await openFixture(await buildFixture());
    try {
      const out = await mkdtemp(join(tmpdir(), 'apsis-efile-src-'));
      expect(await readClientForExport(ws, CLIENT)).toMatchObject({ ok: true, via: 'history' });
      const org = await orgInfo(ws);
      const first = await exportClient(ws, CLIENT, join(out, 'a'), org);
      if (!first.ok) throw new Error(first.message);
      expect(ws.repo.isOpen(clientDocId(CLIENT))).toBe(false);
      const c = await ws.client(CLIENT);
      if (!c.ok) throw new Error('client');
      // The record written while the document was closed is there once it is opened.
      expect([...collection(c.doc, 'exports').values()].map((m) => m.get('sha256'))).toEqual([first.sha256]);
      expect(await readClientForExport(ws, CLIENT)).toMatchObject({ ok: true, via: 'document' });
      const second = await exportClient(ws, CLIENT, join(out, 'b'), org);
      if (!second.ok) throw new Error(second.message);
      expect(fileSha(second.file)).toBe(fileSha(first.file));
      expect(collection(c.doc, 'exports').size).toBe(2);
    } finally {
      await ws.close();
    }
  });
});
