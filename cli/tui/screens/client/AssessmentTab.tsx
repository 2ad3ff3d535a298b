/**
 * Assessment tab: the client's assessments; Enter opens one. A draft (or returned) one is answered
 * by keyboard — j/k move between items, +/- (or . ,) change the answer — and the scores, care level
 * and flags are recomputed by core on every change. S submits (complete answers only).
 */
import { Box, Text } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { scoreAssessment } from '../../../../core/assessment/score.js';
import { submit as submitTransition } from '../../../../core/assessment/workflow.js';
import { applyAssessmentTransition } from '../../../../core/assessment/workflow-doc.js';
import type { Catalogues } from '../../../../core/catalogue/parse.js';
import { addClientRecord, getClientRecord, listClientRecords, patchClientRecord, readProfile } from '../../../../core/doc/client-doc.js';
import { readSettings } from '../../../../core/doc/org-doc.js';
import type { Assessment } from '../../../../core/doc/schema.js';
import { assessAndTranslate } from '../../../../core/translation/pipeline.js';
import { tuiCatalogues } from '../../model/catalogue.js';
import { useActions, useEnv } from '../../app/context.js';
import { useBinding } from '../../hooks/useBinding.js';
import { moveCursor, visibleRows } from '../../keys/list-window.js';
import type { TabProps } from './tab-props.js';


/** Live results for the answers as they are now. */
function liveScore(c: Catalogues, doc: Y.Doc, a: Assessment, ruleTableId: string, today: string) {
  const ins = c.instrumentVersions.get(`${a.instrumentId}@${a.instrumentVersion}`);
  if (!ins) return null;
  const table = c.ruleTables.get(ruleTableId) ?? [...c.ruleTables.values()][0];
  const scored = scoreAssessment(ins, a.answers, table);
  const profile = readProfile(doc);
  const res = table ? assessAndTranslate(c, [a], table.id, { profile: profile.ok ? profile.value : null, gpStatements: listClientRecords(doc, 'gpStatements').records, today }) : null;
  return { ins, scored, level: res?.ok ? (res.proposal.careLevel?.level.code ?? null) : null };
}

/** The assessment tab. */
export function AssessmentTab({ doc, tabHandlers, active }: TabProps) {
  const { ws, t, bodyHeight, lang, today } = useEnv();
  const actions = useActions();
  const list = listClientRecords(doc, 'assessments').records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const [cursor, setCursor] = useState(0);
  const [open, setOpen] = useState(false);
  const [item, setItem] = useState(0);
  const selected = list[Math.min(cursor, list.length - 1)];
  const cat = tuiCatalogues();
  // The organisation's rule table (settings), `riga` until it is read.
  const [tableId, setTableId] = useState('riga');
  useEffect(() => {
    let live = true;
    void ws.org().then((org) => {
      const s = org.ok ? readSettings(org.doc) : null;
      if (live && s?.ok && s.value.ruleTableId) setTableId(s.value.ruleTableId);
    });
    return () => {
      live = false;
    };
  }, [ws]);
  const live = cat.ok && selected ? liveScore(cat.value, doc, selected, tableId, today) : null;
  const itemCount = live?.ins.items.length ?? 0;
  const editable = selected && (selected.status === 'draft' || selected.status === 'returned') && selected.assessorId === ws.user.id;

  // Keys can arrive faster than renders: read the item cursor from a ref and the answers from the
  // document, so a quick "+ j +" never acts on a stale item or a stale answer.
  // The ref leads and the state follows (for rendering): a render with a not-yet-updated state must not move it back.
  const itemRef = useRef(item);
  const moveItem = (move: 'down' | 'up') => {
    itemRef.current = moveCursor(itemRef.current, move, itemCount, 1);
    setItem(itemRef.current);
  };
  const setAnswer = (step: number) => {
    if (!open || !selected || !live) return;
    if (!editable) return actions.fail(t('assessment.notDraft'));
    const it = live.ins.items[itemRef.current];
    if (!it) return;
    const fresh = getClientRecord(doc, 'assessments', selected.id);
    const answers = fresh?.ok ? fresh.value.answers : selected.answers;
    const current = it.levels.findIndex((l) => l.code === answers[it.id]);
    const next = Math.max(0, Math.min(it.levels.length - 1, current < 0 ? 0 : current + step));
    void actions.edit(doc, 'assessment.answer', () => {
      patchClientRecord(doc, 'assessments', selected.id, { answers: { [it.id]: it.levels[next]!.code } });
    });
  };
  const create = () => {
    if (!cat.ok) return actions.fail(t('assessment.catalogueInvalid', { detail: cat.issues[0]?.message ?? '' }));
    const ins = cat.value.instruments.get('home-care-card') ?? [...cat.value.instruments.values()][0]!;
    const saved = actions.edit(doc, 'assessment.new', () => {
      addClientRecord(doc, 'assessments', { id: ws.newId('as'), instrumentId: ins.id, instrumentVersion: ins.version, answers: {}, status: 'draft', assessorId: ws.user.id, createdAt: ws.clock.now().toISOString().slice(0, 16), submittedAt: null, approverId: null, decidedAt: null, returnReason: '', ruleTable: '', reassessDue: null, note: '' });
    });
    // The draft exists as soon as edit() returns (the save follows): point at it now, not after the
    // save — a late reset would move the item cursor back under keys typed meanwhile.
    setCursor(0);
    itemRef.current = 0;
    setItem(0);
    void saved.then((ok) => ok && actions.notify(t('assessment.created')));
  };
  const submit = () => {
    if (!selected || !live) return actions.fail(t('error.noSelection'));
    const at = ws.clock.now().toISOString().slice(0, 16);
    const scored = live.scored;
    // Through the shell like every edit: saved in order, a failed save said in the status line (not
    // an unhandled rejection), the client's summary refreshed so Approvals lists it at once, undoable.
    void actions
      .edit(doc, 'assessment.submit', () => {
        const res = applyAssessmentTransition(doc, ws.user.id, 'assessment.submit', selected.id, (a) => submitTransition(a, at, scored));
        if (!res.ok) throw new Error(res.message);
      })
      .then((ok) => ok && actions.notify(t('assessment.submitted')));
  };
  useBinding(
    {
      scopes: ['assessment', 'client', 'list'],
      handlers: {
        ...tabHandlers,
        'list.down': () => (open ? moveItem('down') : setCursor((c) => moveCursor(c, 'down', list.length, 1))),
        'list.up': () => (open ? moveItem('up') : setCursor((c) => moveCursor(c, 'up', list.length, 1))),
        'assessment.open': () => setOpen((o) => !o),
        'assessment.submit': submit,
        'assessment.new': create,
        'assessment.raise': () => setAnswer(1),
        'assessment.lower': () => setAnswer(-1),
      },
    },
    active,
  );
  if (list.length === 0) return <Text dimColor>{t('assessment.none')}</Text>;
  const header = list.map((a, i) => (
    <Text key={a.id} inverse={i === cursor && !open} wrap="truncate">
      {`${a.createdAt.slice(0, 10)}  ${a.instrumentId} v${a.instrumentVersion}  ${t(`assessment.status.${a.status}`)}  ${a.assessorId}${a.reassessDue ? `  → ${a.reassessDue}` : ''}${a.returnReason ? `  (${a.returnReason})` : ''}`}
    </Text>
  ));
  if (!cat.ok) return <Box flexDirection="column">{header}<Text color="red">{t('assessment.catalogueInvalid', { detail: cat.issues[0]?.message ?? '' })}</Text></Box>;
  if (!live || !selected) return <Box flexDirection="column">{header}</Box>;
  const summary = t('assessment.live', {
    total: String(live.scored.total),
    band: live.scored.band ? live.scored.band.label[lang] : '—',
    level: live.level ?? '—',
    flags: live.scored.flags.map((f) => f.flag).join(', ') || '—',
  });
  const shown = header.slice(0, Math.min(header.length, 3));
  if (!open) {
    return (
      <Box flexDirection="column">
        {header}
        <Text wrap="truncate">{summary}</Text>
      </Box>
    );
  }
  const items = live.ins.items;
  const { rows, top } = visibleRows(items, item, Math.max(1, bodyHeight - 3 - shown.length));
  return (
    <Box flexDirection="column">
      {shown}
      <Text bold wrap="truncate">{summary}{live.scored.missing.length ? ` · ${t('assessment.unanswered', { n: String(live.scored.missing.length) })}` : ''}</Text>
      {rows.map((it, i) => {
        const code = selected.answers[it.id];
        const level = it.levels.find((l) => l.code === code);
        return (
          <Text key={it.id} inverse={top + i === item} wrap="truncate">
            {`  ${it.label[lang].slice(0, 38).padEnd(39)} ${level ? level.label[lang] : '·'}`}
          </Text>
        );
      })}
    </Box>
  );
}
