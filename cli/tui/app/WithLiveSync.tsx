/**
 * Runs the app with live sync when a relay is configured (`apsis sync --server … --token …` once):
 * every document the UI opens is kept in sync in the background; the status bar shows
 * online / offline and how many changes wait for the relay.
 */
import { useEffect, useState } from 'react';
import { LiveSync } from '../../sync/live-sync.js';
import type { Workspace } from '../../workspace/workspace.js';
import type { Lang } from '../i18n/messages.js';
import { App } from './App.js';
import type { SyncStatus } from './context.js';

export function WithLiveSync({ ws, lang, noColor }: { readonly ws: Workspace; readonly lang: Lang; readonly noColor: boolean }) {
  const [sync, setSync] = useState<SyncStatus>({ state: 'offline', waiting: 0 });
  useEffect(() => {
    const { serverUrl, token } = ws.meta.settings;
    if (!serverUrl || !token) return;
    const live = new LiveSync({ url: serverUrl, token, namespace: ws.meta.namespace });
    const offChange = live.onChange((s) => setSync({ state: s.online ? 'online' : 'offline', waiting: s.pending }));
    const offOpen = ws.onDocOpened((docId, doc) => live.add(docId, doc));
    void ws.org();
    live.start();
    return () => {
      offOpen();
      offChange();
      live.destroy();
    };
  }, [ws]);
  return <App ws={ws} lang={lang} noColor={noColor} sync={sync} />;
}
