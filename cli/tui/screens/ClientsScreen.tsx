/** Clients: the caseload, windowed (only visible rows render), filter as you type, sort, markers. */
import { Box, Text } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import { useActions, useData, useEnv } from '../app/context.js';
import { useBinding } from '../hooks/useBinding.js';
import { useScan } from '../hooks/useClientScan.js';
import { caseloadReducer, indexCaseload, INITIAL_CASELOAD, selectRows, warmCaseload } from '../keys/caseload.js';
import type { Move } from '../keys/list-window.js';
import { listMoves, visibleRows } from '../keys/list-window.js';
import { markersOf } from '../model/client-summary.js';
import { unassignedByClient } from '../model/week-visits.js';
import { ClientRow } from '../components/ClientRow.js';

const WARM_SLICE = 250;

/** The caseload screen. */
export function ClientsScreen({ active }: { readonly active: boolean }) {
  const { t, bodyHeight, width, color, today } = useEnv();
  const { caseload, weekVisits } = useData();
  const { summaries, problems, scanned, total: scanTotal } = useScan();
  const actions = useActions();
  const all = useMemo(() => indexCaseload(caseload), [caseload]);
  useEffect(() => {
    // In slices, so a key pressed meanwhile does not wait for thousands of rows to be folded.
    let timer: ReturnType<typeof setTimeout>;
    const step = (from: number) => {
      warmCaseload(all.slice(from, from + WARM_SLICE));
      if (from + WARM_SLICE < all.length) timer = setTimeout(() => step(from + WARM_SLICE), 0);
    };
    timer = setTimeout(() => step(0), 0);
    return () => clearTimeout(timer);
  }, [all]);
  const unassigned = useMemo(() => unassignedByClient(weekVisits ?? []), [weekVisits]);
  const [state, dispatch] = useReducer(caseloadReducer, INITIAL_CASELOAD);
  const facts = useMemo(() => new Map(caseload.map((r) => [r.id as string, r.facts])), [caseload]);
  const markersFor = (id: string) => markersOf(summaries.get(id), unassigned.get(id) ?? 0, facts.get(id), today);
  const bySort = state.sort === 'markers' ? markersFor : null;
  const rows = useMemo(
    () => selectRows(all, state, bySort ?? (() => '')),
    // Markers matter to the selection only when sorting by them.
    [all, state.filter, state.sort, state.showEnded, bySort && summaries, bySort && unassigned, bySort && facts, today],
  );
  const listHeight = Math.max(1, bodyHeight - 3);
  const move = (m: Move) => () => dispatch({ type: 'move', move: m, count: rows.length, page: listHeight });
  const open = () => {
    const r = rows[state.cursor];
    if (r) actions.navigate({ screen: 'client', clientId: r.id, tab: 'profile' });
  };
  useBinding(
    {
      scopes: ['clients', 'list'],
      handlers: {
        ...listMoves(move),
        'clients.open': open,
        'clients.filter': () => dispatch({ type: 'startFilter' }),
        'clients.sort': () => dispatch({ type: 'sort' }),
        'clients.ended': () => dispatch({ type: 'toggleEnded' }),
      },
      text: state.filtering
        ? (key) => {
            if (key === 'enter') open();
            dispatch({ type: 'filterKey', key, count: rows.length, page: listHeight });
            return true;
          }
        : undefined,
    },
    active,
  );
  const { top, rows: visible } = visibleRows(rows, state.cursor, listHeight);
  const scanning = scanned < scanTotal ? `  ${t('clients.scanning', { done: scanned, total: scanTotal })}` : '';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold>{t('screen.clients')}</Text> {t('clients.count', { shown: rows.length, total: all.length })} · {t(`clients.sort.${state.sort}`)}
        <Text dimColor>{scanning}</Text>
        {problems.size > 0 && <Text color={color('yellow')}>{`  ${t('scan.unreadable', { n: problems.size })}`}</Text>}
      </Text>
      <Text wrap="truncate">
        {state.filtering || state.filter ? (
          <Text>
            <Text color={color('yellow')}>/{state.filter}</Text>
            {state.filtering ? <Text inverse> </Text> : null}
          </Text>
        ) : (
          <Text dimColor>{t('clients.legend')}</Text>
        )}
      </Text>
      {visible.map((r, i) => (
        <ClientRow key={r.id} row={r} markers={markersFor(r.id)} selected={top + i === state.cursor} width={width} endedLabel={t('clients.ended')} />
      ))}
      {all.length === 0 && <Text dimColor>{t('clients.empty')}</Text>}
      {all.length > 0 && rows.length === 0 && <Text dimColor>{t('clients.noMatch')}</Text>}
    </Box>
  );
}
