/**
 * Worker threads for batch exports: the main thread reads clients (Yjs, the workspace) while the
 * workers render PDFs and write ZIPs, the larger part of the work. Interrupting terminates the
 * workers; the partial files they were writing are tracked here and removed like the main thread's.
 */
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EfileInput } from '../../core/efile/efile.js';
import type { RenderJob, RenderReply } from './render-worker.js';
import type { ZipResult } from './zip.js';
import { openPartials, partialName } from './zip.js';

/** Renders prepared clients on worker threads. */
export interface RenderPool {
  readonly size: number;
  /** Writes the ZIP at `final` on a free worker (waits for one). */
  render(input: EfileInput, final: string): Promise<ZipResult>;
  /** Stops the workers (jobs still running fail with 'aborted'); always call it, or the process stays alive. */
  close(): Promise<void>;
}

/** The worker script beside this module: compiled (dist/cli/efile) or bundled (dist/bin, this module in dist/bin/chunks). */
function workerScript(): URL | null {
  for (const rel of ['./render-worker.js', '../efile-worker.mjs', './efile-worker.mjs']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

interface Slot {
  readonly worker: Worker;
  job: { readonly id: number; readonly partial: string; resolve(r: ZipResult): void; reject(e: Error): void } | null;
}

/** A pool of `size` workers, or null where no worker script exists (tests run from sources): render in-thread then. */
export function createRenderPool(size: number, signal?: AbortSignal): RenderPool | null {
  const script = workerScript();
  if (!script || size < 1) return null;
  let nextId = 0;
  let closed = false;
  const waiting: { resolve(slot: Slot): void; reject(e: Error): void }[] = [];
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
  const slots: Slot[] = Array.from({ length: size }, () => {
    const slot: Slot = { worker: new Worker(script), job: null };
    slot.worker.on('message', (reply: RenderReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = null;
      openPartials.delete(job.partial);
      if (reply.ok) job.resolve({ file: reply.file, bytes: reply.bytes, sha256: reply.sha256 });
      else job.reject(new Error(reply.message));
      free(slot);
    });
    slot.worker.on('error', (err) => fail(slot, err));
    slot.worker.on('exit', (code) => fail(slot, new Error(closed ? 'aborted' : `e-file worker stopped (exit code ${code})`)));
    return slot;
  });
  const idle: Slot[] = [...slots];
  const close = async () => {
    if (closed) return;
    closed = true;
    for (const w of waiting.splice(0)) w.reject(new Error('aborted'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  };
  signal?.addEventListener('abort', () => void close(), { once: true });
  return {
    size,
    async render(input, final) {
      if (closed || signal?.aborted) throw new Error('aborted');
      const slot = idle.pop() ?? (await new Promise<Slot>((resolve, reject) => waiting.push({ resolve, reject })));
      if (closed) throw new Error('aborted');
      const id = nextId++;
      const partial = partialName(final);
      openPartials.add(partial);
      return new Promise<ZipResult>((resolve, reject) => {
        slot.job = { id, partial, resolve, reject };
        slot.worker.postMessage({ id, input, final } satisfies RenderJob);
      });
    },
    close,
  };
}
