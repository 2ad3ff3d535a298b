/** Printing for commands: colour only for terminals and never under NO_COLOR; JSON for scripts. */
import { Chalk } from 'chalk';

export interface Output {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly color: InstanceType<typeof Chalk>;
}

/** Chalk with colour off when NO_COLOR is set (any non-empty value) or the stream is not a terminal. */
export function createOutput(env: NodeJS.ProcessEnv = process.env): Output {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const level = noColor || !process.stdout.isTTY ? 0 : 1;
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    color: new Chalk({ level }),
  };
}

/** Prints a value as stable, pretty JSON (keys in insertion order; callers sort where it matters). */
export function printJson(o: Output, value: unknown): void {
  o.out(JSON.stringify(value, null, 2));
}

/** Exit codes, documented in README and `apsis --help`. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
