/** React contexts of the shell: environment (read-only), actions, shared data and key bindings, kept apart. */
import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { CaseloadRow, Workspace } from '../../workspace/workspace.js';
import type { Lang, Translate } from '../i18n/messages.js';
import type { CommandId, Scope } from '../keys/commands.js';
import type { KeyName } from '../keys/key-names.js';
import type { PlacedVisit } from '../model/week-visits.js';
import type { ScanStore } from '../scan/scan-store.js';
import type { Route } from './routes.js';

/** Sync state shown in the status bar. INTEGRATION POINT: cli/sync fills this in. */
export interface SyncStatus {
  readonly state: 'online' | 'offline';
  readonly waiting: number;
}

/** What every screen may read. */
export interface TuiEnv {
  readonly ws: Workspace;
  readonly lang: Lang;
  readonly t: Translate;
  /** Today as YYYY-MM-DD (from the workspace clock). */
  readonly today: string;
  /** Colour name, or undefined under NO_COLOR. */
  readonly color: (name: string) => string | undefined;
  readonly width: number;
  /** Rows available to the screen body. */
  readonly bodyHeight: number;
}

/** What screens may do. */
export interface TuiActions {
  navigate(route: Route): void;
  back(): void;
  notify(text: string): void;
  fail(text: string): void;
  /** Asks once before a destructive action. */
  confirm(message: string, onYes: () => void): void;
  /** Asks for one line of text. */
  prompt(label: string, initial: string, onSubmit: (value: string) => void): void;
  /** Runs one user action as one transaction on `doc`, saves it at once, and makes it undoable. */
  edit(doc: Y.Doc, action: string, fn: () => void): Promise<boolean>;
}

/** Data shared by several screens, loaded in the background after the first frame. */
export interface TuiData {
  /** The caseload index (sorted by name), refreshed after each edit. */
  readonly caseload: readonly CaseloadRow[];
  /** The background check of every client document (read it with `useScan`). */
  readonly scan: ScanStore;
  readonly weekVisits: readonly PlacedVisit[] | null;
  readonly reloadWeek: () => void;
  /** Bumped after every edit, so screens re-read their documents. */
  readonly revision: number;
}

/** What the active screen tells the shell about its keys. */
export interface Binding {
  readonly scopes: readonly Scope[];
  readonly handlers: Partial<Record<CommandId, () => void>>;
  /** A text field or modal of the screen: gets every key first; returns true when it used it. */
  readonly text?: (key: KeyName) => boolean;
}

export const EnvContext = createContext<TuiEnv | null>(null);
export const ActionsContext = createContext<TuiActions | null>(null);
export const DataContext = createContext<TuiData | null>(null);
export const BindingContext = createContext<((b: Binding) => void) | null>(null);

function need<T>(v: T | null, name: string): T {
  if (v === null) throw new Error(`${name} used outside the TUI shell`);
  return v;
}

/** The environment of the shell. */
export function useEnv(): TuiEnv {
  return need(useContext(EnvContext), 'useEnv');
}

/** The shell's actions. */
export function useActions(): TuiActions {
  return need(useContext(ActionsContext), 'useActions');
}

/** Data shared by screens. */
export function useData(): TuiData {
  return need(useContext(DataContext), 'useData');
}

/** The setter screens use to register their key binding. */
export function useBindingSetter(): (b: Binding) => void {
  return need(useContext(BindingContext), 'useBindingSetter');
}
