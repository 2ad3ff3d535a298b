/**
 * Worker thread entry of the TUI's background check (bundled as dist/bin/tui-scan-worker.mjs):
 * lowers its priority first, then loads and runs the job (scan-job.ts), so even parsing the job's
 * code (Yjs, zod) yields the CPU to the app's thread.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { ScanJob } from './scan-job.js';

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
  const port = parentPort;
  yieldCpuToTheApp();
  void import('./scan-job.js').then(({ runScanJob }) => runScanJob(workerData as ScanJob, port));
}
