/**
 * Schedule board: a week by worker and one day as routes; move a visit to another worker or time,
 * pin / unpin, re-optimise the unpinned rest, mark a worker absent and repair the day.
 */
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { parseIsoWeek } from '../../../core/doc/doc-id.js';
import { listOrgRecords } from '../../../core/doc/org-doc.js';
import { isoWeekOf } from '../../../core/schedule/week/calendar.js';
import { buildWeek, repairAbsence } from '../../schedule/operations.js';
import { moveVisit } from '../../../core/doc/schedule-doc.js';
import { patchRecord, readRecord } from '../../../core/doc/records.js';
import type { ScheduledVisit } from '../../../core/doc/schema.js';
import { ScheduledVisitSchema } from '../../../core/doc/schema.js';
import { useActions, useData, useEnv } from '../app/context.js';
import { useBinding } from '../hooks/useBinding.js';
import { moveCursor, visibleRows } from '../keys/list-window.js';
import { dayRoutes, overlapMinutes, weekByWorker } from '../model/board.js';
import { addDays, hhmm, weekDates } from '../model/dates.js';

/** Visit `id` as stored in `doc` now (null when missing or invalid). */
function storedVisit(doc: Y.Doc, id: string): ScheduledVisit | null {
  const r = readRecord(doc, 'visits', id, ScheduledVisitSchema);
  return r?.ok ? r.value : null;
}

/** The schedule board. */
export function ScheduleScreen({ active }: { readonly active: boolean }) {
  const { ws, t, today, bodyHeight, color } = useEnv();
  const { weekVisits, caseload, reloadWeek } = useData();
  const actions = useActions();
  const [view, setView] = useState<'week' | 'day'>('day');
  const [day, setDay] = useState(today);
  const [cursor, setCursor] = useState(0);
  const days = weekDates(today);
  const visits = useMemo(() => weekVisits ?? [], [weekVisits]);
  const route = useMemo(() => dayRoutes(visits, day), [visits, day]);
  const names = useMemo(() => new Map(caseload.map((r) => [r.id as string, r.name])), [caseload]);
  const selected = route[Math.min(cursor, route.length - 1)];

  const withVisit = (fn: (doc: Y.Doc, id: string) => void, action: string) => {
    if (view !== 'day' || !selected) return actions.fail(t('schedule.noVisit'));
    void ws.doc(selected.docId).then((res) => {
      if (!res.ok) return actions.fail(t('error.doc', { detail: res.error.code }));
      void actions.edit(res.doc, action, () => fn(res.doc, selected.visit.id));
    });
  };
  // Moves and pin toggles start from the visit as the document holds it when the edit runs, not as
  // the board showed it: keys typed before the board has reloaded would otherwise undo each other.
  const shift = (min: number) =>
    withVisit((doc, id) => {
      const start = storedVisit(doc, id)?.start ?? selected?.visit.start ?? 0;
      moveVisit(doc, id, { start: Math.max(0, Math.min(24 * 60 - 1, start + min)) });
    }, 'schedule.moveTime');
  const moveWorker = () =>
    selected &&
    actions.prompt(t('schedule.moveTo'), selected.visit.staffIds[0] ?? '', (v) => {
      const id = v.trim();
      void ws.org().then((org) => {
        const staff = org.ok ? listOrgRecords(org.doc, 'staff').records.map((s) => s.id) : [];
        if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(id) || (staff.length > 0 && !staff.includes(id))) return actions.fail(t('schedule.unknownStaff', { id }));
        withVisit((doc, vid) => moveVisit(doc, vid, { staffIds: [id] }), 'schedule.moveWorker');
      });
    });
  // Re-optimising and repairing save the schedule themselves: a failed save after their awaits is
  // said in the status line (the board shows what is in the document), not left unhandled.
  const saveFailed = (err: unknown) => {
    reloadWeek();
    actions.fail(t('error.save', { detail: (err as Error).message }));
  };
  const absent = () => {
    const worker = selected?.visit.staffIds[0];
    if (!worker) return actions.fail(t('schedule.noVisit'));
    actions.confirm(t('schedule.confirmAbsent', { name: worker, date: day }), () => {
      void (async () => {
        const org = await ws.org();
        if (!org.ok) return actions.fail(t('error.doc', { detail: org.error.code }));
        // From now on if the day is today, else from the start of that day.
        const now = ws.clock.now();
        const from = day === today ? `${day}T${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}` : `${day}T00:00`;
        const res = await repairAbsence(ws, worker, from, { seed: 1 });
        if (!res.ok) return actions.fail(res.reason);
        void org;
        reloadWeek();
        actions.notify(t('schedule.absentSaved', { n: res.value.changed.length }));
      })().catch(saveFailed);
    });
  };
  useBinding(
    {
      scopes: ['schedule', 'list'],
      handlers: {
        'list.down': () => setCursor((c) => moveCursor(c, 'down', route.length, 1)),
        'list.up': () => setCursor((c) => moveCursor(c, 'up', route.length, 1)),
        'schedule.view': () => setView((v) => (v === 'week' ? 'day' : 'week')),
        'schedule.nextDay': () => (setDay((d) => addDays(d, 1)), setCursor(0)),
        'schedule.prevDay': () => (setDay((d) => addDays(d, -1)), setCursor(0)),
        'schedule.later': () => shift(15),
        'schedule.earlier': () => shift(-15),
        'schedule.pin': () => withVisit((doc, id) => void patchRecord(doc, 'visits', id, { pinned: !(storedVisit(doc, id)?.pinned ?? selected?.visit.pinned ?? false) }), 'schedule.pin'),
        'schedule.worker': moveWorker,
        'schedule.optimise': () => {
          const week = parseIsoWeek(isoWeekOf(day));
          if (!week) return;
          actions.notify(t('schedule.optimising'));
          void buildWeek(ws, week, [], { seconds: 3, seed: 1 })
            .then((res) => {
              if (!res.ok) return actions.fail(res.reason);
              reloadWeek();
              actions.notify(t('schedule.optimised', { n: res.groups.reduce((s, g) => s + g.assigned, 0), total: res.groups.reduce((s, g) => s + g.visits, 0) }));
            })
            .catch(saveFailed);
        },
        'schedule.absent': absent,
      },
    },
    active,
  );
  if (weekVisits === null) return <Text dimColor>{t('loading')}</Text>;
  if (visits.length === 0) return <Text wrap="wrap">{t('schedule.empty')}</Text>;
  if (view === 'week') {
    const rows = [...weekByWorker(visits, days)];
    return (
      <Box flexDirection="column">
        <Text bold>{t('schedule.week', { week: days[0] ?? '' })}</Text>
        <Text dimColor>{`${''.padEnd(14)}${days.map((d) => d.slice(5).padStart(7)).join('')}`}</Text>
        {rows.slice(0, bodyHeight - 2).map(([staff, mins]) => (
          <Text key={staff} color={staff === '' ? color('yellow') : undefined} wrap="truncate">
            {`${(staff || t('schedule.unassigned')).slice(0, 13).padEnd(14)}${mins.map((m) => (m ? hhmm(m) : '·').padStart(7)).join('')}`}
          </Text>
        ))}
      </Box>
    );
  }
  const plain = route.map((p) => p.visit);
  const { top, rows } = visibleRows(route, cursor, Math.max(1, bodyHeight - 2));
  return (
    <Box flexDirection="column">
      <Text bold>{`${t('schedule.day', { date: day })}  ${t('schedule.metrics', { travel: '—', late: '—', cont: '—' })}`}</Text>
      {rows.map((p, i) => {
        const v = p.visit;
        const late = overlapMinutes(plain, top + i);
        return (
          <Text key={v.id} inverse={top + i === cursor} color={v.staffIds.length === 0 ? color('yellow') : undefined} wrap="truncate">
            {`${(v.staffIds.join('+') || t('schedule.unassigned')).slice(0, 13).padEnd(14)}${hhmm(v.start)}–${hhmm(v.start + v.durationMin)} ${(names.get(v.clientId) ?? v.clientId).padEnd(22)} ${v.pinned ? `📌 ` : ''}${late ? `+${late}′ ` : ''}${v.unassignedReason}`}
          </Text>
        );
      })}
    </Box>
  );
}
