/** Worker thread entry for demo generation (bundled as dist/bin/demo-worker.mjs): runs the jobs it is sent. */
import { parentPort } from 'node:worker_threads';
import { createWorldCache, runDemoJob } from './jobs.js';
import type { DemoJob } from './jobs.js';

const port = parentPort;
if (!port) throw new Error('demo-worker runs only as a worker thread');
const cache = createWorldCache();
port.on('message', (msg: { id: number; job: DemoJob }) => {
  runDemoJob(msg.job, cache).then(
    (result) => port.postMessage({ id: msg.id, ok: true, result }),
    (err: unknown) => port.postMessage({ id: msg.id, ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
