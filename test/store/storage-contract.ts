/** The contract every DocStorage adapter must meet; run against each adapter (file, memory). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocId } from '../../core/ids.js';
import type { DocStorage } from '../../core/store/storage.js';

const meta = (n: number) => ({ userId: `u${n}`, at: `2026-11-22T10:00:0${n % 10}Z`, action: 'test' });

function updateSetting(key: string, value: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

function replay(loaded: { snapshot: { data: Uint8Array } | null; updates: readonly { update: Uint8Array }[] }): Record<string, unknown> {
  const doc = new Y.Doc();
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot.data);
  for (const u of loaded.updates) Y.applyUpdate(doc, u.update);
  return doc.getMap('m').toJSON();
}

/** Runs the contract against a fresh storage from `make` for every test. */
export function runStorageContract(name: string, make: () => Promise<DocStorage>): void {
  describe(`DocStorage contract: ${name}`, () => {
    const A = 'client/c-a' as DocId;
    const B = 'org' as DocId;

    it('loads nothing for an unknown document and lists nothing', async () => {
      const s = await make();
      expect(await s.list()).toEqual([]);
      const loaded = await s.load(A);
      expect(loaded.ok && loaded.value).toEqual({ snapshot: null, updates: [] });
    });

    it('returns appended updates in order with their meta', async () => {
      const s = await make();
      const k1 = await s.append(A, updateSetting('x', '1'), meta(1));
      const k2 = await s.append(A, updateSetting('y', '2'), meta(2));
      expect(k1 < k2).toBe(true);
      const loaded = await s.load(A);
      if (!loaded.ok) throw new Error('load failed');
      expect(loaded.value.updates.map((u) => u.key)).toEqual([k1, k2]);
      expect(loaded.value.updates.map((u) => u.meta.userId)).toEqual(['u1', 'u2']);
      expect(replay(loaded.value)).toEqual({ x: '1', y: '2' });
    });

    it('keeps documents apart and lists them sorted', async () => {
      const s = await make();
      await s.append(B, updateSetting('org', 'o'), meta(1));
      await s.append(A, updateSetting('cl', 'c'), meta(2));
      expect(await s.list()).toEqual([A, B]);
      const a = await s.load(A);
      expect(a.ok && replay(a.value)).toEqual({ cl: 'c' });
    });

    it('compaction replaces the given updates by the snapshot and keeps later ones', async () => {
      const s = await make();
      const doc = new Y.Doc();
      const keys: string[] = [];
      for (let i = 0; i < 5; i++) {
        const sv = Y.encodeStateVector(doc);
        doc.getMap('m').set(`k${i}`, i);
        keys.push(await s.append(A, Y.encodeStateAsUpdate(doc, sv), meta(i)));
      }
      await s.compact(A, Y.encodeStateAsUpdate(doc), keys.slice(0, 5));
      const later = await s.append(A, updateSetting('late', 'yes'), meta(9));
      const loaded = await s.load(A);
      if (!loaded.ok) throw new Error('load failed');
      expect(loaded.value.snapshot).not.toBeNull();
      expect(loaded.value.updates.map((u) => u.key)).toEqual([later]);
      const listed = await s.listing(A);
      expect(listed.pending).toEqual([later]);
      // The snapshot's payload, and at most a frame header more.
      expect(listed.snapshotBytes).toBeGreaterThanOrEqual(loaded.value.snapshot!.data.length);
      expect(listed.snapshotBytes).toBeLessThan(loaded.value.snapshot!.data.length + 1024);
      expect(await s.listing(B)).toEqual({ pending: [], snapshotBytes: 0 });
      expect(replay(loaded.value)).toEqual({ k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, late: 'yes' });
    });

    it('history keeps every update, archived or pending, in order, once', async () => {
      const s = await make();
      const k1 = await s.append(A, updateSetting('a', '1'), meta(1));
      const k2 = await s.append(A, updateSetting('b', '2'), meta(2));
      await s.compact(A, updateSetting('a', '1'), [k1, k2]);
      const k3 = await s.append(A, updateSetting('c', '3'), meta(3));
      const h = await s.history(A);
      expect(h.map((u) => u.key)).toEqual([k1, k2, k3]);
      expect(h.map((u) => u.meta.userId)).toEqual(['u1', 'u2', 'u3']);
    });

    it('inventory lists what history lists, in order, once: keys and sizes, the bytes of pending updates only', async () => {
      const s = await make();
      expect(await s.inventory(A)).toEqual({ ok: true, value: [] });
      const u1 = updateSetting('a', '1');
      const u3 = updateSetting('c', '3');
      const k1 = await s.append(A, u1, meta(1));
      const k2 = await s.append(A, updateSetting('b', '2'), meta(2));
      await s.compact(A, updateSetting('a', '1'), [k1, k2]);
      const k3 = await s.append(A, u3, meta(3));
      const inv = await s.inventory(A);
      if (!inv.ok) throw new Error('inventory failed');
      const h = await s.history(A);
      expect(inv.value.map((e) => e.key)).toEqual(h.map((u) => u.key));
      expect(inv.value.map((e) => e.key)).toEqual([k1, k2, k3]);
      expect(inv.value.map((e) => e.size)).toEqual(h.map((u) => u.update.length));
      expect(inv.value.map((e) => e.update !== undefined)).toEqual([false, false, true]);
      expect([...inv.value[2]!.update!]).toEqual([...u3]);
      // Its bytes are a copy: changing them changes nothing stored.
      inv.value[2]!.update!.fill(0);
      const again = await s.inventory(A);
      expect(again.ok && [...again.value[2]!.update!]).toEqual([...u3]);
    });

    it('a second compaction supersedes the first snapshot', async () => {
      const s = await make();
      const k1 = await s.append(A, updateSetting('a', '1'), meta(1));
      await s.compact(A, updateSetting('a', '1'), [k1]);
      const k2 = await s.append(A, updateSetting('b', '2'), meta(2));
      const merged = new Y.Doc();
      merged.getMap('m').set('a', '1');
      merged.getMap('m').set('b', '2');
      await s.compact(A, Y.encodeStateAsUpdate(merged), [k2]);
      const loaded = await s.load(A);
      if (!loaded.ok) throw new Error('load failed');
      expect(loaded.value.updates).toEqual([]);
      expect(replay(loaded.value)).toEqual({ a: '1', b: '2' });
    });

    it('does not alias stored bytes', async () => {
      const s = await make();
      const u = updateSetting('x', '1');
      await s.append(A, u, meta(1));
      u.fill(0);
      const loaded = await s.load(A);
      expect(loaded.ok && replay(loaded.value)).toEqual({ x: '1' });
    });

    it('remove deletes a document', async () => {
      const s = await make();
      await s.append(A, updateSetting('x', '1'), meta(1));
      await s.remove(A);
      expect(await s.list()).toEqual([]);
    });

    it('keeps a view per document: none at first, the last one written, compaction keeps it, remove drops it; a view alone lists no document', async () => {
      const s = await make();
      expect(await s.readView(A)).toBeNull();
      await s.writeView(B, new Uint8Array([9]));
      expect(await s.list()).toEqual([]);
      const k = await s.append(A, updateSetting('x', '1'), meta(1));
      await s.writeView(A, new Uint8Array([1, 2, 3]));
      await s.writeView(A, new Uint8Array([4, 5]));
      expect([...((await s.readView(A)) ?? [])]).toEqual([4, 5]);
      expect([...((await s.readView(B)) ?? [])]).toEqual([9]);
      await s.compact(A, updateSetting('x', '1'), [k]);
      expect([...((await s.readView(A)) ?? [])]).toEqual([4, 5]);
      await s.remove(A);
      expect(await s.readView(A)).toBeNull();
    });

    it('keeps rendered documents per document and key: the last written, pruned to the kept keys, compaction keeps them, remove drops them', async () => {
      const s = await make();
      const k1 = 'a'.repeat(64);
      const k2 = 'b'.repeat(64);
      expect(await s.readRendered(A, k1)).toBeNull();
      const k = await s.append(A, updateSetting('x', '1'), meta(1));
      await s.writeRendered(A, k1, new Uint8Array([1]));
      await s.writeRendered(A, k1, new Uint8Array([1, 2]));
      await s.writeRendered(A, k2, new Uint8Array([3]));
      await s.writeRendered(B, k1, new Uint8Array([9]));
      expect([...((await s.readRendered(A, k1)) ?? [])]).toEqual([1, 2]);
      await s.compact(A, updateSetting('x', '1'), [k]);
      await s.keepRendered(A, new Set([k2]));
      expect(await s.readRendered(A, k1)).toBeNull();
      expect([...((await s.readRendered(A, k2)) ?? [])]).toEqual([3]);
      expect([...((await s.readRendered(B, k1)) ?? [])]).toEqual([9]);
      expect(await s.list()).toEqual([A]);
      await s.remove(A);
      expect(await s.readRendered(A, k2)).toBeNull();
    });
  });
}
