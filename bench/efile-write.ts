/**
 * bench:efile-write — the write phase of one large client's e-file alone: `writeEfile(input, final)`
 * (PDFs, JSON/CSV texts, hashes, ZIP), without the workspace read. Target ≤ 600 ms wall on a quiet
 * 2-core machine, adding ≤ 100 MB RSS over the input.
 * The input (~11,000 visits, 22,000 task records, 10 years) is read once from the bench fixture and
 * saved as JSON; each measurement runs in a fresh process that loads it: "cold" is the first
 * writeEfile of a process (what a user gets), "warm" the median of 3 after a warm-up run.
 * Usage: npx tsc && node dist/bench/efile-write.js [--visits 11000] [--runs 3]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeEfile } from '../cli/efile/write.js';
import type { EfileInput } from '../core/efile/efile.js';
import { largeClientInput } from './efile-client.js';
import { writeResult } from './report.js';

const { values } = parseArgs({
  options: {
    child: { type: 'string' },
    input: { type: 'string' },
    out: { type: 'string' },
    visits: { type: 'string', default: '11000' },
    runs: { type: 'string', default: '3' },
  },
});

const load = () => loadavg()[0]!.toFixed(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

interface ChildResult {
  readonly ms: number[];
  readonly sha256: string;
  readonly rssBeforeMb: number;
  readonly peakRssMb: number;
}

/** Child: loads the input, then times writeEfile `runs` times (cold: once). */
async function child(mode: 'cold' | 'warm', inputFile: string, out: string): Promise<void> {
  const input = JSON.parse(await readFile(inputFile, 'utf8')) as EfileInput;
  gc();
  const rssBefore = process.memoryUsage().rss;
  const ms: number[] = [];
  let sha = '';
  const runs = mode === 'cold' ? 1 : Number(values.runs) + 1;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = await writeEfile(input, join(out, `efile-${i}.zip`));
    ms.push(performance.now() - t);
    sha = r.sha256;
    await rm(r.file);
  }
  const res: ChildResult = { ms: mode === 'cold' ? ms : ms.slice(1), sha256: sha, rssBeforeMb: rssBefore / 2 ** 20, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(res));
}

function runChild(mode: 'cold' | 'warm', inputFile: string, out: string): ChildResult {
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', mode, '--input', inputFile, '--out', out, '--runs', values.runs!], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildResult;
}

if (values.child) {
  await child(values.child === 'cold' ? 'cold' : 'warm', values.input!, values.out!);
} else {
  const base = await mkdtemp(join(tmpdir(), 'apsis-bench-efile-write-'));
  let root: string | null = null;
  try {
    const n = Number(values.visits);
    const built = await largeClientInput(n);
    root = built.root;
    const { input } = built;
    const inputFile = join(base, 'input.json');
    await writeFile(inputFile, JSON.stringify(input));
    // The reference: this process's write of the input as read (the JSON copy must give the same bytes).
    const ref = await writeEfile(input, join(base, 'ref.zip'));
    const refSha = createHash('sha256').update(readFileSync(ref.file)).digest('hex');
    const rows: [string, string][] = [];
    rows.push(['input', `${input.collections.visitRecords.length} visits, ${input.collections.taskRecords.length} task records, ${input.history.length} history lines; ZIP ${(ref.bytes / 2 ** 20).toFixed(1)} MiB, sha256 ${refSha}`]);
    const colds: ChildResult[] = [];
    const loadBefore = load();
    for (let i = 0; i < Number(values.runs); i++) colds.push(runChild('cold', inputFile, base));
    const warm = runChild('warm', inputFile, base);
    for (const r of [...colds, warm]) if (r.sha256 !== refSha) throw new Error(`different bytes: ${r.sha256} ≠ ${refSha}`);
    const coldMs = colds.map((c) => c.ms[0]!);
    rows.push(['writeEfile cold (first in a fresh process), median', `${median(coldMs).toFixed(0)} ms (runs: ${coldMs.map((m) => m.toFixed(0)).join(', ')}; target ≤ 600 ms)`]);
    rows.push(['writeEfile warm, median of runs after a warm-up', `${median(warm.ms).toFixed(0)} ms (runs: ${warm.ms.map((m) => m.toFixed(0)).join(', ')})`]);
    const c0 = colds[0]!;
    rows.push(['RSS: input loaded / peak of the cold process / added', `${c0.rssBeforeMb.toFixed(0)} MB / ${c0.peakRssMb.toFixed(0)} MB / ${(c0.peakRssMb - c0.rssBeforeMb).toFixed(0)} MB (target ≤ 100 MB added)`]);
    rows.push(['load average (1 min) before / after', `${loadBefore} / ${load()}`]);
    await writeResult('efile-write', 'E-file write phase (one large client)', rows);
  } finally {
    await rm(base, { recursive: true, force: true });
    if (root) await rm(root, { recursive: true, force: true });
  }
}
