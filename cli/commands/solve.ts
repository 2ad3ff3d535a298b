/** `apsis solve vrptw|hhc FILE`: runs the scheduler on a public benchmark instance and prints the answer. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { checkSolution } from '../../core/schedule/check.js';
import { mankowskaOutput, mankowskaToProblem, parseMankowska } from '../../core/schedule/mankowska.js';
import { parseSolomon, solomonOutput, solomonToProblem } from '../../core/schedule/solomon.js';
import { solve } from '../../core/schedule/solve.js';
import { action } from '../context.js';
import { createOutput, EXIT, printJson } from '../output.js';
import type { Output } from '../output.js';

interface SolveFlags {
  seconds: string;
  seed: string;
  json?: boolean;
}

function numbers(flags: SolveFlags): { ms: number; seed: number } | null {
  const secs = Number(flags.seconds);
  const seed = Number(flags.seed);
  if (!Number.isFinite(secs) || secs <= 0 || !Number.isInteger(seed)) return null;
  return { ms: secs * 1000, seed };
}

/**
 * Reads and parses an instance with the budget from the flags; prints what is wrong (flag, file or
 * format) and returns the exit code instead when it cannot.
 */
async function loadInstance<T>(
  o: Output,
  file: string,
  flags: SolveFlags,
  parse: (text: string) => { ok: true; value: T } | { ok: false; error: string },
): Promise<{ instance: T; ms: number; seed: number } | number> {
  const n = numbers(flags);
  if (!n) {
    o.err('apsis: --seconds must be a positive number and --seed an integer');
    return EXIT.usage;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    o.err(`apsis: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.failure;
  }
  const parsed = parse(text);
  if (!parsed.ok) {
    o.err(`apsis: ${file}: ${parsed.error}`);
    return EXIT.failure;
  }
  return { instance: parsed.value, ...n };
}

function withCommonOptions(cmd: Command): Command {
  return cmd.option('--seconds <n>', 'time budget in seconds', '1').option('--seed <s>', 'random seed', '1').option('--json', 'print the answer as JSON');
}

/** Registers `apsis solve vrptw FILE` and `apsis solve hhc FILE`. */
export function registerSolve(program: Command): void {
  const solveCmd = program.command('solve').description('solve a benchmark instance (Solomon VRPTW or Mankowska home health care)');
  withCommonOptions(solveCmd.command('vrptw <file>').description('Solomon VRPTW, distance-only convention (arcs truncated to one decimal)')).action(
    action(async (file: string, flags: SolveFlags) => {
      const o = createOutput();
      const n = await loadInstance(o, file, flags, parseSolomon);
      if (typeof n === 'number') return n;
      const problem = solomonToProblem(n.instance);
      const result = solve(problem, { seed: n.seed, timeLimitMs: n.ms, now: () => performance.now() });
      const violations = checkSolution(problem, result);
      const answer = solomonOutput(n.instance, problem, result);
      if (flags.json) printJson(o, answer);
      else {
        o.out(`${n.instance.name}: distance ${answer.distance.toFixed(1)}, ${answer.vehicles} vehicles, ${result.status}, ${result.iterations} iterations`);
        answer.routes.forEach((r, i) => o.out(`  route ${i + 1}: ${r.join(' ')}`));
      }
      for (const v of violations) o.err(`apsis: checker: ${v.kind}: ${v.message}`);
      return violations.length > 0 || result.unassigned.length > 0 ? EXIT.failure : EXIT.ok;
    }),
  );
  withCommonOptions(solveCmd.command('hhc <file>').description('Mankowska et al. (2014) home health care with synchronised services')).action(
    action(async (file: string, flags: SolveFlags) => {
      const o = createOutput();
      const n = await loadInstance(o, file, flags, parseMankowska);
      if (typeof n === 'number') return n;
      const { problem, refs } = mankowskaToProblem(n.instance);
      const result = solve(problem, { seed: n.seed, timeLimitMs: n.ms, now: () => performance.now() });
      const violations = checkSolution(problem, result);
      const answer = mankowskaOutput(problem, refs, result, result.cost);
      if (flags.json) printJson(o, answer);
      else {
        o.out(`cost ${answer.cost.toFixed(3)}, ${result.status}, ${result.iterations} iterations`);
        for (const r of answer.routes) o.out(`  ${r.caregiver_id}: ${r.locations.map((l) => `${l.patient}/${l.service}@${l.arrival_time}`).join(' ')}`);
      }
      for (const v of violations) o.err(`apsis: checker: ${v.kind}: ${v.message}`);
      return violations.length > 0 || result.unassigned.length > 0 ? EXIT.failure : EXIT.ok;
    }),
  );
}
