/**
 * Scheduler benchmark against public instances (data read at run time, never copied):
 *   node dist/bench/schedule.js --suite solomon25|solomon50|solomon100|mankowska --seconds 1,10 [--limit N] [--only C2,R211] [--out NAME] [--iterations N]
 * (`--only`: instances whose name starts with one of the prefixes; `--out`: results file suffix;
 * `--iterations`: stop each run after N search steps as well, so that before/after comparisons do
 * not depend on the machine's load.) "guard" counts the visits the solver's last guard
 * (`settleSyncs`) unassigned: it should stay 0.
 * Prints a markdown table (instance, best known, found, gap %, checker ok) and writes
 * bench/results/schedule-<suite>.md. Data: $APSIS_BENCH_DATA or ../shared/benchmarks from the repo root.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSolution } from '../core/schedule/check.js';
import { mankowskaToProblem, parseMankowska } from '../core/schedule/mankowska.js';
import type { Problem } from '../core/schedule/model.js';
import { parseSolomon, solomonOutput, solomonToProblem } from '../core/schedule/solomon.js';
import { solve } from '../core/schedule/solve.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = process.env.APSIS_BENCH_DATA ?? resolve(root, '../shared/benchmarks');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const suite = arg('suite', 'solomon25');
const secondsList = arg('seconds', '1').split(',').map(Number);
const limit = Number(arg('limit', '1000'));
const seed = Number(arg('seed', '1'));
const only = arg('only', '').split(',').filter((x) => x !== '');
const outName = arg('out', suite);
const iterations = Number(arg('iterations', 'Infinity'));
if (!(iterations >= 0)) {
  console.error(`--iterations must be a number of steps ≥ 0, not "${arg('iterations', '')}"`);
  process.exit(2);
}

if (!existsSync(dataDir)) {
  console.error(`benchmark data not found at ${dataDir}; set APSIS_BENCH_DATA to the benchmarks folder`);
  process.exit(1);
}

interface Case {
  readonly name: string;
  readonly best: number;
  readonly load: () => { problem: Problem; score: (cost: number, p: Problem, s: Parameters<typeof checkSolution>[1]) => number };
}

function csv(file: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const cols = (head ?? '').split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i] ?? String(i), v])));
}

function solomonCases(size: 25 | 50 | 100): Case[] {
  const folder = join(dataDir, 'solomon', size === 100 ? 'original_100' : `derived_${size}`);
  const bks = csv(join(dataDir, 'solomon', 'bks.csv'));
  return readdirSync(folder)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.txt$/, '');
      const row = bks.find((r) => r.instance === name && r.customers === String(size));
      return {
        name,
        best: Number(row?.opt_trunc1dec_distance ?? NaN),
        load: () => {
          const parsed = parseSolomon(readFileSync(join(folder, f), 'utf8'));
          if (!parsed.ok) throw new Error(`${f}: ${parsed.error}`);
          const problem = solomonToProblem(parsed.value);
          return { problem, score: (_c, p, s) => solomonOutput(parsed.value, p, s).distance };
        },
      };
    });
}

function mankowskaCases(): Case[] {
  const folder = join(dataDir, 'mankowska');
  return csv(join(folder, 'best-known.csv'))
    .filter((r) => existsSync(join(folder, `${r.file}.txt`)))
    .map((r) => ({
      name: r.instance ?? '',
      best: Number(r.mnsa2024_best_cost_verified ?? NaN),
      load: () => {
        const parsed = parseMankowska(readFileSync(join(folder, `${r.file}.txt`), 'utf8'));
        if (!parsed.ok) throw new Error(`${r.file}: ${parsed.error}`);
        return { problem: mankowskaToProblem(parsed.value).problem, score: (c) => c };
      },
    }));
}

const cases = (suite === 'solomon25' ? solomonCases(25) : suite === 'solomon50' ? solomonCases(50) : suite === 'solomon100' ? solomonCases(100) : suite === 'mankowska' ? mankowskaCases() : []).filter((c) => only.length === 0 || only.some((o) => c.name.startsWith(o))).slice(0, limit);
if (cases.length === 0) {
  console.error(`unknown or empty suite "${suite}" (solomon25, solomon50, solomon100, mankowska)`);
  process.exit(2);
}

const lines: string[] = [];
const out = (s: string) => {
  lines.push(s);
  console.log(s);
};
out(`# Scheduler benchmark: ${suite}`);
out('');
out(`Seed ${seed}; one thread; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; load average ${loadavg()[0]?.toFixed(2)} at start${Number.isFinite(iterations) ? `; at most ${iterations} iterations per run` : ''}. Best known: ${suite.startsWith('solomon') ? 'proven optimum, distance-only convention (opt_trunc1dec_distance)' : '2024 MNSA verified best (mnsa2024_best_cost_verified)'}.`);
const summary: string[] = [];
for (const secs of secondsList) {
  out('');
  out(`## ${secs} s per instance`);
  out('');
  out('| instance | best known | found | gap % | unassigned | checker ok | iterations |');
  out('| --- | ---: | ---: | ---: | ---: | --- | ---: |');
  let gapSum = 0;
  let okCount = 0;
  let optimal = 0;
  let guard = 0;
  const families = new Map<string, number[]>();
  for (const c of cases) {
    const { problem, score } = c.load();
    const r = solve(problem, { seed, timeLimitMs: secs * 1000, now: () => performance.now(), ...(Number.isFinite(iterations) ? { maxIterations: iterations } : {}) });
    guard += r.guardUnassigned;
    const violations = checkSolution(problem, r);
    const found = score(r.cost, problem, r);
    const gap = (100 * (found - c.best)) / c.best;
    gapSum += gap;
    const family = suite === 'mankowska' ? c.name.replace(/\d+$/, '') : c.name.replace(/\d{2}$/, '');
    families.set(family, [...(families.get(family) ?? []), gap]);
    if (violations.length === 0) okCount++;
    if (gap < 0.005) optimal++;
    out(`| ${c.name} | ${c.best.toFixed(suite === 'mankowska' ? 3 : 1)} | ${found.toFixed(suite === 'mankowska' ? 3 : 1)} | ${gap.toFixed(2)} | ${r.unassigned.length} | ${violations.length === 0 ? 'yes' : `NO (${violations[0]?.kind})`} | ${r.iterations} |`);
  }
  const line = `| ${secs} s | ${cases.length} | ${(gapSum / cases.length).toFixed(3)} | ${optimal} | ${okCount}/${cases.length} |`;
  summary.push(line);
  out('');
  out(`Mean gap ${(gapSum / cases.length).toFixed(3)} %; at best known ${optimal}/${cases.length}; checker ok ${okCount}/${cases.length}; guard unassigned ${guard}.`);
  out(`Per family: ${[...families.entries()].map(([f, g]) => `${f} ${(g.reduce((a, b) => a + b, 0) / g.length).toFixed(3)} % (${g.length})`).join('; ')}.`);
}
out('');
out('## Means');
out('');
out('| budget | instances | mean gap % | at best known | checker ok |');
out('| --- | ---: | ---: | ---: | --- |');
for (const s of summary) out(s);
writeFileSync(join(root, 'bench', 'results', `schedule-${outName}.md`), `${lines.join('\n')}\n`);
