/** The `apsis` command tree. Each command lives in cli/commands/ and registers itself here. */
import { Command, Option } from 'commander';
import { registerAlert } from './commands/alert.js';
import { registerAssess } from './commands/assess.js';
import { registerCare } from './commands/care.js';
import { registerClient } from './commands/client.js';
import { registerDemo } from './commands/demo.js';
import { registerDoctor } from './commands/doctor.js';
import { registerExport } from './commands/export.js';
import { registerInit } from './commands/init.js';
import { registerPrint } from './commands/print.js';
import { registerReport } from './commands/report.js';
import { registerSchedule } from './commands/schedule.js';
import { registerServe } from './commands/serve.js';
import { registerSolve } from './commands/solve.js';
import { registerSync } from './commands/sync.js';
import { registerToken } from './commands/token.js';
import { registerTui } from './commands/tui.js';
import { registerVerify } from './commands/verify.js';

export const VERSION = '0.1.0';

const EXIT_HELP = `
Exit codes: 0 ok, 1 failure (the message says what and where), 2 usage error.
Environment: APSIS_WORKSPACE (workspace folder), NO_COLOR (no colours), APSIS_NOW (pin the clock).`;

/** Builds the program; `apsis` with no command opens the terminal UI. */
export function createProgram(): Command {
  const program = new Command('apsis')
    .description('APSis: local-first care planning: assess needs, plan care, schedule visits, record execution.')
    .version(VERSION, '-V, --version')
    .option('-w, --workspace <dir>', 'workspace folder (default: $APSIS_WORKSPACE or the user data folder)')
    .addOption(new Option('--lang <lang>', 'interface language').choices(['lv', 'en']))
    .addHelpText('after', EXIT_HELP)
    .showHelpAfterError('(run `apsis --help` for usage)')
    .exitOverride();
  registerInit(program);
  registerClient(program);
  registerAssess(program);
  registerCare(program);
  registerReport(program);
  registerAlert(program);
  registerDoctor(program);
  registerDemo(program);
  registerExport(program);
  registerVerify(program);
  registerPrint(program);
  registerSchedule(program);
  registerSolve(program);
  registerServe(program);
  registerToken(program);
  registerSync(program);
  registerTui(program);
  return program;
}
