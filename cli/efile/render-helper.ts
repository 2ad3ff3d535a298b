/**
 * A second thread for the PDFs of one large e-file export: the helper renders PDFs from the front of
 * the list while this thread writes the JSON and CSV entries, then renders from the back until
 * every PDF is claimed (pdf-share.ts). Started early (`startRenderHelper`, first thing in an
 * export), so its module and font load overlap the read. Never needed: when it is missing, busy or
 * dies, this thread renders what it left, and the bytes are the same whoever renders them.
 */
import { availableParallelism, loadavg } from 'node:os';
import { isMainThread, Worker } from 'node:worker_threads';
import type { PdfSpec } from '../../core/efile/pdf-spec.js';
import type { PdfShareJob, PdfShareReply, PdfSpecMessage } from './pdf-share.js';
import { BY_HELPER, BY_MAIN, FREE } from './pdf-share.js';
import { renderPdf } from './pdf.js';
import { workerScript } from './worker-script.js';

/**
 * Unclaimed PDFs below which this thread leaves the rest to the helper: its first PDF is cold
 * (fonts, layouts, compiled code; ~0.6 s measured under load), a warm helper does the last few sooner.
 */
const STEAL_MIN_FREE = 3;

/** How long an unused helper stays (a TUI session keeps the process alive between exports). */
const IDLE_MS = 30_000;

interface HelperJob {
  onReply(r: PdfShareReply): void;
  onLost(): void;
}

interface Helper {
  readonly worker: Worker;
  /** Jobs sent and not done, by id (the warm-up, an export's PDFs). */
  readonly jobs: Map<number, HelperJob>;
  /** Working for an export (one at a time; a second one renders on its own thread). */
  busy: boolean;
  idle: NodeJS.Timeout | null;
}

let helper: Helper | null = null;
let nextId = 0;
const stats = { exports: 0, pdfs: 0 };

/** Exports shared with a helper and PDFs it delivered, since the process started (tests, benches). */
export function renderHelperStats(): { readonly exports: number; readonly pdfs: number } {
  return { ...stats };
}

/** A small spec that runs every drawing path once: the helper's warm-up (fonts parsed, code compiled). */
const WARM_UP: PdfSpec = {
  title: 'Ā',
  subtitle: 'ā',
  footer: 'ē',
  blocks: [
    { kind: 'section', heading: 'Š', anchor: 'm' },
    { kind: 'fields', fields: [['ū', 'ž']] },
    { kind: 'table', columns: [{ label: 'ī', width: 50 }], rows: [['ķ'], ['ļ ņ ģ č š ž ā ē ī ū ķ ļ ņ ģ č š ž ā ē ī ū ķ ļ ņ']] },
  ],
};

function stop(h: Helper): void {
  if (helper === h) helper = null;
  void h.worker.terminate();
}

/** Sends a job; `onDone` when the helper has finished all it claimed. */
function send(h: Helper, job: PdfShareJob, handler: HelperJob, onDone: () => void): void {
  h.jobs.set(job.id, {
    onReply: (r) => {
      handler.onReply(r);
      if (r.kind !== 'done') return;
      h.jobs.delete(job.id);
      onDone();
    },
    onLost: handler.onLost,
  });
  h.worker.postMessage(job);
}

function armIdle(h: Helper): void {
  if (h.idle) clearTimeout(h.idle);
  h.idle = h.busy ? null : setTimeout(() => stop(h), IDLE_MS);
  h.idle?.unref();
}

/**
 * Whether a core is likely free for the helper: on a machine whose cores are busy already, a
 * second thread only takes turns with this one, and its own start and cold code cost more than
 * it saves (measured: a cold export at load ~3 on 2 cores was slower with it).
 */
function coreFree(): boolean {
  return loadavg()[0]! < availableParallelism() - 0.5;
}

/**
 * Starts the helper thread if this is the main thread of a machine with two cores or more, one of
 * them likely free (`evenWhenBusy`: whatever the load; tests), there is none yet and the worker
 * script exists (compiled or bundled). Cheap to call for every export: a small one leaves it idle.
 */
export function startRenderHelper(options: { readonly evenWhenBusy?: boolean } = {}): void {
  // One core: the helper would only take turns with this thread.
  if (helper || !isMainThread || availableParallelism() < 2 || !(options.evenWhenBusy || coreFree())) return;
  const script = workerScript();
  if (!script) return;
  const worker = new Worker(script);
  const h: Helper = { worker, jobs: new Map(), busy: false, idle: null };
  helper = h;
  worker.on('message', (r: PdfShareReply) => h.jobs.get(r.id)?.onReply(r));
  worker.on('error', () => undefined);
  worker.on('exit', () => {
    if (helper === h) helper = null;
    if (h.idle) clearTimeout(h.idle);
    for (const j of h.jobs.values()) j.onLost();
    h.jobs.clear();
  });
  // An idle helper never keeps the process alive (after the listeners: a 'message' listener refs the port again).
  worker.unref();
  const warm: PdfShareJob = { kind: 'pdfs', id: nextId++, count: 1, date: new Date(0).toISOString(), claims: new SharedArrayBuffer(4) };
  send(h, warm, { onReply: () => undefined, onLost: () => undefined }, () => armIdle(h));
  worker.postMessage({ kind: 'pdf-spec', id: warm.id, index: 0, spec: WARM_UP } satisfies PdfSpecMessage);
}

/** Stops the helper (tests; a process may also just exit, the helper never holds it). */
export async function stopRenderHelper(): Promise<void> {
  const h = helper;
  if (!h) return;
  helper = null;
  if (h.idle) clearTimeout(h.idle);
  await h.worker.terminate();
}

/** The PDFs of one export, rendered by the helper and this thread together. */
export interface SharedPdfs {
  /** Gives the next spec (in order; all of them before the first `stealOne`): the helper may start on it at once. */
  add(spec: PdfSpec): void;
  /** The export could not prepare its specs: the helper is stopped (it would wait for them). */
  abandon(): void;
  /** The bytes of spec i, whoever renders it (rejected only when rendering it fails on this thread). */
  readonly results: readonly Promise<Buffer>[];
  /**
   * Renders on this thread the last PDF nobody has claimed; false when none is left, or fewer than
   * STEAL_MIN_FREE (the helper does those sooner than this thread's first, cold, PDF).
   */
  stealOne(): Promise<boolean>;
}

/** Whether a helper is there and idle: worth preparing an export's PDF specs for it. */
export function helperIdle(): boolean {
  return helper !== null && !helper.busy;
}

/**
 * Announces `count` PDFs to the idle helper (their specs follow with `add`), or null when there is
 * none (not started, busy with another export, or gone): render on this thread alone then.
 */
export function sharePdfs(count: number, date: Date): SharedPdfs | null {
  const h = helper;
  if (!h || h.busy) return null;
  h.busy = true;
  stats.exports++;
  armIdle(h);
  // While it works for an export, the helper keeps the process alive (its replies are awaited).
  h.worker.ref();
  const specs: PdfSpec[] = [];
  const claims = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, count)));
  const settle = Array.from({ length: count }, () => {
    let resolve!: (b: Buffer) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<Buffer>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Observed by the writer; never an unhandled rejection when the export stops early.
    promise.catch(() => undefined);
    return { promise, resolve, reject, done: false };
  });
  const finish = (i: number, data: Buffer | Error) => {
    const s = settle[i];
    if (!s || s.done) return;
    s.done = true;
    if (data instanceof Error) s.reject(data);
    else s.resolve(data);
  };
  const renderHere = (i: number) =>
    renderPdf(specs[i]!, date).then(
      (b) => finish(i, b),
      (e: unknown) => finish(i, e instanceof Error ? e : new Error(String(e))),
    );
  // The helper is gone: what it claimed and never delivered, and what nobody claimed yet, is rendered here.
  const takeBack = () => {
    for (let i = 0; i < count; i++) {
      if (settle[i]!.done) continue;
      if (Atomics.load(claims, i) === BY_HELPER || Atomics.compareExchange(claims, i, FREE, BY_MAIN) === FREE) void renderHere(i);
    }
  };
  const job: PdfShareJob = { kind: 'pdfs', id: nextId++, count, date: date.toISOString(), claims: claims.buffer as SharedArrayBuffer };
  send(
    h,
    job,
    {
      onReply: (r) => {
        if (r.kind === 'pdf') {
          stats.pdfs++;
          finish(r.index, Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength));
        }
        else if (r.kind === 'pdf-failed') void renderHere(r.index);
      },
      onLost: takeBack,
    },
    () => {
      h.busy = false;
      h.worker.unref();
      armIdle(h);
    },
  );
  return {
    add(spec) {
      h.worker.postMessage({ kind: 'pdf-spec', id: job.id, index: specs.length, spec } satisfies PdfSpecMessage);
      specs.push(spec);
    },
    abandon() {
      stop(h);
    },
    results: settle.map((s) => s.promise),
    async stealOne() {
      let free = 0;
      for (let i = 0; i < specs.length; i++) if (Atomics.load(claims, i) === FREE) free++;
      if (free < STEAL_MIN_FREE) return false;
      for (let i = specs.length - 1; i >= 0; i--) {
        if (Atomics.compareExchange(claims, i, FREE, BY_MAIN) !== FREE) continue;
        await renderHere(i);
        return true;
      }
      return false;
    },
  };
}
