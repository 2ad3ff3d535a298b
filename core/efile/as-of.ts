/**
 * When a document of the e-file last changed, from the client's history: the latest change to any
 * record it shows. It dates the document's PDF instead of the export time, so a work sheet of 2019
 * keeps its bytes from one export to the next and need not be drawn again (cli/efile/pdf-cache.ts).
 */
import type { FieldChange } from '../history/collect.js';

/** A record a document shows: `['visitRecords', 'v-1']`; or a whole root map, `['profile']`. */
export type RecordRef = readonly [root: string, id?: string];

/** Latest change time per root map, and per record of it. */
export interface LastChanges {
  readonly roots: ReadonlyMap<string, { readonly at: string; readonly records: ReadonlyMap<string, string> }>;
}

/**
 * Indexes the history by record and by root map (`path[0]`): a change inside a record's sub-map (an
 * assessment's answers) counts for the record, and every change for its root. One pass, no key
 * strings built (a 10-year client has ~260,000 changes).
 */
export function lastChanges(history: readonly FieldChange[]): LastChanges {
  const roots = new Map<string, { at: string; records: Map<string, string> }>();
  for (const h of history) {
    const root = h.path[0];
    if (root === undefined) continue;
    let r = roots.get(root);
    if (!r) roots.set(root, (r = { at: h.at, records: new Map() }));
    else if (h.at > r.at) r.at = h.at;
    // A change in a record (`['visitRecords', 'v-1']`, field `note`), or in its collection's map: the
    // record itself made or removed (`['visitRecords']`, field `v-1`).
    const id = h.path[1] ?? h.field;
    const seen = r.records.get(id);
    if (seen === undefined || h.at > seen) r.records.set(id, h.at);
  }
  return { roots };
}

/** The latest change of one record (or of a whole root map, without `id`); null when none is recorded. */
export function changedAt(changes: LastChanges, root: string, id?: string): string | null {
  const r = changes.roots.get(root);
  return (id === undefined ? r?.at : r?.records.get(id)) ?? null;
}

/** The later of two times, either of which may be missing. */
export function later(a: string | null, b: string | null): string | null {
  return a === null || (b !== null && b > a) ? b : a;
}

/** The latest change of any of `refs`; null when none has a recorded change (then the document is dated by its export). */
export function asOf(changes: LastChanges, refs: Iterable<RecordRef>): string | null {
  let latest: string | null = null;
  for (const [root, id] of refs) latest = later(latest, changedAt(changes, root, id));
  return latest;
}
