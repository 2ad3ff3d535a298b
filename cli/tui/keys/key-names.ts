/**
 * Pure key parsing: turns one Ink input event into key names ("j", "enter", "ctrl+r" …).
 * Terminals and tmux batch fast typing into one chunk ("jjj"), so a chunk becomes several keys.
 */

/** The key flags Ink passes to `useInput` (the subset we read). */
export interface InkKeyFlags {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly home?: boolean;
  readonly end?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly ctrl?: boolean;
  readonly shift?: boolean;
  readonly tab?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly meta?: boolean;
}

/** A single named key: a printable character ("j", "G", "ā", " ") or a name ("enter", "esc", "up", "ctrl+r"). */
export type KeyName = string;

const CONTROL: Record<string, KeyName> = { '\r': 'enter', '\n': 'enter', '\t': 'tab', '\x7f': 'backspace', '\b': 'backspace', '\x1b': 'esc' };

/** Splits one input event into single keys, so "jjj" moves three rows and "abc" types three letters. */
export function splitKeys(input: string, key: InkKeyFlags): KeyName[] {
  if (key.upArrow) return ['up'];
  if (key.downArrow) return ['down'];
  if (key.leftArrow) return ['left'];
  if (key.rightArrow) return ['right'];
  if (key.pageUp) return ['pageup'];
  if (key.pageDown) return ['pagedown'];
  if (key.home) return ['home'];
  if (key.end) return ['end'];
  if (key.tab) return [key.shift ? 'shift+tab' : 'tab'];
  if (key.backspace || key.delete) return ['backspace'];
  if (key.escape && input.length <= 1) return ['esc'];
  if (key.ctrl && input.length === 1) return [`ctrl+${input.toLowerCase()}`];
  if (key.return && input.length <= 1) return ['enter'];
  const out: KeyName[] = [];
  for (const ch of input) {
    const named = CONTROL[ch];
    if (named) out.push(named);
    else if (ch < ' ') out.push(`ctrl+${String.fromCharCode(ch.charCodeAt(0) + 96)}`);
    else out.push(ch);
  }
  return out;
}

/** Whether a key is a printable character (goes into a text field). */
export function isPrintable(k: KeyName): boolean {
  return [...k].length === 1 && k >= ' ';
}

/** How a key is shown in help: "enter" → "Enter", " " → "Space". */
export function showKey(k: KeyName): string {
  const names: Record<string, string> = { ' ': 'Space', enter: 'Enter', esc: 'Esc', up: '↑', down: '↓', left: '←', right: '→', tab: 'Tab', 'shift+tab': 'Shift+Tab', pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End', backspace: 'Backspace' };
  return names[k] ?? (k.startsWith('ctrl+') ? `Ctrl+${k.slice(5)}` : k);
}
