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

/** The PDFs of one export, as sent to the helper: `claims` has one Int32 per spec. */
export interface PdfShareJob {
  readonly kind: 'pdfs';
  readonly id: number;
  readonly specs: readonly PdfSpec[];
  readonly date: string;
  readonly claims: SharedArrayBuffer;
}

/** What the helper says: one PDF rendered (or failed: the main thread renders it then), or all its claims done. */
export type PdfShareReply =
  | { readonly id: number; readonly kind: 'pdf'; readonly index: number; readonly data: Uint8Array }
  | { readonly id: number; readonly kind: 'pdf-failed'; readonly index: number }
  | { readonly id: number; readonly kind: 'done' };

/** Whether a worker message is a PdfShareJob (the render worker also takes pool jobs). */
export function isPdfShareJob(m: unknown): m is PdfShareJob {
  return typeof m === 'object' && m !== null && (m as { kind?: unknown }).kind === 'pdfs';
}

/** Claims and renders PDFs from the front until none is free; reports each as it is done. */
export async function renderClaimed(job: PdfShareJob, post: (reply: PdfShareReply) => void): Promise<void> {
  const claims = new Int32Array(job.claims);
  const date = new Date(job.date);
  for (let i = 0; i < job.specs.length; i++) {
    if (Atomics.compareExchange(claims, i, FREE, BY_HELPER) !== FREE) continue;
    try {
      post({ id: job.id, kind: 'pdf', index: i, data: await renderPdf(job.specs[i]!, date) });
    } catch {
      // The main thread renders it again and reports the error there, where the export fails.
      post({ id: job.id, kind: 'pdf-failed', index: i });
    }
  }
  post({ id: job.id, kind: 'done' });
}
