/** A worker thread of the e-file batch (cli/efile/pool.ts): renders and zips one prepared client at a time. */
import { parentPort } from 'node:worker_threads';
import type { EfileInput } from '../../core/efile/efile.js';
import { writeEfile } from './write.js';

/** A job: the client's prepared input and the ZIP's final path. */
export interface RenderJob {
  readonly id: number;
  readonly input: EfileInput;
  readonly final: string;
}

/** The answer to a job. */
export type RenderReply = { readonly id: number; readonly ok: true; readonly file: string; readonly bytes: number; readonly sha256: string } | { readonly id: number; readonly ok: false; readonly message: string };

parentPort?.on('message', (job: RenderJob) => {
  writeEfile(job.input, job.final).then(
    (res) => parentPort?.postMessage({ id: job.id, ok: true, ...res } satisfies RenderReply),
    (err: unknown) => parentPort?.postMessage({ id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies RenderReply),
  );
});
