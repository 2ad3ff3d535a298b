/**
 * Batch export: clients in the given order, results in the given order. With worker threads one
 * client more than there are workers is in flight (the main thread reads the next meanwhile). Each failure is that client's
 * own; the others still export.
 */
import { availableParallelism } from 'node:os';
import type { ClientId } from '../../core/ids.js';
import type { Workspace } from '../workspace/workspace.js';
import { exportClient } from './export.js';
import { createRenderPool } from './pool.js';

/** One line of the batch summary. */
export type Summary = { client: string; file: string; bytes: number; sha256: string } | { client: string; error: string };

/**
 * Worker threads for a batch by default: one per core, at most two. Each has a capped heap
 * (pool.ts), so two stay within the 300 MB a batch may use; more would pass it (bench:efile).
 */
export function batchWorkers(): number {
  return Math.min(2, availableParallelism() > 1 ? availableParallelism() : 0);
}

/**
 * Exports `targets` (an id, or null for a reference that matched no client) into `outDir`. Stops
 * starting new clients once `signal` fires; `onStart(n)` is called before the n-th (1-based).
 */
export async function exportBatch(
  ws: Workspace,
  targets: readonly { readonly ref: string; readonly id: ClientId | null }[],
  outDir: string,
  org: { staffNames: Record<string, string>; orgName: string },
  options: { readonly signal?: AbortSignal; readonly workers?: number; readonly onStart?: (n: number) => void } = {},
): Promise<Summary[]> {
  const { signal } = options;
  const pool = targets.length > 1 ? createRenderPool(options.workers ?? batchWorkers(), signal) : null;
  const results: (Summary | undefined)[] = [];
  const inflight = new Set<Promise<void>>();
  try {
    for (const [i, t] of targets.entries()) {
      if (signal?.aborted) break;
      options.onStart?.(i + 1);
      const id = t.id;
      if (!id) {
        results[i] = { client: t.ref, error: 'no such client (or the prefix matches several)' };
        continue;
      }
      const job = exportClient(ws, id, outDir, org, signal, pool).then(
        (res) => {
          results[i] = res.ok ? { client: res.client, file: res.file, bytes: res.bytes, sha256: res.sha256 } : { client: id, error: res.message };
        },
        (err: unknown) => {
          if (!signal?.aborted) results[i] = { client: id, error: err instanceof Error ? err.message : String(err) };
        },
      );
      inflight.add(job);
      void job.finally(() => inflight.delete(job));
      // One more than the workers: the main thread reads the next client while they render.
      if (inflight.size >= (pool ? pool.size + 1 : 1)) await Promise.race(inflight);
      if ((i + 1) % 200 === 0) await ws.save();
    }
    await Promise.all(inflight);
  } finally {
    await pool?.close();
  }
  return results.filter((r): r is Summary => r !== undefined);
}
