/**
 * bench:tui — the terminal UI on a workspace of 3,000 clients:
 *  - process start → first frame (a fresh Node process each run: boot, open the workspace, load
 *    Ink/React/the app, render), target ≤ 300 ms;
 *  - key → next frame while scrolling (j) and filtering (/ + letters, backspace) the caseload,
 *    target ≤ 33 ms (only the visible rows render): in-process (unbundled modules; the first 30 keys
 *    after start, then steady) and on the shipped binary in a pty (bench/tui-pty.ts; the keys sent
 *    while the background check reads every client document, then steady);
 *  - the history tab of a client with ten years of records (bench/tui-history.ts).
 * Usage: node dist/bench/tui.js [--clients 3000] [--runs 5] [--compare other/dist/bin/apsis.mjs] [--history-visits 11000]
 * (--compare times another build's binary interleaved with this one, so both see the same load —
 * first frames and the pty key → frame figures;
 * the child mode is internal). The load average is recorded beside the figures.
 */
import { spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { initWorkspace, openWorkspace } from '../cli/workspace/workspace.js';
import { BIN } from '../test/helpers/cli.js';
import { writeResult } from './report.js';
import { binaryKeyTimes } from './tui-pty.js';
import { historyTabRows } from './tui-history.js';

/** The shipped binary in a real pseudo-terminal (util-linux `script`): spawn → first frame on screen. */
function binaryFirstFrame(dir: string, bin = BIN): Promise<number> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, APSIS_WORKSPACE: dir, NO_COLOR: '1', COLUMNS: '100', LINES: '30' };
    delete env.CI;
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', `'${process.execPath}' '${bin}'`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'inherit'] });
    let seen = '';
    let done = false;
    child.stdout.on('data', (b: Buffer) => {
      seen += b.toString();
      if (!done && seen.includes('APSis')) {
        done = true;
        const ms = performance.now() - t0;
        setTimeout(() => child.stdin.write('q'), 300);
        child.once('exit', () => resolve(ms));
      }
    });
    child.on('error', reject);
    setTimeout(() => {
      if (!done) {
        child.kill('SIGKILL');
        reject(new Error(`no first frame within 10 s: ${seen.slice(-300)}`));
      }
    }, 10_000);
  });
}

const { values } = parseArgs({ options: { clients: { type: 'string', default: '3000' }, runs: { type: 'string', default: '5' }, child: { type: 'string' }, compare: { type: 'string' }, 'history-visits': { type: 'string', default: '11000' } } });
const CLIENTS = Number(values.clients);
const RUNS = Number(values.runs);
const clock = { now: () => new Date('2026-11-23T08:00:00') };

/** A terminal-like output stream that records when each write happens. */
class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  columns = 100;
  rows = 30;
  /** The last full frame written. */
  last = '';
  onWrite: ((s: string) => void) | null = null;
  write(s: string): boolean {
    if (s.includes('APSis')) this.last = s;
    this.onWrite?.(s);
    return true;
  }
}

/** A raw-mode terminal input that Ink can read keys from. */
class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private pending: string | null = null;
  setRawMode(): this {
    return this;
  }
  setEncoding(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  read(): string | null {
    const p = this.pending;
    this.pending = null;
    return p;
  }
  send(s: string): void {
    this.pending = s;
    this.emit('readable');
  }
}

async function renderOn(dir: string, stdout: FakeStdout, stdin: FakeStdin) {
  const opened = await openWorkspace(dir, clock);
  if (!opened.ok) throw new Error(opened.error.message);
  const ws = opened.value;
  const [{ render }, { createElement }, { App }] = await Promise.all([import('ink'), import('react'), import('../cli/tui/app/App.js')]);
  const app = render(createElement(App, { ws, lang: 'lv' as const, noColor: true }), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return { ws, app };
}

/** Child: from process start to the first frame on the (fake) terminal; prints ms. */
async function child(dir: string): Promise<void> {
  const stdout = new FakeStdout();
  const first = new Promise<number>((resolve) => {
    stdout.onWrite = (s) => {
      if (s.includes('APSis')) resolve(performance.now());
    };
  });
  const { ws, app } = await renderOn(dir, stdout, new FakeStdin());
  const t = await first;
  process.stdout.write(`${t.toFixed(1)}\n`);
  app.unmount();
  await ws.close();
  process.exit(0);
}

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stats = (all: number[]) => {
  const xs = all.filter((x) => !Number.isNaN(x));
  const missing = all.length - xs.length;
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return `mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1)} ms · p95 ${at(0.95).toFixed(1)} ms · max ${(s[s.length - 1] ?? NaN).toFixed(1)} ms (n=${xs.length}${missing ? `, ${missing} keys without a frame within 1 s` : ''})`;
};

async function main(): Promise<void> {
  if (values.child) return child(values.child);
  process.env.FORCE_COLOR = '1'; // as in a real terminal: the cursor row is drawn in inverse
  const loadBefore = loadavg()[0]!;
  const root = await mkdtemp(join(tmpdir(), 'apsis-bench-tui-'));
  const dir = join(root, 'ws');
  try {
    const created = await initWorkspace(dir, clock, { user: { id: 'anna', name: 'Anna Bērziņa', role: 'coordinator' }, namespace: 'bench' });
    if (!created.ok) throw new Error(created.error.message);
    const ws = created.value;
    const t0 = performance.now();
    let order: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const res = await ws.addClient({ givenName: `Vārds${i}`, familyName: `Uzvārds${(i * 7919) % CLIENTS}`, careGroupId: `g${i % 6}` });
      if (!res.ok) throw new Error('add');
    }
    await ws.close();
    // The caseload as the app lists it (the index is written at close).
    const reopened = await openWorkspace(dir, clock);
    if (!reopened.ok) throw new Error(reopened.error.message);
    order = reopened.value.caseload().map((r) => r.id);
    await reopened.value.close();
    process.stdout.write(`workspace of ${CLIENTS} clients built in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

    const self = fileURLToPath(import.meta.url);
    const firsts: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const env = { ...process.env };
      delete env.CI; // Ink renders nothing interactively under CI
      const out = spawnSync(process.execPath, [self, '--child', dir], { encoding: 'utf8', env });
      if (out.status !== 0) throw new Error(`child failed: ${out.stderr}`);
      firsts.push(Number(out.stdout.trim()));
    }

    const binary: number[] = [];
    const other: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      binary.push(await binaryFirstFrame(dir));
      if (values.compare) other.push(await binaryFirstFrame(dir, values.compare));
    }

    const pty = await binaryKeyTimes(BIN, dir, order);
    const otherPty = values.compare ? await binaryKeyTimes(values.compare, dir, order) : null;

    const stdout = new FakeStdout();
    const stdin = new FakeStdin();
    const { ws: ws2, app } = await renderOn(dir, stdout, stdin);
    await sleep(300);
    /** Sends a key and measures until the next frame is written. */
    const keyToFrame = async (k: string): Promise<number> => {
      const t = performance.now();
      const done = new Promise<number>((resolve) => {
        stdout.onWrite = () => resolve(performance.now() - t);
      });
      stdin.send(k);
      const ms = await Promise.race([done, sleep(1000).then(() => NaN)]);
      stdout.onWrite = null;
      await sleep(40); // past Ink's 30 fps throttle, so every key gets its own frame
      return ms;
    };
    const during: number[] = [];
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    for (let i = 0; i < 30; i++) during.push(await keyToFrame(i % 10 < 7 ? 'j' : 'k'));
    lag.disable();
    const loopLag = `event-loop delay max ${(lag.max / 1e6).toFixed(0)} ms, mean ${(lag.mean / 1e6).toFixed(1)} ms`;
    const scroll: number[] = [];
    const filter: number[] = [];
    // Wait for the background document check to finish, then measure the steady state.
    for (let i = 0; i < 600 && /pārbauda \d+\/\d+/.test(stdout.last); i++) await sleep(100);
    for (let i = 0; i < 60; i++) scroll.push(await keyToFrame(i % 10 < 7 ? 'j' : 'k'));
    await keyToFrame('/');
    for (const k of ['u', 'z', 'v', 'ā', 'r', 'd', 's', '1', '\x7f', '\x7f', '\x7f', '2', '3']) filter.push(await keyToFrame(k));
    app.unmount();
    await ws2.close();
    // The history tab of one client with ten years of records (bench/tui-history.ts; --history-visits 0 skips it).
    const history = Number(values['history-visits']) > 0 ? await historyTabRows(Number(values['history-visits']), 3) : [];
    const median = [...firsts].sort((a, b) => a - b)[Math.floor(firsts.length / 2)] ?? NaN;
    await writeResult('tui', `bench:tui — terminal UI with ${CLIENTS} clients`, [
      ['clients', String(CLIENTS)],
      ['shipped binary (dist/bin/apsis.mjs) in a pty: spawn → first frame (median)', `${med(binary).toFixed(0)} ms (runs: ${binary.map((x) => x.toFixed(0)).join(', ')}; target ≤ 300 ms)`],
      ['unbundled modules: process start → first frame (median of runs)', `${median.toFixed(0)} ms (runs: ${firsts.map((x) => x.toFixed(0)).join(', ')})`],
      ['shipped binary in a pty: key → frame, scrolling, while the background check reads every document', `${stats(pty.during)}; target ≤ 33 ms${pty.duringInScan ? '' : ' (the check ended within the first 10 keys)'}`],
      ['shipped binary in a pty: key → frame, scrolling (j/k)', `${stats(pty.scroll)}; target ≤ 33 ms`],
      ['shipped binary in a pty: key → frame, filtering (type / backspace)', `${stats(pty.filter)}; target ≤ 33 ms`],
      ['unbundled modules: key → frame, scrolling, during the background check', `${stats(during)}; ${loopLag}`],
      ['unbundled modules: key → frame, scrolling (j/k)', `${stats(scroll)}; target ≤ 33 ms`],
      ['unbundled modules: key → frame, filtering (type / backspace)', `${stats(filter)}; target ≤ 33 ms`],
      ...history,
      ...(values.compare
        ? [
            [`${values.compare}, interleaved with the runs above: spawn → first frame (median)`, `${med(other).toFixed(0)} ms (runs: ${other.map((x) => x.toFixed(0)).join(', ')}); this build takes ${((med(binary) / med(other)) * 100).toFixed(0)} % of its time`] as const,
            [`${values.compare} in a pty, right after this build's: key → frame while its background check reads / scrolling / filtering`, `${stats(otherPty!.during)} / ${stats(otherPty!.scroll)} / ${stats(otherPty!.filter)}`] as const,
          ]
        : []),
      ['load average (1 min) at start / end', `${loadBefore.toFixed(2)} / ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores (figures under load are pessimistic)`],
    ]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
