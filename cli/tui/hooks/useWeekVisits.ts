/** The planned visits of the current ISO week, reloaded on demand. */
import { useCallback, useEffect, useState } from 'react';
import type { Workspace } from '../../workspace/workspace.js';
import { isoWeekOf } from '../model/dates.js';
import type { PlacedVisit } from '../model/week-visits.js';
import { loadWeekVisits } from '../model/week-visits.js';

/** Visits of the week containing `date` (null while loading) and a reload function. */
export function useWeekVisits(ws: Workspace, date: string, enabled: boolean): { visits: readonly PlacedVisit[] | null; reload: () => void } {
  const [visits, setVisits] = useState<readonly PlacedVisit[] | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void loadWeekVisits(ws, isoWeekOf(date)).then((v) => {
      if (live) setVisits(v);
    });
    return () => {
      live = false;
    };
  }, [ws, date, n, enabled]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  return { visits, reload };
}
