/**
 * Worker threads for batch exports: the main thread reads clients (Yjs, the workspace) while the
 * workers render PDFs and write ZIPs, the larger part of the work. Interrupting terminates the
 * workers; the partial files they were writing are tracked here and removed like the main thread's.
 *
 * Memory: each worker's heap is capped (WORKER_HEAP), so a batch of thousands stays within a fixed
 * RSS whatever V8 would otherwise let grow. A client too large for that cap is rendered on the
 * main thread instead; a worker that still runs out of memory (or dies otherwise) is replaced,
 * and its client rendered on the main thread, so no client fails because of the pool.
 */
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { EfileInput } from '../../core/efile/efile.js';
import type { StoredExportJob, WorkerJob, WorkerReply, WorkerTask, WorkerZip } from './jobs.js';
import { workerScript } from './worker-script.js';
import { writeEfile } from './write.js';
import type { ZipResult } from './zip.js';
import { openPartials, partialName } from './zip.js';

/** Heap limits of a render worker: measured on the large demo world, a batch of 3,000 stays under 300 MB RSS with two. */
export const WORKER_HEAP = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 } as const;

/** Records (and history lines) above which a client is rendered on the main thread: its input alone would crowd a capped worker heap. */
export const WORKER_MAX_RECORDS = 8_000;

/** Renders prepared clients on worker threads. */
export interface RenderPool {
  readonly size: number;
  /** Writes the ZIP at `final` on a free worker (waits for one), or on this thread for a large client. */
  render(input: EfileInput, final: string, signal?: AbortSignal): Promise<ZipResult>;
  /** Reads and writes a closed client on a free worker; null when the main thread must do it (stored-export.ts). */
  exportStored(job: StoredExportJob, signal?: AbortSignal): Promise<({ readonly ok: true } & WorkerZip) | { readonly ok: false; readonly message: string } | null>;
  /** Stops the workers (jobs still running fail with 'aborted'); always call it, or the process stays alive. */
  close(): Promise<void>;
}

/** Records and history lines of a prepared client: what its render holds in memory, roughly. */
export function inputSize(input: EfileInput): number {
  let n = input.history.length;
  for (const list of Object.values(input.collections) as (readonly unknown[])[]) n += list.length;
  return n;
}

/** Why a job failed: the worker's own error message, or the worker died (out of memory, crash). */
class WorkerLost extends Error {}

/** How often a slot's worker is replaced before the slot is given up (a worker that cannot even start). */
const MAX_RESTARTS = 3;

interface Slot {
  worker: Worker;
  restarts: number;
  job: { readonly id: number; readonly partial: string; resolve(r: WorkerReply): void; reject(e: Error): void } | null;
}

/**
 * A pool of `size` workers, or null where no worker script exists (tests run from sources): render
 * in-thread then. `heap` overrides WORKER_HEAP (tests).
 */
export function createRenderPool(size: number, signal?: AbortSignal, heap: { readonly maxOldGenerationSizeMb: number; readonly maxYoungGenerationSizeMb: number } = WORKER_HEAP): RenderPool | null {
  const script = workerScript();
  if (!script || size < 1) return null;
  let nextId = 0;
  let closed = false;
  let live = size;
  // A waiter gets a slot, or null once no worker is left (then it renders in-thread).
  const waiting: { resolve(slot: Slot | null): void; reject(e: Error): void }[] = [];
  const idle: Slot[] = [];
  const fail = (slot: Slot, err: Error) => {
    const job = slot.job;
    slot.job = null;
    if (!job) return;
    openPartials.delete(job.partial);
    rmSync(job.partial, { force: true });
    job.reject(err);
  };
  const free = (slot: Slot) => {
    const next = waiting.shift();
    if (next) next.resolve(slot);
    else idle.push(slot);
  };
  const start = (slot: Slot) => {
    const worker = new Worker(script, { resourceLimits: heap });
    slot.worker = worker;
    worker.on('message', (reply: WorkerReply & { readonly id: number }) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = null;
      openPartials.delete(job.partial);
      job.resolve(reply);
      free(slot);
    });
    worker.on('error', (err) => fail(slot, new WorkerLost(err.message)));
    worker.on('exit', (code) => {
      if (slot.worker !== worker) return;
      fail(slot, closed ? new Error('aborted') : new WorkerLost(`e-file worker stopped (exit code ${code})`));
      if (closed) return;
      const at = idle.indexOf(slot);
      if (at >= 0) idle.splice(at, 1);
      // A lost worker is replaced, so the batch keeps its threads; one that keeps dying is given up.
      if (++slot.restarts <= MAX_RESTARTS) {
        start(slot);
        free(slot);
      } else if (--live === 0) for (const w of waiting.splice(0)) w.resolve(null);
    });
  };
  const slots: Slot[] = Array.from({ length: size }, () => {
    const slot = { job: null, restarts: 0 } as unknown as Slot;
    start(slot);
    return slot;
  });
  idle.push(...slots);
  const close = async () => {
    if (closed) return;
    closed = true;
    for (const w of waiting.splice(0)) w.reject(new Error('aborted'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  };
  signal?.addEventListener('abort', () => void close(), { once: true });
  const onWorker = async (job: WorkerTask): Promise<WorkerReply> => {
    const slot = idle.pop() ?? (live > 0 ? await new Promise<Slot | null>((resolve, reject) => waiting.push({ resolve, reject })) : null);
    if (closed) throw new Error('aborted');
    if (!slot) throw new WorkerLost('no e-file worker left');
    const id = nextId++;
    const partial = partialName(job.final);
    openPartials.add(partial);
    return new Promise<WorkerReply>((resolve, reject) => {
      slot.job = { id, partial, resolve, reject };
      slot.worker.postMessage({ ...job, id } as WorkerJob);
    });
  };
  return {
    size,
    async render(input, final, jobSignal) {
      if (closed || signal?.aborted) throw new Error('aborted');
      if (inputSize(input) > WORKER_MAX_RECORDS) return writeEfile(input, final, jobSignal ?? signal);
      try {
        const reply = await onWorker({ kind: 'render', input, final });
        if (reply.ok) return { file: reply.file, bytes: reply.bytes, sha256: reply.sha256 };
        throw new Error(reply.ok === false ? reply.message : 'no reply');
      } catch (err) {
        // The worker died under this client (e.g. out of memory): the main thread renders it.
        if (err instanceof WorkerLost && !closed) return writeEfile(input, final, jobSignal ?? signal);
        throw err;
      }
    },
    async exportStored(job, jobSignal) {
      if (closed || signal?.aborted || jobSignal?.aborted) throw new Error('aborted');
      try {
        const reply = await onWorker({ kind: 'export', ...job });
        return reply.ok === null ? null : reply;
      } catch (err) {
        // The worker died under this client: the main thread does it, as it does large ones.
        if (err instanceof WorkerLost && !closed) return null;
        throw err;
      }
    },
    close,
  };
}
