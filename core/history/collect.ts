/**
 * The field changes one transaction made to a document: which map fields it set, deleted or
 * created, with old and new values, and which of its own writes lost to a concurrent one. Shared by
 * the replay of stored updates (replay.ts) and by the document repository, which collects them as
 * edits happen so that an export needs no replay of years of updates (core/store/view.ts).
 * Who and when: an update made on this device is known exactly from its stored meta; one that came
 * by sync is attributed per struct from the document's author registry (core/doc/authors.ts).
 */
import * as Y from 'yjs';
import { AUTHOR_MAPS, AUTHOR_TIMES_MAP, AuthorIndex } from '../doc/authors.js';
import type { UpdateMeta } from '../store/storage.js';
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

type Base = Omit<FieldChange, 'path' | 'field' | 'old' | 'new' | 'kind'>;

/** Who made one transaction, as far as its stored meta tells. */
export interface ChangeSource {
  readonly meta: UpdateMeta;
  /** The author of its deletions (a delete names none): the update's only writer, when there is one. */
  readonly deleter: Y.ID | null;
}

/** Whether a stored meta names the exact author (a change made on this device), not a sync peer. */
export function isLocalMeta(meta: UpdateMeta): boolean {
  return meta.action !== 'sync' && meta.userId !== 'remote' && meta.userId !== 'unknown';
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

/** The item holding a map key's value before the transaction (null when the key was absent). */
function priorItem(type: Y.Map<unknown>, key: string, tr: Y.Transaction): Y.Item | null {
  for (let item: Y.Item | null = type._map.get(key) ?? null; item; item = item.left) {
    if (item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)) continue; // added by this transaction
    // The newest older item decides: deleted before this transaction means the key was absent.
    return item.deleted && !Y.isDeleted(tr.deleteSet, item.id) ? null : item;
  }
  return null;
}

/** The only client that added structs in a transaction, as the ID of its first one; null for none or several. */
export function soleWriter(tr: Y.Transaction): Y.ID | null {
  let id: Y.ID | null = null;
  for (const [client, clock] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (clock <= before) continue;
    if (id) return null;
    id = Y.createID(client, before);
  }
  return id;
}

/**
 * Collects the changes of every transaction on `doc` (from when it is made until `stop`), asking
 * `sourceOf` who made each; `take` hands over what was collected so far. `unknownRoot` turns true
 * when a transaction wrote to a root that is not a Y.Map here (its changes cannot be listed).
 */
export class ChangeCollector {
  private readonly authors: AuthorIndex;
  private collected: FieldChange[] = [];
  unknownRoot = false;
  private readonly onAfter: (tr: Y.Transaction) => void;

  constructor(
    private readonly doc: Y.Doc,
    private readonly options: { readonly summariseCreated: boolean; readonly sourceOf: (tr: Y.Transaction) => ChangeSource | null },
  ) {
    // Made up front: attribution reads them while updates land, which must not count as a new root.
    for (const name of AUTHOR_MAPS) doc.getMap(name);
    this.authors = new AuthorIndex(doc);
    this.onAfter = (tr) => this.collect(tr);
    doc.on('afterTransaction', this.onAfter);
  }

  /** The changes collected since the last `take`, in order. */
  take(): FieldChange[] {
    const out = this.collected;
    this.collected = [];
    return out;
  }

  stop(): void {
    this.doc.off('afterTransaction', this.onAfter);
  }

  private collect(tr: Y.Transaction): void {
    const source = this.options.sourceOf(tr);
    if (!source) return;
    const { doc, authors } = this;
    const fallback: Base = { userId: source.meta.userId, at: source.meta.at, action: source.meta.action };
    const local = isLocalMeta(source.meta);
    // Read after the update is applied: a session registers in its first edit's own update.
    const by = (id: Y.ID | null | undefined): Base => {
      if (local || !id) return fallback;
      const a = authors.authorOf(id);
      return a ? { ...fallback, userId: a.userId, at: a.at } : fallback;
    };
    const out = this.collected;
    // Time marks first: the changes below are attributed with them.
    const times = doc.getMap(AUTHOR_TIMES_MAP);
    for (const [type, keys] of tr.changed) if ((type as unknown) === times) for (const key of keys) if (key !== null) authors.addMark(key);
    for (const [type, keys] of tr.changed) {
      if (!(type instanceof Y.Map)) {
        if (type._item === null && [...keys].some((k) => k !== null)) this.unknownRoot = true;
        continue;
      }
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
        if (!type.has(key)) out.push({ ...by(source.deleter), path, field: key, old, new: undefined, kind: 'delete' });
        else if (now instanceof Y.Map && old === undefined) {
          if (this.options.summariseCreated) out.push({ ...by(current?.id), path, field: key, old: undefined, new: undefined, kind: 'create' });
          else expandAdded([...path, key], now, by(current?.id), out);
        } else out.push({ ...by(current?.id), path, field: key, old, new: plain(now), kind: concurrent ? 'concurrent' : 'set' });
      }
    }
    // Writes in this update that did not win: a concurrent edit of the same field elsewhere. Map
    // entries it wrote that ended up deleted within it (a lost conflict, or overwritten).
    for (const [client, ranges] of tr.deleteSet.clients) {
      const before = tr.beforeState.get(client) ?? 0;
      for (const r of ranges) {
        for (let clock = Math.max(r.clock, before); clock < r.clock + r.len; ) {
          const item = Y.getItem(doc.store, Y.createID(client, clock));
          clock = item.id.clock + item.length;
          if (!(item instanceof Y.Item) || !item.deleted || item.parentSub === null) continue;
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
    }
  }
}
