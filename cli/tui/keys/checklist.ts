/** A tick-list modal (the observation checklist) as a pure reducer. */
import type { KeyName } from './key-names.js';
import { moveCursor } from './list-window.js';

export interface ChecklistState {
  readonly cursor: number;
  readonly ticked: readonly string[];
}

/** Result of a key: the next state, or `save` / `cancel`. */
export type ChecklistStep = { readonly kind: 'state'; readonly state: ChecklistState } | { readonly kind: 'save'; readonly ticked: readonly string[] } | { readonly kind: 'cancel' };

/** Applies one key to the checklist over `codes`. */
export function checklistKey(s: ChecklistState, key: KeyName, codes: readonly string[]): ChecklistStep {
  if (key === 'esc') return { kind: 'cancel' };
  if (key === 'enter') return { kind: 'save', ticked: s.ticked };
  if (key === 'j' || key === 'down') return { kind: 'state', state: { ...s, cursor: moveCursor(s.cursor, 'down', codes.length, 1) } };
  if (key === 'k' || key === 'up') return { kind: 'state', state: { ...s, cursor: moveCursor(s.cursor, 'up', codes.length, 1) } };
  if (key === ' ' || key === 'x') {
    const code = codes[s.cursor];
    if (code === undefined) return { kind: 'state', state: s };
    const ticked = s.ticked.includes(code) ? s.ticked.filter((c) => c !== code) : [...s.ticked, code];
    return { kind: 'state', state: { ...s, ticked } };
  }
  return { kind: 'state', state: s };
}
