/**
 * "Who changed what": replays a document's stored updates in order and lists every field change
 * with the old and new value, who and when. A concurrent write that lost to another one (same
 * field, edited offline on two devices) is listed too, as `overridden`, so no edit is silently gone.
 * Who and when: an update made on this device carries its exact author and time in its stored
 * meta; an update that came by sync is attributed per struct from the document's own author
 * registry (core/doc/authors.ts), falling back to the stored meta for unregistered (older) data.
 */
import * as Y from 'yjs';
import type { StoredUpdate } from '../store/storage.js';
import { AUTHOR_MAPS, AUTHOR_TIMES_MAP, AuthorIndex } from '../doc/authors.js';
import { isConcurrentLoser } from './keep-conflicts.js';

export interface FieldChange {
  /** Where the changed map sits: `['alerts', 'al-1']`, `['profile']`, `['assessments', 'as-1', 'answers']`. */
  readonly path: readonly string[];
  readonly field: string;
  readonly old: unknown;
  readonly new: unknown;
  /**
   * set: the value changed; delete: removed; overridden: written, but a concurrent write won;
   * concurrent: written without having seen the value it replaced (a concurrent edit that won).
   */
  readonly kind: 'set' | 'delete' | 'overridden' | 'concurrent';
  readonly userId: string;
  readonly at: string;
  readonly action: string;
}

function plain(v: unknown): unknown {
  return v instanceof Y.AbstractType ? (v.toJSON() as unknown) : v;
}

/** The path of a shared type from the document root: top-level name, then map keys. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their content
function pathOf(type: Y.AbstractType<any>): string[] {
  const path: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let t: Y.AbstractType<any> | null = type;
  while (t && t._item) {
    path.unshift(t._item.parentSub ?? '?');
    t = t._item.parent as Y.AbstractType<unknown> | null;
  }
  if (t) path.unshift(Y.findRootTypeKey(t));
  return path;
}

/** Flattens a newly added map into one `set` per field (nested maps as deeper paths). */
function expandAdded(path: string[], value: Y.Map<unknown>, base: Base, out: FieldChange[]): void {
  for (const key of [...value.keys()].sort()) {
    const v = value.get(key);
    if (v instanceof Y.Map) expandAdded([...path, key], v, base, out);
    else out.push({ ...base, path, field: key, old: undefined, new: plain(v), kind: 'set' });
  }
}

type Base = Omit<FieldChange, 'path' | 'field' | 'old' | 'new' | 'kind'>;

/** Replays updates (in append order) and returns the field changes each one made. */
export function replayHistory(updates: readonly StoredUpdate[]): FieldChange[] {
  // gc off: the content of a write that lost a conflict must stay readable to be listed.
  const doc = new Y.Doc({ gc: false });
  const authors = new AuthorIndex(doc);
  const out: FieldChange[] = [];
  for (const u of updates) {
    const fallback: Base = { userId: u.meta.userId, at: u.meta.at, action: u.meta.action };
    // A change made here is known exactly from its stored meta; one that came by sync, from the registry.
    const local = u.meta.action !== 'sync' && u.meta.userId !== 'remote' && u.meta.userId !== 'unknown';
    // Read after the update is applied: a session registers in its first edit's own update.
    const by = (id: Y.ID | null | undefined): Base => {
      if (local || !id) return fallback;
      const a = authors.authorOf(id);
      return a ? { ...fallback, userId: a.userId, at: a.at } : fallback;
    };
    const structs = Y.decodeUpdate(u.update).structs;
    const clients = new Set(structs.map((st) => st.id.client));
    // A delete names no author: the update's only writer when there is one.
    const deleter = clients.size === 1 ? structs[0]!.id : null;
    const events: FieldChange[] = [];
    const onAfter = (tr: Y.Transaction) => {
      // Time marks first: the changes below are attributed with them.
      const times = doc.getMap(AUTHOR_TIMES_MAP);
      for (const [type, keys] of tr.changed) if ((type as unknown) === times) for (const key of keys) if (key !== null) authors.addMark(key);
      for (const [type, keys] of tr.changed) {
        if (!(type instanceof Y.Map)) continue;
        const path = pathOf(type);
        if (AUTHOR_MAPS.has(path[0] ?? '')) continue;
        for (const key of keys) {
          if (key === null) continue;
          const current = type._map.get(key);
          const prior = priorItem(type, key, tr);
          // Only this update's own write lost (it sits left of the live value): listed as overridden below.
          if (current && current === prior && type.has(key)) continue;
          const now = type.get(key);
          const old = prior ? plain(prior.content.getContent()[0]) : undefined;
          // A write made on top of another value than the one it replaced was concurrent with it.
          const concurrent = prior !== null && current?.origin != null && !Y.compareIDs(current.origin, prior.lastId);
          if (!type.has(key)) events.push({ ...by(deleter), path, field: key, old, new: undefined, kind: 'delete' });
          else if (now instanceof Y.Map && old === undefined) expandAdded([...path, key], now, by(current?.id), events);
          else events.push({ ...by(current?.id), path, field: key, old, new: plain(now), kind: concurrent ? 'concurrent' : 'set' });
        }
      }
    };
    // Root maps must exist as Y.Map before the update lands, or their first changes raise no event.
    for (const st of structs) if (st instanceof Y.Item && typeof st.parent === 'string') doc.getMap(st.parent);
    const had = Y.decodeStateVector(Y.encodeStateVector(doc));
    doc.on('afterTransaction', onAfter);
    Y.applyUpdate(doc, u.update);
    doc.off('afterTransaction', onAfter);
    out.push(...events);
    // Writes in this update that did not win: a concurrent edit of the same field elsewhere.
    for (const s of structs) {
      if (!(s instanceof Y.Item) || s.id.clock < (had.get(s.id.client) ?? 0)) continue; // seen in an earlier update
      const item = Y.getItem(doc.store, s.id);
      if (!(item instanceof Y.Item) || item.parentSub === null || !item.deleted) continue;
      const parent = item.parent as Y.AbstractType<unknown>;
      const path = pathOf(parent);
      if (AUTHOR_MAPS.has(path[0] ?? '')) continue;
      // Replaced by a write that had seen it (e.g. within the same update): not a conflict.
      if (!isConcurrentLoser(item)) continue;
      const [written] = item.content.getContent() as unknown[];
      const winner = parent instanceof Y.Map ? parent.get(item.parentSub) : undefined;
      if (winner === undefined) continue;
      out.push({ ...by(item.id), path, field: item.parentSub, old: plain(winner), new: plain(written), kind: 'overridden' });
    }
  }
  doc.destroy();
  return out;
}

/** The item holding a map key's value before the transaction (null when the key was absent). */
function priorItem(type: Y.Map<unknown>, key: string, tr: Y.Transaction): Y.Item | null {
  for (let item: Y.Item | null = type._map.get(key) ?? null; item; item = item.left) {
    if (item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)) continue; // added by this transaction
    // The newest older item decides: deleted before this transaction means the key was absent.
    return item.deleted && !Y.isDeleted(tr.deleteSet, item.id) ? null : item;
  }
  return null;
}
