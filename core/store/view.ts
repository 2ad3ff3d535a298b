/**
 * A document's view: what reading it needs, kept ready beside its stored updates. Ten years of a
 * client are ~300,000 Yjs items; integrating them takes most of a second and replaying their
 * history longer still. The view holds the document read as plain data and its history of changes,
 * and names the stored updates whose effect it holds (`covers`), so a reader can tell a current view
 * from a stale one without integrating anything.
 *
 * A view is derived: it can always be rebuilt from the updates, so it is written without fsync and a
 * damaged, stale or unreadable one is simply not used. It is kept current by the document repository
 * as edits happen (doc-repo.ts) and rebuilt by a reader that had to replay (cli/efile/source.ts).
 */
import * as Y from 'yjs';
import type { FieldChange } from '../history/collect.js';
import type { StoredUpdate } from './storage.js';

/**
 * Version of the view's layout and of what its readers put in it; a view of another version is not
 * used (and rebuilt). Bump it when a ViewSpec's `read` starts returning something else.
 */
export const VIEW_FORMAT = 1;

export interface DocView {
  readonly format: typeof VIEW_FORMAT;
  /** The document schema version the data was read with. */
  readonly schemaVersion: number;
  /** Keys of the stored updates (append order) whose effect the view holds. */
  readonly covers: readonly string[];
  /** Field changes as replayHistory with `summariseCreated` lists them, without the roots the view omits. */
  readonly history: readonly FieldChange[];
  /** The document read as plain data (what the document kind's reader returns). */
  readonly data: unknown;
}

/** Which documents have a view, how their data is read, and which roots their view leaves out. */
export interface ViewSpec {
  readonly wants: (docId: string) => boolean;
  /** Plain data of the document (must be JSON: it is stored as such). */
  readonly read: (doc: Y.Doc) => unknown;
  /** Roots left out of the view's history and data (access records): updates adding only to them keep a view current. */
  readonly omitRoots: ReadonlySet<string>;
  /**
   * The document's root maps. A tracked document has them made Y.Maps first: a root loaded from
   * storage stays an untyped Yjs type until read, and a peer's change to it would not be listable.
   */
  readonly roots: readonly string[];
  readonly schemaVersion: number;
}

/**
 * The stored form of a history: runs of changes by the same author, time and action (one per
 * update, mostly), each change with short keys. Three times smaller than the changes as they are,
 * so a view of ten years reads in a third of the time.
 */
interface StoredRun {
  readonly u: string;
  readonly a: string;
  readonly x: string;
  readonly c: readonly { readonly p: readonly string[]; readonly f: string; readonly k: FieldChange['kind']; readonly o?: unknown; readonly n?: unknown }[];
}

function packHistory(history: readonly FieldChange[]): StoredRun[] {
  const runs: { u: string; a: string; x: string; c: StoredRun['c'][number][] }[] = [];
  let run: (typeof runs)[number] | undefined;
  for (const h of history) {
    if (!run || run.u !== h.userId || run.a !== h.at || run.x !== h.action) runs.push((run = { u: h.userId, a: h.at, x: h.action, c: [] }));
    run.c.push({ p: h.path, f: h.field, k: h.kind, o: h.old, n: h.new });
  }
  return runs;
}

function unpackHistory(runs: readonly StoredRun[]): FieldChange[] | null {
  const out: FieldChange[] = [];
  for (const r of runs) {
    if (typeof r !== 'object' || r === null || !Array.isArray(r.c)) return null;
    for (const c of r.c) out.push({ path: c.p, field: c.f, old: c.o, new: c.n, kind: c.k, userId: r.u, at: r.a, action: r.x });
  }
  return out;
}

/**
 * The view as stored bytes (JSON in ASCII). Its data's objects are stored with their keys in sorted
 * order (as the e-file's JSON writes them): read back, a record is written out as it is, without a
 * sorted copy of it (core/efile/format.ts).
 */
export function encodeView(view: Omit<DocView, 'format'>): Uint8Array {
  const { history, data, ...rest } = view;
  const json = JSON.stringify({ ...rest, data: keySorted(data), history: packHistory(history), format: VIEW_FORMAT });
  // ASCII only (\u escapes): read back, the text is a one-byte string, half the size of one with
  // Latvian letters in it (ten years: 7 MB instead of 14 of garbage once parsed) and decoded faster.
  return new TextEncoder().encode(json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** JSON data with every object's keys inserted in sorted order (code units). */
function keySorted(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(keySorted);
  // An object with a toJSON (a Date) is stored as JSON.stringify writes it.
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    // __proto__ as an own key survives only by defineProperty (JSON.parse makes it own again).
    if (k === '__proto__') Object.defineProperty(out, k, { value: keySorted((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
    else out[k] = keySorted((v as Record<string, unknown>)[k]);
  }
  return out;
}

/** A stored view read back; null when it is not one of this format and schema version. */
export function decodeView(bytes: Uint8Array, schemaVersion: number): DocView | null {
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (o.format !== VIEW_FORMAT || o.schemaVersion !== schemaVersion || !Array.isArray(o.covers) || !Array.isArray(o.history) || !('data' in o)) return null;
  if (!o.covers.every((k) => typeof k === 'string')) return null;
  const history = unpackHistory(o.history as StoredRun[]);
  return history && ({ ...o, history } as unknown as DocView);
}

/** Field changes without those under omitted roots. */
export function withoutRoots(changes: readonly FieldChange[], omit: ReadonlySet<string>): FieldChange[] {
  return omit.size === 0 ? [...changes] : changes.filter((c) => !omit.has(c.path[0] ?? ''));
}

/**
 * Whether an update only adds new entries under the given roots (maps nested in them included) and
 * deletes nothing: an export record written to a closed document is such an update.
 */
export function addsOnlyTo(update: Uint8Array, roots: ReadonlySet<string>): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return false;
  }
  if (decoded.ds.clients.size > 0) return false;
  const own = new Map<number, { from: number; to: number }>();
  for (const s of decoded.structs) {
    const r = own.get(s.id.client);
    if (r) r.to = Math.max(r.to, s.id.clock + s.length);
    else own.set(s.id.client, { from: s.id.clock, to: s.id.clock + s.length });
  }
  const inThisUpdate = (id: Y.ID) => {
    const r = own.get(id.client);
    return r !== undefined && id.clock >= r.from && id.clock < r.to;
  };
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) return false;
    const p = s.parent;
    // A parent left out (null) is taken from a neighbour: an entry next to an existing one.
    if (typeof p === 'string' ? !roots.has(p) : !(p instanceof Y.ID && inThisUpdate(p))) return false;
  }
  return true;
}

/** A view of `spec`'s kind: covering `stored`, with `history` less the omitted roots. */
export function makeView(spec: ViewSpec, stored: readonly StoredUpdate[], history: readonly FieldChange[], data: unknown): DocView {
  return { format: VIEW_FORMAT, schemaVersion: spec.schemaVersion, covers: stored.map((u) => u.key), history: withoutRoots(history, spec.omitRoots), data };
}

/** A stored update as a view check needs it: its key, and its bytes where the view may not cover it. */
export type StoredKey = Pick<StoredUpdate, 'key'> & { readonly update?: Uint8Array };

/** A stored view (its bytes) when it holds the state of `stored`; null when missing, damaged, of another version or stale. */
export function usableView(bytes: Uint8Array | null, stored: readonly StoredKey[], spec: ViewSpec): DocView | null {
  const view = bytes && decodeView(bytes, spec.schemaVersion);
  return view && viewHolds(view, stored, spec.omitRoots) ? view : null;
}

/**
 * Whether `view` holds the state of the stored updates `stored` (all of them, append order): it
 * covers exactly their first keys, and any later ones only add to omitted roots. A later one whose
 * bytes are not given cannot be shown to: the answer is then no.
 */
export function viewHolds(view: DocView, stored: readonly StoredKey[], omitRoots: ReadonlySet<string>): boolean {
  if (view.covers.length > stored.length) return false;
  for (let i = 0; i < view.covers.length; i++) if (view.covers[i] !== stored[i]!.key) return false;
  for (let i = view.covers.length; i < stored.length; i++) {
    const update = stored[i]!.update;
    if (!update || !addsOnlyTo(update, omitRoots)) return false;
  }
  return true;
}

/** Whether `stored` has the bytes of every update `view` does not cover (what viewHolds needs to answer). */
export function hasUncoveredBytes(view: DocView, stored: readonly StoredKey[]): boolean {
  for (let i = view.covers.length; i < stored.length; i++) if (!stored[i]!.update) return false;
  return true;
}
