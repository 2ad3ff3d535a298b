/** Dashboard (manager): today's execution per care group as it syncs in, overdue reassessments, integrity warnings. */
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import { useData, useEnv } from '../app/context.js';
import { useBinding } from '../hooks/useBinding.js';
import { useScan } from '../hooks/useClientScan.js';
import { moveCursor, visibleRows } from '../keys/list-window.js';
import { buildDashboard } from '../model/dashboard.js';
import type { Warning } from '../model/dashboard.js';
import { hhmm } from '../model/dates.js';
import type { Translate } from '../i18n/messages.js';

type Line = { readonly text: string; readonly head?: boolean; readonly warn?: boolean };

function warningText(w: Warning, t: Translate): string {
  switch (w.kind) {
    case 'noGp':
      return t('dashboard.noGp', { name: w.name });
    case 'noWorker':
      return t('dashboard.noWorker', { name: w.name, n: w.n });
    case 'noRecord':
      return t('dashboard.noRecord', { name: w.name, date: w.date, time: hhmm(w.start) });
    default: {
      const never: never = w;
      return never;
    }
  }
}

/** The dashboard screen. */
export function DashboardScreen({ active }: { readonly active: boolean }) {
  const { t, today, bodyHeight, color } = useEnv();
  const { caseload, weekVisits, reloadWeek } = useData();
  const { summaries, problems, scanned, total: scanTotal } = useScan();
  const d = useMemo(() => buildDashboard(caseload, summaries, weekVisits ?? [], today), [caseload, summaries, weekVisits, today]);
  const lines: Line[] = [{ text: t('dashboard.progress'), head: true }];
  if (d.progress.length === 0) lines.push({ text: `  ${t('dashboard.noVisits')}` });
  for (const g of d.progress) {
    const bar = g.total > 0 ? '█'.repeat(Math.round((g.done / g.total) * 20)).padEnd(20, '░') : '';
    lines.push({ text: `  ${bar} ${t('dashboard.group', { group: g.group ?? t('dashboard.ungrouped'), done: g.done, total: g.total })}` });
  }
  lines.push({ text: `${t('dashboard.overdue')} (${d.overdue.length})`, head: true });
  for (const o of d.overdue) lines.push({ text: `  ${o.due}  ${o.name}`, warn: true });
  lines.push({ text: `${t('dashboard.integrity')} (${d.warnings.length + problems.size})`, head: true });
  if (d.warnings.length === 0 && problems.size === 0) lines.push({ text: `  ${t('dashboard.allGood')}` });
  for (const [id, problem] of problems) lines.push({ text: `  ${t('dashboard.unreadable', { name: caseload.find((r) => r.id === id)?.name ?? id, problem })}`, warn: true });
  for (const w of d.warnings) lines.push({ text: `  ${warningText(w, t)}`, warn: true });
  if (scanned < scanTotal) lines.push({ text: t('clients.scanning', { done: scanned, total: scanTotal }) });
  const [cursor, setCursor] = useState(0);
  const height = Math.max(1, bodyHeight - 1);
  useBinding(
    {
      scopes: ['dashboard', 'list'],
      handlers: {
        'list.down': () => setCursor((c) => moveCursor(c, 'down', lines.length, height)),
        'list.up': () => setCursor((c) => moveCursor(c, 'up', lines.length, height)),
        'list.pageDown': () => setCursor((c) => moveCursor(c, 'pageDown', lines.length, height)),
        'list.pageUp': () => setCursor((c) => moveCursor(c, 'pageUp', lines.length, height)),
        'dashboard.refresh': reloadWeek,
      },
    },
    active,
  );
  const { rows } = visibleRows(lines, cursor, height);
  return (
    <Box flexDirection="column">
      <Text bold>{`${t('screen.dashboard')} — ${today}`}</Text>
      {rows.map((l, i) => (
        <Text key={i} bold={l.head} color={l.head ? color('cyan') : l.warn ? color('yellow') : undefined} wrap="truncate">
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
