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
   * concurrent: written without having seen the value it replaced (a concurrent edit that won);
   * create: a new record (only with `summariseCreated`).
   */
  readonly kind: 'set' | 'delete' | 'overridden' | 'concurrent' | 'create';
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

export interface ReplayOptions {
  /**
   * A new map (record) becomes one `create` change instead of one `set` per field; later writes to
   * its fields are still listed with old and new values, so the values it was created with remain
   * recoverable. Long histories shrink by the number of fields per record.
   */
  readonly summariseCreated?: boolean;
  /**
   * The root names of the document (e.g. `doc.share.keys()` of the opened document): root maps are
   * made up front instead of decoding every update to find them. A root missing from this list is
   * noticed and the replay redone the slow way, so a wrong list costs time, never history.
   */
  readonly roots?: Iterable<string>;
  /** Called with the replayed document (the state after the last update) before it is discarded. */
  readonly final?: (doc: Y.Doc) => void;
}

/** Replays updates (in append order) and returns the field changes each one made. */
export function replayHistory(updates: readonly StoredUpdate[], options: ReplayOptions = {}): FieldChange[] {
  if (options.roots) {
    const fast = replay(updates, options.summariseCreated ?? false, [...options.roots], options.final);
    if (fast) return fast;
  }
  return replay(updates, options.summariseCreated ?? false, null, options.final) ?? [];
}

/** One replay; with `roots` given, null when an update wrote to a root not among them. */
function replay(updates: readonly StoredUpdate[], summarise: boolean, roots: readonly string[] | null, final: ((doc: Y.Doc) => void) | undefined): FieldChange[] | null {
  // gc off: the content of a write that lost a conflict must stay readable to be listed.
  const doc = new Y.Doc({ gc: false });
  if (roots) for (const r of roots) doc.getMap(r);
  // Made up front: attribution reads them while updates land, which must not count as a new root.
  for (const name of AUTHOR_MAPS) doc.getMap(name);
  const authors = new AuthorIndex(doc);
  const out: FieldChange[] = [];
  for (const u of updates) {
    const fallback: Base = { userId: u.meta.userId, at: u.meta.at, action: u.meta.action };
    // A change made here is known exactly from its stored meta; one that came by sync, from the registry.
    const local = u.meta.action !== 'sync' && u.meta.userId !== 'remote' && u.meta.userId !== 'unknown';
    // Decoding costs: only to find root names (no `roots`) or the deleter of a synced update.
    const structs = !roots || !local ? Y.decodeUpdate(u.update).structs : null;
    // A delete names no author: the update's only writer when there is one.
    const deleter = structs && new Set(structs.map((st) => st.id.client)).size === 1 ? structs[0]!.id : null;
    // Read after the update is applied: a session registers in its first edit's own update.
    const by = (id: Y.ID | null | undefined): Base => {
      if (local || !id) return fallback;
      const a = authors.authorOf(id);
      return a ? { ...fallback, userId: a.userId, at: a.at } : fallback;
    };
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
          else if (now instanceof Y.Map && old === undefined) {
            if (summarise) events.push({ ...by(current?.id), path, field: key, old: undefined, new: undefined, kind: 'create' });
            else expandAdded([...path, key], now, by(current?.id), events);
          } else events.push({ ...by(current?.id), path, field: key, old, new: plain(now), kind: concurrent ? 'concurrent' : 'set' });
        }
      }
    };
    // Root maps must exist as Y.Map before the update lands, or their first changes raise no event.
    if (!roots) for (const st of structs!) if (st instanceof Y.Item && typeof st.parent === 'string') doc.getMap(st.parent);
    const rootCount = doc.share.size;
    // Map entries this update wrote that ended up deleted within it (a lost conflict, or overwritten).
    const lost: Y.Item[] = [];
    const onLost = (tr: Y.Transaction) => {
      for (const [client, ranges] of tr.deleteSet.clients) {
        const before = tr.beforeState.get(client) ?? 0;
        for (const r of ranges) {
          for (let clock = Math.max(r.clock, before); clock < r.clock + r.len; ) {
            const item = Y.getItem(doc.store, Y.createID(client, clock));
            if (item instanceof Y.Item) lost.push(item);
            clock = item.id.clock + item.length;
          }
        }
      }
    };
    doc.on('afterTransaction', onAfter);
    doc.on('afterTransaction', onLost);
    Y.applyUpdate(doc, u.update);
    doc.off('afterTransaction', onAfter);
    doc.off('afterTransaction', onLost);
    if (roots && doc.share.size !== rootCount) {
      doc.destroy();
      return null;
    }
    out.push(...events);
    // Writes in this update that did not win: a concurrent edit of the same field elsewhere.
    for (const item of lost) {
      if (!item.deleted || item.parentSub === null) continue;
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
  final?.(doc);
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
