/**
 * Where an e-file export reads its client from, and where it records the export.
 *
 * Ten years of a client are some 300,000 Yjs items: integrating them takes most of a second, and
 * replaying their history longer. So an export first reads the client's view (core/store/view.ts),
 * kept current as the client is edited: the client as plain data and its history, in one file.
 * When the view is missing or stale, the export replays the stored updates once and reads the
 * client from the replayed document, after checking that the replay holds exactly the stored state
 * (no stored item missing from it, and the same deletions), and stores a fresh view for the next
 * export. When that check fails (or the document is open already, or needs a migration), the
 * document is opened as usual.
 */
import * as Y from 'yjs';
import { readClientDoc } from '../../core/doc/client-doc.js';
import { clientDocId } from '../../core/doc/doc-id.js';
import { readMeta } from '../../core/doc/meta.js';
import { act } from '../../core/doc/origin.js';
import { insertRecord } from '../../core/doc/records.js';
import { SCHEMA_VERSION } from '../../core/doc/schema.js';
import type { ClientViewData } from '../../core/efile/client-view.js';
import { CLIENT_VIEW } from '../../core/efile/client-view.js';
import { EXPORTS_COLLECTION } from '../../core/efile/efile.js';
import type { FieldChange } from '../../core/history/replay.js';
import { replayHistory } from '../../core/history/replay.js';
import type { ClientId } from '../../core/ids.js';
import type { DamagedError, DocStorage, LoadedDoc } from '../../core/store/storage.js';
import { decodeView, encodeView, hasUncoveredBytes, makeView, viewHolds } from '../../core/store/view.js';
import type { Workspace } from '../workspace/workspace.js';

/** The client as plain data, and its history (new records summarised). */
export type ClientRead =
  | { readonly ok: true; readonly data: ClientViewData; readonly history: readonly FieldChange[]; readonly via: 'view' | 'history' | 'document' }
  | { readonly ok: false; readonly message: string };

function damaged(e: DamagedError | { readonly code: 'too-new'; readonly docId: string; readonly version: number }): string {
  return e.code === 'damaged' ? `damaged: ${e.file}: ${e.detail}. ${e.hint}` : `${e.docId} has schema version ${e.version}, newer than this apsis`;
}

/** Whether `replayed` holds exactly the stored state: every stored item, and the same deletions. */
export function holdsStoredState(replayed: Y.Doc, stored: LoadedDoc): boolean {
  const parts = [...(stored.snapshot ? [stored.snapshot.data] : []), ...stored.updates.map((u) => u.update)];
  if (parts.length === 0) return false;
  const sv = Y.encodeStateVector(replayed);
  const deletions: ReturnType<typeof Y.decodeUpdate>['ds'][] = [];
  for (const part of parts) {
    // What the part has beyond the replay: no items may be left, only its delete set.
    const rest = Y.decodeUpdate(Y.diffUpdate(part, sv));
    if (rest.structs.length > 0) return false;
    deletions.push(rest.ds);
  }
  // The other way round (items in the replay but not stored) cannot happen: the history holds the
  // updates the snapshot was compacted from, plus the pending ones, which are parts here.
  return Y.equalDeleteSets(Y.mergeDeleteSets(deletions), Y.createDeleteSetFromStructStore(replayed.store));
}

/**
 * What storage alone tells of a closed client: the client itself (or why it cannot be read); or
 * `open`: the replay is not provably the stored state, so the document must be opened (its
 * history is already replayed); or `large`: more than `maxBytes` stored, left unread.
 */
export type StoredRead = { readonly kind: 'read'; readonly read: ClientRead } | { readonly kind: 'open'; readonly history: FieldChange[] } | { readonly kind: 'large' };

/** Reads a closed client from storage alone (also on worker threads): its view, or one replay of its stored updates. */
export async function readStoredClient(storage: DocStorage, id: ClientId, maxBytes = Infinity): Promise<StoredRead> {
  const docId = clientDocId(id);
  // Checked even when the view serves: a damaged document is reported, not exported. The inventory
  // keeps no snapshot or archived bytes: ten years are 16 MB a view reader would hold for nothing
  // (and, read into the old generation, often until the process ends). The reads overlap (off this thread).
  const [inventory, viewBytes] = await Promise.all([storage.inventory(docId), storage.readView(docId)]);
  if (!inventory.ok) return { kind: 'read', read: { ok: false, message: damaged(inventory.error) } };
  let bytes = 0;
  for (const u of inventory.value) bytes += u.size;
  if (bytes > maxBytes) return { kind: 'large' };
  const decoded = viewBytes && decodeView(viewBytes, CLIENT_VIEW.schemaVersion);
  if (decoded) {
    // Updates past the view that are archived already (rare: compacted since it was written) are read whole.
    const stored = hasUncoveredBytes(decoded, inventory.value) ? inventory.value : await storage.history(docId);
    if (viewHolds(decoded, stored, CLIENT_VIEW.omitRoots)) return { kind: 'read', read: { ok: true, data: decoded.data as ClientViewData, history: decoded.history, via: 'view' } };
  }
  const [loaded, updates] = await Promise.all([storage.load(docId), storage.history(docId)]);
  if (!loaded.ok) return { kind: 'read', read: { ok: false, message: damaged(loaded.error) } };
  let data: ClientViewData | null = null;
  const history = replayHistory(updates, {
    summariseCreated: true,
    roots: CLIENT_VIEW.roots,
    final: (doc) => {
      if (readMeta(doc).schemaVersion === SCHEMA_VERSION && holdsStoredState(doc, loaded.value)) data = CLIENT_VIEW.read(doc) as ClientViewData;
    },
  });
  if (!data) return { kind: 'open', history };
  // For the next export: the same client without a replay. (Derived data: a failed write only costs that.)
  await storage.writeView(docId, encodeView(makeView(CLIENT_VIEW, updates, history, data))).catch(() => undefined);
  return { kind: 'read', read: { ok: true, data, history, via: 'history' } };
}

/** Reads a client for export: a closed one from its view, or its replayed history when that is provably the stored state; else from the opened document (its live view when it has one). */
export async function readClientForExport(ws: Workspace, id: ClientId): Promise<ClientRead> {
  const docId = clientDocId(id);
  let history: FieldChange[] | null = null;
  if (!ws.repo.isOpen(docId)) {
    const stored = await readStoredClient(ws.repo.storage, id);
    if (stored.kind === 'read') return stored.read;
    if (stored.kind === 'open') history = stored.history;
  }
  const opened = await ws.client(id);
  if (!opened.ok) return { ok: false, message: damaged(opened.error) };
  // An open document's view: the stored one plus this session's changes (or, once, a replay whose
  // view the repository writes on close).
  const live = history ? null : await ws.repo.currentView(docId, { rebuild: true });
  if (live) return { ok: true, data: live.data as ClientViewData, history: live.history, via: 'document' };
  const data = readClientDoc(opened.doc);
  // New records as one `create` line each (their fields are in the records' JSON): ten years of
  // visits would otherwise list every field of every record.
  history ??= replayHistory(await ws.repo.storage.history(docId), { summariseCreated: true, roots: opened.doc.share.keys() });
  return { ok: true, data, history, via: 'document' };
}

/**
 * Adds a record to the client's `exports` (one transaction). An open document takes it as any
 * edit; a closed one gets it as one stored update, as a sync peer's would arrive, so a batch export
 * never opens (and keeps in memory) thousands of documents. Those updates are folded into the
 * snapshot once they pile up (DocRepo.appendClosed).
 */
export async function recordExport(ws: Workspace, id: ClientId, fields: Record<string, unknown>): Promise<void> {
  const docId = clientDocId(id);
  const recordId = ws.newId('ex');
  if (ws.repo.isOpen(docId)) {
    const opened = await ws.client(id);
    if (opened.ok) act(opened.doc, ws.origin('efile.export'), () => insertRecord(opened.doc, EXPORTS_COLLECTION, recordId, fields));
    return;
  }
  const doc = new Y.Doc();
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.transact(() => insertRecord(doc, EXPORTS_COLLECTION, recordId, fields));
  doc.destroy();
  if (update) await ws.repo.appendClosed(docId, update, { userId: ws.user.id, at: ws.clock.now().toISOString(), action: 'efile.export' });
}
