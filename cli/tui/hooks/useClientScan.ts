/**
 * Opens every client document in the background, a few at a time after the first frame, and keeps
 * a summary per client (markers, submitted assessments, integrity). Keys stay responsive meanwhile.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientId } from '../../../core/ids.js';
import type { Workspace } from '../../workspace/workspace.js';
import type { ClientSummary } from '../model/client-summary.js';
import { summarizeClient } from '../model/client-summary.js';

const CHUNK = 8;
const PUBLISH_MS = 400;

/** Summaries of all clients, how many are done, and a way to refresh one client after an edit. */
export function useClientScan(ws: Workspace, ids: readonly ClientId[], today: string, enabled: boolean) {
  const [summaries, setSummaries] = useState<ReadonlyMap<string, ClientSummary>>(new Map());
  const [scanned, setScanned] = useState(0);
  const total = useRef(enabled ? ids.length : 0);
  const idsRef = useRef(ids);
  idsRef.current = ids;
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const ids = idsRef.current.slice();
    total.current = ids.length;
    const run = async () => {
      // Summaries collect here and are published a few times a second, not per document, so
      // the caseload does not re-render hundreds of times while keys are being pressed.
      const found = new Map<string, ClientSummary>();
      let published = performance.now();
      for (let i = 0; i < ids.length && live; i += CHUNK) {
        for (const id of ids.slice(i, i + CHUNK)) {
          const res = await ws.client(id);
          if (res.ok) found.set(id, summarizeClient(res.doc, today));
        }
        if (!live) return;
        const done = Math.min(ids.length, i + CHUNK);
        if (done === ids.length || performance.now() - published > PUBLISH_MS) {
          published = performance.now();
          setSummaries((prev) => new Map([...prev, ...found]));
          setScanned(done);
        }
        await new Promise((r) => setTimeout(r, 0));
      }
    };
    // Start after the first frame has been written (Ink paints at most every ~33 ms).
    const start = setTimeout(() => void run(), 120);
    return () => {
      live = false;
      clearTimeout(start);
    };
  }, [ws, today, enabled]);
  const refresh = useCallback(
    async (id: ClientId) => {
      const res = await ws.client(id);
      if (res.ok) setSummaries((prev) => new Map(prev).set(id, summarizeClient(res.doc, today)));
    },
    [ws, today],
  );
  return { summaries, scanned, scanTotal: total.current, refresh };
}
