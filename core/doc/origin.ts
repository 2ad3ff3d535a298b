/** Transaction origins: who made a change, so undo can track "my edits" and history can say who. */
import type * as Y from 'yjs';

/** A change made by the local user through the CLI or the TUI. Undo managers track this class. */
export class LocalOrigin {
  constructor(
    readonly userId: string,
    /** Short name of the user action, e.g. `client.add`, for logs and history. */
    readonly action: string,
  ) {}
}

/** Runs one user action as one Yjs transaction (one update, one undo step). */
export function act<T>(doc: Y.Doc, origin: LocalOrigin, fn: () => T): T {
  let out!: T;
  doc.transact(() => {
    out = fn();
  }, origin);
  return out;
}
