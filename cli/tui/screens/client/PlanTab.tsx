/** Plan tab: problems, goals, tasks, responsible workers and deadlines; every edit saves at once. */
import { Box, Text } from 'ink';
import { useState } from 'react';
import { addClientRecord, listClientRecords, patchClientRecord } from '../../../../core/doc/client-doc.js';
import { deleteRecord } from '../../../../core/doc/records.js';
import type { PlanItem } from '../../../../core/doc/schema.js';
import { isIsoDate } from '../../../../core/doc/schema.js';
import { useActions, useEnv } from '../../app/context.js';
import { useBinding } from '../../hooks/useBinding.js';
import type { Move } from '../../keys/list-window.js';
import { moveCursor, visibleRows } from '../../keys/list-window.js';
import type { TabProps } from './tab-props.js';

/** The plan tab. */
export function PlanTab({ doc, tabHandlers, active }: TabProps) {
  const { ws, t, bodyHeight, width } = useEnv();
  const actions = useActions();
  const plans = listClientRecords(doc, 'plans').records.filter((p) => p.status === 'active');
  const planIds = new Set(plans.map((p) => p.id));
  const items = listClientRecords(doc, 'planItems')
    .records.filter((i) => planIds.has(i.planId))
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const [cursor, setCursor] = useState(0);
  const selected: PlanItem | undefined = items[Math.min(cursor, items.length - 1)];
  const saved = (ok: boolean) => ok && actions.notify(t('plan.saved'));
  const patch = (action: string, p: Partial<PlanItem>) => {
    if (!selected) return actions.fail(t('error.noSelection'));
    void actions.edit(doc, action, () => patchClientRecord(doc, 'planItems', selected.id, p)).then(saved);
  };
  const add = () =>
    actions.prompt(t('plan.problem'), '', (problem) =>
      actions.prompt(t('plan.goal'), '', (goal) =>
        actions.prompt(t('plan.task'), '', (taskText) => {
          void actions
            .edit(doc, 'plan.addItem', () => {
              let planId = plans[0]?.id;
              if (!planId) {
                planId = ws.newId('p');
                addClientRecord(doc, 'plans', { id: planId, kind: 'care', assessmentId: null, createdAt: ws.clock.now().toISOString(), createdBy: ws.user.id, agreedWithClient: false, agreedOn: null, status: 'active' });
              }
              const res = addClientRecord(doc, 'planItems', {
                id: ws.newId('pi'),
                planId,
                order: items.length,
                problem,
                goal,
                taskCode: '',
                taskText,
                frequency: '',
                timeOfDay: '',
                durationMin: 0,
                deadline: null,
                expectedResult: '',
                responsibleId: null,
                reason: '',
              });
              if (!res.ok) throw new Error(res.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
              // Point at the new item now, not after the save: keys typed meanwhile must not be moved.
              setCursor(items.length);
            })
            .then(saved);
        }),
      ),
    );
  const move = (m: Move) => () => setCursor((c) => moveCursor(c, m, items.length, 5));
  useBinding(
    {
      scopes: ['plan', 'client', 'list'],
      handlers: {
        ...tabHandlers,
        'list.down': move('down'),
        'list.up': move('up'),
        'list.top': move('top'),
        'list.bottom': move('bottom'),
        'plan.add': add,
        'plan.edit': () => selected && actions.prompt(t('plan.task'), selected.taskText, (v) => patch('plan.editTask', { taskText: v })),
        'plan.responsible': () => selected && actions.prompt(t('plan.responsible'), selected.responsibleId ?? '', (v) => patch('plan.responsible', { responsibleId: v.trim() === '' ? null : v.trim() })),
        'plan.deadline': () =>
          selected &&
          actions.prompt(t('plan.deadline'), selected.deadline ?? '', (v) => {
            if (v.trim() !== '' && !isIsoDate(v.trim())) return actions.fail(t('error.badDate'));
            patch('plan.deadline', { deadline: v.trim() === '' ? null : v.trim() });
          }),
        'plan.delete': () =>
          selected &&
          actions.confirm(t('plan.confirmDelete', { name: selected.taskText || selected.problem }), () => {
            void actions.edit(doc, 'plan.deleteItem', () => deleteRecord(doc, 'planItems', selected.id)).then((ok) => ok && actions.notify(t('plan.deleted')));
          }),
      },
    },
    active,
  );
  if (items.length === 0) return <Text dimColor>{t('plan.empty')}</Text>;
  const col = Math.max(10, Math.floor((width - 30) / 3));
  const { top, rows } = visibleRows(items, cursor, Math.max(1, bodyHeight - 3));
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">{`${t('plan.problem').padEnd(col)} ${t('plan.goal').padEnd(col)} ${t('plan.task').padEnd(col)} ${'→'.padEnd(12)} ${'⏱'}`}</Text>
      {rows.map((i, n) => (
        <Text key={i.id} inverse={top + n === cursor} wrap="truncate">
          {`${i.problem.slice(0, col).padEnd(col)} ${i.goal.slice(0, col).padEnd(col)} ${(i.taskText || i.taskCode).slice(0, col).padEnd(col)} ${(i.responsibleId ?? '—').padEnd(12)} ${i.deadline ?? '—'}`}
        </Text>
      ))}
    </Box>
  );
}
