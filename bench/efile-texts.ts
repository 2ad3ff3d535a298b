/**
 * bench:efile-texts — the text entries of one large client's e-file alone (issue #7): every JSON, CSV
 * and HTML entry as writeEfile makes it (planEfile, then bytes as they are written, then SHA-256),
 * without PDFs or the ZIP. Beside them, what the same work costs in native code alone (the floors):
 * JSON.stringify of the same records, UTF-8 encoding of the finished texts, their SHA-256.
 * Each measurement runs in a fresh process that loads the input (as bench:efile-write): "cold" is the
 * first pass of a process (what an export gets), "warm" the median of 3 after it. CPU is the process's
 * (all threads: the compiler and GC helpers count), so it suffers less than wall time on a busy machine.
 * Usage: npx tsc && node dist/bench/efile-texts.js [--visits 11000] [--runs 5]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { utf8Of } from '../cli/efile/utf8-sink.js';
import type { EfileEntry, EfileInput } from '../core/efile/efile.js';
import { planEfile } from '../core/efile/efile.js';
import { largeClientInput } from './efile-client.js';
import { writeResult } from './report.js';

const { values } = parseArgs({
  options: {
    child: { type: 'string' },
    input: { type: 'string' },
    visits: { type: 'string', default: '11000' },
    runs: { type: 'string', default: '5' },
  },
});

/** The groups the entries are timed in. */
const GROUPS = ['worksheets/*.json', 'records/*.json', 'CSV', 'history.json', 'other'] as const;
type Group = (typeof GROUPS)[number];

function groupOf(path: string): Group {
  if (path.startsWith('worksheets/')) return 'worksheets/*.json';
  if (path.endsWith('.csv')) return 'CSV';
  if (path.startsWith('records/')) return 'records/*.json';
  return path === 'history.json' ? 'history.json' : 'other';
}

/** Wall and CPU milliseconds of one pass. */
interface Times {
  readonly wall: number;
  readonly cpu: number;
}

interface Pass {
  readonly total: Times;
  readonly plan: Times;
  readonly groups: Record<Group, Times>;
  /** SHA-256 over every entry's path and hash: the same bytes in every process. */
  readonly digest: string;
}

interface ChildResult {
  readonly cold: Pass;
  readonly warm: Pass[];
  readonly floors: { readonly stringify: Times; readonly encode: Times; readonly sha256: Times; readonly chars: number; readonly bytes: number };
  readonly peakRssMb: number;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs `f` and gives its wall and CPU time to `add`. */
function timed<T>(f: () => T, add: (t: Times) => void): T {
  const w = performance.now();
  const c = cpuMs();
  const r = f();
  add({ wall: performance.now() - w, cpu: cpuMs() - c });
  return r;
}

const sum = (a: Times, b: Times): Times => ({ wall: a.wall + b.wall, cpu: a.cpu + b.cpu });
const zero: Times = { wall: 0, cpu: 0 };

/** The bytes of a text entry, as write.ts makes them. */
function textBytes(e: EfileEntry): Buffer {
  const c = e.content as Extract<EfileEntry['content'], { kind: 'text' }>;
  return c.write ? utf8Of(c.write) : Buffer.from(c.text(), 'utf8');
}

/** One pass over every text entry: bytes and SHA-256, timed by group. */
function pass(input: EfileInput): Pass {
  const w = performance.now();
  const c = cpuMs();
  let plan = zero;
  const { entries } = timed(() => planEfile(input), (t) => (plan = t));
  const groups = Object.fromEntries(GROUPS.map((g) => [g, zero])) as Record<Group, Times>;
  const all = createHash('sha256');
  for (const e of entries) {
    if (e.content.kind !== 'text') continue;
    const g = groupOf(e.path);
    const sha = timed(() => createHash('sha256').update(textBytes(e)).digest('hex'), (t) => (groups[g] = sum(groups[g], t)));
    all.update(`${e.path} ${sha}\n`);
  }
  return { total: { wall: performance.now() - w, cpu: cpuMs() - c }, plan, groups, digest: all.digest('hex') };
}

/** Native work alone on the same data: JSON.stringify of the records as they are, encoding and hashing of the texts. */
function floors(input: EfileInput): ChildResult['floors'] {
  const { visitRecords, taskRecords } = input.collections;
  // The visits and tasks are lines of the work sheets (e-file format 2: not again in records/*.json).
  const lists: readonly (readonly unknown[])[] = [visitRecords, taskRecords, input.history];
  let stringify = zero;
  timed(() => {
    let n = 0;
    for (const list of lists) for (const r of list) n += JSON.stringify(r).length;
    return n;
  }, (t) => (stringify = t));
  const texts = planEfile(input).entries.flatMap((e) => (e.content.kind === 'text' ? [e.content.text()] : []));
  let encode = zero;
  const bytes = timed(() => texts.map((t) => Buffer.from(t, 'utf8')), (t) => (encode = t));
  let sha256 = zero;
  timed(() => bytes.map((b) => createHash('sha256').update(b).digest('hex')), (t) => (sha256 = t));
  return { stringify, encode, sha256, chars: texts.reduce((n, t) => n + t.length, 0), bytes: bytes.reduce((n, b) => n + b.length, 0) };
}

async function child(inputFile: string): Promise<void> {
  const input = JSON.parse(await readFile(inputFile, 'utf8')) as EfileInput;
  const cold = pass(input);
  const warm = [pass(input), pass(input), pass(input)];
  const res: ChildResult = { cold, warm, floors: floors(input), peakRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(res));
}

function runChild(inputFile: string): ChildResult {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', 'texts', '--input', inputFile], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildResult;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: Times[]) => `${median(xs.map((x) => x.cpu)).toFixed(0)} ms CPU, ${median(xs.map((x) => x.wall)).toFixed(0)} ms wall`;

if (values.child) {
  await child(values.input!);
} else {
  const base = await mkdtemp(join(tmpdir(), 'apsis-bench-efile-texts-'));
  let root: string | null = null;
  try {
    const built = await largeClientInput(Number(values.visits));
    root = built.root;
    const { input } = built;
    const inputFile = join(base, 'input.json');
    await writeFile(inputFile, JSON.stringify(input));
    // The reference: this process's texts of the input as read (the JSON copy must give the same bytes).
    const ref = pass(input).digest;
    const loadBefore = loadavg()[0]!.toFixed(2);
    const runs = Array.from({ length: Number(values.runs) }, () => runChild(inputFile));
    for (const r of runs) for (const p of [r.cold, ...r.warm]) if (p.digest !== ref) throw new Error(`different bytes: ${p.digest} ≠ ${ref}`);
    const f = runs[0]!.floors;
    const rows: [string, string][] = [
      ['input', `${input.collections.visitRecords.length} visits, ${input.collections.taskRecords.length} task records, ${input.history.length} history lines; texts ${(f.chars / 1e6).toFixed(1)} M characters, ${(f.bytes / 2 ** 20).toFixed(1)} MiB UTF-8; entry digest ${ref.slice(0, 16)}…`],
      ['text entries cold (first pass of a process), median', `${fmt(runs.map((r) => r.cold.total))} (CPU of the runs: ${runs.map((r) => r.cold.total.cpu.toFixed(0)).join(', ')})`],
      ['  of which planEfile (shared with the PDFs)', fmt(runs.map((r) => r.cold.plan))],
      ...GROUPS.map((g): [string, string] => [`  of which ${g} (bytes + SHA-256)`, fmt(runs.map((r) => r.cold.groups[g]))]),
      ['text entries warm (median of 3 after the cold pass), median', fmt(runs.map((r) => r.warm[1]!.total))],
      ['floor: JSON.stringify of the same records as they are (warm)', fmt(runs.map((r) => r.floors.stringify))],
      ['floor: UTF-8 of the finished texts, Buffer.from (warm)', fmt(runs.map((r) => r.floors.encode))],
      ['floor: SHA-256 of the bytes (warm)', fmt(runs.map((r) => r.floors.sha256))],
      ['peak RSS of a process (input, 4 passes, floors)', `${median(runs.map((r) => r.peakRssMb)).toFixed(0)} MB`],
      ['load average (1 min) before / after', `${loadBefore} / ${loadavg()[0]!.toFixed(2)}`],
    ];
    await writeResult('efile-texts', 'E-file text entries (one large client)', rows);
  } finally {
    await rm(base, { recursive: true, force: true });
    if (root) await rm(root, { recursive: true, force: true });
  }
}
