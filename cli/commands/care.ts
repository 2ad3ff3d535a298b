/** `apsis translate`, `apsis plan generate|show`, `apsis due`: from approved assessments to plans, and who is due. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { dueList } from '../../core/assessment/workflow.js';
import { addClientRecord, deleteClientRecord, listClientRecords, patchClientRecord } from '../../core/doc/client-doc.js';
import { act } from '../../core/doc/origin.js';
import type { Assessment } from '../../core/doc/schema.js';
import { acceptItems, diffProposal } from '../../core/plan/diff.js';
import { generatePlans } from '../../core/plan/generate.js';
import type { PlanContext } from '../../core/plan/generate.js';
import { explainProposal } from '../../core/translation/explain.js';
import { approvedBasis, approvedProposal, catalogueOrFail, openClient } from '../care/context.js';
import { action, commandContext, globals, withWorkspace } from '../context.js';
import { EXIT, printJson } from '../output.js';

export function registerCare(program: Command): void {
  program
    .command('translate')
    .description("propose services and tasks from the client's approved assessments, each with its reason")
    .argument('<client>', 'client id (or a unique prefix)')
    .option('--json', 'print the proposal as JSON')
    .action(
      action(async (ref: string, flags: { json?: boolean }, cmd: Command) => {
        const ctx = commandContext(cmd);
        const lang = globals(cmd).lang ?? 'lv';
        const catalogues = catalogueOrFail(ctx.o);
        if (!catalogues) return EXIT.failure;
        return withWorkspace(ctx, async (ws) => {
          const client = await openClient(ws, ctx.o, ref);
          if (!client) return EXIT.failure;
          const res = await approvedProposal(ws, ctx.o, catalogues, client.doc, 'translate', ws.clock.now().toISOString().slice(0, 10));
          if (!res) return EXIT.failure;
          // Evaluations of the current plan feed the reassessment: show them beside the proposal.
          const evaluations = listClientRecords(client.doc, 'evaluations').records.filter((e) => e.result !== 'achieved');
          if (flags.json) printJson(ctx.o, { ...res.proposal, openEvaluations: evaluations });
          else {
            for (const line of explainProposal(catalogues, res.proposal, lang)) ctx.o.out(line);
            for (const e of evaluations) ctx.o.out(`? goal of ${e.planItemId ?? e.planId} ${e.result.replace('_', ' ')} (${e.evaluatedAt.slice(0, 10)}): ${e.reason}`);
          }
          return EXIT.ok;
        });
      }),
    );

  const plan = program.command('plan').description('care, rehabilitation and positioning plans');
  plan
    .command('generate')
    .description('make plans from the approved assessments; with plans in place, show what a reassessment changes')
    .argument('<client>', 'client id (or a unique prefix)')
    .option('--accept <ids>', "apply these changes of the diff ('all' or comma-separated change ids)")
    .option('--responsible <staff>', 'responsible worker for carer tasks')
    .option('--json', 'print as JSON')
    .action(
      action(async (ref: string, flags: { accept?: string; responsible?: string; json?: boolean }, cmd: Command) => {
        const ctx = commandContext(cmd);
        const lang = globals(cmd).lang ?? 'lv';
        const catalogues = catalogueOrFail(ctx.o);
        if (!catalogues) return EXIT.failure;
        return withWorkspace(ctx, async (ws) => {
          const client = await openClient(ws, ctx.o, ref);
          if (!client) return EXIT.failure;
          const now = ws.clock.now().toISOString();
          const res = await approvedProposal(ws, ctx.o, catalogues, client.doc, 'plan generate', now.slice(0, 10));
          if (!res) return EXIT.failure;
          const { basis } = res;
          const pctx: PlanContext = { today: now.slice(0, 10), createdAt: now.slice(0, 16), createdBy: ws.user.id, assessmentId: basis[0]!.id, responsibleId: flags.responsible ?? null, lang, newId: (hint) => ws.newId(hint.startsWith('plan') ? 'pl' : 'pi') };
          const active = listClientRecords(client.doc, 'plans').records.filter((p) => p.status === 'active');
          if (active.length === 0) {
            const made = generatePlans(res.proposal, pctx);
            act(client.doc, ws.origin('plan.generate'), () => {
              for (const p of made.plans) addClientRecord(client.doc, 'plans', p);
              for (const i of made.items) addClientRecord(client.doc, 'planItems', i);
            });
            await ws.save();
            if (flags.json) printJson(ctx.o, made);
            else ctx.o.out(`${made.plans.length} plan(s) with ${made.items.length} row(s) made: ${made.plans.map((p) => p.kind).join(', ')}. See \`apsis plan show ${client.id}\`.`);
            return EXIT.ok;
          }
          const activeIds = new Set(active.map((p) => p.id));
          const current = listClientRecords(client.doc, 'planItems').records.filter((i) => activeIds.has(i.planId));
          const changes = diffProposal(current, res.proposal);
          if (!flags.accept) {
            if (flags.json) printJson(ctx.o, changes);
            else if (changes.length === 0) ctx.o.out('The plan already matches the approved assessment.');
            else {
              ctx.o.out('The approved assessment changes the plan (accept with --accept all or --accept ID,ID):');
              for (const c of changes) ctx.o.out(`  ${c.id}  ${c.kind} ${c.taskCode}${c.from || c.to ? ` (${c.from ?? '—'} → ${c.to ?? '—'})` : ''}`);
            }
            return EXIT.ok;
          }
          const ids = flags.accept === 'all' ? changes.map((c) => c.id) : flags.accept.split(',').map((s) => s.trim());
          const unknown = ids.filter((id) => !changes.some((c) => c.id === id));
          if (unknown.length > 0) {
            ctx.o.err(`apsis plan generate: no such change: ${unknown.join(', ')}. Nothing was changed.`);
            return EXIT.usage;
          }
          const planIdFor = (kind: string) => active.find((p) => p.kind === kind)?.id ?? active[0]!.id;
          const next = acceptItems(current, changes, ids, res.proposal, { ...pctx, planIdFor });
          act(client.doc, ws.origin('plan.accept'), () => {
            const keep = new Set(next.items.map((i) => i.id));
            for (const i of current) if (!keep.has(i.id)) deleteClientRecord(client.doc, 'planItems', i.id);
            for (const i of next.items) {
              const old = current.find((c) => c.id === i.id);
              // Patch field by field (unchanged fields are not rewritten), so concurrent edits survive.
              if (!old) addClientRecord(client.doc, 'planItems', i);
              else patchClientRecord(client.doc, 'planItems', i.id, i);
            }
          });
          await ws.save();
          if (flags.json) printJson(ctx.o, { accepted: next.accepted, rejected: next.rejected });
          else ctx.o.out(`${next.accepted.length} change(s) applied, ${next.rejected.length} left as they were.`);
          return EXIT.ok;
        });
      }),
    );
  plan
    .command('show')
    .description("the client's active plans: problem → goal → task, frequency, deadline, responsible")
    .argument('<client>', 'client id (or a unique prefix)')
    .option('--json', 'print as JSON')
    .action(
      action(async (ref: string, flags: { json?: boolean }, cmd: Command) => {
        const ctx = commandContext(cmd);
        return withWorkspace(ctx, async (ws) => {
          const client = await openClient(ws, ctx.o, ref);
          if (!client) return EXIT.failure;
          const plans = listClientRecords(client.doc, 'plans').records;
          const items = listClientRecords(client.doc, 'planItems').records.sort((a, b) => a.order - b.order);
          const evaluations = listClientRecords(client.doc, 'evaluations').records.sort((a, b) => a.evaluatedAt.localeCompare(b.evaluatedAt));
          if (flags.json) {
            printJson(ctx.o, plans.map((p) => ({ ...p, items: items.filter((i) => i.planId === p.id).map((i) => ({ ...i, evaluations: evaluations.filter((e) => e.planItemId === i.id) })) })));
            return EXIT.ok;
          }
          if (plans.length === 0) ctx.o.out(`No plans yet: \`apsis plan generate ${client.id}\`.`);
          for (const p of plans) {
            ctx.o.out(ctx.o.color.bold(`${p.kind} plan ${p.id} (${p.status}${p.agreedWithClient ? `, agreed ${p.agreedOn ?? ''}` : ', not yet agreed with the client'})`));
            for (const i of items.filter((x) => x.planId === p.id)) {
              ctx.o.out(`  ${i.problem} → ${i.goal}`);
              ctx.o.out(`    ${i.taskText || i.taskCode}: ${i.frequency}${i.timeOfDay ? `, ${i.timeOfDay}` : ''}${i.durationMin ? `, ${i.durationMin} min` : ''}; by ${i.deadline ?? '—'}; responsible ${i.responsibleId ?? 'to be assigned'}  [${i.id}]`);
              for (const e of evaluations.filter((x) => x.planItemId === i.id)) ctx.o.out(`    evaluated ${e.evaluatedAt.slice(0, 10)} by ${e.evaluatedBy}: ${e.result} — ${e.reason}`);
            }
          }
          return EXIT.ok;
        });
      }),
    );

  plan
    .command('evaluate')
    .description('record whether a plan goal was achieved (achieved / partly / not), with the reason')
    .argument('<client>', 'client id (or a unique prefix)')
    .requiredOption('--item <id>', 'plan row (goal) being evaluated, from `apsis plan show --json`')
    .addOption(new Option('--result <result>', 'how it went').choices(['achieved', 'partly', 'not_achieved']).makeOptionMandatory())
    .requiredOption('--reason <text>', 'why: what helped or what stood in the way')
    .option('--json', 'print the evaluation as JSON')
    .action(
      action(async (ref: string, flags: { item: string; result: 'achieved' | 'partly' | 'not_achieved'; reason: string; json?: boolean }, cmd: Command) => {
        const ctx = commandContext(cmd);
        return withWorkspace(ctx, async (ws) => {
          const client = await openClient(ws, ctx.o, ref);
          if (!client) return EXIT.failure;
          const item = listClientRecords(client.doc, 'planItems').records.find((i) => i.id === flags.item);
          if (!item) {
            ctx.o.err(`apsis plan evaluate: this client has no plan row "${flags.item}" (see \`apsis plan show ${client.id}\`). Nothing was changed.`);
            return EXIT.failure;
          }
          const evaluation = { id: ws.newId('ev'), planId: item.planId, planItemId: item.id, result: flags.result, reason: flags.reason, evaluatedBy: ws.user.id, evaluatedAt: ws.clock.now().toISOString().slice(0, 16) };
          const res = act(client.doc, ws.origin('plan.evaluate'), () => addClientRecord(client.doc, 'evaluations', evaluation));
          if (!res.ok) {
            ctx.o.err(`apsis plan evaluate: ${res.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}. Nothing was changed.`);
            return EXIT.failure;
          }
          await ws.save();
          if (flags.json) printJson(ctx.o, evaluation);
          else ctx.o.out(`Evaluated "${item.goal}": ${flags.result}. The next reassessment shows it.`);
          return EXIT.ok;
        });
      }),
    );

  program
    .command('due')
    .description('reassessments that are overdue or due soon')
    .option('--within <days>', 'how far ahead, e.g. 30d', '30d')
    .option('--json', 'print as JSON')
    .action(
      action(async (flags: { within: string; json?: boolean }, cmd: Command) => {
        const ctx = commandContext(cmd);
        const m = /^(\d{1,4})d?$/.exec(flags.within);
        if (!m) {
          ctx.o.err(`apsis due: --within must be a number of days like 30d, not "${flags.within}".`);
          return EXIT.usage;
        }
        return withWorkspace(ctx, async (ws) => {
          const rows: { client: string; name: string; assessment: Assessment }[] = [];
          for (const row of ws.caseload().filter((r) => r.status === 'active')) {
            const doc = await ws.client(row.id);
            if (!doc.ok) {
              ctx.o.err(`apsis due: ${row.id} could not be read (run \`apsis doctor\`); skipped.`);
              continue;
            }
            for (const a of approvedBasis(doc.doc)) rows.push({ client: row.id, name: row.name, assessment: a });
          }
          const today = ws.clock.now().toISOString().slice(0, 10);
          const due = dueList(rows, today, Number(m[1]), (r) => r.assessment);
          const shape = (e: (typeof due.overdue)[number]) => ({ client: e.item.client, name: e.item.name, assessment: e.assessment.id, instrument: e.assessment.instrumentId, reassessDue: e.reassessDue, daysLeft: e.daysLeft });
          if (flags.json) {
            printJson(ctx.o, { today, overdue: due.overdue.map(shape), dueSoon: due.dueSoon.map(shape) });
            return EXIT.ok;
          }
          if (due.overdue.length + due.dueSoon.length === 0) ctx.o.out(`Nobody is due within ${m[1]} days.`);
          for (const e of due.overdue) ctx.o.out(`${ctx.o.color.red('overdue')}  ${e.reassessDue}  ${e.item.name} (${e.item.client})  ${e.assessment.instrumentId}`);
          for (const e of due.dueSoon) ctx.o.out(`due      ${e.reassessDue}  ${e.item.name} (${e.item.client})  ${e.assessment.instrumentId}, in ${e.daysLeft} days`);
          return EXIT.ok;
        });
      }),
    );
}
