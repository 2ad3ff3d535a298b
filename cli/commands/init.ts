/** `apsis init`: creates a workspace folder with the organisation document and the local user. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { ROLES } from '../../core/doc/schema.js';
import type { Role } from '../../core/doc/schema.js';
import { isIdShape } from '../../core/ids.js';
import { action, commandContext } from '../context.js';
import { EXIT, printJson } from '../output.js';
import { initWorkspace } from '../workspace/workspace.js';

interface InitFlags {
  user: string;
  name: string;
  role: Role;
  namespace: string;
  org: string;
  json?: boolean;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a new workspace (organisation document and local user)')
    .option('--user <id>', 'id of the local user', 'local')
    .option('--name <name>', 'display name of the local user', 'Local user')
    .addOption(new Option('--role <role>', 'role of the local user').choices(ROLES).default('coordinator'))
    .option('--namespace <ns>', 'namespace of this organisation on a relay', 'local')
    .option('--org <name>', 'organisation name', '')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (flags: InitFlags, cmd: Command) => {
        const ctx = commandContext(cmd);
        for (const [flag, value] of [['--user', flags.user], ['--namespace', flags.namespace]] as const) {
          if (!isIdShape(value)) {
            ctx.o.err(`apsis init: ${flag} "${value}" must be lowercase letters, digits, - or _ (at most 64).`);
            return EXIT.usage;
          }
        }
        const res = await initWorkspace(ctx.dir, ctx.clock, {
          user: { id: flags.user, name: flags.name, role: flags.role },
          namespace: flags.namespace,
          settings: { orgName: flags.org },
        });
        if (!res.ok) {
          ctx.o.err(`apsis init: ${res.error.message}`);
          return EXIT.failure;
        }
        const ws = res.value;
        const summary = { workspace: ws.dir, workspaceId: ws.meta.workspaceId, user: ws.user };
        await ws.close();
        if (flags.json) printJson(ctx.o, summary);
        else ctx.o.out(`Workspace created in ${summary.workspace} for ${summary.user.name} (${summary.user.role}).`);
        return EXIT.ok;
      }),
    );
}
