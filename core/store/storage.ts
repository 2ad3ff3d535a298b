/**
 * The storage seen by the document repository: one append-only log of Yjs updates per document
 * plus a compacted snapshot. Real I/O lives in adapters (cli/store/file-storage.ts); an in-memory
 * adapter serves tests. Both pass the same contract suite (test/store/storage-contract.ts).
 */
import type { DocId } from '../ids.js';

/** Who made an update and when; kept with every stored update so history can say who changed what. */
export interface UpdateMeta {
  readonly userId: string;
  /** ISO date-time. */
  readonly at: string;
  /** The user action (e.g. `client.add`) or `sync` for updates that came from a peer. */
  readonly action: string;
}

export interface StoredUpdate {
  /** Storage key, ordered: a later append sorts after an earlier one. */
  readonly key: string;
  readonly update: Uint8Array;
  readonly meta: UpdateMeta;
}

export interface LoadedDoc {
  readonly snapshot: { readonly key: string; readonly data: Uint8Array } | null;
  /** Updates not yet folded into the snapshot, in append order (some may already be in it: harmless). */
  readonly updates: readonly StoredUpdate[];
}

/** A stored file (or entry) that cannot be read; names it and says what to do. Nothing was changed. */
export interface DamagedError {
  readonly code: 'damaged';
  readonly file: string;
  readonly detail: string;
  readonly hint: string;
}

export type LoadResult = { readonly ok: true; readonly value: LoadedDoc } | { readonly ok: false; readonly error: DamagedError };

/** A stored update as an inventory lists it: key and size, and the bytes of a pending one (archived bytes stay unread). */
export interface InventoryEntry {
  readonly key: string;
  readonly size: number;
  readonly update?: Uint8Array;
}

/** A document's stored files as a listing shows them (DocStorage.listing). */
export interface StoredListing {
  /** Keys of the updates not yet folded into the snapshot, in append order. */
  readonly pending: readonly string[];
  /** Bytes the snapshot takes (its file, where it is one; 0 without a snapshot; Infinity when it vanished as it was listed). */
  readonly snapshotBytes: number;
}

export type InventoryResult = { readonly ok: true; readonly value: readonly InventoryEntry[] } | { readonly ok: false; readonly error: DamagedError };

export interface DocStorage {
  /** Every document that has anything stored, sorted. */
  list(): Promise<DocId[]>;
  /** Snapshot and pending updates of one document (empty for an unknown document). */
  load(docId: DocId): Promise<LoadResult>;
  /** Stores one update durably; resolves with its key only once it would survive a crash. */
  append(docId: DocId, update: Uint8Array, meta: UpdateMeta): Promise<string>;
  /** What a listing tells, without reading anything: the keys of the pending updates (append order) and the snapshot's size. */
  listing(docId: DocId): Promise<StoredListing>;
  /**
   * Replaces the snapshot and the given update keys by `snapshot`, which must contain them all.
   * The new snapshot is written before anything is removed, so a crash in between loses nothing.
   * Replaced updates move to the document's history archive.
   */
  compact(docId: DocId, snapshot: Uint8Array, replacedKeys: readonly string[]): Promise<void>;
  /** Every update ever stored for the document (archived and pending), in append order. */
  history(docId: DocId): Promise<StoredUpdate[]>;
  /**
   * What is stored, checked as `load` checks it (a damaged snapshot or pending update is an error),
   * without keeping the bytes of the snapshot or the archive: every update's key and size in the
   * order `history` lists them, the pending ones with their bytes. Enough to tell whether a view is
   * current; ten years of a client are some 16 MB that a reader of its view would hold for nothing.
   */
  inventory(docId: DocId): Promise<InventoryResult>;
  /**
   * The document's view (core/store/view.ts), or null when there is none or it is damaged. A view
   * is derived data: losing one costs a rebuild, never a change.
   */
  readView(docId: DocId): Promise<Uint8Array | null>;
  /** Replaces the document's view in one step (a reader sees the old one or the new one), without fsync. */
  writeView(docId: DocId, view: Uint8Array): Promise<void>;
  /**
   * A rendered document kept for the document under `key` (cli/efile/pdf-cache.ts), or null when
   * there is none or it is damaged. Derived data, like the view.
   */
  readRendered(docId: DocId, key: string): Promise<Uint8Array | null>;
  /** Keeps a rendered document under `key`, in one step, without fsync. */
  writeRendered(docId: DocId, key: string, bytes: Uint8Array): Promise<void>;
  /** Drops the document's rendered documents whose keys are not in `keep`. */
  keepRendered(docId: DocId, keep: ReadonlySet<string>): Promise<void>;
  /** Deletes everything stored for a document. */
  remove(docId: DocId): Promise<void>;
}
