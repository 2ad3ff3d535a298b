/**
 * Undo / redo of the local user's own edits: one Y.UndoManager per edited document, tracking only
 * LocalOrigin transactions (remote and loaded updates are never undone), and a stack of which
 * document each step belongs to.
 */
import { useCallback, useRef } from 'react';
import * as Y from 'yjs';
import { readMeta } from '../../../core/doc/meta.js';
import { LocalOrigin } from '../../../core/doc/origin.js';
import { COLLECTIONS } from '../../../core/doc/schema.js';

const SINGLETONS: Record<string, readonly string[]> = { client: ['profile'], org: ['settings'], schedule: [] };

function scopeOf(doc: Y.Doc): Y.Map<unknown>[] {
  const kind = readMeta(doc).kind ?? 'client';
  const names = [...Object.keys(COLLECTIONS[kind]), ...(SINGLETONS[kind] ?? [])];
  return names.map((n) => doc.getMap(n));
}

/** The undo stack of this session. */
export function useUndoStack() {
  const managers = useRef(new Map<Y.Doc, Y.UndoManager>());
  const done = useRef<Y.Doc[]>([]);
  const undone = useRef<Y.Doc[]>([]);

  /** Makes sure edits of `doc` are tracked (call before the first edit). */
  const track = useCallback((doc: Y.Doc) => {
    if (!managers.current.has(doc)) {
      managers.current.set(doc, new Y.UndoManager(scopeOf(doc), { trackedOrigins: new Set([LocalOrigin]), captureTimeout: 0 }));
    }
  }, []);
  /** Records that an edit of `doc` happened. */
  const pushed = useCallback((doc: Y.Doc) => {
    done.current.push(doc);
    undone.current = [];
  }, []);
  const step = useCallback((from: Y.Doc[], to: Y.Doc[], redo: boolean): Y.Doc | null => {
    while (from.length > 0) {
      const doc = from.pop()!;
      const um = managers.current.get(doc);
      if (!um) continue;
      const item = redo ? um.redo() : um.undo();
      if (item) {
        to.push(doc);
        return doc;
      }
    }
    return null;
  }, []);
  const undo = useCallback(() => step(done.current, undone.current, false), [step]);
  const redo = useCallback(() => step(undone.current, done.current, true), [step]);
  const canUndo = () => done.current.length > 0;
  const canRedo = () => undone.current.length > 0;
  return { track, pushed, undo, redo, canUndo, canRedo };
}
