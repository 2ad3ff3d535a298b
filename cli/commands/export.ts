/** `apsis export efile`: the client e-file (one ZIP per client). Heavy code loads only when it runs. */
import type { Command } from 'commander';
import { action, commandContext } from '../context.js';

interface Flags {
  out?: string;
  all?: boolean;
  group?: string;
  clients?: string;
  json?: boolean;
}

export function registerExport(program: Command): void {
  const exp = program.command('export').description('export data out of apsis');
  exp
    .command('efile')
    .description('write client e-files: one ZIP per client with index.html, PDFs, JSON, CSV, history and a SHA-256 manifest')
    .argument('[client]', 'client id (or a unique prefix of it)')
    .option('--all', 'every client in the workspace')
    .option('--group <id>', 'every client of a care group')
    .option('--clients <file>', 'clients listed in a file, one id (or unique prefix) per line, # comments; each exported once')
    .option('--out <dir>', 'folder for the ZIP files', '.')
    .option('--json', 'print a JSON summary per client: {client, file, bytes, sha256} or {client, error}')
    .addHelpText('after', '\nExit 1 when any client failed (the others are still exported). Ctrl-C leaves no partial file.')
    .action(
      action(async (ref: string | undefined, flags: Flags, cmd: Command) => {
        const { runExportEfile } = await import('../efile/run.js');
        return runExportEfile(commandContext(cmd), ref, flags);
      }),
    );
}
