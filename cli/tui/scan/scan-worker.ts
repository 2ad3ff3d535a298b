/**
 * Worker thread of the TUI's background check: reads every client document of the workspace from
 * disk and sends back small summaries in batches, so the app's thread only draws and takes keys.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { ClientId } from '../../../core/ids.js';
import { createFileStorage } from '../../store/file-storage.js';
import type { ScanResult } from './read-summary.js';
import { readSummary } from './read-summary.js';

/** What the app sends the worker when it starts it. */
export interface ScanJob {
  /** The workspace's `docs/` folder. */
  readonly docsDir: string;
  readonly ids: readonly ClientId[];
  /** YYYY-MM-DD. */
  readonly today: string;
}

/** What the worker sends back: results in batches, then `done`. */
export type ScanReply = { readonly type: 'results'; readonly results: readonly ScanResult[] } | { readonly type: 'done' };

// A batch at most this often or this big: few messages, yet markers appear within a moment.
const BATCH_MS = 50;
const BATCH_SIZE = 64;
const PARALLEL = 8;

async function run(job: ScanJob, port: NonNullable<typeof parentPort>): Promise<void> {
  const storage = createFileStorage(job.docsDir);
  let batch: ScanResult[] = [];
  let sent = performance.now();
  const send = () => {
    if (batch.length > 0) port.postMessage({ type: 'results', results: batch } satisfies ScanReply);
    batch = [];
    sent = performance.now();
  };
  // A few reads in flight: most of a small document's time is waiting for the file system.
  for (let i = 0; i < job.ids.length; i += PARALLEL) {
    batch.push(...(await Promise.all(job.ids.slice(i, i + PARALLEL).map((id) => readSummary(storage, id, job.today)))));
    if (batch.length >= BATCH_SIZE || performance.now() - sent > BATCH_MS) send();
  }
  send();
  port.postMessage({ type: 'done' } satisfies ScanReply);
}

/** Lowers this thread's scheduling priority (Linux: /proc/thread-self names the thread), so on a busy machine the app's own thread gets the CPU first. */
function yieldCpuToTheApp(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux, or not allowed: the check still runs, at normal priority.
  }
}

if (parentPort) {
  yieldCpuToTheApp();
  void run(workerData as ScanJob, parentPort);
}
