/**
 * bench:tui, the history tab of a client with ten years of records (the e-file benches' fixture,
 * bench/efile-client.ts: ~11,000 visits with 2 task records each, 120 monthly updates):
 *  - Tab (from the plan tab) → the history tab's first frame;
 *  - Tab → the whole history usable: End ('G', sent every 50 ms) shows its oldest change;
 *  - the longest event-loop stall meanwhile (a frozen UI), and the process's peak RSS;
 *  - steady key → frame in the loaded history (PgDn, Home, End), and an edit → the frame showing it.
 * In-process (unbundled modules) with ink-testing-library, whose debug rendering writes every
 * render as a full frame; one child process per run, so each run's memory is its own.
 * Usage: node dist/bench/tui-history.js [--visits 11000] [--runs 3] (bench:tui runs it too).
 */
import { spawnSync } from 'node:child_process';
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createElement } from 'react';
import { addClientRecord } from '../core/doc/client-doc.js';
import { act } from '../core/doc/origin.js';
import { openFixture, CLIENT } from '../test/efile/fixture.js';
import { buildLargeClient } from './efile-client.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One run's figures (ms, MB). */
export interface HistoryRun {
  readonly first: number;
  readonly usable: number;
  readonly stall: number;
  readonly peakRssMb: number;
  readonly pageDown: number[];
  readonly home: number;
  readonly end: number;
  readonly edit: number;
}

/** Child: opens the workspace, shows the plan tab, presses Tab and measures; prints one JSON line. */
async function child(dir: string): Promise<void> {
  const { render } = await import('ink-testing-library');
  const { App } = await import('../cli/tui/app/App.js');
  const ws = await openFixture(dir, '2026-11-23T08:00:00.000Z');
  const app = render(createElement(App, { ws, lang: 'en' as const, noColor: true, initial: { screen: 'client', clientId: CLIENT, tab: 'plan' }, background: false }));
  const stdout = app.stdout as unknown as { write: (f: string) => void };
  const write = stdout.write;
  let onFrame: ((f: string) => void) | null = null;
  stdout.write = (f: string) => {
    write(f);
    onFrame?.(f);
  };
  const frame = () => app.lastFrame() ?? '';
  const until = async (pred: (f: string) => boolean, what: string, limit = 60_000): Promise<void> => {
    const deadline = Date.now() + limit;
    while (!pred(frame())) {
      if (Date.now() > deadline) throw new Error(`no frame with ${what} within ${limit} ms; last:\n${frame()}`);
      await sleep(5);
    }
  };
  /** Writes `key` and resolves with the ms until a frame satisfying `pred` is written. */
  const keyTo = (key: string, pred: (f: string) => boolean): Promise<number> =>
    new Promise((resolve) => {
      const t = performance.now();
      onFrame = (f) => {
        if (!pred(f)) return;
        onFrame = null;
        resolve(performance.now() - t);
      };
      app.stdin.write(key);
    });
  await until((f) => f.includes('Zane') && f.includes('Nespēj pati'), 'the plan tab');
  await sleep(500);
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const t0 = performance.now();
  const first = await keyTo('\t', (f) => f.includes('Visits and what was done'));
  // The whole history is usable once End reaches its oldest change (the client's creation).
  let usable = NaN;
  for (;;) {
    const seen = (f: string) => f.includes('client.add');
    if (seen(frame())) {
      usable = performance.now() - t0;
      break;
    }
    app.stdin.write('G');
    await sleep(50);
    if (performance.now() - t0 > 120_000) throw new Error(`history not usable within 120 s; last:\n${frame()}`);
  }
  lag.disable();
  await sleep(300);
  const pageDown: number[] = [];
  await keyTo('g', (f) => f.includes('Visits and what was done'));
  await sleep(50);
  for (let i = 0; i < 10; i++) {
    pageDown.push(await keyTo('\u001B[6~', () => true));
    await sleep(50);
  }
  const end = await keyTo('\u001B[F', (f) => f.includes('client.add'));
  await sleep(50);
  const home = await keyTo('\u001B[H', (f) => f.includes('Visits and what was done'));
  await sleep(300);
  // A visit recorded now, newest of all: the top of the visits section shows it.
  const opened = await ws.client(CLIENT);
  if (!opened.ok) throw new Error('client');
  const te = performance.now();
  const shown = new Promise<number>((resolve) => {
    onFrame = (f) => {
      if (f.includes('bench-note')) {
        onFrame = null;
        resolve(performance.now() - te);
      }
    };
  });
  act(opened.doc, ws.origin('visit.record'), () => {
    addClientRecord(opened.doc, 'visitRecords', { id: 'vb-live', date: '2026-11-23', staffId: 's-maija', scheduledVisitId: null, arrivedAt: '2026-11-23T08:00:00Z', leftAt: '2026-11-23T08:30:00Z', note: 'bench-note' });
  });
  const edit = await Promise.race([shown, sleep(30_000).then(() => NaN)]);
  app.unmount();
  const run: HistoryRun = { first, usable, stall: lag.max / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024, pageDown, home, end, edit };
  process.stdout.write(`${JSON.stringify(run)}\n`);
  process.exit(0);
}

const med = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const runsOf = (xs: readonly number[], unit = 'ms') => `${med(xs).toFixed(0)} ${unit} (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;

/** Builds the ten-year client, runs `runs` children on it, and returns the figures as result rows. */
export async function historyTabRows(visits = 11_000, runs = 3): Promise<[string, string][]> {
  const { wsDir, root } = await buildLargeClient(visits);
  try {
    const self = fileURLToPath(import.meta.url);
    const all: HistoryRun[] = [];
    for (let r = 0; r < runs; r++) {
      // A copy per run: the edit a run makes is stored, and would leave the next run a stale view.
      const runDir = join(root, `run-${r}`);
      await cp(wsDir, runDir, { recursive: true });
      const env = { ...process.env };
      delete env.CI; // Ink renders nothing interactively under CI
      const out = spawnSync(process.execPath, [self, '--child', runDir], { encoding: 'utf8', env, maxBuffer: 1 << 24 });
      if (out.status !== 0) throw new Error(`history child failed: ${out.stderr}`);
      all.push(JSON.parse(out.stdout.trim().split('\n').pop()!) as HistoryRun);
    }
    const label = `history tab, client with ${visits.toLocaleString('en')} visits over 10 years (in-process)`;
    return [
      [`${label}: Tab → first frame (median)`, runsOf(all.map((r) => r.first))],
      [`${label}: Tab → whole history usable (End shows the oldest change)`, runsOf(all.map((r) => r.usable))],
      [`${label}: longest event-loop stall meanwhile`, runsOf(all.map((r) => r.stall))],
      [`${label}: peak RSS of the process`, runsOf(all.map((r) => r.peakRssMb), 'MB')],
      [`${label}: key → frame, PgDn / Home / End (median)`, `${med(all.flatMap((r) => r.pageDown)).toFixed(1)} / ${med(all.map((r) => r.home)).toFixed(1)} / ${med(all.map((r) => r.end)).toFixed(1)} ms`],
      [`${label}: a visit recorded → the frame showing it`, runsOf(all.map((r) => r.edit))],
    ];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { visits: { type: 'string', default: '11000' }, runs: { type: 'string', default: '3' }, child: { type: 'string' } } });
  if (values.child) await child(values.child);
  else {
    const { cpus, loadavg } = await import('node:os');
    const { writeResult } = await import('./report.js');
    const load = loadavg()[0]!;
    const rows = await historyTabRows(Number(values.visits), Number(values.runs));
    rows.push(['load average (1 min) at start / end', `${load.toFixed(2)} / ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores (figures under load are pessimistic)`]);
    await writeResult('tui-history', 'bench:tui — the history tab of a client with ten years of records', rows);
  }
}
