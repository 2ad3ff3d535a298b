/**
 * The document repository: opens Yjs documents from a DocStorage, persists every change as it
 * happens, and compacts logs. Each open creates a fresh `Y.Doc`, so a clientID is never persisted
 * or reused (two replicas sharing one would silently diverge).
 */
import * as Y from 'yjs';
import type { DocId } from '../ids.js';
import { LocalOrigin } from '../doc/origin.js';
import { trackAuthors } from '../doc/authors.js';
import { keepConflicts } from '../history/keep-conflicts.js';
import { migrate } from '../doc/migrations.js';
import type { FieldChange } from '../history/collect.js';
import { ChangeCollector, soleWriter } from '../history/collect.js';
import { replayHistory } from '../history/replay.js';
import type { DamagedError, DocStorage, StoredUpdate, UpdateMeta } from './storage.js';
import type { DocView, ViewSpec } from './view.js';
import { encodeView, makeView, usableView, withoutRoots } from './view.js';

/**
 * The largest snapshot appendClosed merges pending updates into: merging decodes every item in it
 * (1 MiB: ~30 ms; ten years of a client, 8 MB: ~250 ms and some 50 MB, too much for an export).
 */
export const FOLD_MAX_SNAPSHOT = 1 << 20;

/** Origin of updates applied while loading from storage: they are already stored. */
export const LOAD_ORIGIN = Symbol('apsis.load');

/** Origin of updates that came from a sync peer; stored with the peer's user when known. */
export class RemoteOrigin {
  constructor(readonly userId: string = 'remote') {}
}

export type OpenResult =
  | { readonly ok: true; readonly doc: Y.Doc }
  | { readonly ok: false; readonly error: DamagedError | { readonly code: 'too-new'; readonly docId: DocId; readonly version: number } };

export interface DocRepoOptions {
  /** Current time as ISO text; injected so core has no clock. */
  readonly now: () => string;
  /** Who is working locally (used for updates whose origin names no user). */
  readonly userId: string;
  /** Compact a document on open/close when it has more pending updates than this. */
  readonly compactAfter?: number;
  /** Documents whose view (view.ts) is kept current as they are edited: written on close. */
  readonly views?: ViewSpec;
}

/** How currentHistory / currentView may derive a view. */
export interface HistoryOptions {
  /** Replay the stored updates when no stored view holds them (a history screen, an export). */
  readonly rebuild?: boolean;
}

/** This session's changes to a document with a view, collected as they happen. */
interface Tracking {
  readonly collector: ChangeCollector;
  /** Meta of the transaction being stored: its changes and its stored update share it (same time). */
  meta: UpdateMeta | null;
  /** Keys stored in this session, in order. */
  readonly sessionKeys: string[];
  readonly changes: FieldChange[];
  /** A write failed: this session's changes cannot extend the view. */
  broken: boolean;
  /** The stored view's history found to hold the first `keys.length` stored updates (read once). */
  base: { readonly keys: readonly string[]; readonly history: readonly FieldChange[] } | null;
  /** The base was replayed (no stored view held it): the view is written on close even without changes. */
  rebuilt: boolean;
}

interface OpenDoc {
  readonly doc: Y.Doc;
  /** Keys of stored updates this doc contains (loaded or appended), for compaction. */
  readonly keys: string[];
  readonly hadSnapshot: boolean;
  readonly tracking: Tracking | null;
}

/** Opens, persists and compacts Yjs documents over a storage adapter. */
export class DocRepo {
  private readonly open = new Map<DocId, OpenDoc>();
  private readonly opening = new Map<DocId, Promise<OpenResult>>();
  /** Closed documents whose pending updates are being folded (appendClosed): opening one waits. */
  private readonly folding = new Map<DocId, Promise<void>>();
  private pending: Promise<unknown> = Promise.resolve();
  private writeError: unknown = null;

  constructor(
    readonly storage: DocStorage,
    private readonly options: DocRepoOptions,
  ) {}

  /** Document ids stored, sorted. */
  list(): Promise<DocId[]> {
    return this.storage.list();
  }

  /** Opens a document (cached); a damaged store file is returned as an error, and nothing is written. */
  get(docId: DocId): Promise<OpenResult> {
    const cached = this.open.get(docId);
    if (cached) return Promise.resolve({ ok: true, doc: cached.doc });
    let p = this.opening.get(docId);
    if (!p) {
      const fold = this.folding.get(docId);
      p = (fold ? fold.then(() => this.load(docId)) : this.load(docId)).finally(() => this.opening.delete(docId));
      this.opening.set(docId, p);
    }
    return p;
  }

  /** Whether the document is currently open. */
  isOpen(docId: DocId): boolean {
    return this.open.has(docId);
  }

  private async load(docId: DocId): Promise<OpenResult> {
    const loaded = await this.storage.load(docId);
    if (!loaded.ok) return { ok: false, error: loaded.error };
    // The guid names the document (and spares generating a random one); the clientID stays fresh.
    // keepConflicts: a value that lost a concurrent write keeps its content for every peer's history.
    const doc = new Y.Doc({ guid: docId, gcFilter: keepConflicts });
    const keys: string[] = [];
    doc.transact(() => {
      if (loaded.value.snapshot) Y.applyUpdate(doc, loaded.value.snapshot.data, LOAD_ORIGIN);
      for (const u of loaded.value.updates) {
        Y.applyUpdate(doc, u.update, LOAD_ORIGIN);
        keys.push(u.key);
      }
    }, LOAD_ORIGIN);
    // Every local edit is attributed in the document itself, so the author survives sync.
    trackAuthors(doc, { userId: this.options.userId, now: this.options.now, isEdit: (o) => o !== LOAD_ORIGIN && !(o instanceof RemoteOrigin) });
    const migrated = migrate(doc, new LocalOrigin(this.options.userId, 'migrate'));
    if (migrated.status === 'too-new') {
      doc.destroy();
      return { ok: false, error: { code: 'too-new', docId, version: migrated.version } };
    }
    // A migrated document's view is rebuilt by its next reader (the migration is not a tracked change).
    const views = this.options.views;
    const tracking = views?.wants(docId) && migrated.status !== 'migrated' ? this.track(doc, views) : null;
    const entry: OpenDoc = { doc, keys, hadSnapshot: loaded.value.snapshot !== null, tracking };
    this.open.set(docId, entry);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOAD_ORIGIN) return;
      const meta = tracking?.meta ?? this.metaFor(origin);
      if (tracking) tracking.meta = null;
      this.persist(docId, entry, update, meta);
    });
    // A migration ran before the listener existed: store its effect now.
    if (migrated.status === 'migrated') this.persist(docId, entry, Y.encodeStateAsUpdate(doc), this.metaFor(null, 'migrate'));
    if (keys.length > (this.options.compactAfter ?? 500)) await this.compact(docId);
    return { ok: true, doc };
  }

  /** Creates a new document and stores its first state. Fails if one already exists under that id. */
  async create(docId: DocId, init: (doc: Y.Doc) => void, origin: LocalOrigin): Promise<OpenResult> {
    const existing = await this.get(docId);
    if (!existing.ok) return existing;
    if (existing.doc.share.size > 0 && existing.doc.getMap('meta').size > 0) {
      throw new Error(`document ${docId} already exists`);
    }
    existing.doc.transact(() => init(existing.doc), origin);
    return existing;
  }

  /** Collects a document's changes as its transactions end (before Yjs collects the values they replaced). */
  private track(doc: Y.Doc, spec: ViewSpec): Tracking {
    for (const root of spec.roots) doc.getMap(root);
    const collector = new ChangeCollector(doc, {
      summariseCreated: true,
      // Called as each transaction ends, never while the collector is made: `t` exists by then.
      sourceOf: (tr) => {
        if (tr.origin === LOAD_ORIGIN) return null;
        t.meta = this.metaFor(tr.origin);
        return { meta: t.meta, deleter: soleWriter(tr) };
      },
    });
    const t: Tracking = { collector, meta: null, sessionKeys: [], changes: [], broken: false, base: null, rebuilt: false };
    return t;
  }

  private metaFor(origin: unknown, action?: string): UpdateMeta {
    const at = this.options.now();
    if (origin instanceof LocalOrigin) return { userId: origin.userId, at, action: action ?? origin.action };
    if (origin instanceof RemoteOrigin) return { userId: origin.userId, at, action: action ?? 'sync' };
    // Undo / redo of the local user's own edit (the TUI's undo stack): a local action, not a peer's.
    if (origin instanceof Y.UndoManager) return { userId: this.options.userId, at, action: action ?? 'undo' };
    // Any other object origin is a sync provider applying a peer's update; the relay keeps its author.
    if (origin !== null && typeof origin === 'object') return { userId: 'remote', at, action: action ?? 'sync' };
    return { userId: this.options.userId, at, action: action ?? 'edit' };
  }

  private persist(docId: DocId, entry: OpenDoc, update: Uint8Array, meta: UpdateMeta): void {
    this.pending = this.pending.then(async () => {
      try {
        const key = await this.storage.append(docId, update, meta);
        entry.keys.push(key);
        entry.tracking?.sessionKeys.push(key);
      } catch (err) {
        this.writeError ??= err;
        if (entry.tracking) entry.tracking.broken = true;
      }
    });
  }

  /** Resolves once every change made so far is durably stored; rejects if a write failed. */
  async flush(): Promise<void> {
    await this.pending;
    if (this.writeError) {
      const err = this.writeError;
      this.writeError = null;
      throw err;
    }
  }

  /**
   * Stores an update of a closed document as a sync peer's would arrive, without opening it (a
   * batch export records thousands of clients and must not hold them in memory). A document only
   * ever written this way (exported every night, never opened) would gather a file a night: as a
   * close would, past `compactAfter / 5` pending updates they are merged into the snapshot, when it
   * is small (FOLD_MAX_SNAPSHOT); a larger one is left to its next open and close.
   */
  async appendClosed(docId: DocId, update: Uint8Array, meta: UpdateMeta): Promise<void> {
    if (this.open.has(docId)) throw new Error(`appendClosed: ${docId} is open`);
    await this.storage.append(docId, update, meta);
    if (this.opening.has(docId) || this.folding.has(docId)) return;
    const { pending, snapshotBytes } = await this.storage.listing(docId);
    // Opened meanwhile: its close compacts it.
    if (pending.length <= (this.options.compactAfter ?? 500) / 5 || snapshotBytes > FOLD_MAX_SNAPSHOT || this.opening.has(docId) || this.open.has(docId)) return;
    // Housekeeping: the update is stored; a merge that fails (a full disk) leaves the files for the next one.
    const fold = this.fold(docId)
      .catch(() => undefined)
      .finally(() => this.folding.delete(docId));
    this.folding.set(docId, fold);
    await fold;
  }

  private async fold(docId: DocId): Promise<void> {
    const loaded = await this.storage.load(docId);
    // A damaged file is left as it is: the next reader reports it.
    if (!loaded.ok) return;
    const { snapshot, updates } = loaded.value;
    await this.storage.compact(docId, Y.mergeUpdates([...(snapshot ? [snapshot.data] : []), ...updates.map((u) => u.update)]), updates.map((u) => u.key));
  }

  /** Folds a document's pending updates into one snapshot (replay into the doc, re-encode). */
  async compact(docId: DocId): Promise<void> {
    await this.flush();
    const entry = this.open.get(docId);
    if (!entry || entry.keys.length === 0) return;
    const replaced = entry.keys.splice(0, entry.keys.length);
    await this.storage.compact(docId, Y.encodeStateAsUpdate(entry.doc), replaced);
  }

  /** Number of stored updates not yet folded into a snapshot, per open document. */
  pendingCount(docId: DocId): number {
    return this.open.get(docId)?.keys.length ?? 0;
  }

  /**
   * The current view of an open document with one: the stored view extended by this session's
   * changes. Null when it cannot be derived (a failed write, a write to an unknown root, or no
   * stored view that held the state the document was opened with and no `rebuild`): a reader then
   * rebuilds it. With `rebuild`, see currentHistory.
   */
  async currentView(docId: DocId, options: HistoryOptions = {}): Promise<DocView | null> {
    const current = await this.currentHistory(docId, options);
    const spec = this.options.views;
    const entry = this.open.get(docId);
    return current && spec && entry ? makeView(spec, current.stored, current.history, spec.read(entry.doc)) : null;
  }

  /**
   * The history of an open document with a view (as its view holds it) without reading its data:
   * what a history screen needs after each edit. The stored view is read once per open document,
   * so a later call costs a listing of the stored updates. With `rebuild`, a missing or stale view's
   * history is replayed from the stored updates instead (once per open document), and the view is
   * written on close: its next reader need not replay. Null when currentView would be.
   */
  async currentHistory(docId: DocId, options: HistoryOptions = {}): Promise<{ readonly stored: readonly StoredUpdate[]; readonly history: readonly FieldChange[] } | null> {
    const entry = this.open.get(docId);
    const t = entry?.tracking;
    const spec = this.options.views;
    if (!entry || !t || !spec) return null;
    await this.pending;
    if (t.broken || t.collector.unknownRoot) return null;
    for (const c of t.collector.take()) t.changes.push(c);
    const stored = await this.storage.history(docId);
    // This session's updates are the last ones stored (one writer per workspace: its lock).
    const before = stored.length - t.sessionKeys.length;
    if (before < 0 || t.sessionKeys.some((k, i) => stored[before + i]!.key !== k)) return null;
    let base: readonly FieldChange[] = [];
    if (before > 0) {
      const opened = stored.slice(0, before);
      const known = t.base && t.base.keys.length === before && t.base.keys.every((k, i) => stored[i]!.key === k) ? t.base.history : null;
      let found = known ?? usableView(await this.storage.readView(docId), opened, spec)?.history ?? null;
      if (!found && options.rebuild) {
        // What the view would hold of the opened state, as a reader that replays lists it (cli/efile/source.ts).
        found = withoutRoots(replayHistory(opened, { summariseCreated: true, roots: spec.roots }), spec.omitRoots);
        t.rebuilt = true;
      }
      if (!found) return null;
      base = found;
      t.base = { keys: opened.map((u) => u.key), history: base };
    }
    return { stored, history: withoutRoots([...base, ...t.changes], spec.omitRoots) };
  }

  /** Writes the views of open documents changed in this session (a view that cannot be derived is left to its next reader). */
  private async writeViews(): Promise<void> {
    for (const [docId, entry] of this.open) {
      if (!entry.tracking || (entry.tracking.sessionKeys.length === 0 && !entry.tracking.rebuilt)) continue;
      const view = await this.currentView(docId);
      // A view that cannot be written is rebuilt by its next reader: never a reason to fail the close.
      if (view) await this.storage.writeView(docId, encodeView(view)).catch(() => undefined);
    }
  }

  /** Flushes, writes views, compacts documents with long logs, and forgets every open document. */
  async close(): Promise<void> {
    await this.flush();
    await this.writeViews();
    for (const [docId, entry] of this.open) {
      if (entry.keys.length > (this.options.compactAfter ?? 500) / 5) await this.compact(docId);
    }
    for (const entry of this.open.values()) {
      entry.tracking?.collector.stop();
      entry.doc.destroy();
    }
    this.open.clear();
  }
}
