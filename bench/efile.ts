/**
 * bench:efile — e-file export speed and memory.
 *   1. one client with ~11,000 visits over 10 years (2 task records each): time and peak RSS
 *      (targets ≤ 1 s, ≤ 200 MB), read from its view as the repository keeps it: its first export
 *      (every PDF drawn); again (its PDFs kept from the first); after a month of new work (the
 *      current year's work sheets drawn again); the real (bundled) binary's first and repeated export,
 *      as a user runs it; and without the view (the replay that rebuilds it);
 *   2. the large demo world, 3,000 clients, `export efile --all`: total time and peak RSS
 *      (targets ≤ 2 min, ≤ 300 MB).
 * Each export runs in a child process of its own so its peak RSS is its own.
 * Usage: npx tsc && node dist/bench/efile.js [--visits 11000] [--skip-large] [--limit 3000] [--workers N]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exportBatch } from '../cli/efile/batch.js';
import { exportClient, orgInfo } from '../cli/efile/export.js';
import { BIN } from '../test/helpers/cli.js';
import { CLIENT, NOW, openFixture } from '../test/efile/fixture.js';
import { addRecentVisits, buildLargeClient } from './efile-client.js';
import { writeResult } from './report.js';

const { values } = parseArgs({
  options: {
    child: { type: 'string' },
    ws: { type: 'string' },
    out: { type: 'string' },
    visits: { type: 'string', default: '11000' },
    'skip-large': { type: 'boolean', default: false },
    limit: { type: 'string', default: '3000' },
    workers: { type: 'string' },
  },
});

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
/** The 1-minute load average: timings under load are pessimistic (2 shared cores). */
const load = () => loadavg()[0]!.toFixed(1);

/** Child: export (one client or all) from an existing workspace; prints {ms, maxRssKb, files, bytes}. */
async function child(mode: string, wsDir: string, out: string): Promise<void> {
  const t0 = performance.now();
  const ws = await openFixture(wsDir, NOW);
  let files = 0;
  let bytes = 0;
  const failures: string[] = [];
  let pdfs = '';
  try {
    const org = await orgInfo(ws);
    if (mode === 'one') {
      const r = await exportClient(ws, CLIENT, out, org);
      if (r.ok) {
        files++;
        bytes += r.bytes;
        if (r.pdfs) pdfs = `${r.pdfs.kept}, ${r.pdfs.drawn}`;
      } else failures.push(`${CLIENT}: ${r.message}`);
    } else {
      // As `apsis export efile --all` does it: on worker threads.
      const ids = ws.caseload().map((r) => r.id).slice(0, Number(values.limit));
      const opts = values.workers === undefined ? {} : { workers: Number(values.workers) };
      for (const s of await exportBatch(ws, ids.map((id) => ({ ref: id, id })), out, org, opts)) {
        if ('error' in s) failures.push(`${s.client}: ${s.error}`);
        else {
          files++;
          bytes += s.bytes;
        }
      }
    }
  } finally {
    await ws.close();
  }
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, files, bytes, pdfs, failures: failures.slice(0, 3) }));
}

function runChild(mode: string, wsDir: string, out: string): { ms: number; maxRssKb: number; files: number; bytes: number; pdfs: string; wallMs: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, '--ws', wsDir, '--out', out, '--limit', values.limit!, ...(values.workers === undefined ? [] : ['--workers', values.workers])], { encoding: 'utf8', env: { ...process.env, APSIS_NOW: NOW }, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`child ${mode} failed: ${r.stderr}`);
  return { ...(JSON.parse(r.stdout) as { ms: number; maxRssKb: number; files: number; bytes: number; pdfs: string }), wallMs: performance.now() - t };
}

/** `apsis export efile` of the client in a process of its own; its peak RSS reported by an exit hook. */
function runBinary(wsDir: string, out: string): { wallMs: number; maxRssKb: number } {
  const hook = `data:text/javascript,process.on('exit', () => process.stderr.write('\\napsis-bench-rss ' + process.resourceUsage().maxRSS + '\\n'))`;
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', hook, BIN, '--workspace', wsDir, 'export', 'efile', CLIENT, '--out', out], { encoding: 'utf8', env: { ...process.env, APSIS_NOW: NOW } });
  const wallMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`apsis export efile failed: ${r.stderr}`);
  const rss = /apsis-bench-rss (\d+)/.exec(r.stderr);
  if (!rss) throw new Error(`no RSS reported: ${r.stderr}`);
  return { wallMs, maxRssKb: Number(rss[1]) };
}

if (values.child) {
  await child(values.child, values.ws!, values.out!);
} else {
  const base = await mkdtemp(join(tmpdir(), 'apsis-bench-efile-'));
  const rows: [string, string][] = [];
  let fixtureDir: string | null = null;
  try {
    // 1. One client, ~11,000 visits over 10 years, one transaction per month.
    const n = Number(values.visits);
    const built = await buildLargeClient(n);
    const wsDir = built.wsDir;
    fixtureDir = built.root;
    const out1 = join(base, 'out-one');
    const load1 = load();
    const one = runChild('one', wsDir, out1);
    const zip1 = (await readdir(out1))[0]!;
    rows.push(['one client: visits / task records', `${n} / ${2 * n} over 10 years (120 months of work sheets, in 10 yearly PDFs)`]);
    rows.push(['one client: export time (open, read its view, render, zip, record)', `${(one.ms / 1000).toFixed(2)} s (target ≤ 1 s)`]);
    rows.push(['one client: process wall time incl. Node start', `${(one.wallMs / 1000).toFixed(2)} s`]);
    rows.push(['one client: peak RSS', `${mb(one.maxRssKb)} (target ≤ 200 MB)`]);
    rows.push(['one client: ZIP size', `${((await stat(join(out1, zip1))).size / 1024 / 1024).toFixed(1)} MiB`]);
    rows.push(['one client: PDFs kept from a previous export / drawn', `${one.pdfs}`]);
    rows.push(['one client: load average (1 min) before / after', `${load1} / ${load()}`]);
    // The next exports find the PDFs of this one kept beside the view (cli/efile/pdf-cache.ts).
    const again = runChild('one', wsDir, join(base, 'out-again'));
    rows.push(['one client, exported again (nothing changed): time / peak RSS / PDFs kept, drawn', `${(again.ms / 1000).toFixed(2)} s / ${mb(again.maxRssKb)} / ${again.pdfs}`]);
    await addRecentVisits(wsDir, 90);
    const month = runChild('one', wsDir, join(base, 'out-month'));
    rows.push(['one client, after a month of new work (90 visits): time / peak RSS / PDFs kept, drawn', `${(month.ms / 1000).toFixed(2)} s / ${mb(month.maxRssKb)} / ${month.pdfs}`]);
    // The real binary (bundled), as a user runs it: process wall time incl. Node start, and its peak RSS.
    await rm(join(wsDir, 'docs', `client~${CLIENT}`, 'rendered'), { recursive: true, force: true });
    const bin1 = runBinary(wsDir, join(base, 'out-bin-first'));
    const bin2 = runBinary(wsDir, join(base, 'out-bin-again'));
    rows.push(['one client, real binary `apsis export efile` (bundled; wall incl. Node start): first / again', `${(bin1.wallMs / 1000).toFixed(2)} s, ${mb(bin1.maxRssKb)} / ${(bin2.wallMs / 1000).toFixed(2)} s, ${mb(bin2.maxRssKb)}`]);
    // The same client without its view (as after an upgrade, or a sync into the closed document):
    // one replay of every update, which stores the view again.
    await rm(join(wsDir, 'docs', `client~${CLIENT}`, 'view.ybin'));
    const cold = runChild('one', wsDir, join(base, 'out-one-noview'));
    rows.push(['one client without a view: export time (replay, render, zip; stores the view)', `${(cold.ms / 1000).toFixed(2)} s, peak RSS ${mb(cold.maxRssKb)}`]);
    for (const [k, v] of rows) process.stdout.write(`${k}: ${v}\n`);

    // 2. The large demo world.
    if (!values['skip-large']) {
      const big = join(base, 'large');
      const d = spawnSync(process.execPath, [BIN, '--workspace', big, 'demo', '--size', 'large', '--seed', '1', '--json'], { encoding: 'utf8', env: { ...process.env, APSIS_NOW: NOW } });
      if (d.status !== 0) throw new Error(`apsis demo failed: ${d.stderr}`);
      const out2 = join(base, 'out-all');
      const load2 = load();
      const all = runChild('all', big, out2);
      rows.push(['all: clients exported', `${all.files} of the large demo world (3,000 clients, seed 1)${all.files < 3000 ? '; time and RSS below are for these only' : ''}`]);
      rows.push(['all: total time', `${(all.ms / 1000).toFixed(1)} s (target ≤ 2 min); ${(all.ms / all.files).toFixed(1)} ms per client`]);
      rows.push(['all: peak RSS', `${mb(all.maxRssKb)} (target ≤ 300 MB)`]);
      rows.push(['all: ZIPs written', `${(all.bytes / 1024 / 1024).toFixed(1)} MiB`]);
      rows.push(['all: worker threads', values.workers ?? 'default (batchWorkers: one per core, at most 2)']);
      rows.push(['all: load average (1 min) before / after', `${load2} / ${load()}`]);
    }
    await writeResult('efile', 'E-file export', rows);
  } finally {
    await rm(base, { recursive: true, force: true });
    if (fixtureDir) await rm(fixtureDir, { recursive: true, force: true });
  }
}
