/** Structured logging: one JSON line per event on stderr. Never logs client data or tokens. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  event(event: string, fields?: LogFields): void;
}

/** Writes `{"t":…,"event":…,…}` lines to the given sink (stderr by default). */
export function createJsonLogger(write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  return {
    event(event, fields = {}) {
      write(`${JSON.stringify({ t: new Date().toISOString(), event, ...fields })}\n`);
    },
  };
}

/** Discards everything (tests, benchmarks). */
export const silentLogger: Logger = { event() {} };
