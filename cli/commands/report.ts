/** `apsis report cohort`: the distribution of answers per criterion for an instrument over a set of clients. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import { listClientRecords } from '../../core/doc/client-doc.js';
import { cohortCsv, cohortDistribution, cohortTable } from '../../core/report/cohort.js';
import { catalogueOrFail } from '../care/context.js';
import { action, commandContext, globals, withWorkspace } from '../context.js';
import { EXIT, printJson } from '../output.js';

/** Reads client ids from a file: a JSON array, or one id per line. */
async function readIds(file: string): Promise<{ ok: true; ids: string[] } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { ok: false, message: `${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (text.trim().startsWith('[')) {
    try {
      const arr = JSON.parse(text) as unknown;
      if (Array.isArray(arr) && arr.every((x) => typeof x === 'string')) return { ok: true, ids: arr };
      return { ok: false, message: `${file}: expected a JSON array of client ids` };
    } catch (err) {
      return { ok: false, message: `${file}: not valid JSON (${(err as Error).message})` };
    }
  }
  return { ok: true, ids: text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')) };
}

export function registerReport(program: Command): void {
  const report = program.command('report').description('reports over many clients');
  report
    .command('cohort')
    .description('per criterion of an instrument: how many clients are at each level (latest assessment per client)')
    .requiredOption('--instrument <id>', 'instrument id, e.g. orphan-social-functioning')
    .option('--clients <file>', 'only these clients (JSON array or one id per line)')
    .option('--group <id>', 'only this care group')
    .addOption(new Option('--status <status>', 'which assessments count').choices(['approved', 'any']).default('approved'))
    .option('--csv', 'print CSV')
    .option('--json', 'print JSON')
    .action(
      action(async (flags: { instrument: string; clients?: string; group?: string; status: 'approved' | 'any'; csv?: boolean; json?: boolean }, cmd: Command) => {
        const ctx = commandContext(cmd);
        const lang = globals(cmd).lang ?? 'lv';
        const catalogues = catalogueOrFail(ctx.o);
        if (!catalogues) return EXIT.failure;
        const ins = catalogues.instruments.get(flags.instrument);
        if (!ins) {
          ctx.o.err(`apsis report cohort: unknown instrument "${flags.instrument}" (known: ${[...catalogues.instruments.keys()].join(', ')}).`);
          return EXIT.usage;
        }
        let only: Set<string> | null = null;
        if (flags.clients) {
          const ids = await readIds(flags.clients);
          if (!ids.ok) {
            ctx.o.err(`apsis report cohort: ${ids.message}`);
            return EXIT.failure;
          }
          only = new Set(ids.ids);
        }
        return withWorkspace(ctx, async (ws) => {
          const rows = ws.caseload().filter((r) => (!only || only.has(r.id)) && (!flags.group || r.careGroupId === flags.group));
          if (only) for (const id of only) if (!rows.some((r) => r.id === id)) ctx.o.err(`apsis report cohort: ${flags.clients}: no client "${id}"; left out.`);
          const sets: Record<string, string>[] = [];
          for (const row of rows) {
            const doc = await ws.client(row.id);
            if (!doc.ok) {
              ctx.o.err(`apsis report cohort: ${row.id} could not be read (run \`apsis doctor\`); left out.`);
              continue;
            }
            const latest = listClientRecords(doc.doc, 'assessments')
              .records.filter((a) => a.instrumentId === ins.id && (flags.status === 'any' || a.status === 'approved'))
              .sort((a, b) => (b.decidedAt ?? b.createdAt).localeCompare(a.decidedAt ?? a.createdAt))[0];
            if (latest) sets.push(latest.answers);
          }
          const report = cohortDistribution(ins, sets);
          if (flags.json) printJson(ctx.o, report);
          else if (flags.csv) process.stdout.write(cohortCsv(report, lang));
          else for (const line of cohortTable(report, lang)) ctx.o.out(line);
          return EXIT.ok;
        });
      }),
    );
}
