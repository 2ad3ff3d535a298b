/**
 * Reads one client's stored document for the background check without opening it in the workspace:
 * a throw-away Y.Doc, migrated in memory, summarised, destroyed. Nothing is written and nothing
 * stays in memory, so the check can run on a worker thread beside the app's own open documents.
 */
import * as Y from 'yjs';
import { clientDocId } from '../../../core/doc/doc-id.js';
import { migrate } from '../../../core/doc/migrations.js';
import type { ClientId } from '../../../core/ids.js';
import type { DocStorage } from '../../../core/store/storage.js';
import type { ClientSummary } from '../model/client-summary.js';
import { summarizeClient } from '../model/client-summary.js';

/** One client's outcome: its summary, or why its document cannot be read (file and detail). */
export type ScanResult = { readonly id: ClientId; readonly ok: true; readonly summary: ClientSummary } | { readonly id: ClientId; readonly ok: false; readonly problem: string };

// The in-memory migration's origin: never stored (no listener persists this throw-away doc).
const READ_ORIGIN = Symbol('apsis.scan');

async function loadOnce(storage: DocStorage, id: ClientId, today: string): Promise<ScanResult> {
  const loaded = await storage.load(clientDocId(id));
  if (!loaded.ok) return { id, ok: false, problem: `${loaded.error.file}: ${loaded.error.detail}` };
  const doc = new Y.Doc({ guid: clientDocId(id) });
  try {
    doc.transact(() => {
      if (loaded.value.snapshot) Y.applyUpdate(doc, loaded.value.snapshot.data);
      for (const u of loaded.value.updates) Y.applyUpdate(doc, u.update);
    }, READ_ORIGIN);
    const migrated = migrate(doc, READ_ORIGIN);
    if (migrated.status === 'too-new') return { id, ok: false, problem: `${clientDocId(id)}: written by a newer APSis (schema version ${migrated.version})` };
    return { id, ok: true, summary: summarizeClient(doc, today) };
  } finally {
    doc.destroy();
  }
}

/** Summarises the stored state of client `id` as of `today`; a damaged or unreadable document is returned as a problem, never thrown. */
export async function readSummary(storage: DocStorage, id: ClientId, today: string): Promise<ScanResult> {
  try {
    return await loadOnce(storage, id, today);
  } catch {
    // A compaction by the app can remove an update file between listing and reading it: once more.
    try {
      return await loadOnce(storage, id, today);
    } catch (err) {
      return { id, ok: false, problem: `${clientDocId(id)}: ${(err as Error).message}` };
    }
  }
}
