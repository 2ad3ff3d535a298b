/**
 * `apsis demo` writes each client's view (core/store/view.ts) beside its one stored update, so the
 * first e-file export or history tab of a demo client reads one file instead of replaying. The
 * view must say exactly what a replay of the stored update says: its history and its data.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readStoredClient } from '../../cli/efile/source.js';
import { createFileStorage } from '../../cli/store/file-storage.js';
import { readClientDoc } from '../../core/doc/client-doc.js';
import { CLIENT_VIEW } from '../../core/efile/client-view.js';
import { replayHistory } from '../../core/history/replay.js';
import type { ClientId } from '../../core/ids.js';
import { usableView, withoutRoots } from '../../core/store/view.js';
import { apsis } from '../helpers/cli.js';

const ENV = { APSIS_NOW: '2026-11-23T07:00:00Z' };
const tmp: string[] = [];
afterAll(async () => {
  for (const d of tmp) await rm(d, { recursive: true, force: true });
});

describe('apsis demo writes client views', () => {
  it('every client has a current view equal to a replay of its stored update; an export reads it', async () => {
    const base = await mkdtemp(join(tmpdir(), 'apsis-demo-views-'));
    tmp.push(base);
    const dir = join(base, 'ws');
    const r = apsis(dir, ['demo', '--json', '--size', 'small', '--seed', '3', '--threads', '2'], ENV);
    expect(r.code, r.stderr).toBe(0);
    const storage = createFileStorage(join(dir, 'docs'));
    const clients = (await storage.list()).filter((d) => CLIENT_VIEW.wants(d));
    expect(clients.length).toBe((JSON.parse(r.stdout) as { clients: number }).clients);
    const kinds = new Set<string>();
    for (const docId of clients) {
      const updates = await storage.history(docId);
      const view = usableView(await storage.readView(docId), updates, CLIENT_VIEW);
      expect(view, `${docId}: no current view`).not.toBeNull();
      const doc = new Y.Doc();
      for (const u of updates) Y.applyUpdate(doc, u.update);
      expect(view!.history, docId).toEqual(withoutRoots(replayHistory(updates, { summariseCreated: true }), CLIENT_VIEW.omitRoots));
      expect(view!.data, docId).toEqual(JSON.parse(JSON.stringify(readClientDoc(doc))));
      for (const h of view!.history) kinds.add(h.kind);
      doc.destroy();
    }
    // Records (created) and the root maps' fields (set) are both in the histories compared above.
    expect([...kinds].sort()).toEqual(['create', 'set']);
    const read = await readStoredClient(storage, clients[0]!.slice('client/'.length) as ClientId);
    expect(read.kind === 'read' && read.read.ok && read.read.via).toBe('view');
  }, 120_000);
});
