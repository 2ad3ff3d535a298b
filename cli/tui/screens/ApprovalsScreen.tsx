/** Approvals (manager): submitted assessments waiting for a second person; approve or return with a reason. */
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import { patchClientRecord } from '../../../core/doc/client-doc.js';
import type { Assessment } from '../../../core/doc/schema.js';
import type { ClientId } from '../../../core/ids.js';
import { useActions, useData, useEnv } from '../app/context.js';
import { useBinding } from '../hooks/useBinding.js';
import { useScan } from '../hooks/useClientScan.js';
import type { MsgKey } from '../i18n/messages.js';
import { moveCursor, visibleRows } from '../keys/list-window.js';
import { checkDecision } from '../model/four-eyes.js';

interface Waiting {
  readonly clientId: ClientId;
  readonly name: string;
  readonly assessment: Assessment;
}

/** The approvals screen. */
export function ApprovalsScreen({ active }: { readonly active: boolean }) {
  const { ws, t, bodyHeight, color } = useEnv();
  const { caseload } = useData();
  const { summaries, problems, scanned, total: scanTotal } = useScan();
  const actions = useActions();
  const waiting = useMemo<Waiting[]>(() => {
    const out: Waiting[] = [];
    for (const row of caseload) for (const a of summaries.get(row.id)?.submitted ?? []) out.push({ clientId: row.id, name: row.name, assessment: a });
    return out.sort((a, b) => (a.assessment.submittedAt ?? '').localeCompare(b.assessment.submittedAt ?? ''));
  }, [caseload, summaries]);
  const [cursor, setCursor] = useState(0);
  const selected = waiting[Math.min(cursor, waiting.length - 1)];

  const decide = (verb: 'approve' | 'return') => {
    if (!selected) return actions.fail(t('error.noSelection'));
    const check = checkDecision(selected.assessment, ws.user.id, ws.user.role);
    if (!check.ok) return actions.fail(t(`approvals.${check.reason}` as MsgKey));
    const write = async (patch: Partial<Assessment>, done: MsgKey) => {
      const opened = await ws.client(selected.clientId);
      if (!opened.ok) return actions.fail(t('error.doc', { detail: opened.error.code }));
      const doc = opened.doc;
      const ok = await actions.edit(doc, `assessment.${verb}`, () => {
        patchClientRecord(doc, 'assessments', selected.assessment.id, { ...patch, approverId: ws.user.id, decidedAt: ws.clock.now().toISOString() });
      });
      if (ok) actions.notify(t(done));
    };
    if (verb === 'approve') actions.confirm(t('approvals.confirmApprove', { name: selected.name }), () => void write({ status: 'approved' }, 'approvals.approved'));
    else
      actions.prompt(t('approvals.reason'), '', (reason) => {
        if (reason.trim() === '') return actions.fail(t('approvals.reasonRequired'));
        void write({ status: 'returned', returnReason: reason.trim() }, 'approvals.returned');
      });
  };
  useBinding(
    {
      scopes: ['approvals', 'list'],
      handlers: {
        'list.down': () => setCursor((c) => moveCursor(c, 'down', waiting.length, 1)),
        'list.up': () => setCursor((c) => moveCursor(c, 'up', waiting.length, 1)),
        'approvals.approve': () => decide('approve'),
        'approvals.return': () => decide('return'),
        'approvals.open': () => selected && actions.navigate({ screen: 'client', clientId: selected.clientId, tab: 'assessment' }),
      },
    },
    active,
  );
  const loading = scanned < scanTotal ? <Text dimColor>{t('approvals.loading', { done: scanned, total: scanTotal })}</Text> : null;
  const unreadable = problems.size > 0 ? <Text color={color('yellow')}>{t('scan.unreadableApprovals', { n: problems.size })}</Text> : null;
  if (waiting.length === 0)
    return (
      <Box flexDirection="column">
        <Text bold>{t('screen.approvals')}</Text>
        {loading ?? (unreadable ? null : <Text dimColor>{t('approvals.empty')}</Text>)}
        {unreadable}
      </Box>
    );
  const { top, rows } = visibleRows(waiting, cursor, Math.max(1, bodyHeight - 2));
  return (
    <Box flexDirection="column">
      <Text bold>{t('screen.approvals')}</Text>
      {rows.map((w, i) => (
        <Text key={w.assessment.id} inverse={top + i === cursor} wrap="truncate">
          {`${w.name.padEnd(28)} ${w.assessment.instrumentId.padEnd(16)} ${t('approvals.by', { who: w.assessment.assessorId, at: (w.assessment.submittedAt ?? '').slice(0, 10) })}${w.assessment.assessorId === ws.user.id ? ' ⚠' : ''}`}
        </Text>
      ))}
      {loading}
      {unreadable}
    </Box>
  );
}
