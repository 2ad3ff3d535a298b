/** `apsis demo`: a realistic, reproducible demo municipality for training (never touches real data). */
import { rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { SCENARIO_NAMES, SCENARIOS } from '../../core/demo/scenarios.js';
import type { ScenarioName } from '../../core/demo/scenarios.js';
import { figureRates } from '../../core/demo/week-figures.js';
import { DEMO_SIZES } from '../../core/demo/world.js';
import { applyScenario } from '../demo/apply-scenario.js';
import { catalogueOrFail } from '../care/context.js';
import { createDemoWorld } from '../demo/create-world.js';
import { RELAY_DIR, registerDemoClass } from './demo-class.js';
import { lockWorkspace } from '../store/lock.js';
import { defaultThreads } from '../demo/pool.js';
import type { DemoSize } from '../../core/demo/world.js';
import { action, commandContext, globals, withWorkspace } from '../context.js';
import { EXIT, printJson } from '../output.js';
import { openMeta, META_FILE } from '../store/workspace-meta.js';

interface DemoFlags {
  size: DemoSize;
  seed: string;
  threads?: string;
  reset?: boolean;
  json?: boolean;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

export function registerDemo(program: Command): void {
  const demo = program
    .command('demo')
    .description('create (or reset) a demo municipality workspace for training')
    .addOption(new Option('--size <size>', 'how big a world').choices(Object.keys(DEMO_SIZES)).default('small'))
    .option('--seed <n>', 'the same seed gives the same world', '1')
    .option('--reset', 'restore the demo world to its starting state (discards the class\'s changes)')
    .option('--threads <n>', 'threads generating the world (default: one per core); the world is the same for any count')
    .option('--json', 'print a summary as JSON')
    .action(
      action(async (flags: DemoFlags, cmd: Command) => {
        const ctx = commandContext(cmd);
        const seed = Number(flags.seed);
        if (!Number.isInteger(seed) || seed < 0) {
          ctx.o.err(`apsis demo: --seed must be a whole number ≥ 0, not "${flags.seed}".`);
          return EXIT.usage;
        }
        const threads = flags.threads === undefined ? defaultThreads() : Number(flags.threads);
        if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
          ctx.o.err(`apsis demo: --threads must be a whole number from 1 to 64, not "${flags.threads}".`);
          return EXIT.usage;
        }
        if (await exists(join(ctx.dir, META_FILE))) {
          const meta = await openMeta(ctx.dir);
          if (!meta.ok) {
            ctx.o.err(`apsis demo: ${meta.message}`);
            return EXIT.failure;
          }
          if (!meta.db.data.demo) {
            ctx.o.err(`apsis demo: ${ctx.dir} holds a real (non-demo) workspace; it was not touched. Choose another --workspace.`);
            return EXIT.failure;
          }
          if (!flags.reset) {
            if (flags.json) printJson(ctx.o, { workspace: ctx.dir, created: false });
            else ctx.o.err(`Demo workspace ${ctx.dir} is ready (use --reset to restore its starting state).`);
            return EXIT.ok;
          }
          // Reset: the world is generated again from its seed; the old documents go, and so does the
          // class's copy on a relay served from here (else the next `demo serve` would bring it back).
          const relayDir = join(ctx.dir, RELAY_DIR);
          if (await exists(relayDir)) {
            const relayLock = lockWorkspace(relayDir);
            if (!relayLock.ok) {
              ctx.o.err(`apsis demo --reset: the class relay is still running (PID ${relayLock.pid}); stop \`apsis demo serve\` first. Nothing was changed.`);
              return EXIT.failure;
            }
            relayLock.release();
            await rm(relayDir, { recursive: true, force: true });
          }
          await rm(join(ctx.dir, 'docs'), { recursive: true, force: true });
          await rm(join(ctx.dir, META_FILE), { force: true });
        }
        const catalogues = catalogueOrFail(ctx.o);
        if (!catalogues) return EXIT.failure;
        const t0 = performance.now();
        const made = await createDemoWorld(ctx.dir, ctx.clock, { size: flags.size, seed, threads });
        if (!made.ok) {
          ctx.o.err(`apsis demo: ${made.message}`);
          return EXIT.failure;
        }
        const { world } = made.value;
        const summary = { workspace: ctx.dir, created: true, size: flags.size, seed, clients: world.clients.length, staff: world.staff.length, careGroups: world.careGroups.length, scheduledVisits: made.value.scheduledVisits, unassignedVisits: made.value.unassignedVisits, threads: made.value.threads, ms: Math.round(performance.now() - t0), firstWeek: { ...made.value.figures, ...figureRates(made.value.figures) } };
        if (flags.json) printJson(ctx.o, summary);
        else ctx.o.err(`Demo world (${flags.size}, seed ${seed}): ${summary.clients} clients, ${summary.staff} staff, ${summary.careGroups} care group(s) in ${ctx.dir}; first week ${summary.firstWeek.assignedPct} % of ${summary.firstWeek.visits} visits assigned, caregivers ${summary.firstWeek.utilisationPct} % of their contracted hours in visits and travel.`);
        return EXIT.ok;
      }),
    );

  registerDemoClass(demo);

  demo
    .command('scenario')
    .description('put the demo world into a training situation (`--list` describes them)')
    .argument('[name]', `one of: ${SCENARIO_NAMES.join(', ')}`)
    .option('--list', 'describe the scenarios')
    .option('--laptop <dir>', 'offline-week: where the returning laptop\'s workspace goes (default: <workspace>-laptop)')
    .option('--json', 'print as JSON')
    .action(
      action(async (name: string | undefined, flags: { list?: boolean; json?: boolean; laptop?: string }, cmd: Command) => {
        const ctx = commandContext(cmd);
        const lang = globals(cmd).lang ?? 'lv';
        // `demo` has its own --json; commander gives a shared flag to the parent.
        flags = { ...flags, json: flags.json || cmd.parent?.opts<{ json?: boolean }>().json };
        if (flags.list || !name) {
          if (flags.json) printJson(ctx.o, SCENARIOS);
          else for (const s of SCENARIOS) ctx.o.out(`${s.name.padEnd(18)} ${s.title[lang]} — ${s.description[lang]}`);
          return name || flags.list ? EXIT.ok : EXIT.usage;
        }
        if (!(SCENARIO_NAMES as readonly string[]).includes(name)) {
          ctx.o.err(`apsis demo scenario: unknown scenario "${name}"; one of: ${SCENARIO_NAMES.join(', ')}.`);
          return EXIT.usage;
        }
        return withWorkspace(ctx, async (ws) => {
          const res = await applyScenario(ws, name as ScenarioName, flags.laptop ? { laptopDir: resolve(flags.laptop) } : {});
          if (!res.ok) {
            ctx.o.err(`apsis demo scenario ${name}: ${res.reason}. Nothing was changed.`);
            return EXIT.failure;
          }
          if (flags.json) printJson(ctx.o, { scenario: name, task: res.plan.task, ...(res.plan.kind === 'offline-week' ? { offline: res.plan.offline } : {}) });
          else ctx.o.out(res.plan.task[lang]);
          return EXIT.ok;
        });
      }),
    );
}
