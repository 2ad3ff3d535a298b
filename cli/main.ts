#!/usr/bin/env node
/** Entry point of the `apsis` binary: parse, run, map outcomes to exit codes (0 ok, 1 failure, 2 usage). */
import { CommanderError } from 'commander';
import { createProgram } from './program.js';
import { EXIT } from './output.js';

/** Global options that take a value (so `apsis -w DIR` still counts as "no command"). */
const VALUE_OPTIONS = new Set(['-w', '--workspace', '--lang']);

/** `apsis` with only global options opens the TUI; anything else goes to commander as typed. */
export function withDefaultCommand(argv: string[]): string[] {
  const rest = argv.slice(2);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-') || a === '-h' || a === '--help' || a === '-V' || a === '--version') return argv;
  }
  return [...argv, 'tui'];
}

async function main(argv: string[]): Promise<void> {
  const program = createProgram();
  argv = withDefaultCommand(argv);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; every other commander error is a usage error.
      process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    process.stderr.write(`apsis: internal error: ${(err as Error).stack ?? String(err)}\nPlease report this with the command you ran.\n`);
    process.exitCode = EXIT.failure;
  }
}

// `apsis client list | head` closes the pipe early: stop writing, but finish the command (and release the lock).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

await main(process.argv);
