/** Starts a relay on file storage and wires SIGTERM/SIGINT to a graceful close (used by main.ts and `apsis serve`). */
import { createFileStorage } from '../cli/store/file-storage.js';
import type { RelayLimits } from './limits.js';
import { createJsonLogger } from './log.js';
import { createRelay } from './relay.js';
import type { Relay } from './relay.js';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  secret: string;
  limits?: Partial<RelayLimits>;
}

/** Starts the relay with file storage and wires signals; resolves with the relay once listening. */
export async function serve(o: ServeOptions, out: (line: string) => void = (l) => process.stdout.write(l)): Promise<Relay> {
  const relay = createRelay({
    port: o.port,
    host: o.host,
    store: createFileStorage(o.dataDir),
    auth: { secret: o.secret },
    limits: o.limits ?? {},
    log: createJsonLogger(),
  });
  const { port } = await relay.ready;
  out(`${JSON.stringify({ event: 'listening', port })}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    relay.close().then(
      () => {
        out(`${JSON.stringify({ event: 'stopped', signal })}\n`);
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return relay;
}
