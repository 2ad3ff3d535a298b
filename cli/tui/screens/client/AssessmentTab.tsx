/**
 * Assessment tab: the client's assessments and their stored answers; submit a draft for approval.
 * INTEGRATION POINT: when core/assessment lands, answer items by keyboard here and show the
 * scores, level and flags it computes as you type.
 */
import { Box, Text } from 'ink';
import { useState } from 'react';
import { listClientRecords, patchClientRecord } from '../../../../core/doc/client-doc.js';
import { useActions, useEnv } from '../../app/context.js';
import { useBinding } from '../../hooks/useBinding.js';
import { moveCursor, visibleRows } from '../../keys/list-window.js';
import type { TabProps } from './tab-props.js';

/** The assessment tab. */
export function AssessmentTab({ doc, tabHandlers, active }: TabProps) {
  const { ws, t, bodyHeight } = useEnv();
  const actions = useActions();
  const list = listClientRecords(doc, 'assessments').records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const [cursor, setCursor] = useState(0);
  const [open, setOpen] = useState(false);
  const selected = list[cursor];
  const submit = () => {
    if (!selected) return actions.fail(t('error.noSelection'));
    if (selected.status !== 'draft' && selected.status !== 'returned') return actions.fail(t('assessment.notDraft'));
    void actions
      .edit(doc, 'assessment.submit', () => {
        patchClientRecord(doc, 'assessments', selected.id, { status: 'submitted', submittedAt: ws.clock.now().toISOString() });
      })
      .then((ok) => ok && actions.notify(t('assessment.submitted')));
  };
  useBinding(
    {
      scopes: ['assessment', 'client', 'list'],
      handlers: {
        ...tabHandlers,
        'list.down': () => setCursor((c) => moveCursor(c, 'down', list.length, 1)),
        'list.up': () => setCursor((c) => moveCursor(c, 'up', list.length, 1)),
        'assessment.open': () => setOpen((o) => !o),
        'assessment.submit': submit,
      },
    },
    active,
  );
  if (list.length === 0) return <Text dimColor>{t('assessment.none')}</Text>;
  const answers = selected ? Object.entries(selected.answers) : [];
  const { rows } = visibleRows(answers, 0, Math.max(1, bodyHeight - 4 - list.length));
  return (
    <Box flexDirection="column">
      {list.map((a, i) => (
        <Text key={a.id} inverse={i === cursor} wrap="truncate">
          {`${a.createdAt.slice(0, 10)}  ${a.instrumentId} v${a.instrumentVersion}  ${t(`assessment.status.${a.status}`)}  ${a.assessorId}${a.reassessDue ? `  → ${a.reassessDue}` : ''}${a.returnReason ? `  (${a.returnReason})` : ''}`}
        </Text>
      ))}
      <Text dimColor wrap="truncate">
        {t('assessment.instrumentMissing')}
      </Text>
      {open && rows.map(([item, answer]) => <Text key={item} wrap="truncate">{`  ${item.padEnd(28)} ${answer}`}</Text>)}
    </Box>
  );
}
