/** `apsis verify efile FILE.zip`: checks an e-file against its manifest. */
import type { Command } from 'commander';
import { action, commandContext } from '../context.js';

export function registerVerify(program: Command): void {
  const verify = program.command('verify').description('check exported files');
  verify
    .command('efile')
    .description('recompute every entry hash of an e-file ZIP and compare it with manifest.json')
    .argument('<file>', 'the e-file ZIP')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExit 0 when every entry matches; 1 listing what differs or is missing.')
    .action(
      action(async (file: string, flags: { json?: boolean }, cmd: Command) => {
        const { runVerifyEfile } = await import('../efile/run.js');
        return runVerifyEfile(commandContext(cmd), file, flags);
      }),
    );
}
