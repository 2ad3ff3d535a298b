/**
 * With a relay configured, today's execution syncs in while the app is open (a manager sees a
 * laptop's records as soon as it syncs): the documents of the clients visited today are opened —
 * so live sync keeps them connected — and each one's summary is recomputed shortly after changes
 * arrive. Only for roles that may hold every client's document on the relay; caregivers sync what
 * they open.
 */
import { useEffect } from 'react';
import type { ClientId } from '../../../core/ids.js';
import type { Role } from '../../../core/doc/schema.js';
import type { Workspace } from '../../workspace/workspace.js';
import type { PlacedVisit } from '../model/week-visits.js';

// Records of one visit arrive as a burst of updates: summarise once it has settled.
const SETTLE_MS = 300;
const ALL_CLIENT_ROLES: ReadonlySet<Role> = new Set(['coordinator', 'manager', 'social_worker', 'auditor', 'trainer']);

/** True when the workspace has a relay and its user may follow every client's execution. */
export function followsExecution(ws: Workspace): boolean {
  const { serverUrl, token } = ws.meta.settings;
  return Boolean(serverUrl && token) && ALL_CLIENT_ROLES.has(ws.user.role);
}

/** Keeps today's visited clients open and their summaries current while `enabled`. */
export function useLiveExecution(ws: Workspace, visits: readonly PlacedVisit[] | null, today: string, refresh: (id: ClientId) => Promise<void>, enabled: boolean): void {
  useEffect(() => {
    if (!enabled || !visits) return;
    let live = true;
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const offs: (() => void)[] = [];
    const ids = [...new Set(visits.filter((v) => v.visit.date === today).map((v) => v.visit.clientId as ClientId))];
    void (async () => {
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
