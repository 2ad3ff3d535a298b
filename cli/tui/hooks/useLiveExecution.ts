/**
 * With a relay configured, today's execution syncs in while the app is open (a manager sees a
 * laptop's records as soon as it syncs): the documents of the clients visited today that the
 * relay would let this token hold (its own role × room rule) are opened — so live sync keeps them
 * connected — and each one's summary is recomputed shortly after changes arrive.
 */
import { useEffect } from 'react';
import { clientDocId } from '../../../core/doc/doc-id.js';
import type { ClientId } from '../../../core/ids.js';
import type { Workspace } from '../../workspace/workspace.js';
import type { PlacedVisit } from '../model/week-visits.js';

// Records of one visit arrive as a burst of updates: summarise once it has settled.
const SETTLE_MS = 300;

/** True when the workspace has a relay to follow. */
export function followsExecution(ws: Workspace): boolean {
  const { serverUrl, token } = ws.meta.settings;
  return Boolean(serverUrl && token);
}

/** Keeps today's visited clients open and their summaries current while `enabled`. */
export function useLiveExecution(ws: Workspace, visits: readonly PlacedVisit[] | null, today: string, refresh: (id: ClientId) => Promise<void>, enabled: boolean): void {
  useEffect(() => {
    if (!enabled || !visits) return;
    let live = true;
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const offs: (() => void)[] = [];
    const visited = [...new Set(visits.filter((v) => v.visit.date === today).map((v) => v.visit.clientId as ClientId))];
    void (async () => {
      // Loaded here: the token code (node:crypto) is not needed for the first frame.
      const [{ peekClaims }, { accessFor }, { parseRoomName }] = await Promise.all([import('../../../sync-server/token.js'), import('../../../sync-server/access.js'), import('../../../sync-server/room.js')]);
      const claims = peekClaims(ws.meta.settings.token ?? '');
      if (!live || !claims) return;
      const ids = visited.filter((id) => {
        const room = parseRoomName(`${ws.meta.namespace}/${clientDocId(id)}`);
        return room !== null && accessFor(claims, room) !== 'none';
      });
      for (const id of ids) {
        const res = await ws.client(id);
        if (!live) return;
        if (!res.ok) continue; // a damaged document is reported by the background check
        const doc = res.doc;
        const onUpdate = () => {
          clearTimeout(timers.get(id));
          timers.set(id, setTimeout(() => live && void refresh(id), SETTLE_MS));
        };
        doc.on('update', onUpdate);
        offs.push(() => doc.off('update', onUpdate));
        // One document per turn of the event loop: keys are served in between.
        await new Promise((r) => setImmediate(r));
      }
    })();
    return () => {
      live = false;
      for (const t of timers.values()) clearTimeout(t);
      for (const off of offs) off();
    };
  }, [ws, visits, today, refresh, enabled]);
}
