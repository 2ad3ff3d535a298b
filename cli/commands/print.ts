/** `apsis print worksheet|plan`: PDFs for paper. Heavy code loads only when it runs. */
import type { Command } from 'commander';
import { action, commandContext } from '../context.js';

export function registerPrint(program: Command): void {
  const print = program.command('print').description('print documents as PDF');
  print
    .command('worksheet')
    .description("a worker's work sheet for one day: planned visits and recorded tasks")
    .requiredOption('--worker <id>', 'staff id (or a unique prefix, or the full name)')
    .requiredOption('--date <date>', 'the day, YYYY-MM-DD')
    .option('--out <file>', 'PDF file, or a folder for worksheet-<worker>-<date>.pdf (the default name, here)')
    .action(
      action(async (flags: { worker?: string; date?: string; out?: string }, cmd: Command) => {
        const { runPrintWorksheet } = await import('../efile/run.js');
        return runPrintWorksheet(commandContext(cmd), flags);
      }),
    );
  print
    .command('plan')
    .description("a client's care plan(s)")
    .argument('<client>', 'client id (or a unique prefix of it)')
    .option('--out <file>', 'PDF file, or a folder for plan-<client>.pdf (the default name, here)')
    .action(
      action(async (ref: string, flags: { out?: string }, cmd: Command) => {
        const { runPrintPlan } = await import('../efile/run.js');
        return runPrintPlan(commandContext(cmd), ref, flags);
      }),
    );
}
