/** Test harness for the terminal UI: a real workspace in a temp folder, the App rendered with ink-testing-library. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { App } from '../../cli/tui/app/App.js';
import type { Route } from '../../cli/tui/app/routes.js';
import type { Lang } from '../../cli/tui/i18n/messages.js';
import type { Role } from '../../core/doc/schema.js';
import type { Workspace } from '../../cli/workspace/workspace.js';
import { initWorkspace } from '../../cli/workspace/workspace.js';

export const NOW = new Date('2026-11-23T08:00:00');

/** A fresh workspace with the given local user; remove with `cleanup`. */
export async function makeWorkspace(role: Role = 'coordinator', userId = 'anna'): Promise<{ ws: Workspace; dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'apsis-tui-'));
  const res = await initWorkspace(join(dir, 'ws'), { now: () => new Date(NOW) }, { user: { id: userId, name: 'Anna Bērziņa', role }, namespace: 'test' });
  if (!res.ok) throw new Error(res.error.message);
  const ws = res.value;
  return {
    ws,
    dir,
    cleanup: async () => {
      await ws.close();
      await rm(dir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

/** Adds clients by "Given Family" names; returns their ids in order. */
export async function addClients(ws: Workspace, names: readonly string[], group: string | null = null): Promise<string[]> {
  const ids: string[] = [];
  for (const n of names) {
    const [givenName, familyName] = n.split(' ');
    const res = await ws.addClient({ givenName, familyName, careGroupId: group });
    if (!res.ok) throw new Error(JSON.stringify(res.issues));
    ids.push(res.id);
  }
  await ws.save();
  return ids;
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Renders the app and returns helpers that wait for frames instead of sleeping blindly. */
export async function renderApp(ws: Workspace, options: { lang?: Lang; initial?: Route; background?: boolean; columns?: number } = {}) {
  const app = render(<App ws={ws} lang={options.lang ?? 'en'} noColor initial={options.initial} background={options.background ?? true} />);
  if (options.columns) {
    // ink-testing-library's terminal is 100 columns wide: narrow it the way a resize would.
    Object.defineProperty(app.stdout, 'columns', { value: options.columns });
    app.stdout.emit('resize');
  }
  const frame = () => app.lastFrame() ?? '';
  /** Waits until the frame satisfies `pred` (fails with the last frame after a generous limit). */
  const waitFor = async (pred: (f: string) => boolean, what = 'frame'): Promise<string> => {
    // A deadline, not a count of ticks: on a loaded machine saves (fsync) and timers run late.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (pred(frame())) return frame();
      await tick(10);
    }
    if (pred(frame())) return frame();
    throw new Error(`timed out waiting for ${what}; last frame:\n${frame()}`);
  };
  /** Sends keys one write at a time, letting each be processed. */
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      app.stdin.write(k);
      await tick(25);
    }
  };
  // Wait for the first frame and for input to be attached (useInput attaches in an effect).
  await waitFor((f) => f.includes('APSis'), 'first frame');
  // useInput attaches its stdin listener in an effect after the first paint: wait for it.
  const stdin = app.stdin as unknown as NodeJS.EventEmitter;
  for (let i = 0; i < 300 && stdin.listenerCount('readable') === 0; i++) await tick(10);
  await tick(10);
  return { app, frame, waitFor, press };
}

export const KEY = { down: '\u001B[B', up: '\u001B[A', enter: '\r', esc: '\u001B', tab: '\t', backspace: '\u007F', ctrlR: '\u0012' } as const;
