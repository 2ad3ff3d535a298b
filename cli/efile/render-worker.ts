/**
 * A worker thread of the e-file batch (cli/efile/pool.ts): renders and zips one client at a time,
 * prepared or read here; or the render helper of one large export (render-helper.ts): its PDFs.
 */
import { parentPort } from 'node:worker_threads';
import { clientName } from '../../core/efile/efile.js';
import type { WorkerJob, WorkerReply } from './jobs.js';
import type { PdfShareJob, PdfSpecMessage } from './pdf-share.js';
import { isPdfShareMessage, onPdfShareMessage } from './pdf-share.js';

// Loaded on the first pool job: the render helper needs only the PDF code, and starts faster without them.
async function run(job: WorkerJob): Promise<WorkerReply> {
  if (job.kind === 'export') return (await import('./stored-export.js')).exportStored(job);
  const { writeEfile } = await import('./write.js');
  const res = await writeEfile(job.input, job.final);
  return { ok: true, ...res, name: clientName(job.input.profile) };
}

parentPort?.on('message', (job: WorkerJob | PdfShareJob | PdfSpecMessage) => {
  if (isPdfShareMessage(job)) {
    onPdfShareMessage(job, (reply) => parentPort?.postMessage(reply));
    return;
  }
  run(job).then(
    (reply) => parentPort?.postMessage({ id: job.id, ...reply }),
    (err: unknown) => parentPort?.postMessage({ id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) }),
  );
});
