/** The shell's modal layers (help, palette, confirm, prompt) as a pure function of keys. Modals get keys first. */
import type { Command } from './commands.js';
import { fuzzyFilter } from './fuzzy.js';
import type { KeyName } from './key-names.js';
import { moveCursor } from './list-window.js';
import { editText } from './text-field.js';

export type Overlay =
  | { readonly kind: 'none' }
  | { readonly kind: 'help'; readonly scroll: number }
  | { readonly kind: 'palette'; readonly query: string; readonly cursor: number }
  | { readonly kind: 'confirm'; readonly message: string; readonly onYes: () => void }
  | { readonly kind: 'prompt'; readonly label: string; readonly value: string; readonly onSubmit: (value: string) => void };

export const NO_OVERLAY: Overlay = { kind: 'none' };

/** What a key did to a modal: the next modal state, and maybe something to run. */
export interface OverlayStep {
  readonly next: Overlay;
  readonly run?: () => void;
  readonly command?: string;
}

/** The palette's matches for its query. */
export function paletteMatches(commands: readonly Command[], query: string, label: (c: Command) => string): Command[] {
  return fuzzyFilter(
    commands.filter((c) => c.id !== 'app.palette'),
    query,
    (c) => `${label(c)} ${c.id}`,
  );
}

/** Applies one key to the open modal. */
export function overlayKey(o: Overlay, key: KeyName, commands: readonly Command[], label: (c: Command) => string): OverlayStep {
  switch (o.kind) {
    case 'none':
      return { next: o };
    case 'help':
      if (key === 'j' || key === 'down') return { next: { ...o, scroll: o.scroll + 1 } };
      if (key === 'k' || key === 'up') return { next: { ...o, scroll: Math.max(0, o.scroll - 1) } };
      return { next: NO_OVERLAY };
    case 'confirm':
      if (key === 'y' || key === 'j' || key === 'Y' || key === 'J') return { next: NO_OVERLAY, run: o.onYes };
      if (key === 'n' || key === 'N' || key === 'esc') return { next: NO_OVERLAY };
      return { next: o };
    case 'prompt': {
      if (key === 'esc') return { next: NO_OVERLAY };
      if (key === 'enter') {
        const value = o.value;
        return { next: NO_OVERLAY, run: () => o.onSubmit(value) };
      }
      const value = editText(o.value, key);
      return { next: value === null ? o : { ...o, value } };
    }
    case 'palette': {
      const matches = paletteMatches(commands, o.query, label);
      if (key === 'esc') return { next: NO_OVERLAY };
      if (key === 'enter') {
        const chosen = matches[o.cursor];
        return chosen ? { next: NO_OVERLAY, command: chosen.id } : { next: NO_OVERLAY };
      }
      if (key === 'down' || key === 'ctrl+n') return { next: { ...o, cursor: moveCursor(o.cursor, 'down', matches.length, 1) } };
      if (key === 'up' || key === 'ctrl+p') return { next: { ...o, cursor: moveCursor(o.cursor, 'up', matches.length, 1) } };
      const query = editText(o.query, key);
      return { next: query === null ? o : { kind: 'palette', query, cursor: 0 } };
    }
    default: {
      const never: never = o;
      return { next: never };
    }
  }
}
