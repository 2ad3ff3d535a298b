/** `apsis tui` (also `apsis` with no command): opens the terminal UI on the workspace. */
import type { Command } from 'commander';
import { action, commandContext, withWorkspace } from '../context.js';
import { EXIT } from '../output.js';

export function registerTui(program: Command): void {
  program
    .command('tui')
    .description('open the terminal UI (the default when no command is given)')
    .action(
      action(async (_flags: unknown, cmd: Command) => {
        const ctx = commandContext(cmd);
        // Ink and React load only when the UI opens, so scripted commands start fast.
        const [{ render }, { createElement }, { App }] = await Promise.all([import('ink'), import('react'), import('../tui/App.js')]);
        return withWorkspace(ctx, async (ws) => {
          const app = render(createElement(App, { rows: ws.caseload(), workspace: ws.dir, user: ws.user.name, demo: ws.meta.demo }));
          await app.waitUntilExit();
          return EXIT.ok;
        });
      }),
    );
}
