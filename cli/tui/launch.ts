/** Loads and renders the UI: one module to import lazily, so scripted commands never load Ink or React. */
import { render } from 'ink';
import { createElement } from 'react';
import type { Workspace } from '../workspace/workspace.js';
import { WithLiveSync } from './app/WithLiveSync.js';

/** Renders the app on the real terminal and resolves when the user quits. */
export async function launchTui(ws: Workspace, lang: 'lv' | 'en', noColor: boolean): Promise<void> {
  const app = render(createElement(WithLiveSync, { ws, lang, noColor }), { exitOnCtrlC: false });
  await app.waitUntilExit();
}
