/**
 * Relay process entry: the only place that reads the environment and argv.
 *   node dist/sync-server/main.js [--port 0] [--host 127.0.0.1] [--data-dir DIR] [--secret-file F]
 *   env: APSIS_RELAY_SECRET, APSIS_RELAY_PORT, APSIS_RELAY_HOST, APSIS_RELAY_DATA, APSIS_RELAY_IDLE_SECONDS,
 *        APSIS_RELAY_MAX_FRAME_BYTES, APSIS_RELAY_MSGS_PER_SECOND, APSIS_RELAY_MAX_ROOMS_PER_USER
 * Prints `{"event":"listening","port":N}` on stdout when ready; SIGTERM/SIGINT close gracefully.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { RelayLimits } from './limits.js';
import { serve } from './serve.js';
import type { ServeOptions } from './serve.js';

function num(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`not a number: ${v}`);
  return n;
}

export function optionsFromEnv(argv: string[], env: NodeJS.ProcessEnv): ServeOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'secret-file': { type: 'string' },
    },
    strict: true,
  });
  const secretFile = values['secret-file'];
  const secret = secretFile ? readFileSync(secretFile, 'utf8').trim() : (env.APSIS_RELAY_SECRET ?? '');
  if (secret.length < 16) throw new Error('relay secret missing or shorter than 16 characters: set APSIS_RELAY_SECRET or --secret-file');
  const dataDir = values['data-dir'] ?? env.APSIS_RELAY_DATA;
  if (!dataDir) throw new Error('no data folder: pass --data-dir DIR or set APSIS_RELAY_DATA');
  const limits: Partial<RelayLimits> = {};
  const idle = num(env.APSIS_RELAY_IDLE_SECONDS);
  if (idle !== undefined) limits.idleUnloadSeconds = idle;
  const frame = num(env.APSIS_RELAY_MAX_FRAME_BYTES);
  if (frame !== undefined) limits.maxFrameBytes = frame;
  const rate = num(env.APSIS_RELAY_MSGS_PER_SECOND);
  if (rate !== undefined) limits.messagesPerSecond = rate;
  const roomsMax = num(env.APSIS_RELAY_MAX_ROOMS_PER_USER);
  if (roomsMax !== undefined) limits.maxRoomsPerUser = roomsMax;
  return {
    port: num(values.port ?? env.APSIS_RELAY_PORT) ?? 0,
    host: values.host ?? env.APSIS_RELAY_HOST ?? '127.0.0.1',
    dataDir,
    secret,
    limits,
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  try {
    await serve(optionsFromEnv(process.argv.slice(2), process.env));
  } catch (err) {
    process.stderr.write(`${JSON.stringify({ event: 'fatal', error: err instanceof Error ? err.message : String(err) })}\n`);
    process.exit(1);
  }
}
