/** Shared plumbing for commands: global options, opening the workspace, turning results into exit codes. */
import type { Command } from 'commander';
import { clockFromEnv } from './workspace/clock.js';
import type { Clock } from './workspace/clock.js';
import { resolveWorkspaceDir } from './workspace/paths.js';
import { openWorkspace } from './workspace/workspace.js';
import type { Workspace } from './workspace/workspace.js';
import { createOutput, EXIT } from './output.js';
import type { Output } from './output.js';

export interface GlobalOptions {
  readonly workspace?: string;
  readonly lang?: 'lv' | 'en';
}

/** Global options of the root program, whichever subcommand is running. */
export function globals(cmd: Command): GlobalOptions {
  let root = cmd;
  while (root.parent) root = root.parent;
  return root.opts<GlobalOptions>();
}

export interface CommandContext {
  readonly o: Output;
  readonly clock: Clock;
  readonly dir: string;
}

/** Builds the context of a command run (the one place env is read for it). */
export function commandContext(cmd: Command): CommandContext {
  return { o: createOutput(), clock: clockFromEnv(), dir: resolveWorkspaceDir(globals(cmd).workspace) };
}

/** Opens the workspace, runs `fn`, closes it (flush + lock release) whatever happens; returns the exit code. */
export async function withWorkspace(ctx: CommandContext, fn: (ws: Workspace) => Promise<number>): Promise<number> {
  const opened = await openWorkspace(ctx.dir, ctx.clock);
  if (!opened.ok) {
    ctx.o.err(`apsis: ${opened.error.message}`);
    return EXIT.failure;
  }
  const ws = opened.value;
  try {
    return await fn(ws);
  } finally {
    await ws.close();
  }
}

/** Wraps an async command body so its result becomes the process exit code. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    process.exitCode = await fn(...args);
  };
}
