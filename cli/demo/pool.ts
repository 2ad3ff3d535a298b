/**
 * Runs demo generation jobs on worker threads (both cores), or in this thread when one is asked
 * for or the bundled worker is missing (running from TypeScript sources). Results come back per
 * job, so the caller assembles them in job order: the world does not depend on the thread count.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { findPackageRoot } from '../catalogue/load.js';
import type { DemoJob, DemoJobResult } from './jobs.js';
import { createWorldCache, runDemoJob } from './jobs.js';

export interface DemoPool {
  /** How many threads generate (1 = this thread only). */
  readonly threads: number;
  run(job: DemoJob): Promise<DemoJobResult>;
  close(): Promise<void>;
}

/** Default thread count: one per core. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

type Reply = { id: number; ok: true; result: DemoJobResult } | { id: number; ok: false; message: string };

/** A pool of `threads` workers (in-process when 1 or when the worker script is not built). */
export function createDemoPool(threads: number): DemoPool {
  const script = join(findPackageRoot(), 'dist', 'bin', 'demo-worker.mjs');
  if (threads <= 1 || !existsSync(script)) {
    const cache = createWorldCache();
    return { threads: 1, run: (job) => runDemoJob(job, cache), close: async () => {} };
  }
  const idle: Worker[] = [];
  const waiting: Array<(w: Worker) => void> = [];
  const pending = new Map<number, { resolve: (r: DemoJobResult) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const workers = Array.from({ length: threads }, () => {
    // A larger young generation: generation allocates many short-lived objects (fewer scavenges).
    const w = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 96 } });
    w.on('message', (reply: Reply) => {
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      release(w);
      if (!p) return;
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new Error(`demo generation failed in a worker: ${reply.message}`));
    });
    w.on('error', (err) => {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    });
    idle.push(w);
    return w;
  });
  const release = (w: Worker) => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  const acquire = () => new Promise<Worker>((res) => {
    const w = idle.pop();
    if (w) res(w);
    else waiting.push(res);
  });
  return {
    threads,
    async run(job) {
      const w = await acquire();
      const id = nextId++;
      return new Promise<DemoJobResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, job });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
