/** A one-line text field as a pure function of keys (filter box, prompts). */
import type { KeyName } from './key-names.js';
import { isPrintable } from './key-names.js';

/** Applies one key to a text value; returns null when the key is not text editing. */
export function editText(value: string, key: KeyName): string | null {
  if (key === 'backspace') return [...value].slice(0, -1).join('');
  if (key === 'ctrl+u') return '';
  if (key === 'ctrl+w') return value.replace(/\S+\s*$/u, '');
  if (isPrintable(key)) return value + key;
  return null;
}
