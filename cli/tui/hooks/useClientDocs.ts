/** Opens several client documents (e.g. the clients of today's visits). */
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { ClientId } from '../../../core/ids.js';
import { useEnv } from '../app/context.js';

/** Client id → open document, filled in as they load. */
export function useClientDocs(ids: readonly string[]): ReadonlyMap<string, Y.Doc> {
  const { ws } = useEnv();
  const [docs, setDocs] = useState<ReadonlyMap<string, Y.Doc>>(new Map());
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    let live = true;
    void (async () => {
      const m = new Map<string, Y.Doc>();
      for (const id of key ? key.split(',') : []) {
        const res = await ws.client(id as ClientId);
        if (res.ok) m.set(id, res.doc);
      }
      if (live) setDocs(m);
    })();
    return () => {
      live = false;
    };
  }, [ws, key]);
  return docs;
}
