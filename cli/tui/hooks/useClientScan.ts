/**
 * Checks every client document in the background after the first frame (cli/tui/scan) and keeps a
 * summary per client (markers, submitted assessments, integrity) in a ScanStore that screens read
 * with `useScan`. Keys stay responsive meanwhile: the reading happens on a worker thread.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ClientId } from '../../../core/ids.js';
import type { Workspace } from '../../workspace/workspace.js';
import { useData } from '../app/context.js';
import { summarizeClient } from '../model/client-summary.js';
import { startScan } from '../scan/scanner.js';
import type { ScanSnapshot } from '../scan/scan-store.js';
import { ScanStore } from '../scan/scan-store.js';

// After the first frame has been written (Ink paints at most every ~33 ms).
const START_MS = 120;

/** The store of summaries, and a way to refresh one client after the user's own edit. */
export function useClientScan(ws: Workspace, ids: readonly ClientId[], today: string, enabled: boolean) {
  // One store per workspace and day; `ids` are read when the check starts (clients added later are
  // summarised by `refresh` after the edit that added them).
  const [store] = useState(() => new ScanStore(enabled ? ids.length : 0));
  const [startIds] = useState(ids);
  useEffect(() => {
    if (!enabled) return;
    let stop = () => {};
    const timer = setTimeout(() => {
      stop = startScan(ws, startIds, today, { results: (r) => store.add(r), done: () => store.finish() });
    }, START_MS);
    return () => {
      clearTimeout(timer);
      stop();
      store.dispose();
    };
  }, [ws, today, enabled, store, startIds]);
  const refresh = useCallback(
    async (id: ClientId) => {
      const res = await ws.client(id);
      if (res.ok) store.setLocal(id, summarizeClient(res.doc, today));
    },
    [ws, today, store],
  );
  return useMemo(() => ({ store, refresh }), [store, refresh]);
}

/** The background check's published state; re-renders the caller when it changes. */
export function useScan(): ScanSnapshot {
  const { scan } = useData();
  return useSyncExternalStore(scan.subscribe, scan.snapshot);
}
