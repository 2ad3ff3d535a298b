/**
 * Runs the background check of every client document: on a worker thread when the built worker
 * script is there (the shipped binary, dist/), else on this thread in short slices (tests run from
 * sources). A worker that fails hands the clients it had not yet reported to the in-thread reader.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ClientId } from '../../../core/ids.js';
import type { Workspace } from '../../workspace/workspace.js';
import type { ScanResult } from './read-summary.js';
import { readSummary } from './read-summary.js';
import type { ScanJob, ScanReply } from './scan-job.js';

/** Where results go. */
export interface ScanSink {
  results(results: readonly ScanResult[]): void;
  /** Every client has been reported. */
  done(): void;
}

/** How to run: `worker: false` forces the in-thread reader. */
export interface ScanOptions {
  readonly worker?: boolean;
}

/** The worker script beside this module: compiled (dist/cli/tui/scan) or bundled (dist/bin, this module in dist/bin/chunks). */
function workerScript(): URL | null {
  for (const rel of ['./scan-worker.js', '../tui-scan-worker.mjs', './tui-scan-worker.mjs']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

// In-thread: read for at most SLICE_MS, then give keys and frames the thread.
const SLICE_MS = 6;
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

async function scanInThread(ws: Workspace, ids: readonly ClientId[], today: string, sink: ScanSink, live: () => boolean): Promise<void> {
  let slice = performance.now();
  let batch: ScanResult[] = [];
  for (const id of ids) {
    if (!live()) return;
    batch.push(await readSummary(ws.repo.storage, id, today));
    if (performance.now() - slice > SLICE_MS) {
      sink.results(batch);
      batch = [];
      await yieldToLoop();
      slice = performance.now();
    }
  }
  if (!live()) return;
  sink.results(batch);
  sink.done();
}

/** Starts checking `ids`; returns a function that stops the check (and its worker). */
export function startScan(ws: Workspace, ids: readonly ClientId[], today: string, sink: ScanSink, options: ScanOptions = {}): () => void {
  let live = true;
  const isLive = () => live;
  const script = options.worker === false ? null : workerScript();
  if (!script) {
    void scanInThread(ws, ids, today, sink, isLive);
    return () => {
      live = false;
    };
  }
  const reported = new Set<string>();
  let finished = false;
  const worker = new Worker(script, { workerData: { docsDir: join(ws.dir, 'docs'), ids, today } satisfies ScanJob });
  // The check must never keep the process alive after the app has quit.
  worker.unref();
  const fallBack = () => {
    if (finished || !live) return;
    finished = true;
    void scanInThread(
      ws,
      ids.filter((id) => !reported.has(id)),
      today,
      sink,
      isLive,
    );
  };
  worker.on('message', (reply: ScanReply) => {
    if (!live || finished) return;
    if (reply.type === 'results') {
      for (const r of reply.results) reported.add(r.id);
      sink.results(reply.results);
    } else {
      finished = true;
      sink.done();
      void worker.terminate();
    }
  });
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  return () => {
    live = false;
    void worker.terminate();
  };
}
