/** An in-memory DocStorage for tests and throwaway workspaces; same contract as the file store. */
import type { DocId } from '../ids.js';
import type { DocStorage, LoadResult, StoredUpdate, UpdateMeta } from './storage.js';

interface Entry {
  snapshot: { key: string; data: Uint8Array } | null;
  updates: StoredUpdate[];
  archive: StoredUpdate[];
  seq: number;
}

/** Creates an empty in-memory storage. Data is copied in and out so callers cannot alias it. */
export function createMemoryStorage(): DocStorage {
  const docs = new Map<DocId, Entry>();
  const views = new Map<DocId, Uint8Array>();
  const rendered = new Map<DocId, Map<string, Uint8Array>>();
  const entry = (id: DocId): Entry => {
    let e = docs.get(id);
    if (!e) {
      e = { snapshot: null, updates: [], archive: [], seq: 0 };
      docs.set(id, e);
    }
    return e;
  };
  return {
    async list() {
      return [...docs.entries()].filter(([, e]) => e.snapshot || e.updates.length > 0).map(([id]) => id).sort();
    },
    async load(id): Promise<LoadResult> {
      const e = docs.get(id);
      if (!e) return { ok: true, value: { snapshot: null, updates: [] } };
      return {
        ok: true,
        value: {
          snapshot: e.snapshot ? { key: e.snapshot.key, data: e.snapshot.data.slice() } : null,
          updates: e.updates.map((u) => ({ ...u, update: u.update.slice() })),
        },
      };
    },
    async append(id, update, meta: UpdateMeta) {
      const e = entry(id);
      e.seq += 1;
      const key = `u-${String(e.seq).padStart(12, '0')}`;
      e.updates.push({ key, update: update.slice(), meta: { ...meta } });
      return key;
    },
    async listing(id) {
      const e = docs.get(id);
      return { pending: e?.updates.map((u) => u.key) ?? [], snapshotBytes: e?.snapshot?.data.length ?? 0 };
    },
    async compact(id, snapshot, replacedKeys) {
      const e = entry(id);
      e.seq += 1;
      e.snapshot = { key: `s-${String(e.seq).padStart(12, '0')}`, data: snapshot.slice() };
      const replaced = new Set(replacedKeys);
      e.archive.push(...e.updates.filter((u) => replaced.has(u.key)));
      e.updates = e.updates.filter((u) => !replaced.has(u.key));
    },
    async history(id) {
      const e = docs.get(id);
      if (!e) return [];
      return [...e.archive, ...e.updates].map((u) => ({ ...u, update: u.update.slice() }));
    },
    async inventory(id) {
      const e = docs.get(id);
      if (!e) return { ok: true, value: [] };
      return { ok: true, value: [...e.archive.map((u) => ({ key: u.key, size: u.update.length })), ...e.updates.map((u) => ({ key: u.key, size: u.update.length, update: u.update.slice() }))] };
    },
    async readView(id) {
      return views.get(id)?.slice() ?? null;
    },
    async writeView(id, view) {
      views.set(id, view.slice());
    },
    async readRendered(id, key) {
      return rendered.get(id)?.get(key)?.slice() ?? null;
    },
    async writeRendered(id, key, bytes) {
      let m = rendered.get(id);
      if (!m) rendered.set(id, (m = new Map()));
      m.set(key, bytes.slice());
    },
    async keepRendered(id, keep) {
      const m = rendered.get(id);
      for (const key of m?.keys() ?? []) if (!keep.has(key)) m!.delete(key);
    },
    async remove(id) {
      docs.delete(id);
      views.delete(id);
      rendered.delete(id);
    },
  };
}
