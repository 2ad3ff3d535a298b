/** Where the history tab reads from: the client's view kept current by the repository, and the open document's records. */
import type * as Y from 'yjs';
import { listClientRecords } from '../../../../core/doc/client-doc.js';
import { clientDocId } from '../../../../core/doc/doc-id.js';
import { CLIENT_VIEW } from '../../../../core/efile/client-view.js';
import { EXPORTS_COLLECTION } from '../../../../core/efile/efile.js';
import type { FieldChange } from '../../../../core/history/replay.js';
import { replayHistory } from '../../../../core/history/replay.js';
import type { ClientId } from '../../../../core/ids.js';
import { withoutRoots } from '../../../../core/store/view.js';
import type { Workspace } from '../../../workspace/workspace.js';
import type { HistoryRecords } from '../../model/history-lines.js';

/**
 * Who changed what in an open client document, as its view holds it: the stored view plus this
 * session's changes (no replay). Without a usable view (stored before views, changed behind the
 * repository's back) the repository replays the stored updates once and writes the view on close,
 * so the next opening of this tab need not. Where it cannot (a migrated document, a failed write)
 * the stored updates are replayed here, listed the same way.
 */
export async function readClientHistory(ws: Workspace, clientId: ClientId, doc: Y.Doc): Promise<readonly FieldChange[]> {
  const docId = clientDocId(clientId);
  const current = await ws.repo.currentHistory(docId, { rebuild: true });
  if (current) return current.history;
  const updates = await ws.repo.storage.history(docId);
  return withoutRoots(replayHistory(updates, { summariseCreated: true, roots: doc.share.keys() }), CLIENT_VIEW.omitRoots);
}

/** The e-file exports recorded in the document (their own root, not a validated collection: only well-formed ones). */
function readExports(doc: Y.Doc): HistoryRecords['exports'] {
  const out: { exportedAt: string; exportedBy: string; file: string }[] = [];
  for (const v of doc.getMap<unknown>(EXPORTS_COLLECTION).values()) {
    const r = (v as { toJSON?: () => unknown }).toJSON?.() as Record<string, unknown> | undefined;
    if (r && typeof r.exportedAt === 'string' && typeof r.exportedBy === 'string' && typeof r.file === 'string') out.push({ exportedAt: r.exportedAt, exportedBy: r.exportedBy, file: r.file });
  }
  return out;
}

/** The records the history tab lists, read from the open document. */
export function readHistoryRecords(doc: Y.Doc): HistoryRecords {
  return {
    visits: listClientRecords(doc, 'visitRecords').records,
    tasks: listClientRecords(doc, 'taskRecords').records,
    observations: listClientRecords(doc, 'observations').records,
    alerts: listClientRecords(doc, 'alerts').records,
    evaluations: listClientRecords(doc, 'evaluations').records,
    exports: readExports(doc),
  };
}
