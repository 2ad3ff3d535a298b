/** `apsis serve`: runs the sync relay (file storage under --data-dir). */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { action } from '../context.js';
import { createOutput, EXIT } from '../output.js';
import { writableFolder } from '../store/fs-reason.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the sync relay (y-websocket protocol); prints {"event":"listening","port":N} when ready')
    .option('--port <n>', 'port (0 = any free port)', '0')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data-dir <dir>', 'where the relay stores documents', '.apsis-relay')
    .option('--secret-file <file>', 'file holding the token secret (default: $APSIS_RELAY_SECRET)')
    .action(
      action(async (flags: { port: string; host: string; dataDir: string; secretFile?: string }) => {
        const o = createOutput();
        const port = Number(flags.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          o.err(`apsis serve: --port must be 0..65535, got ${flags.port}`);
          return EXIT.usage;
        }
        let secret: string;
        try {
          secret = flags.secretFile ? readFileSync(flags.secretFile, 'utf8').trim() : (process.env.APSIS_RELAY_SECRET ?? '');
        } catch (err) {
          o.err(`apsis serve: cannot read ${flags.secretFile}: ${(err as Error).message}`);
          return EXIT.failure;
        }
        if (secret.length < 16) {
          o.err('apsis serve: no token secret (at least 16 characters): pass --secret-file FILE or set APSIS_RELAY_SECRET');
          return EXIT.usage;
        }
        const unwritable = await writableFolder(flags.dataDir);
        if (unwritable) {
          o.err(`apsis serve: cannot keep documents in ${flags.dataDir}: ${unwritable}.`);
          return EXIT.failure;
        }
        // Loaded here, not at start: the relay, ws and Node's http would slow every other command.
        const { serve } = await import('../../sync-server/serve.js');
        await serve({ port, host: flags.host, dataDir: flags.dataDir, secret });
        await new Promise<never>(() => {}); // runs until SIGTERM/SIGINT
        return EXIT.ok;
      }),
    );
}
