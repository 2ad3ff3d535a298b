/**
 * "Who changed what": replays a document's stored updates in order and lists every field change
 * with the old and new value, who and when (collect.ts). A concurrent write that lost to another
 * one (same field, edited offline on two devices) is listed too, as `overridden`, so no edit is
 * silently gone.
 */
import * as Y from 'yjs';
import type { StoredUpdate } from '../store/storage.js';
import type { ChangeSource, FieldChange } from './collect.js';
import { ChangeCollector, isLocalMeta } from './collect.js';

export type { FieldChange } from './collect.js';

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
  let source: ChangeSource | null = null;
  const collector = new ChangeCollector(doc, { summariseCreated: summarise, sourceOf: () => source });
  const out: FieldChange[] = [];
  for (const u of updates) {
    // Decoding costs: only to find root names (no `roots`) or the deleter of a synced update.
    const structs = !roots || !isLocalMeta(u.meta) ? Y.decodeUpdate(u.update).structs : null;
    // A delete names no author: the update's only writer when there is one.
    const deleter = structs && new Set(structs.map((st) => st.id.client)).size === 1 ? structs[0]!.id : null;
    // Root maps must exist as Y.Map before the update lands, or their first changes raise no event.
    if (!roots) for (const st of structs!) if (st instanceof Y.Item && typeof st.parent === 'string') doc.getMap(st.parent);
    const rootCount = doc.share.size;
    source = { meta: u.meta, deleter };
    Y.applyUpdate(doc, u.update);
    source = null;
    if (roots && doc.share.size !== rootCount) {
      doc.destroy();
      return null;
    }
    for (const c of collector.take()) out.push(c);
  }
  final?.(doc);
  collector.stop();
  doc.destroy();
  return out;
}
