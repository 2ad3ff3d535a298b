/**
 * A worker thread of the e-file batch (cli/efile/pool.ts): renders and zips one client at a time,
 * prepared or read here.
 */
import { parentPort } from 'node:worker_threads';
import { clientName } from '../../core/efile/efile.js';
import type { WorkerJob, WorkerReply } from './jobs.js';

// Each kind of job loads what it needs on its first use: a prepared input needs no storage code.
async function run(job: WorkerJob): Promise<WorkerReply> {
  if (job.kind === 'export') return (await import('./stored-export.js')).exportStored(job);
  const { writeEfile } = await import('./write.js');
  const res = await writeEfile(job.input, job.final);
  return { ok: true, ...res, name: clientName(job.input.profile) };
}

parentPort?.on('message', (job: WorkerJob) => {
  run(job).then(
    (reply) => parentPort?.postMessage({ id: job.id, ...reply }),
    (err: unknown) => parentPort?.postMessage({ id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) }),
  );
});
