/**
 * Schedule board: a week by worker and one day as routes; move a visit to another worker or time,
 * pin / unpin, mark a worker absent. INTEGRATION POINT: re-optimising and repair, travel and
 * continuity figures come from core/schedule when it lands.
 */
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { addOrgRecord, listOrgRecords } from '../../../core/doc/org-doc.js';
import { moveVisit, putVisit } from '../../../core/doc/schedule-doc.js';
import { useActions, useData, useEnv } from '../app/context.js';
import { useBinding } from '../hooks/useBinding.js';
import { moveCursor, visibleRows } from '../keys/list-window.js';
import { dayRoutes, overlapMinutes, weekByWorker } from '../model/board.js';
import { addDays, hhmm, weekDates } from '../model/dates.js';

/** The schedule board. */
export function ScheduleScreen({ active }: { readonly active: boolean }) {
  const { ws, t, today, bodyHeight, color } = useEnv();
  const { weekVisits, caseload } = useData();
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
  const shift = (min: number) => withVisit((doc, id) => moveVisit(doc, id, { start: Math.max(0, Math.min(24 * 60 - 1, (selected?.visit.start ?? 0) + min)) }), 'schedule.moveTime');
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
  const absent = () => {
    const worker = selected?.visit.staffIds[0];
    if (!worker) return actions.fail(t('schedule.noVisit'));
    actions.confirm(t('schedule.confirmAbsent', { name: worker, date: day }), () => {
      void (async () => {
        const org = await ws.org();
        if (!org.ok) return actions.fail(t('error.doc', { detail: org.error.code }));
        await actions.edit(org.doc, 'staff.absent', () => {
          addOrgRecord(org.doc, 'absences', { id: ws.newId('ab'), staffId: worker, from: `${day}T00:00`, until: `${addDays(day, 1)}T00:00`, reason: '', substituteId: null });
        });
        // Repair: the absent worker's unpinned and pinned visits of the day become unassigned with a reason.
        // INTEGRATION POINT: core/schedule repair would reassign them instead.
        const affected = visits.filter((p) => p.visit.date === day && p.visit.staffIds.includes(worker));
        for (const p of affected) {
          const res = await ws.doc(p.docId);
          if (res.ok) await actions.edit(res.doc, 'schedule.repair', () => void putVisit(res.doc, { ...p.visit, staffIds: p.visit.staffIds.filter((s) => s !== worker), pinned: false, unassignedReason: `${worker} absent` }));
        }
        actions.notify(t('schedule.absentSaved', { n: affected.length }));
      })();
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
        'schedule.pin': () => withVisit((doc) => selected && void putVisit(doc, { ...selected.visit, pinned: !selected.visit.pinned }), 'schedule.pin'),
        'schedule.worker': moveWorker,
        'schedule.optimise': () => actions.fail(t('schedule.solverMissing')),
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
