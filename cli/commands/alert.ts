/** `apsis alert list|handle`: alerts raised from observations, and recording what was done about them. */
import type { Command } from 'commander';
import { listClientRecords, patchClientRecord } from '../../core/doc/client-doc.js';
import { act } from '../../core/doc/origin.js';
import type { Alert } from '../../core/doc/schema.js';
import { openClient } from '../care/context.js';
import { action, commandContext, withWorkspace } from '../context.js';
import { EXIT, printJson } from '../output.js';

export function registerAlert(program: Command): void {
  const alert = program.command('alert').description('alerts from observations: inform the GP, emergency care');
  alert
    .command('list')
    .description('alerts of every client, newest first')
    .option('--open', 'only alerts nobody has acted on yet')
    .option('--json', 'print as JSON')
    .action(
      action(async (flags: { open?: boolean; json?: boolean }, cmd: Command) => {
        const ctx = commandContext(cmd);
        return withWorkspace(ctx, async (ws) => {
          const rows: (Alert & { client: string; name: string })[] = [];
          for (const row of ws.caseload()) {
            const doc = await ws.client(row.id);
            if (!doc.ok) {
              ctx.o.err(`apsis alert list: ${row.id} could not be read (run \`apsis doctor\`); skipped.`);
              continue;
            }
            for (const a of listClientRecords(doc.doc, 'alerts').records) if (!flags.open || a.status === 'open') rows.push({ ...a, client: row.id, name: row.name });
          }
          rows.sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
          if (flags.json) printJson(ctx.o, rows);
          else if (rows.length === 0) ctx.o.out(flags.open ? 'No open alerts.' : 'No alerts.');
          else for (const a of rows) ctx.o.out(`${a.raisedAt}  ${a.level === 'emergency' ? ctx.o.color.red('EMERGENCY') : 'inform GP'}  ${a.name} (${a.client})  ${a.reason}  [${a.id}]${a.status === 'handled' ? `  handled by ${a.handledBy}: ${a.actionTaken}` : ''}`);
          return EXIT.ok;
        });
      }),
    );
  alert
    .command('handle')
    .description('record what was done about an alert (who and when are recorded too)')
    .argument('<client>', 'client id (or a unique prefix)')
    .argument('<alert>', 'alert id (see `apsis alert list`)')
    .requiredOption('--action <text>', 'what was done, e.g. "GP informed by phone; visit tomorrow"')
    .option('--json', 'print the alert as JSON')
    .action(
      action(async (ref: string, alertId: string, flags: { action: string; json?: boolean }, cmd: Command) => {
        const ctx = commandContext(cmd);
        if (flags.action.trim() === '') {
          ctx.o.err('apsis alert handle: --action must say what was done.');
          return EXIT.usage;
        }
        return withWorkspace(ctx, async (ws) => {
          const client = await openClient(ws, ctx.o, ref);
          if (!client) return EXIT.failure;
          const current = listClientRecords(client.doc, 'alerts').records.find((a) => a.id === alertId);
          if (!current) {
            ctx.o.err(`apsis alert handle: this client has no alert "${alertId}". Nothing was changed.`);
            return EXIT.failure;
          }
          if (current.status === 'handled') {
            ctx.o.err(`apsis alert handle: ${alertId} was already handled by ${current.handledBy} at ${current.handledAt}: ${current.actionTaken}. Nothing was changed.`);
            return EXIT.failure;
          }
          const patch = { status: 'handled' as const, handledBy: ws.user.id, handledAt: ws.clock.now().toISOString().slice(0, 16), actionTaken: flags.action.trim() };
          act(client.doc, ws.origin('alert.handle'), () => patchClientRecord(client.doc, 'alerts', alertId, patch));
          await ws.save();
          if (flags.json) printJson(ctx.o, { ...current, ...patch });
          else ctx.o.out(`Alert ${alertId} handled: ${patch.actionTaken}`);
          return EXIT.ok;
        });
      }),
    );
}
