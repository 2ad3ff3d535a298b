/** Opens a workspace document and re-renders when it changes (local edits, undo, sync). */
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { DocId } from '../../../core/ids.js';
import { useEnv } from '../app/context.js';

export type DocState = { readonly status: 'loading' } | { readonly status: 'error'; readonly message: string } | { readonly status: 'ready'; readonly doc: Y.Doc; readonly version: number };

/** The document `docId`, its load state, and a version that changes with every update. */
export function useDoc(docId: DocId): DocState {
  const { ws } = useEnv();
  const [state, setState] = useState<DocState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    let detach = () => {};
    setState({ status: 'loading' });
    void ws.doc(docId).then((res) => {
      if (!live) return;
      if (!res.ok) {
        const e = res.error;
        setState({ status: 'error', message: e.code === 'damaged' ? `${e.file}: ${e.detail}. ${e.hint}` : `version ${e.version}` });
        return;
      }
      const doc = res.doc;
      let version = 0;
      const onUpdate = () => setState({ status: 'ready', doc, version: ++version });
      doc.on('update', onUpdate);
      detach = () => doc.off('update', onUpdate);
      setState({ status: 'ready', doc, version });
    });
    return () => {
      live = false;
      detach();
    };
  }, [ws, docId]);
  return state;
}
