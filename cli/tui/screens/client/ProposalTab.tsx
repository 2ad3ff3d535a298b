/**
 * Proposal tab: the services, tasks and referrals translated from the client's approved
 * assessments, each with its "because", accepted or rejected one by one (saved at once, undoable);
 * P makes the first plan from the accepted ones. With a plan in place it shows the reassessment
 * diff (added / removed / changed tasks) and each accepted change goes into the plan at once.
 */
import { Box, Text } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { Catalogues } from '../../../../core/catalogue/parse.js';
import { describeIssues } from '../../../../core/validate/issues.js';
import { approvedBasis, proposalFor, ruleTableId } from '../../../care/context.js';
import { useActions, useEnv } from '../../app/context.js';
import { useBinding } from '../../hooks/useBinding.js';
import { COMMANDS } from '../../keys/commands.js';
import type { Move } from '../../keys/list-window.js';
import { listMoves, moveCursor, visibleRows } from '../../keys/list-window.js';
import { tuiCatalogues } from '../../model/catalogue.js';
import { becauseText, decisionMark, itemText, summaryText } from '../../model/proposal-lines.js';
import type { DecideContext, Decision, Planned, Review } from '../../model/proposal-review.js';
import { applyWrites, buildReview, planDecision, planFromAccepted } from '../../model/proposal-review.js';
import type { TabProps } from './tab-props.js';

type Loaded = { readonly kind: 'message'; readonly text: string; readonly error: boolean } | { readonly kind: 'review'; readonly review: Review; readonly c: Catalogues };

/** The organisation's rule table id, null until read. */
function useRuleTable(c: Catalogues | null): string | null {
  const { ws } = useEnv();
  const [id, setId] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (c) void ruleTableId(ws, c).then((v) => live && setId(v));
    return () => {
      live = false;
    };
  }, [ws, c]);
  return id;
}

const HINT_IDS = ['proposal.accept', 'proposal.reject', 'proposal.plan'] as const;

/** The proposal tab. */
export function ProposalTab({ doc, version, tabHandlers, active }: TabProps) {
  const { ws, t, lang, today, bodyHeight } = useEnv();
  const actions = useActions();
  const cat = tuiCatalogues();
  const tableId = useRuleTable(cat.ok ? cat.value : null);
  const [cursor, setCursor] = useState(0);

  const loaded = useMemo((): Loaded => {
    if (!cat.ok) return { kind: 'message', error: true, text: t('proposal.catalogueInvalid', { detail: cat.issues.map((i) => `${i.file}: ${i.path}: ${i.message}`).join('; ') }) };
    if (tableId === null) return { kind: 'message', error: false, text: t('proposal.loadingTable') };
    const basis = approvedBasis(doc);
    if (basis.length === 0) return { kind: 'message', error: false, text: t('proposal.none') };
    const res = proposalFor(cat.value, doc, basis, tableId, today);
    if (!res.ok) return { kind: 'message', error: true, text: t('proposal.failed', { detail: res.issues.join('; ') }) };
    return { kind: 'review', review: buildReview(doc, res.proposal, basis), c: cat.value };
    // `version` changes with every update of the document: re-read it then.
  }, [cat, tableId, doc, version, today, t]);

  const review = loaded.kind === 'review' ? loaded.review : null;
  const items = review?.items ?? [];
  const at = Math.min(cursor, Math.max(0, items.length - 1));
  const selected = items[at];

  const ctx = (): DecideContext => {
    const now = ws.clock.now().toISOString();
    return {
      today,
      createdAt: now.slice(0, 16),
      decidedAt: now.slice(0, 16),
      createdBy: ws.user.id,
      assessmentId: review?.assessmentId || null,
      responsibleId: null,
      lang,
      newId: (hint) => ws.newId(hint.startsWith('plan') ? 'pl' : hint === 'decision' ? 'pd' : hint === 'service' ? 'sv' : 'pi'),
    };
  };
  const run = (planned: Planned, action: string, done: string) => {
    if (!planned.ok) return actions.fail(t('proposal.cannot', { detail: describeIssues('', planned.issues).replace(/^: /gm, '') }));
    void actions.edit(doc, action, () => applyWrites(doc, planned.writes)).then((ok) => ok && actions.notify(done));
  };
  const decide = (decision: Decision) => {
    if (!review || loaded.kind !== 'review' || !selected) return actions.fail(t('error.noSelection'));
    const label = itemText(loaded.c, review, selected, lang, t);
    const prev = review.decisions.get(selected.key)?.decision;
    if (prev === decision) return actions.notify(t('proposal.already', { state: t(`proposal.state.${decision}`), item: label }));
    const done =
      decision === 'rejected' ? t('proposal.rejected', { item: label })
      : selected.kind === 'service' ? t('proposal.granted', { item: label })
      : selected.kind === 'change' ? t('proposal.applyDone', { item: label })
      : t('proposal.accepted', { item: label });
    run(planDecision(review, selected, decision, label, ctx()), `proposal.${decision === 'accepted' ? 'accept' : 'reject'}`, done);
  };
  const makePlan = () => {
    if (!review) return actions.fail(t('proposal.none'));
    if (review.mode !== 'first') return actions.fail(t('proposal.planExists'));
    const made = planFromAccepted(review, ctx());
    if (!made) return actions.fail(t('proposal.nothingAccepted'));
    run(made.planned, 'plan.generate', t('proposal.planMade', { rows: made.tasks }));
  };
  const move = (m: Move) => () => setCursor((c) => moveCursor(Math.min(c, Math.max(0, items.length - 1)), m, items.length, 5));
  useBinding(
    {
      scopes: ['proposal', 'client', 'list'],
      handlers: {
        ...tabHandlers,
        ...listMoves(move),
        'proposal.accept': () => decide('accepted'),
        'proposal.reject': () => decide('rejected'),
        'proposal.plan': makePlan,
      },
    },
    active,
  );

  if (loaded.kind === 'message') return <Text color={loaded.error ? 'red' : undefined} dimColor={!loaded.error} wrap="wrap">{loaded.text}</Text>;
  const r = loaded.review;
  const hint = COMMANDS.filter((c) => (HINT_IDS as readonly string[]).includes(c.id) && (c.id !== 'proposal.plan' || r.mode === 'first'))
    .map((c) => `${c.keys[0]} ${t(c.label)}`)
    .join(' · ');
  const applied = r.applied.map((d) => d.label).join('; ');
  // Summary, applied, the reason of the selected row (2 lines) and the key hint take 5 of the rows.
  const { top, rows } = visibleRows(items, at, Math.max(1, bodyHeight - 3 - 4 - (applied ? 1 : 0)));
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {summaryText(r, lang, t)}
      </Text>
      {applied && <Text dimColor wrap="truncate">{t('proposal.applied', { items: applied })}</Text>}
      {items.length === 0 && <Text>{t('proposal.upToDate')}</Text>}
      {rows.map((item, n) => (
        <Text key={item.key} inverse={top + n === at} wrap="truncate">
          {`${decisionMark(r.decisions.get(item.key)?.decision)} ${itemText(loaded.c, r, item, lang, t)}`}
        </Text>
      ))}
      <Box height={2} overflow="hidden">
        <Text dimColor wrap="wrap">
          {selected ? becauseText(loaded.c, selected, lang, t) : ''}
        </Text>
      </Box>
      <Text dimColor wrap="truncate">
        {hint}
      </Text>
    </Box>
  );
}
