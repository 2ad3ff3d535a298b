/**
 * My day (field staff): today's visits in route order; per task one key records the outcome;
 * `o` opens the observation checklist that raises "inform the GP" or "call emergency care now".
 */
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { addClientRecord, patchClientRecord } from '../../../core/doc/client-doc.js';
import type { TaskOutcome } from '../../../core/doc/schema.js';
import { isIdShape } from '../../../core/ids.js';
import type { ClientId } from '../../../core/ids.js';
import { useActions, useData, useEnv } from '../app/context.js';
import { useBinding } from '../hooks/useBinding.js';
import { useClientDocs } from '../hooks/useClientDocs.js';
import type { ChecklistState } from '../keys/checklist.js';
import { checklistKey } from '../keys/checklist.js';
import type { Move } from '../keys/list-window.js';
import { listMoves, moveCursor, visibleRows } from '../keys/list-window.js';
import { hhmm } from '../model/dates.js';
import { dayRows } from '../model/my-day.js';
import { alertFor, observationItems } from '../model/observations.js';
import { outcomesOf, recordOutcome } from '../model/record-outcome.js';
import { ObservationChecklist } from '../components/ObservationChecklist.js';


/** The "My day" screen. */
export function MyDayScreen({ active }: { readonly active: boolean }) {
  const CODES = useMemo(() => observationItems().map((i) => i.code), []);
  const { ws, t, lang, today, bodyHeight, color } = useEnv();
  const { weekVisits, caseload } = useData();
  const actions = useActions();
  const rows = useMemo(() => dayRows(weekVisits ?? [], ws.user.id, today), [weekVisits, ws, today]);
  const docs = useClientDocs(rows.map((r) => r.visit.clientId));
  const names = useMemo(() => new Map(caseload.map((r) => [r.id as string, r.name])), [caseload]);
  const [cursor, setCursor] = useState(0);
  const [observe, setObserve] = useState<(ChecklistState & { clientId: string }) | null>(null);
  const selected = rows[Math.min(cursor, rows.length - 1)];
  const docOf = (clientId: string): Y.Doc | undefined => docs.get(clientId);

  /** The client's document: already open, or opened now (a key may come before the background load). */
  const openDoc = async (clientId: string): Promise<Y.Doc | undefined> => {
    const known = docOf(clientId);
    if (known) return known;
    const res = await ws.client(clientId as ClientId);
    if (!res.ok) actions.fail(t('error.doc', { detail: res.error.code }));
    return res.ok ? res.doc : undefined;
  };
  const record = (outcome: TaskOutcome, handedTo: string | null = null) => {
    if (!selected) return actions.fail(t('error.noSelection'));
    const at = ws.clock.now().toISOString();
    void openDoc(selected.visit.clientId).then(async (doc) => {
      if (!doc) return;
      const ok = await actions.edit(doc, `task.${outcome}`, () => {
        recordOutcome(doc, { scheduledVisitId: selected.visit.id, date: today, staffId: ws.user.id, taskCode: selected.taskCode, outcome, handedTo, at, newId: (p) => ws.newId(p) });
      });
      if (ok) actions.notify(t('myday.recorded', { task: selected.taskCode, outcome: t(`outcome.${outcome}`) }));
    });
  };
  const handOver = () =>
    actions.prompt(t('myday.handedTo'), '', (v) => {
      const id = v.trim();
      if (!isIdShape(id)) return actions.fail(t('schedule.unknownStaff', { id }));
      record('handed_over', id);
    });
  const note = () => {
    if (!selected) return actions.fail(t('error.noSelection'));
    const doc = docOf(selected.visit.clientId);
    const current = doc ? outcomesOf(doc, selected.visit.id, today).get(selected.taskCode) : undefined;
    if (!doc || !current) return actions.fail(t('myday.noteFirst'));
    actions.prompt(t('myday.note'), current.note, (text) => {
      void actions.edit(doc, 'task.note', () => patchClientRecord(doc, 'taskRecords', current.id, { note: text })).then((ok) => ok && actions.notify(t('plan.saved')));
    });
  };
  const saveObservation = (clientId: string, ticked: readonly string[]) => {
    setObserve(null);
    if (ticked.length === 0) return;
    const at = ws.clock.now().toISOString();
    const alert = alertFor(ticked);
    void openDoc(clientId).then((doc) => {
      if (!doc) return;
      void actions
      .edit(doc, 'observation.add', () => {
        const obsId = ws.newId('ob');
        addClientRecord(doc, 'observations', { id: obsId, at, staffId: ws.user.id, items: [...ticked], note: '' });
        if (alert) {
          addClientRecord(doc, 'alerts', {
            id: ws.newId('al'),
            observationId: obsId,
            level: alert.level,
            raisedAt: at,
            raisedBy: ws.user.id,
            reason: alert.items.map((i) => i[lang]).join('; '),
            status: 'open',
            handledBy: null,
            handledAt: null,
            actionTaken: '',
          });
        }
      })
      .then((ok) => {
        if (!ok) return;
        if (!alert) return actions.notify(t('observe.saved'));
        const items = alert.items.map((i) => i[lang]).join(', ');
        if (alert.level === 'emergency') actions.fail(t('observe.emergency', { items }));
        else actions.notify(t('observe.gp', { items }));
      });
    });
  };
  const listHeight = Math.max(1, bodyHeight - 2);
  const move = (m: Move) => () => setCursor((c) => moveCursor(c, m, rows.length, listHeight));
  useBinding(
    {
      scopes: ['myday', 'list'],
      handlers: {
        ...listMoves(move),
        'myday.done': () => record('done'),
        'myday.partly': () => record('partly'),
        'myday.postponed': () => record('postponed'),
        'myday.moved': () => record('moved'),
        'myday.refused': () => record('refused'),
        'myday.handed': handOver,
        'myday.note': note,
        'myday.observe': () => selected && setObserve({ clientId: selected.visit.clientId, cursor: 0, ticked: [] }),
        'myday.openClient': () => selected && actions.navigate({ screen: 'client', clientId: selected.visit.clientId as ClientId, tab: 'profile' }),
      },
      text: observe
        ? (key) => {
            const step = checklistKey(observe, key, CODES);
            if (step.kind === 'cancel') setObserve(null);
            else if (step.kind === 'save') saveObservation(observe.clientId, step.ticked);
            else setObserve({ ...step.state, clientId: observe.clientId });
            return true;
          }
        : undefined,
    },
    active,
  );

  if (observe) return <ObservationChecklist name={names.get(observe.clientId) ?? observe.clientId} state={observe} />;
  const title = <Text bold>{t('myday.title', { date: today })}</Text>;
  if (weekVisits === null) return <Text dimColor>{t('loading')}</Text>;
  if (rows.length === 0)
    return (
      <Box flexDirection="column">
        {title}
        <Text wrap="wrap">{t('myday.empty')}</Text>
      </Box>
    );
  const { top, rows: visible } = visibleRows(rows, cursor, listHeight);
  return (
    <Box flexDirection="column">
      {title}
      {visible.map((r, i) => {
        const doc = docOf(r.visit.clientId);
        const done = doc ? outcomesOf(doc, r.visit.id, today).get(r.taskCode) : undefined;
        const head = r.first ? `${hhmm(r.visit.start)} ${(names.get(r.visit.clientId) ?? r.visit.clientId).padEnd(24)}` : ' '.repeat(30);
        const task = r.taskCode === 'visit' ? t('myday.visitTask') : r.taskCode;
        return (
          <Text key={`${r.visit.id}/${r.taskCode}`} wrap="truncate">
            <Text bold={r.first}>{head} </Text>
            <Text inverse={top + i === cursor}>{` ${task.padEnd(22)} `}</Text>
            <Text color={done ? (done.outcome === 'done' ? color('green') : color('yellow')) : undefined}>{done ? ` ✓ ${t(`outcome.${done.outcome}`)}${done.note ? ` — ${done.note}` : ''}` : ' ·'}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
