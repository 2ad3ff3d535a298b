/**
 * A demo workspace's side of a class relay: push every document (the trainer seeding the relay
 * with the world's Yjs state, never a JSON re-import) or pull them all (a trainee joining).
 * The organisation document goes first: its index names the other documents.
 */
import type * as Y from 'yjs';
import { ORG_DOC } from '../../core/doc/doc-id.js';
import type { DocId } from '../../core/ids.js';
import { syncDocsOnce } from '../sync/sync-once.js';
import type { Workspace } from '../workspace/workspace.js';

export type RelaySyncResult = { readonly ok: true; readonly documents: number; readonly pulled: number; readonly pushed: number } | { readonly ok: false; readonly reason: string };

/** Exchanges every document the workspace knows (org first) with the relay; remembers the relay for live sync. */
export async function syncWholeWorkspace(ws: Workspace, url: string, token: string, timeoutMs = 60_000): Promise<RelaySyncResult> {
  let documents = 0;
  let pulled = 0;
  let pushed = 0;
  const run = async (ids: readonly DocId[]): Promise<string | null> => {
    const docs = new Map<string, Y.Doc>();
    for (const id of ids) {
      const opened = await ws.doc(id);
      if (!opened.ok) return `${id} cannot be read locally; run \`apsis doctor\``;
      docs.set(id, opened.doc);
    }
    // Eight at a time: each provider listens on process exit, and more than ten trip Node's leak warning.
    const res = await syncDocsOnce({ url, token, namespace: ws.meta.namespace, docs, timeoutMs, concurrency: 8 });
    if (!res.ok) return res.reason;
    for (const r of res.perDoc) {
      documents++;
      if (r.pulledBytes > 0) {
        pulled++;
        ws.markDirty(r.docId as DocId);
      }
      if (r.pushedBytes > 0) pushed++;
    }
    return null;
  };
  const orgFailed = await run([ORG_DOC]);
  if (orgFailed) return { ok: false, reason: orgFailed };
  const restFailed = await run((await ws.knownDocs()).filter((d) => d !== ORG_DOC));
  if (restFailed) return { ok: false, reason: restFailed };
  await ws.save();
  await ws.setSettings({ serverUrl: url, token });
  return { ok: true, documents, pulled, pushed };
}
