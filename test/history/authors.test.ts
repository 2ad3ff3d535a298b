import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AUTHORS_MAP, AUTHOR_TIMES_MAP, trackAuthors } from '../../core/doc/authors.js';
import { keepConflicts } from '../../core/history/keep-conflicts.js';
import { replayHistory } from '../../core/history/replay.js';
import type { StoredUpdate } from '../../core/store/storage.js';

/** A session of one user on one device: tracked edits, updates captured as the store would. */
function session(userId: string, clock: { t: number }) {
  const doc = new Y.Doc({ gcFilter: keepConflicts });
  const updates: Uint8Array[] = [];
  trackAuthors(doc, { userId, now: () => new Date(clock.t).toISOString(), isEdit: (o) => o !== 'sync' });
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'sync') updates.push(u);
  });
  return { doc, updates };
}

const T0 = Date.parse('2026-11-20T08:00:00.000Z');
const remote = (update: Uint8Array, i: number): StoredUpdate => ({ key: `u-${i}`, update, meta: { userId: 'remote', at: '2026-11-30T00:00:00.000Z', action: 'sync' } });

describe('authors in the document', () => {
  it('registers a session in the same update as its first edit, and marks time once a minute at most', () => {
    const clock = { t: T0 };
    const s = session('s-anna', clock);
    s.doc.transact(() => s.doc.getMap('profile').set('phone', '1'));
    expect(s.updates).toHaveLength(1);
    const decoded = Y.decodeUpdate(s.updates[0]!).structs.map((st) => (st as Y.Item).parent);
    expect(decoded).toContain(AUTHORS_MAP);
    clock.t += 30_000;
    s.doc.transact(() => s.doc.getMap('profile').set('phone', '2'));
    expect(s.doc.getMap(AUTHOR_TIMES_MAP).size).toBe(0);
    clock.t += 60_000;
    s.doc.transact(() => s.doc.getMap('profile').set('phone', '3'));
    expect(s.doc.getMap(AUTHOR_TIMES_MAP).size).toBe(1);
    // Replayed as one synced update (a peer that pulled it all at once): the final write's time.
    const merged = Y.encodeStateAsUpdate(s.doc);
    const h = replayHistory([remote(merged, 0)]).filter((c) => c.field === 'phone');
    expect(h).toEqual([expect.objectContaining({ userId: 's-anna', at: '2026-11-20T08:01:30.000Z', new: '3', action: 'sync' })]);
  });

  it('lists both sides of a conflict from one merged update, each with its own author', () => {
    const a = session('s-anna', { t: T0 });
    const b = session('s-maris', { t: T0 + 3_600_000 });
    a.doc.transact(() => a.doc.getMap('profile').set('phone', 'a'));
    b.doc.transact(() => b.doc.getMap('profile').set('phone', 'b'));
    const relay = new Y.Doc({ gcFilter: keepConflicts });
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(a.doc));
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(b.doc));
    const h = replayHistory([remote(Y.encodeStateAsUpdate(relay), 0)]).filter((c) => c.field === 'phone');
    const byUser = Object.fromEntries(h.map((c) => [c.userId, c]));
    expect(Object.keys(byUser).sort()).toEqual(['s-anna', 's-maris']);
    expect(h.map((c) => c.kind).sort()).toEqual(['overridden', 'set']);
    expect(byUser['s-maris']).toMatchObject({ new: 'b', at: '2026-11-20T09:00:00.000Z' });
    expect(byUser['s-anna']).toMatchObject({ new: 'a', at: '2026-11-20T08:00:00.000Z' });
  });

  it('keeps older stored data readable: unregistered updates keep their stored author', () => {
    const d = new Y.Doc();
    const log: StoredUpdate[] = [];
    d.on('update', (u: Uint8Array) => log.push(remote(u, log.length)));
    d.getMap('profile').set('phone', 'x');
    const local = new Y.Doc();
    local.on('update', (u: Uint8Array) => log.push({ key: `u-${log.length}`, update: u, meta: { userId: 's-ilze', at: '2026-11-21T10:00:00.000Z', action: 'client.edit' } }));
    Y.applyUpdate(local, Y.encodeStateAsUpdate(d), 'sync-in');
    log.pop(); // the copy above is the synced one already logged
    local.getMap('profile').set('phone', 'y');
    const h = replayHistory(log).filter((c) => c.field === 'phone');
    expect(h.map((c) => [c.userId, c.new, c.action])).toEqual([
      ['remote', 'x', 'sync'],
      ['s-ilze', 'y', 'client.edit'],
    ]);
  });

  it('collects values replaced in sequence (documents do not grow with ordinary edits)', () => {
    const s = session('s-anna', { t: T0 });
    for (let i = 0; i < 1000; i++) s.doc.transact(() => s.doc.getMap('profile').set('phone', String(i)));
    expect(Y.encodeStateAsUpdate(s.doc).byteLength).toBeLessThan(200);
  });
});
