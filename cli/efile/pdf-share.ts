/**
 * The helper thread's side of sharing one e-file's PDFs (render-helper.ts is the main thread's):
 * the PDFs of an export are claimed one by one through a shared array, the helper from the front,
 * the main thread from the back, so each is rendered once, by whichever thread gets to it first.
 */
import type { PdfSpec } from '../../core/efile/pdf-spec.js';
import { renderPdf } from './pdf.js';

/** Claim marks in the shared array: free, taken by the helper, taken by the main thread. */
export const FREE = 0;
export const BY_HELPER = 1;
export const BY_MAIN = 2;

/**
 * The PDFs of one export, as announced to the helper: `count` specs follow one message each
 * (PdfSpecMessage, in order), so the helper starts on the first while the others are prepared;
 * `claims` has one Int32 per spec.
 */
export interface PdfShareJob {
  readonly kind: 'pdfs';
  readonly id: number;
  readonly count: number;
  readonly date: string;
  readonly claims: SharedArrayBuffer;
}

/** Spec `index` of job `id`. */
export interface PdfSpecMessage {
  readonly kind: 'pdf-spec';
  readonly id: number;
  readonly index: number;
  readonly spec: PdfSpec;
}

/** What the helper says: one PDF rendered (or failed: the main thread renders it then), or all its claims done. */
export type PdfShareReply =
  | { readonly id: number; readonly kind: 'pdf'; readonly index: number; readonly data: Uint8Array }
  | { readonly id: number; readonly kind: 'pdf-failed'; readonly index: number }
  | { readonly id: number; readonly kind: 'done' };

/** Whether a worker message is part of a shared export (the render worker also takes pool jobs). */
export function isPdfShareMessage(m: unknown): m is PdfShareJob | PdfSpecMessage {
  const kind = typeof m === 'object' && m !== null ? (m as { kind?: unknown }).kind : null;
  return kind === 'pdfs' || kind === 'pdf-spec';
}

/** Specs received per job, and the job waiting for its next one. */
const received = new Map<number, { readonly specs: PdfSpec[]; wake: (() => void) | null }>();

/** Takes one message of a shared export: a job starts rendering, a spec joins its job. */
export function onPdfShareMessage(m: PdfShareJob | PdfSpecMessage, post: (reply: PdfShareReply) => void): void {
  if (m.kind === 'pdfs') {
    received.set(m.id, { specs: [], wake: null });
    void renderClaimed(m, post).finally(() => received.delete(m.id));
    return;
  }
  const job = received.get(m.id);
  if (!job) return;
  job.specs[m.index] = m.spec;
  job.wake?.();
  job.wake = null;
}

/** Claims and renders PDFs from the front until none is free; reports each as it is done. */
async function renderClaimed(job: PdfShareJob, post: (reply: PdfShareReply) => void): Promise<void> {
  const claims = new Int32Array(job.claims);
  const date = new Date(job.date);
  const got = received.get(job.id)!;
  for (let i = 0; i < job.count; i++) {
    while (got.specs[i] === undefined) await new Promise<void>((r) => (got.wake = r));
    if (Atomics.compareExchange(claims, i, FREE, BY_HELPER) !== FREE) continue;
    try {
      post({ id: job.id, kind: 'pdf', index: i, data: await renderPdf(got.specs[i]!, date) });
    } catch {
      // The main thread renders it again and reports the error there, where the export fails.
      post({ id: job.id, kind: 'pdf-failed', index: i });
    }
  }
  post({ id: job.id, kind: 'done' });
}
