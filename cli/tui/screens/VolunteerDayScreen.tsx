/**
 * My day for a volunteer: today's visits from her own minimal document (`volunteer/<id>`: first
 * name, address, time and tasks), the only data a volunteer's laptop receives. Read-only: the
 * relay refuses a volunteer's writes, so the outcomes are recorded by the coordinator.
 */
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { volunteerDocId } from '../../../core/doc/doc-id.js';
import type { VolunteerVisit } from '../../../core/doc/schema.js';
import { listVolunteerVisits } from '../../../core/doc/volunteer-doc.js';
import type { StaffId } from '../../../core/ids.js';
import { useActions, useEnv } from '../app/context.js';
import { useBinding } from '../hooks/useBinding.js';
import type { Move } from '../keys/list-window.js';
import { listMoves, moveCursor, visibleRows } from '../keys/list-window.js';
import { hhmm } from '../model/dates.js';

/** Today's visits of a volunteer document, by start time. */
export function volunteerDay(visits: readonly VolunteerVisit[], date: string): VolunteerVisit[] {
  return visits.filter((v) => v.date === date).sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}

/** The volunteer's "My day" screen. */
export function VolunteerDayScreen({ active }: { readonly active: boolean }) {
  const { ws, t, today, bodyHeight } = useEnv();
  const actions = useActions();
  const [visits, setVisits] = useState<VolunteerVisit[] | null>(null);
  const [cursor, setCursor] = useState(0);
  useEffect(() => {
    let live = true;
    let stop = () => {};
    void ws.doc(volunteerDocId(ws.user.id as StaffId)).then((res) => {
      if (!live) return;
      if (!res.ok) {
        setVisits([]);
        return actions.fail(t('error.doc', { detail: res.error.code }));
      }
      // Live sync lands here as document updates: re-read on each.
      const read = () => setVisits(volunteerDay(listVolunteerVisits(res.doc).records, today));
      read();
      res.doc.on('update', read);
      stop = () => res.doc.off('update', read);
    });
    return () => {
      live = false;
      stop();
    };
  }, [ws, today]);
  const rows = visits ?? [];
  const listHeight = Math.max(1, bodyHeight - 3);
  const move = (m: Move) => () => setCursor((c) => moveCursor(c, m, rows.length, listHeight));
  useBinding({ scopes: ['list'], handlers: { ...listMoves(move) } }, active);

  const title = <Text bold>{t('myday.title', { date: today })}</Text>;
  if (visits === null) return <Text dimColor>{t('loading')}</Text>;
  if (rows.length === 0)
    return (
      <Box flexDirection="column">
        {title}
        <Text wrap="wrap">{t('myday.volunteerEmpty')}</Text>
      </Box>
    );
  const { top, rows: visible } = visibleRows(rows, cursor, listHeight);
  return (
    <Box flexDirection="column">
      {title}
      <Text dimColor wrap="truncate">{t('myday.volunteerNote')}</Text>
      {visible.map((v, i) => (
        <Text key={v.id} wrap="truncate" inverse={top + i === cursor}>
          {`${hhmm(v.start)} ${String(v.durationMin).padStart(3)} min  ${v.clientFirstName.padEnd(12)} ${v.address.padEnd(30)} ${v.taskCodes.join(', ')}`}
        </Text>
      ))}
    </Box>
  );
}
