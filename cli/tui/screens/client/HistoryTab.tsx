/** History tab: visits and what was done, observations, alerts, evaluations, and who changed what. */
import { Box, Text } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { listClientRecords } from '../../../../core/doc/client-doc.js';
import { clientDocId } from '../../../../core/doc/doc-id.js';
import type { FieldChange } from '../../../../core/history/replay.js';
import { replayHistory } from '../../../../core/history/replay.js';
import { useActions, useEnv } from '../../app/context.js';
import { useBinding } from '../../hooks/useBinding.js';
import type { MsgKey } from '../../i18n/messages.js';
import { moveCursor, visibleRows } from '../../keys/list-window.js';
import type { Move } from '../../keys/list-window.js';
import type { TabProps } from './tab-props.js';

type Line = { readonly text: string; readonly kind: 'head' | 'row' };

const show = (v: unknown) => (v === undefined || v === null ? '∅' : typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 40);

/** The lines of the history view, newest first within each section. */
function historyLines(doc: TabProps['doc'], changes: readonly FieldChange[] | null, t: (k: MsgKey, p?: Record<string, string | number>) => string): Line[] {
  const lines: Line[] = [];
  const head = (k: MsgKey) => lines.push({ text: t(k), kind: 'head' });
  const row = (text: string) => lines.push({ text: `  ${text}`, kind: 'row' });
  const tasks = listClientRecords(doc, 'taskRecords').records;
  head('history.visits');
  for (const v of listClientRecords(doc, 'visitRecords').records.sort((a, b) => b.date.localeCompare(a.date))) {
    row(`${v.date} ${v.staffId}${v.note ? ` — ${v.note}` : ''}`);
    for (const tr of tasks.filter((x) => x.visitRecordId === v.id)) row(`    ${tr.taskCode}: ${t(`outcome.${tr.outcome}`)}${tr.note ? ` — ${tr.note}` : ''}${tr.handedTo ? ` → ${tr.handedTo}` : ''}`);
  }
  head('history.observations');
  for (const o of listClientRecords(doc, 'observations').records.sort((a, b) => b.at.localeCompare(a.at))) row(`${o.at.slice(0, 16)} ${o.staffId}: ${o.items.join(', ')}${o.note ? ` — ${o.note}` : ''}`);
  head('history.alerts');
  for (const a of listClientRecords(doc, 'alerts').records.sort((a, b) => b.raisedAt.localeCompare(a.raisedAt))) row(`${a.raisedAt.slice(0, 16)} ${a.level} ${a.status}: ${a.reason}`);
  head('history.evaluations');
  for (const e of listClientRecords(doc, 'evaluations').records) row(`${e.evaluatedAt.slice(0, 10)} ${e.result}: ${e.reason}`);
  head('history.changes');
  if (changes === null) row(t('history.loading'));
  else for (const c of [...changes].reverse()) row(`${c.at.slice(0, 16)} ${c.userId} ${c.action}: ${[...c.path, c.field].join('.')} ${show(c.old)} → ${show(c.new)}${c.kind === 'overridden' ? ' (overridden)' : ''}`);
  return lines;
}

/** The history tab (scrollable). */
export function HistoryTab({ clientId, doc, version, tabHandlers, active }: TabProps) {
  const { ws, t, bodyHeight, color } = useEnv();
  const actions = useActions();
  const [changes, setChanges] = useState<readonly FieldChange[] | null>(null);
  const [cursor, setCursor] = useState(0);
  useEffect(() => {
    let live = true;
    // A failed write (flush reports it) or an unreadable archive is said in the status line, not
    // left as an unhandled rejection that ends the app; the rest of the tab still shows.
    void ws.repo
      .flush()
      .then(async () => {
        const updates = await ws.repo.storage.history(clientDocId(clientId));
        if (live) setChanges(replayHistory(updates));
      })
      .catch((err: unknown) => live && actions.fail(t('error.save', { detail: (err as Error).message })));
    return () => {
      live = false;
    };
  }, [ws, clientId, version, actions, t]);
  const lines = useMemo(() => historyLines(doc, changes, t), [doc, changes, t, version]);
  const height = Math.max(1, bodyHeight - 2);
  const move = (m: Move) => () => setCursor((c) => moveCursor(c, m, lines.length, height));
  useBinding(
    {
      scopes: ['history', 'client', 'list'],
      handlers: { ...tabHandlers, 'list.down': move('down'), 'list.up': move('up'), 'list.pageDown': move('pageDown'), 'list.pageUp': move('pageUp'), 'list.top': move('top'), 'list.bottom': move('bottom') },
    },
    active,
  );
  const { top, rows } = visibleRows(lines, cursor, height);
  return (
    <Box flexDirection="column">
      {rows.map((l, i) => (
        <Text key={top + i} bold={l.kind === 'head'} color={l.kind === 'head' ? color('cyan') : undefined} inverse={top + i === cursor} wrap="truncate">
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
