/**
 * Runs the app with live sync when a relay is configured (`apsis sync --server … --token …` once):
 * every document the UI opens is kept in sync in the background (for managers and coordinators
 * also today's visited clients: hooks/useLiveExecution.ts); the status bar shows online / offline
 * and how many changes wait for the relay.
 */
import { useEffect, useState } from 'react';
import type { LiveSync } from '../../sync/live-sync.js';
import type { Workspace } from '../../workspace/workspace.js';
import type { Lang } from '../i18n/messages.js';
import { App } from './App.js';
import type { SyncStatus } from './context.js';

export function WithLiveSync({ ws, lang, noColor }: { readonly ws: Workspace; readonly lang: Lang; readonly noColor: boolean }) {
  const [sync, setSync] = useState<SyncStatus>({ state: 'offline', waiting: 0 });
  useEffect(() => {
    const { serverUrl, token } = ws.meta.settings;
    if (!serverUrl || !token) return;
    // Loaded after the first frame and only with a relay configured: ws and Node's http cost ~40 ms
    // at start. Documents opened meanwhile are not missed: onDocOpened replays the open ones.
    let stopped = false;
    let stop = () => {};
    void import('../../sync/live-sync.js').then(({ LiveSync: Live }) => {
      if (stopped) return;
      const live: LiveSync = new Live({ url: serverUrl, token, namespace: ws.meta.namespace });
      const offChange = live.onChange((s) => setSync({ state: s.online ? 'online' : 'offline', waiting: s.pending }));
      const offOpen = ws.onDocOpened((docId, doc) => live.add(docId, doc));
      void ws.org();
      live.start();
      stop = () => {
        offOpen();
        offChange();
        live.destroy();
      };
    });
    return () => {
      stopped = true;
      stop();
    };
  }, [ws]);
  return <App ws={ws} lang={lang} noColor={noColor} sync={sync} />;
}
