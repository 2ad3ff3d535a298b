/**
 * The job of the TUI's background-check worker (started by scan-worker.ts): reads every client
 * document of the workspace from disk and sends back small summaries in batches, so the app's
 * thread only draws and takes keys.
 */
import type { MessagePort } from 'node:worker_threads';
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

/** Reads the clients of `job` one after another and reports to `port`. */
export async function runScanJob(job: ScanJob, port: MessagePort): Promise<void> {
  const storage = createFileStorage(job.docsDir);
  let batch: ScanResult[] = [];
  let sent = performance.now();
  const send = () => {
    if (batch.length > 0) port.postMessage({ type: 'results', results: batch } satisfies ScanReply);
    batch = [];
    sent = performance.now();
  };
  // One read at a time: reads in parallel finish the check sooner but keep several of libuv's
  // threads busy at once (at the app thread's priority), which on two cores delays its frames.
  for (const id of job.ids) {
    batch.push(await readSummary(storage, id, job.today));
    if (batch.length >= BATCH_SIZE || performance.now() - sent > BATCH_MS) send();
  }
  send();
  port.postMessage({ type: 'done' } satisfies ScanReply);
}
