/**
 * Document views (core/store/view.ts): the repository keeps a client's view current as it is
 * edited, and the view always says what a replay of the stored updates says. Seeded random
 * sessions (local edits, deletions, concurrent edits arriving by sync, export records appended to
 * the closed document) check that equality after every session.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AUTHORS_MAP, trackAuthors } from '../../core/doc/authors.js';
import { addClientRecord, createClientDoc, patchClientRecord, readClientDoc } from '../../core/doc/client-doc.js';
import { act, LocalOrigin } from '../../core/doc/origin.js';
import { insertRecord } from '../../core/doc/records.js';
import { CLIENT_VIEW } from '../../core/efile/client-view.js';
import type { ClientId, DocId } from '../../core/ids.js';
import { replayHistory } from '../../core/history/replay.js';
import { DocRepo, FOLD_MAX_SNAPSHOT, RemoteOrigin } from '../../core/store/doc-repo.js';
import { createMemoryStorage } from '../../core/store/memory-storage.js';
import type { DocStorage } from '../../core/store/storage.js';
import { addsOnlyTo, decodeView, encodeView, hasUncoveredBytes, viewHolds, withoutRoots } from '../../core/store/view.js';
import { createRng, testSeed } from '../helpers/rng.js';

const C = 'c-1' as ClientId;
const DOC = 'client/c-1' as DocId;
const PROFILE = { givenName: 'Zane', familyName: 'Bērziņa', personalCode: '', birthDate: '1941-03-14', address: 'Ģertrūdes iela 5', location: null, phone: '', careGroupId: 'g-1', livesAlone: true, status: 'active' as const, preferredStaffIds: [], declinedStaffIds: [], createdAt: '2026-01-05T09:00:00Z' };
const alert = (id: string, reason: string) => ({ id, observationId: null, level: 'inform_gp' as const, raisedAt: '2026-11-22T09:00', raisedBy: 's-anna', reason, status: 'open' as const, handledBy: null, handledAt: null, actionTaken: '' });

let minute = 0;
const now = () => new Date(Date.UTC(2026, 10, 1) + minute++ * 60_000).toISOString();
const repoOver = (storage: DocStorage, userId = 's-ilze') => new DocRepo(storage, { now, userId, views: CLIENT_VIEW });

/** What a replay of everything stored says: history (the view's roots left out) and data. */
async function replayed(storage: DocStorage): Promise<{ history: unknown; data: unknown; keys: string[] }> {
  const updates = await storage.history(DOC);
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u.update);
  return {
    history: withoutRoots(replayHistory(updates, { summariseCreated: true }), CLIENT_VIEW.omitRoots),
    data: JSON.parse(JSON.stringify(readClientDoc(doc))) as unknown,
    keys: updates.map((u) => u.key),
  };
}

async function storedView(storage: DocStorage) {
  const bytes = await storage.readView(DOC);
  return bytes && decodeView(bytes, CLIENT_VIEW.schemaVersion);
}

/** The update of one export record, as the e-file export makes it for a closed document. */
function exportUpdate(n: number): Uint8Array {
  const d = new Y.Doc();
  let update: Uint8Array | null = null;
  d.on('update', (u: Uint8Array) => (update = u));
  d.transact(() => insertRecord(d, 'exports', `ex-${n}`, { exportedBy: 's-ilze', exportedAt: now(), sha256: 'ab', file: 'efile-c-1.zip' }));
  return update!;
}

/** The stored view says what a replay says: the keys it covers, history and data. */
async function expectViewIsReplay(storage: DocStorage): Promise<Awaited<ReturnType<typeof replayed>>> {
  const view = await storedView(storage);
  const r = await replayed(storage);
  expect(view?.covers).toEqual(r.keys);
  expect(view?.history).toEqual(r.history);
  expect(view?.data).toEqual(r.data);
  return r;
}

/** An export record appended to the closed document, as the e-file export writes it. */
async function appendExportRecord(storage: DocStorage, n: number): Promise<void> {
  await storage.append(DOC, exportUpdate(n), { userId: 's-ilze', at: now(), action: 'efile.export' });
}

/** A peer's alert `al-x` stored behind the repository's back (as a sync of a closed document would). */
async function appendBehindTheBack(storage: DocStorage): Promise<void> {
  const peer = new Y.Doc();
  for (const u of await storage.history(DOC)) Y.applyUpdate(peer, u.update);
  let update: Uint8Array | null = null;
  peer.on('update', (u: Uint8Array) => (update = u));
  peer.transact(() => addClientRecord(peer, 'alerts', alert('al-x', 'from elsewhere')));
  await storage.append(DOC, update!, { userId: 's-anna', at: now(), action: 'sync' });
}

/** The update each edit makes, one transaction each, on one document. */
function updatesOf(edits: readonly ((d: Y.Doc) => unknown)[]): Uint8Array[] {
  const d = new Y.Doc();
  const updates: Uint8Array[] = [];
  d.on('update', (u: Uint8Array) => updates.push(u));
  for (const edit of edits) d.transact(() => edit(d));
  return updates;
}

describe('document views', () => {
  it('a created client has a view after the first close, equal to a replay', async () => {
    const storage = createMemoryStorage();
    const repo = repoOver(storage);
    await repo.create(DOC, (doc) => createClientDoc(doc, C, PROFILE), new LocalOrigin('s-ilze', 'client.add'));
    const doc = (await repo.get(DOC)) as { ok: true; doc: Y.Doc };
    act(doc.doc, new LocalOrigin('s-ilze', 'alert.raise'), () => addClientRecord(doc.doc, 'alerts', alert('al-1', 'fever')));
    await repo.close();
    await expectViewIsReplay(storage);
  });

  it('seeded sessions of local, concurrent and synced edits: the view always equals a replay', async () => {
    const seed = testSeed();
    const rng = createRng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
    const storage = createMemoryStorage();
    let repo = repoOver(storage);
    await repo.create(DOC, (doc) => createClientDoc(doc, C, PROFILE), new LocalOrigin('s-ilze', 'client.add'));
    await repo.close();
    let next = 0;
    let exports = 0;
    const kinds = new Set<string>();
    try {
      for (let session = 0; session < 16; session++) {
        repo = repoOver(storage, pick(['s-ilze', 's-maija']));
        // Now and then the view is lost (a damaged file): a history screen's read rebuilds it,
        // before, amid or after this session's edits.
        const rebuildAt = rng() < 0.25 ? Math.floor(rng() * 9) : -1;
        if (rebuildAt >= 0) await storage.writeView(DOC, new Uint8Array([1, 2, 3]));
        const opened = await repo.get(DOC);
        if (!opened.ok) throw new Error('open');
        const doc = opened.doc;
        // A peer that has everything stored so far, and edits offline meanwhile.
        const peer = new Y.Doc();
        for (const u of await storage.history(DOC)) Y.applyUpdate(peer, u.update);
        trackAuthors(peer, { userId: 's-anna', now, isEdit: () => true });
        const ids = () => [...doc.getMap('alerts').keys()];
        let lastPatched: string | null = null;
        for (let step = 0; step <= 8; step++) {
          if (step === rebuildAt) {
            const current = await repo.currentHistory(DOC, { rebuild: true });
            expect(current?.history, `seed ${seed}, session ${session}: rebuilt at step ${step}`).toEqual((await replayed(storage)).history);
          }
          if (step === 8) break;
          const r = rng();
          const origin = new LocalOrigin('s-ilze', 'edit');
          if (r < 0.3 || ids().length === 0) act(doc, origin, () => addClientRecord(doc, 'alerts', alert(`al-${next++}`, pick(['fever', 'fall', 'pain']))));
          else if (r < 0.55) {
            lastPatched = pick(ids());
            act(doc, origin, () => patchClientRecord(doc, 'alerts', lastPatched!, { reason: pick(['better', 'worse', 'same']) }));
          }
          else if (r < 0.65) act(doc, origin, () => doc.getMap('alerts').delete(pick(ids())));
          else if (r < 0.75) act(doc, origin, () => patchClientRecord(doc, 'alerts', pick(ids()), { status: 'handled', handledBy: 's-ilze' }));
          else {
            // The peer edits the same fields, then its change arrives by sync: conflicts both ways.
            const peerIds = [...peer.getMap('alerts').keys()];
            // Mostly the field just edited here: a sure conflict (which side wins depends on the client ids).
            const target = lastPatched && peerIds.includes(lastPatched) && rng() < 0.8 ? lastPatched : pick(peerIds);
            if (peerIds.length > 1 && rng() < 0.15) peer.transact(() => peer.getMap('alerts').delete(pick(peerIds)));
            else if (peerIds.length > 0) peer.transact(() => patchClientRecord(peer, 'alerts', target ?? pick(peerIds), { reason: pick(['peer a', 'peer b']) }));
            else peer.transact(() => addClientRecord(peer, 'alerts', alert(`al-p${next++}`, 'peer')));
            Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)), new RemoteOrigin('s-anna'));
          }
        }
        await repo.close();
        if (rng() < 0.5) await appendExportRecord(storage, exports++);
        const view = await storedView(storage);
        const r = await replayed(storage);
        expect(view, `seed ${seed}, session ${session}`).not.toBeNull();
        expect(viewHolds(view!, await storage.history(DOC), CLIENT_VIEW.omitRoots), `seed ${seed}`).toBe(true);
        expect(view!.history, `seed ${seed}, session ${session}`).toEqual(r.history);
        expect(view!.data, `seed ${seed}, session ${session}`).toEqual(r.data);
        for (const h of view!.history) kinds.add(h.kind);
      }
      // The sessions reached every kind of change, a conflict included (16 × 8 steps make that all but certain).
      expect(['create', 'delete', 'set'].every((k) => kinds.has(k)) && (kinds.has('overridden') || kinds.has('concurrent')), `seed ${seed}: ${[...kinds].join(', ')}`).toBe(true);
    } catch (err) {
      console.error(`document views: seed ${seed} (replay with APSIS_SEED=${seed})`);
      throw err;
    }
  });

  it('a view is not extended when it did not hold the opened state; it is left stale, not wrong', async () => {
    const storage = createMemoryStorage();
    let repo = repoOver(storage);
    await repo.create(DOC, (doc) => createClientDoc(doc, C, PROFILE), new LocalOrigin('s-ilze', 'client.add'));
    await repo.close();
    const first = await storedView(storage);
    await appendBehindTheBack(storage);
    expect(viewHolds(first!, await storage.history(DOC), CLIENT_VIEW.omitRoots)).toBe(false);
    repo = repoOver(storage);
    const opened = (await repo.get(DOC)) as { ok: true; doc: Y.Doc };
    act(opened.doc, new LocalOrigin('s-ilze', 'edit'), () => patchClientRecord(opened.doc, 'alerts', 'al-x', { reason: 'seen' }));
    expect(await repo.currentView(DOC)).toBeNull();
    await repo.close();
    expect(await storedView(storage)).toEqual(first);
  });

  it("a peer's change to a root nothing has read yet this session (the profile) is listed: the view stays current", async () => {
    const storage = createMemoryStorage();
    let repo = repoOver(storage);
    await repo.create(DOC, (doc) => createClientDoc(doc, C, PROFILE), new LocalOrigin('s-ilze', 'client.add'));
    await repo.close();
    repo = repoOver(storage);
    const opened = (await repo.get(DOC)) as { ok: true; doc: Y.Doc };
    // The peer's update arrives before anything in this session read the profile map.
    const peer = new Y.Doc();
    for (const u of await storage.history(DOC)) Y.applyUpdate(peer, u.update);
    trackAuthors(peer, { userId: 's-anna', now, isEdit: () => true });
    peer.transact(() => peer.getMap('profile').set('phone', '+371 29999999'));
    Y.applyUpdate(opened.doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(opened.doc)), new RemoteOrigin('s-anna'));
    expect((await repo.currentView(DOC))?.history).toEqual((await replayed(storage)).history);
    await repo.close();
    expect((await storedView(storage))?.history).toEqual((await replayed(storage)).history);
  });

  it('currentHistory: the stored view read once per open document, then extended by each edit; equal to a replay; without export records', async () => {
    const storage = createMemoryStorage();
    let repo = repoOver(storage);
    await repo.create(DOC, (doc) => createClientDoc(doc, C, PROFILE), new LocalOrigin('s-ilze', 'client.add'));
    await repo.close();
    let reads = 0;
    const readView = storage.readView.bind(storage);
    storage.readView = (id) => {
      reads++;
      return readView(id);
    };
    repo = repoOver(storage);
    const opened = (await repo.get(DOC)) as { ok: true; doc: Y.Doc };
    for (let i = 0; i < 3; i++) {
      act(opened.doc, new LocalOrigin('s-ilze', 'alert.raise'), () => addClientRecord(opened.doc, 'alerts', alert(`al-${i}`, 'fever')));
      act(opened.doc, new LocalOrigin('s-ilze', 'efile.export'), () => insertRecord(opened.doc, 'exports', `ex-${i}`, { file: 'a.zip' }));
      const current = await repo.currentHistory(DOC);
      expect(current?.history).toEqual((await replayed(storage)).history);
      expect(current?.stored.map((u) => u.key)).toEqual((await storage.history(DOC)).map((u) => u.key));
    }
    expect(reads).toBe(1);
    expect((await repo.currentView(DOC))?.history).toEqual((await replayed(storage)).history);
    await repo.close();
  });

  it('currentHistory with rebuild: a stale view is replayed once, written on close without an edit, and read by the next session', async () => {
    const storage = createMemoryStorage();
    let repo = repoOver(storage);
    await repo.create(DOC, (doc) => createClientDoc(doc, C, PROFILE), new LocalOrigin('s-ilze', 'client.add'));
    await repo.close();
    // The stored view no longer holds the state.
    await appendBehindTheBack(storage);
    await appendExportRecord(storage, 1);
    repo = repoOver(storage);
    await repo.get(DOC);
    expect(await repo.currentHistory(DOC)).toBeNull();
    const rebuilt = await repo.currentHistory(DOC, { rebuild: true });
    expect(rebuilt?.history).toEqual((await replayed(storage)).history);
    expect(JSON.stringify(rebuilt?.history)).toContain('al-x');
    // Once per open document: the replayed base serves the next call.
    expect(await repo.currentHistory(DOC)).toEqual(rebuilt);
    await repo.close();
    const r = await expectViewIsReplay(storage);
    // The next session reads that view: no rebuild needed.
    repo = repoOver(storage);
    await repo.get(DOC);
    expect((await repo.currentHistory(DOC))?.history).toEqual(r.history);
    await repo.close();
  });

  it('appendClosed: past compactAfter / 5 pending updates a closed document\'s are merged into its snapshot; history, state and view unchanged; an opening waits for the merge', async () => {
    const storage = createMemoryStorage();
    const small = (s: DocStorage) => new DocRepo(s, { now, userId: 's-ilze', views: CLIENT_VIEW, compactAfter: 25 });
    let repo = small(storage);
    await repo.create(DOC, (doc) => createClientDoc(doc, C, PROFILE), new LocalOrigin('s-ilze', 'client.add'));
    await repo.close();
    repo = small(storage);
    const meta = () => ({ userId: 's-ilze', at: now(), action: 'efile.export' });
    const counts: number[] = [];
    for (let n = 0; n < 12; n++) {
      await repo.appendClosed(DOC, exportUpdate(n), meta());
      counts.push((await storage.listing(DOC)).pending.length);
    }
    // Five pending at most: the sixth folds all six into the snapshot.
    expect(counts).toEqual([2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1]);
    const r = await replayed(storage);
    expect(r.keys).toHaveLength(13);
    const loaded = await storage.load(DOC);
    if (!loaded.ok) throw new Error('load');
    const state = new Y.Doc();
    Y.applyUpdate(state, loaded.value.snapshot!.data);
    for (const u of loaded.value.updates) Y.applyUpdate(state, u.update);
    expect(JSON.parse(JSON.stringify(readClientDoc(state)))).toEqual(r.data);
    expect(state.getMap('exports').size).toBe(12);
    // The view written before the exports still holds: they only add export records.
    expect(viewHolds((await storedView(storage))!, await storage.history(DOC), CLIENT_VIEW.omitRoots)).toBe(true);
    // An opening while a merge runs waits for it (its load comes after), and finds every record.
    for (let n = 12; n < 16; n++) await repo.appendClosed(DOC, exportUpdate(n), meta());
    const calls: string[] = [];
    const { compact, load } = storage;
    let opening: ReturnType<DocRepo['get']> | null = null;
    storage.compact = async (...args) => {
      opening = repo.get(DOC);
      calls.push('compact');
      await compact(...args);
      calls.push('compacted');
    };
    storage.load = async (id) => {
      calls.push('load');
      return load(id);
    };
    await repo.appendClosed(DOC, exportUpdate(16), meta());
    const opened = await opening!;
    if (!opened.ok) throw new Error('open');
    expect(calls).toEqual(['load', 'compact', 'compacted', 'load']);
    expect(opened.doc.getMap('exports').size).toBe(17);
    await expect(repo.appendClosed(DOC, exportUpdate(99), meta())).rejects.toThrow(/is open/);
    await repo.close();
  });

  it('appendClosed: a merge that fails (a full disk) fails no export; the files wait for the next merge', async () => {
    const storage = createMemoryStorage();
    const repo = new DocRepo(storage, { now, userId: 's-ilze', views: CLIENT_VIEW, compactAfter: 10 });
    await repo.create(DOC, (doc) => createClientDoc(doc, C, PROFILE), new LocalOrigin('s-ilze', 'client.add'));
    await repo.close();
    const { compact } = storage;
    storage.compact = () => Promise.reject(new Error('ENOSPC: no space left on device'));
    const meta = () => ({ userId: 's-ilze', at: now(), action: 'efile.export' });
    for (let n = 0; n < 3; n++) await repo.appendClosed(DOC, exportUpdate(n), meta());
    expect((await storage.listing(DOC)).pending).toHaveLength(4);
    storage.compact = compact;
    await repo.appendClosed(DOC, exportUpdate(3), meta());
    expect((await storage.listing(DOC)).pending).toHaveLength(0);
    const opened = await repo.get(DOC);
    expect(opened.ok && opened.doc.getMap('exports').size).toBe(4);
    await repo.close();
  });

  it('appendClosed: a snapshot over FOLD_MAX_SNAPSHOT is left to the next open and close, unread', async () => {
    const storage = createMemoryStorage();
    const repo = new DocRepo(storage, { now, userId: 's-ilze', views: CLIENT_VIEW, compactAfter: 10 });
    await repo.create(DOC, (doc) => createClientDoc(doc, C, PROFILE), new LocalOrigin('s-ilze', 'client.add'));
    const opened = (await repo.get(DOC)) as { ok: true; doc: Y.Doc };
    act(opened.doc, new LocalOrigin('s-ilze', 'efile.export'), () => insertRecord(opened.doc, 'exports', 'ex-big', { file: 'x'.repeat(FOLD_MAX_SNAPSHOT) }));
    await repo.compact(DOC);
    await repo.close();
    let loads = 0;
    const { load } = storage;
    storage.load = (id) => {
      loads++;
      return load(id);
    };
    const meta = () => ({ userId: 's-ilze', at: now(), action: 'efile.export' });
    for (let n = 0; n < 9; n++) await repo.appendClosed(DOC, exportUpdate(n), meta());
    expect((await storage.listing(DOC)).pending).toHaveLength(9);
    expect(loads).toBe(0);
  });

  it('addsOnlyTo: an export record only adds to `exports`; an edit, a deletion or another root does not', () => {
    const updates = updatesOf([
      (d) => insertRecord(d, 'exports', 'ex-1', { file: 'a.zip' }),
      (d) => insertRecord(d, 'exports', 'ex-2', { file: 'b.zip' }),
      (d) => (d.getMap('exports').get('ex-1') as Y.Map<unknown>).set('file', 'c.zip'),
      (d) => d.getMap('exports').delete('ex-2'),
      (d) => insertRecord(d, 'alerts', 'al-1', { reason: 'x' }),
      (d) => d.getMap(AUTHORS_MAP).set('1', { userId: 'u', at: '2026-01-01T00:00:00Z' }),
    ]);
    const only = new Set(['exports']);
    expect(updates.map((u) => addsOnlyTo(u, only))).toEqual([true, true, false, false, false, false]);
    expect(addsOnlyTo(new Uint8Array([1, 2, 3]), only)).toBe(false);
  });

  it('viewHolds: a view holds the stored updates it covers, plus later ones that only add export records; a later one without its bytes cannot be shown to', () => {
    const updates = updatesOf([(d) => insertRecord(d, 'alerts', 'al-1', { reason: 'x' }), (d) => insertRecord(d, 'exports', 'ex-1', { file: 'a.zip' })]);
    const view = decodeView(encodeView({ schemaVersion: 1, covers: ['u-1'], history: [], data: {} }), 1)!;
    const omit = CLIENT_VIEW.omitRoots;
    expect(viewHolds(view, [{ key: 'u-1' }], omit)).toBe(true);
    expect(viewHolds(view, [{ key: 'u-1' }, { key: 'u-2', update: updates[1]! }], omit)).toBe(true);
    expect(viewHolds(view, [{ key: 'u-1' }, { key: 'u-2' }], omit)).toBe(false);
    expect(hasUncoveredBytes(view, [{ key: 'u-1' }, { key: 'u-2' }])).toBe(false);
    expect(hasUncoveredBytes(view, [{ key: 'u-1' }, { key: 'u-2', update: updates[1]! }])).toBe(true);
    expect(viewHolds(view, [{ key: 'u-1' }, { key: 'u-2', update: updates[0]! }], omit)).toBe(false);
    expect(viewHolds(view, [{ key: 'u-0' }], omit)).toBe(false);
    expect(viewHolds(view, [], omit)).toBe(false);
  });

  it('is stored as ASCII, every other letter escaped; read back, the same text, emoji and a lone surrogate half included', () => {
    const data = { name: 'Bērziņa Ģertrūde', note: 'smaids \u{1f600}, puse \ud800 pāra', list: ['x\u0080y\uffff'], 'ķēde': 1 };
    const history = [{ path: ['profile'], field: 'familyName', old: 'Ozoliņa', new: 'Bērziņa', kind: 'set' as const, userId: 's-ilze', at: '2026-11-20T10:00:00Z', action: 'client.edit' }];
    const bytes = encodeView({ schemaVersion: 1, covers: ['u-1'], history, data });
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    const back = decodeView(bytes, 1);
    expect(back?.data).toEqual(data);
    expect(back?.history).toEqual(history);
  });

  it('stores data with every object\'s keys in sorted order, equal to what it was given', () => {
    const data = { profile: { z: 1, a: [{ y: 2, b: { d: 1, c: null } }], '10': 'x', '2': 'y' }, list: [{ id: 'v-1', date: '2026-10-06', arrivedAt: 't' }], at: new Date(Date.UTC(2026, 0, 1)) };
    const back = decodeView(encodeView({ schemaVersion: 1, covers: ['u-1'], history: [], data }), 1);
    expect(back?.data).toEqual(JSON.parse(JSON.stringify(data)));
    const d = back!.data as { profile: Record<string, unknown> & { a: { b: object }[] }; list: object[]; at: unknown };
    // Integer-like keys come first in any JavaScript object; the others as sorted.
    expect(Object.keys(d.profile)).toEqual(['2', '10', 'a', 'z']);
    expect(Object.keys(d.profile.a[0]!)).toEqual(['b', 'y']);
    expect(Object.keys(d.profile.a[0]!.b)).toEqual(['c', 'd']);
    expect(Object.keys(d.list[0]!)).toEqual(['arrivedAt', 'date', 'id']);
    expect(d.at).toBe('2026-01-01T00:00:00.000Z');
  });
});
