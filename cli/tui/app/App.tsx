/** The shell of the terminal UI: routes, modals, status bar, the key dispatcher and the undo stack. */
import { Box, useApp } from 'ink';
import { useCallback, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { clientIdOf } from '../../../core/doc/client-doc.js';
import { readMeta } from '../../../core/doc/meta.js';
import { act } from '../../../core/doc/origin.js';
import type { Workspace } from '../../workspace/workspace.js';
import { Header } from '../components/Header.js';
import { ScenarioBanner } from '../components/ScenarioBanner.js';
import { HelpOverlay } from '../components/HelpOverlay.js';
import type { Message } from '../components/MessageLine.js';
import { MessageLine } from '../components/MessageLine.js';
import { Palette } from '../components/Palette.js';
import { StatusBar } from '../components/StatusBar.js';
import { useClientScan } from '../hooks/useClientScan.js';
import { followsExecution, useLiveExecution } from '../hooks/useLiveExecution.js';
import { useKeyQueue } from '../hooks/useKeyQueue.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { useUndoStack } from '../hooks/useUndoStack.js';
import { useWeekVisits } from '../hooks/useWeekVisits.js';
import type { Lang } from '../i18n/messages.js';
import { translator } from '../i18n/messages.js';
import type { Command, CommandId, CommandState } from '../keys/commands.js';
import { commandsFor, resolveKey } from '../keys/commands.js';
import type { KeyName } from '../keys/key-names.js';
import type { Overlay } from '../keys/overlay.js';
import { NO_OVERLAY, overlayKey, paletteMatches } from '../keys/overlay.js';
import { isoDate } from '../model/dates.js';
import type { Binding, SyncStatus, TuiActions, TuiData, TuiEnv } from './context.js';
import { ActionsContext, BindingContext, DataContext, EnvContext } from './context.js';
import type { Route } from './routes.js';
import { ScreenView, screenTitle } from './ScreenView.js';

export interface AppProps {
  readonly ws: Workspace;
  readonly lang: Lang;
  readonly noColor?: boolean;
  /** INTEGRATION POINT: live sync state from cli/sync. */
  readonly sync?: SyncStatus;
  readonly initial?: Route;
  /** Load client summaries and the week's visits after the first frame (off in some tests). */
  readonly background?: boolean;
}

const OFFLINE: SyncStatus = { state: 'offline', waiting: 0 };

/** The first screen for a role: field staff start on their day, everyone else on the caseload. */
export function homeRoute(role: Workspace['user']['role']): Route {
  return role === 'caregiver' || role === 'volunteer' ? { screen: 'myday' } : { screen: 'clients' };
}

/** The whole terminal UI. */
export function App({ ws, lang, noColor = false, sync = OFFLINE, initial, background = true }: AppProps) {
  const { exit } = useApp();
  const size = useTerminalSize();
  const t = useMemo(() => translator(lang), [lang]);
  const today = useMemo(() => isoDate(ws.clock.now()), [ws]);
  const [stack, setStack] = useState<readonly Route[]>(() => [initial ?? homeRoute(ws.user.role)]);
  const route = stack[stack.length - 1]!;
  const [overlay, setOverlayState] = useState<Overlay>(NO_OVERLAY);
  // Keys can come faster than renders: the key handler reads the overlay from this ref, which leads
  // the state (a prompt typed "no GP" quickly lost the "o" when a key saw the last render's text).
  const overlayRef = useRef<Overlay>(NO_OVERLAY);
  const setOverlay = useCallback((o: Overlay) => {
    overlayRef.current = o;
    setOverlayState(o);
  }, []);
  const [message, setMessage] = useState<Message | null>(null);
  const [revision, setRevision] = useState(0);
  const binding = useRef<Binding>({ scopes: [], handlers: {} });
  const undo = useUndoStack();
  const caseload = useMemo(() => ws.caseload(), [ws, revision]);
  const ids = useMemo(() => caseload.map((r) => r.id), [caseload]);
  const scan = useClientScan(ws, ids, today, background);
  const week = useWeekVisits(ws, today, background);
  useLiveExecution(ws, week.visits, today, scan.refresh, background && followsExecution(ws));

  const env = useMemo<TuiEnv>(
    // A training scenario's banner takes one line from the body.
    () => ({ ws, lang, t, today, color: (c) => (noColor ? undefined : c), width: size.columns, bodyHeight: Math.max(3, size.rows - 4 - (ws.meta.scenario ? 1 : 0)) }),
    [ws, lang, t, today, noColor, size.columns, size.rows],
  );

  const notify = useCallback((text: string) => setMessage({ text, kind: 'info' }), []);
  const fail = useCallback((text: string) => setMessage({ text, kind: 'error' }), []);

  // Saves run one after another, so they finish (and say so in the status line) in the order of the
  // edits: overlapping saves could finish out of order and leave an older action's message standing.
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  const afterChange = useCallback(
    async (doc: Y.Doc): Promise<boolean> => {
      const saved = saving.current.then(() => ws.save());
      saving.current = saved.catch(() => undefined);
      let ok = true;
      try {
        await saved;
      } catch (err) {
        fail(t('error.save', { detail: (err as Error).message }));
        ok = false;
      }
      // The edit is in the open document either way (a failed save is retried by the next one):
      // summaries and the board follow the document, as every screen does.
      setRevision((r) => r + 1);
      const kind = readMeta(doc).kind;
      const clientId = kind === 'client' ? clientIdOf(doc) : null;
      if (clientId) void scan.refresh(clientId);
      if (kind === 'schedule') week.reload();
      return ok;
    },
    [ws, t, fail, scan, week],
  );

  const actions = useMemo<TuiActions>(
    () => ({
      navigate: (r) => {
        setMessage(null);
        setStack((s) => [...s, r]);
      },
      back: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
      notify,
      fail,
      confirm: (msg, onYes) => setOverlay({ kind: 'confirm', message: msg, onYes }),
      prompt: (label, initialValue, onSubmit) => setOverlay({ kind: 'prompt', label, value: initialValue, onSubmit }),
      edit: async (doc, action, fn) => {
        undo.track(doc);
        try {
          act(doc, ws.origin(action), fn);
        } catch (err) {
          fail((err as Error).message);
          return false;
        }
        undo.pushed(doc);
        return afterChange(doc);
      },
    }),
    [notify, fail, undo, ws, afterChange, setOverlay],
  );

  const data = useMemo<TuiData>(
    () => ({ caseload, scan: scan.store, weekVisits: week.visits, reloadWeek: week.reload, revision }),
    [caseload, scan.store, week.visits, week.reload, revision],
  );

  // Read when a key comes, not when the shell last rendered: an edit makes undo available at once,
  // while the shell renders again only after its save (a quick "u" would find undo unavailable).
  const commandStateNow = (): CommandState => ({ role: ws.user.role, canUndo: undo.canUndo(), canRedo: undo.canRedo() });
  const commandState = commandStateNow();
  const label = (c: Command) => t(c.label);

  const goTo = (r: Route) => {
    setMessage(null);
    setStack([r]);
  };
  const globalHandlers: Partial<Record<CommandId, () => void>> = {
    'app.quit': () => exit(),
    'app.help': () => setOverlay({ kind: 'help', scroll: 0 }),
    'app.palette': () => setOverlay({ kind: 'palette', query: '', cursor: 0 }),
    'app.back': () => actions.back(),
    'app.undo': () => {
      const doc = undo.undo();
      if (!doc) return notify(t('undo.nothing'));
      void afterChange(doc).then((ok) => ok && notify(t('undo.done')));
    },
    'app.redo': () => {
      const doc = undo.redo();
      if (doc) void afterChange(doc).then((ok) => ok && notify(t('undo.redone')));
    },
    'go.clients': () => goTo({ screen: 'clients' }),
    'go.myday': () => goTo({ screen: 'myday' }),
    'go.approvals': () => goTo({ screen: 'approvals' }),
    'go.schedule': () => goTo({ screen: 'schedule' }),
    'go.dashboard': () => goTo({ screen: 'dashboard' }),
  };

  const runCommand = (id: string) => {
    const handler = binding.current.handlers[id as CommandId] ?? globalHandlers[id as CommandId];
    handler?.();
  };

  const onKey = (key: KeyName) => {
    // Check results waiting to be drawn go into this key's frame instead of a frame of their own.
    scan.store.keyPressed();
    const state = commandStateNow();
    const current = overlayRef.current;
    if (current.kind !== 'none') {
      const step = overlayKey(current, key, commandsFor(binding.current.scopes, state), label);
      setOverlay(step.next);
      step.run?.();
      if (step.command) runCommand(step.command);
      return;
    }
    if (binding.current.text?.(key)) return;
    const cmd = resolveKey(key, binding.current.scopes, state);
    if (cmd) runCommand(cmd.id);
  };
  useKeyQueue(onKey);

  const setBinding = useCallback((b: Binding) => {
    binding.current = b;
  }, []);

  const scoped = commandsFor(binding.current.scopes, commandState);
  return (
    <EnvContext.Provider value={env}>
      <ActionsContext.Provider value={actions}>
        <DataContext.Provider value={data}>
          <BindingContext.Provider value={setBinding}>
            <Box flexDirection="column" width={size.columns} height={Math.max(4, size.rows - 1)}>
              <Header screen={route.screen} />
              {ws.meta.scenario && <ScenarioBanner task={ws.meta.scenario.task[lang]} />}
              <Box flexDirection="column" height={env.bodyHeight} overflow="hidden">
                {overlay.kind === 'help' && <HelpOverlay title={screenTitle(route, t)} commands={scoped} scroll={overlay.scroll} />}
                {overlay.kind === 'palette' && <Palette query={overlay.query} cursor={overlay.cursor} matches={paletteMatches(scoped, overlay.query, label)} />}
                {stack.map((r, i) => (
                  // Screens below the top stay mounted (hidden), so going back keeps their filter and cursor.
                  <Box key={`${i}:${r.screen}`} display={i === stack.length - 1 && overlay.kind !== 'help' && overlay.kind !== 'palette' ? 'flex' : 'none'} flexDirection="column">
                    <ScreenView route={r} active={i === stack.length - 1 && overlay.kind === 'none'} />
                  </Box>
                ))}
              </Box>
              <MessageLine overlay={overlay} message={message} />
              <StatusBar sync={sync} />
            </Box>
          </BindingContext.Provider>
        </DataContext.Provider>
      </ActionsContext.Provider>
    </EnvContext.Provider>
  );
}
