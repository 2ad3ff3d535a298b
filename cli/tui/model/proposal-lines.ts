/** How proposal review rows read: a mark for the decision, what the item is, and its "because". */
import type { Catalogues } from '../../../core/catalogue/parse.js';
import { explainBecause } from '../../../core/translation/explain.js';
import type { Translate, Lang } from '../i18n/messages.js';
import type { Decision, Review, ReviewItem } from './proposal-review.js';
import { becauseOf } from './proposal-review.js';

/** `[✓]` accepted, `[✗]` rejected, `[ ]` undecided. */
export function decisionMark(d: Decision | undefined): string {
  return d === 'accepted' ? '[✓]' : d === 'rejected' ? '[✗]' : '[ ]';
}

/** What an item is, in one line (without its reason). */
export function itemText(c: Catalogues, review: Review, item: ReviewItem, lang: Lang, t: Translate): string {
  const freq = (code: string | null) => (code ? (c.frequencies.get(code)?.label[lang] ?? code) : '—');
  if (item.kind === 'task') {
    const k = item.task;
    return `+ ${k.label[lang]} — ${freq(k.frequency)}, ${k.durationMin} min${k.inSeason ? '' : ` (${t('proposal.outOfSeason')})`}`;
  }
  if (item.kind === 'referral') return `→ ${t(`proposal.to.${item.referral.to}`)}: ${item.referral.label[lang]}`;
  if (item.kind === 'service') {
    const s = item.service;
    const hours = s.hoursPerWeek ? ` ${s.hoursPerWeek.min}–${s.hoursPerWeek.max} h` : '';
    return `* ${s.label[lang]}${hours}${s.status === 'blocked' ? ` [${t('proposal.blocked')}: ${s.blockedReason?.[lang] ?? s.blockedCode ?? ''}]` : ''}`;
  }
  const ch = item.change;
  const row = ch.planItemId ? review.currentItems.find((i) => i.id === ch.planItemId) : undefined;
  const name = ch.task?.label[lang] ?? row?.taskText ?? ch.taskCode;
  const sign = ch.kind === 'add' ? '+' : ch.kind === 'remove' ? '−' : '~';
  return `${sign} ${t(`proposal.kind.${ch.kind}`)} ${name} (${freq(ch.from)} → ${freq(ch.to)})`;
}

/** Why the item is proposed, in words: rule, rule table and the answers. */
export function becauseText(c: Catalogues, item: ReviewItem, lang: Lang, t: Translate): string {
  const b = becauseOf(item);
  if (!b) return t('proposal.removeWhy');
  const also = item.kind === 'change' ? (item.change.task?.alsoBecause.length ?? 0) : item.kind === 'task' ? item.task.alsoBecause.length : item.kind === 'referral' ? item.referral.alsoBecause.length : item.service.alsoBecause.length;
  return `${t('proposal.because', { why: explainBecause(c, b, lang) })}${also > 0 ? ` ${t('proposal.alsoBecause', { n: also })}` : ''}`;
}

/** Counts of decisions over the items on show. */
export function decisionCounts(review: Review): { accepted: number; rejected: number; open: number } {
  let accepted = 0;
  let rejected = 0;
  for (const i of review.items) {
    const d = review.decisions.get(i.key)?.decision;
    if (d === 'accepted') accepted++;
    else if (d === 'rejected') rejected++;
  }
  return { accepted, rejected, open: review.items.length - accepted - rejected };
}

/** The summary line above the rows. */
export function summaryText(review: Review, lang: Lang, t: Translate): string {
  const n = decisionCounts(review);
  if (review.mode === 'reassessment') return t('proposal.summary.diff', { n: review.items.length, ...n });
  const lvl = review.proposal.careLevel;
  const level = lvl ? `${lvl.level.label[lang]} (${lvl.instrument} ${lvl.total})` : t('proposal.noLevel');
  return t('proposal.summary.first', { level, minutes: review.proposal.weeklyMinutes, ...n });
}
