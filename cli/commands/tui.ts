/** `apsis tui` (also `apsis` with no command): opens the terminal UI on the workspace. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { action, commandContext, globals, withWorkspace } from '../context.js';
import { EXIT } from '../output.js';

const ENTER_ALT = '\x1b[?1049h';
const LEAVE_ALT = '\x1b[?1049l';

/**
 * Loads with no global `fetch`: yoga-layout (Ink's layout engine) then decodes its inline
 * WebAssembly directly instead of through fetch(), which first loads Node's HTTP client (~30 ms
 * of the first frame). Even `typeof fetch` would load it, so the property itself is swapped.
 */
async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const own = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!own?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', own);
  }
}

export function registerTui(program: Command): void {
  program
    .command('tui')
    .description('open the terminal UI (the default when no command is given)')
    .addOption(new Option('--lang <lang>', 'interface language (default: the workspace setting, else Latvian)').choices(['lv', 'en']))
    .action(
      action(async (flags: { lang?: 'lv' | 'en' }, cmd: Command) => {
        const ctx = commandContext(cmd);
        if (!process.stdin.isTTY) {
          ctx.o.err('apsis: the terminal UI needs an interactive terminal; use the subcommands for scripts (see `apsis --help`).');
          return EXIT.usage;
        }
        // Ink and React load only when the UI opens, so scripted commands start fast; loading
        // overlaps with opening the workspace.
        const ui = withoutFetch(() => import('../tui/launch.js'));
        return withWorkspace(ctx, async (ws) => {
          const { launchTui } = await ui;
          const lang = flags.lang ?? globals(cmd).lang ?? ws.meta.settings.language;
          const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
          // Ink 6.8 has no alternate-screen option: enter it ourselves and always leave it, even on a crash.
          const leave = () => process.stdout.write(LEAVE_ALT);
          process.stdout.write(ENTER_ALT);
          process.once('exit', leave);
          try {
            await launchTui(ws, lang, noColor);
          } finally {
            leave();
            process.off('exit', leave);
          }
          return EXIT.ok;
        });
      }),
    );
}
