/** History tab: visits and what was done, observations, alerts, evaluations, exports, and who changed what. */
import { Box, Text } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { FieldChange } from '../../../../core/history/replay.js';
import { useActions, useEnv } from '../../app/context.js';
import { useBinding } from '../../hooks/useBinding.js';
import { listMoves, moveCursor, visibleRows } from '../../keys/list-window.js';
import type { Move } from '../../keys/list-window.js';
import { changeLines, filterLines, nextHeading, recordLines } from '../../model/history-lines.js';
import { readClientHistory, readHistoryRecords } from './history-source.js';
import type { TabProps } from './tab-props.js';

/** The history tab: scrollable (only the visible rows render), jumps between headings, filters by text. */
export function HistoryTab({ clientId, doc, version, tabHandlers, active }: TabProps) {
  const { ws, t, bodyHeight, color } = useEnv();
  const actions = useActions();
  const [changes, setChanges] = useState<readonly FieldChange[] | null>(null);
  const [cursor, setCursor] = useState(0);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    let live = true;
    // A failed write (flush reports it) or an unreadable archive is said in the status line, not
    // left as an unhandled rejection that ends the app; the history still shows what is stored.
    void ws.repo
      .flush()
      .catch((err: unknown) => live && actions.fail(t('error.save', { detail: (err as Error).message })))
      .then(() => readClientHistory(ws, clientId, doc))
      .then((h) => live && setChanges(h))
      .catch((err: unknown) => live && actions.fail(t('error.save', { detail: (err as Error).message })));
    return () => {
      live = false;
    };
  }, [ws, clientId, doc, version, actions, t]);
  // `version` changes with every update of `doc`: the records are read again.
  const records = useMemo(() => recordLines(readHistoryRecords(doc), t), [doc, version, t]);
  const lines = useMemo(() => [...records, ...changeLines(changes, t)], [records, changes, t]);
  const shown = useMemo(() => filterLines(lines, filter), [lines, filter]);
  const height = Math.max(1, bodyHeight - 2 - (filter ? 1 : 0));
  const at = Math.min(cursor, Math.max(0, shown.length - 1));
  // End stays at the end while the history loads and grows (the cursor is clamped when shown).
  const move = (m: Move) => () => setCursor((c) => (m === 'bottom' ? Infinity : moveCursor(Math.min(c, shown.length - 1), m, shown.length, height)));
  const jump = (dir: 1 | -1) => () => setCursor((c) => nextHeading(shown, Math.min(c, shown.length - 1), dir));
  const askFilter = () =>
    actions.prompt(t('history.filterPrompt'), '', (text) => {
      setFilter(text.trim());
      setCursor(0);
    });
  useBinding({ scopes: ['history', 'client', 'list'], handlers: { ...tabHandlers, ...listMoves(move), 'history.nextGroup': jump(1), 'history.prevGroup': jump(-1), 'history.filter': askFilter } }, active);
  const { top, rows } = visibleRows(shown, at, height);
  return (
    <Box flexDirection="column">
      {filter && (
        <Text dimColor wrap="truncate">
          {shown.length > 0 ? t('history.filtered', { text: filter, n: shown.length }) : t('history.noMatch', { text: filter })}
        </Text>
      )}
      {rows.map((l, i) => (
        <Text key={top + i} bold={l.kind !== 'row'} color={l.kind === 'section' ? color('cyan') : undefined} inverse={top + i === at} wrap="truncate">
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
