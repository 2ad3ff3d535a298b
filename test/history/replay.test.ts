import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addClientRecord, patchClientRecord, patchProfile } from '../../core/doc/client-doc.js';
import { replayHistory } from '../../core/history/replay.js';
import type { StoredUpdate } from '../../core/store/storage.js';

/** Records every update a doc emits, as the store would, with who and when. */
function recorder(doc: Y.Doc, log: StoredUpdate[], userId: string, clock: { t: number }) {
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === 'sync') return;
    log.push({ key: `u-${log.length}`, update, meta: { userId, at: `2026-11-22T10:${String(clock.t++).padStart(2, '0')}`, action: 'edit' } });
  });
}

function syncInto(from: Y.Doc, to: Y.Doc) {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'sync');
}

const alert = { id: 'al-1', observationId: null, level: 'inform_gp' as const, raisedAt: '2026-11-22T09:00', raisedBy: 's-anna', reason: 'fever', status: 'open' as const, handledBy: null, handledAt: null, actionTaken: '' };

describe('replayHistory', () => {
  it('lists creation, field edits with old and new values, who and when', () => {
    const doc = new Y.Doc();
    const log: StoredUpdate[] = [];
    recorder(doc, log, 's-anna', { t: 0 });
    doc.transact(() => addClientRecord(doc, 'alerts', alert));
    doc.transact(() => patchClientRecord(doc, 'alerts', 'al-1', { status: 'handled', actionTaken: 'called the GP' }));
    doc.transact(() => patchProfile(doc, { phone: '+371 20000000' }));
    const h = replayHistory(log);
    expect(h.filter((c) => c.field === 'reason')).toEqual([
      { path: ['alerts', 'al-1'], field: 'reason', old: undefined, new: 'fever', kind: 'set', userId: 's-anna', at: '2026-11-22T10:00', action: 'edit' },
    ]);
    expect(h.find((c) => c.field === 'status' && c.new === 'handled')).toMatchObject({ old: 'open', at: '2026-11-22T10:01' });
    expect(h.find((c) => c.field === 'phone')).toMatchObject({ path: ['profile'], old: undefined, new: '+371 20000000' });
  });

  it('keeps both sides of a concurrent edit of the same field visible, whichever wins', () => {
    const seen = new Set<string>();
    // Yjs breaks the tie by client id: run both orders so both outcomes are covered.
    for (const [idA, idB] of [[1, 2], [2, 1]] as const) {
      const a = new Y.Doc();
      const b = new Y.Doc();
      a.clientID = idA;
      b.clientID = idB;
      const log: StoredUpdate[] = [];
      const clock = { t: 0 };
      recorder(a, log, 's-anna', clock);
      recorder(b, log, 's-maris', clock);
      a.transact(() => addClientRecord(a, 'alerts', alert));
      syncInto(a, b);
      a.transact(() => patchClientRecord(a, 'alerts', 'al-1', { reason: 'fever 38' }));
      b.transact(() => patchClientRecord(b, 'alerts', 'al-1', { reason: 'fever 39' }));
      const h = replayHistory(log).filter((c) => c.field === 'reason');
      expect(h).toHaveLength(3);
      expect(h[1]).toMatchObject({ kind: 'set', userId: 's-anna', old: 'fever', new: 'fever 38' });
      // The second write either lost (overridden) or won without having seen the first
      // (concurrent): never a plain sequential "set" that hides the other edit.
      expect(h[2]).toMatchObject({ userId: 's-maris', old: 'fever 38', new: 'fever 39' });
      seen.add(h[2]!.kind);
    }
    expect(seen).toEqual(new Set(['overridden', 'concurrent']));
  });

  it('lists a removed record field as a delete', () => {
    const doc = new Y.Doc();
    const log: StoredUpdate[] = [];
    recorder(doc, log, 's-anna', { t: 0 });
    doc.transact(() => addClientRecord(doc, 'alerts', alert));
    doc.transact(() => doc.getMap('alerts').delete('al-1'));
    const h = replayHistory(log);
    expect(h.at(-1)).toMatchObject({ path: ['alerts'], field: 'al-1', kind: 'delete' });
  });
});

describe('replayHistory options', () => {
  function logOf(): StoredUpdate[] {
    const doc = new Y.Doc();
    const log: StoredUpdate[] = [];
    recorder(doc, log, 's-anna', { t: 0 });
    doc.transact(() => addClientRecord(doc, 'alerts', alert));
    doc.transact(() => patchClientRecord(doc, 'alerts', 'al-1', { status: 'handled' }));
    doc.transact(() => doc.getMap('alerts').delete('al-1'));
    return log;
  }

  it('summariseCreated: a new record is one create line; later field writes keep old and new', () => {
    const h = replayHistory(logOf(), { summariseCreated: true });
    expect(h).toEqual([
      { path: ['alerts'], field: 'al-1', old: undefined, new: undefined, kind: 'create', userId: 's-anna', at: '2026-11-22T10:00', action: 'edit' },
      { path: ['alerts', 'al-1'], field: 'status', old: 'open', new: 'handled', kind: 'set', userId: 's-anna', at: '2026-11-22T10:01', action: 'edit' },
      expect.objectContaining({ path: ['alerts'], field: 'al-1', kind: 'delete', at: '2026-11-22T10:02' }),
    ]);
  });

  it('roots: the same history as decoding every update, and a root missing from the list is still found', () => {
    const log = logOf();
    const slow = replayHistory(log);
    expect(replayHistory(log, { roots: ['alerts'] })).toEqual(slow);
    expect(replayHistory(log, { roots: [] })).toEqual(slow);
    expect(replayHistory(log, { roots: ['profile'] })).toEqual(slow);
  });
});
