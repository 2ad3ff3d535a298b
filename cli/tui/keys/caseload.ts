/** The caseload list as a pure reducer: cursor, filter-as-you-type, sort, ended clients on/off. */
import type { CaseloadRow } from '../../workspace/workspace.js';
import { fold } from './fuzzy.js';
import type { KeyName } from './key-names.js';
import type { Move } from './list-window.js';
import { moveCursor } from './list-window.js';
import { editText } from './text-field.js';

export const CASELOAD_SORTS = ['name', 'group', 'markers'] as const;
export type CaseloadSort = (typeof CASELOAD_SORTS)[number];

export interface CaseloadState {
  readonly cursor: number;
  readonly filter: string;
  readonly filtering: boolean;
  readonly sort: CaseloadSort;
  readonly showEnded: boolean;
}

export const INITIAL_CASELOAD: CaseloadState = { cursor: 0, filter: '', filtering: false, sort: 'name', showEnded: false };

export type CaseloadAction =
  | { readonly type: 'move'; readonly move: Move; readonly count: number; readonly page: number }
  | { readonly type: 'startFilter' }
  | { readonly type: 'filterKey'; readonly key: KeyName; readonly count: number; readonly page: number }
  | { readonly type: 'sort' }
  | { readonly type: 'toggleEnded' };

/** Applies one action to the caseload state. */
export function caseloadReducer(s: CaseloadState, a: CaseloadAction): CaseloadState {
  switch (a.type) {
    case 'move':
      return { ...s, cursor: moveCursor(s.cursor, a.move, a.count, a.page) };
    case 'startFilter':
      return { ...s, filtering: true };
    case 'filterKey': {
      if (a.key === 'esc') return { ...s, filtering: false, filter: '', cursor: 0 };
      if (a.key === 'enter') return { ...s, filtering: false };
      if (a.key === 'down' || a.key === 'up') return { ...s, cursor: moveCursor(s.cursor, a.key, a.count, a.page) };
      const filter = editText(s.filter, a.key);
      return filter === null || filter === s.filter ? s : { ...s, filter, cursor: 0 };
    }
    case 'sort':
      return { ...s, sort: CASELOAD_SORTS[(CASELOAD_SORTS.indexOf(s.sort) + 1) % CASELOAD_SORTS.length]!, cursor: 0 };
    case 'toggleEnded':
      return { ...s, showEnded: !s.showEnded, cursor: 0 };
    default: {
      const never: never = a;
      return never;
    }
  }
}

/** A caseload row with its search text folded once (so filtering 3,000 rows per key stays cheap). */
export interface IndexedRow extends CaseloadRow {
  readonly search: string;
}

/**
 * Prepares rows for filtering. The search text is folded on first use, not here: the first frame
 * needs none of it (see `warmCaseload`, which folds it all once the screen is up).
 */
export function indexCaseload(rows: readonly CaseloadRow[]): IndexedRow[] {
  return rows.map((r) => {
    let search: string | null = null;
    return Object.defineProperty({ ...r }, 'search', { enumerable: true, get: () => (search ??= fold(`${r.name} ${r.id} ${r.careGroupId ?? ''}`)) }) as IndexedRow;
  });
}

/** Folds every row's search text now (after the first frame), so the first filter key is fast too. */
export function warmCaseload(rows: readonly IndexedRow[]): void {
  for (const r of rows) void r.search;
}

/**
 * The rows to show: filtered (every word of the filter must appear), ended ones hidden unless asked,
 * sorted. `markers` is asked only to sort by markers: the screen works them out for the rows it shows.
 */
export function selectRows(rows: readonly IndexedRow[], s: Pick<CaseloadState, 'filter' | 'sort' | 'showEnded'>, markers: (id: string) => string): IndexedRow[] {
  const words = fold(s.filter).split(/\s+/).filter(Boolean);
  const out: IndexedRow[] = [];
  for (const row of rows) {
    if (!s.showEnded && row.status === 'ended') continue;
    if (words.length > 0 && !words.every((w) => row.search.includes(w))) continue;
    out.push(row);
  }
  if (s.sort === 'group') out.sort((a, b) => (a.careGroupId ?? '~').localeCompare(b.careGroupId ?? '~') || a.name.localeCompare(b.name, 'lv'));
  if (s.sort === 'markers') {
    const count = new Map(out.map((r) => [r.id as string, markers(r.id).trim().length]));
    out.sort((a, b) => count.get(b.id)! - count.get(a.id)! || a.name.localeCompare(b.name, 'lv'));
  }
  return out;
}
