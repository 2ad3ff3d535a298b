/** `apsis assess`: record an assessment from an answers file, then submit, approve (four-eyes) or return it. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type * as Y from 'yjs';
import { scoreAssessment } from '../../core/assessment/score.js';
import { approve, returnAssessment, submit } from '../../core/assessment/workflow.js';
import type { Transition } from '../../core/assessment/workflow.js';
import { applyAssessmentTransition } from '../../core/assessment/workflow-doc.js';
import { addClientRecord, listClientRecords } from '../../core/doc/client-doc.js';
import { act } from '../../core/doc/origin.js';
import type { Assessment } from '../../core/doc/schema.js';
import type { Catalogues } from '../../core/catalogue/parse.js';
import { action, commandContext, withWorkspace } from '../context.js';
import type { CommandContext } from '../context.js';
import { catalogueOrFail, openClient, proposalFor, ruleTableId } from '../care/context.js';
import { EXIT, printJson } from '../output.js';

/** Reads `{ "item": "code", … }` from a file, or says what is wrong and where. */
async function readAnswers(file: string): Promise<{ ok: true; value: Record<string, string> } | { ok: false; message: string }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { ok: false, message: `${file}: ${e.code ? `cannot read (${e.code})` : `not valid JSON (${e.message})`}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, message: `${file}: expected an object { "item": "answer code" }` };
  const bad = Object.entries(json).filter(([, v]) => typeof v !== 'string');
  if (bad.length > 0) return { ok: false, message: bad.map(([k]) => `${file}: ${k}: the answer must be a code (text)`).join('\n') };
  return { ok: true, value: json as Record<string, string> };
}

function pick(doc: Y.Doc, status: Assessment['status'][], id?: string): Assessment | string {
  const all = listClientRecords(doc, 'assessments').records;
  if (id) return all.find((a) => a.id === id) ?? `no assessment ${id} for this client`;
  const found = all.filter((a) => status.includes(a.status)).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return found ?? `this client has no ${status.join(' or ')} assessment`;
}

interface TransitionEnv {
  readonly catalogues: Catalogues;
  readonly table: string;
  readonly today: string;
  readonly at: string;
  readonly doc: Y.Doc;
  /** The local user: the one who submits, approves or returns. */
  readonly userId: string;
}

/** `assess` has its own --json; commander hands a shared flag to the parent, so look there too. */
function jsonFlag(flags: { json?: boolean }, cmd: Command): boolean {
  return Boolean(flags.json || cmd.parent?.opts<{ json?: boolean }>().json);
}

async function transition(ctx: CommandContext, ref: string, flags: { assessment?: string; json?: boolean }, states: Assessment['status'][], name: string, make: (a: Assessment, c: TransitionEnv) => Transition | string): Promise<number> {
  const catalogues = catalogueOrFail(ctx.o);
  if (!catalogues) return EXIT.failure;
  return withWorkspace(ctx, async (ws) => {
    const client = await openClient(ws, ctx.o, ref);
    if (!client) return EXIT.failure;
    const chosen = pick(client.doc, states, flags.assessment);
    if (typeof chosen === 'string') {
      ctx.o.err(`apsis assess ${name}: ${chosen}.`);
      return EXIT.failure;
    }
    const now = ws.clock.now().toISOString();
    const env: TransitionEnv = { catalogues, table: await ruleTableId(ws, catalogues), today: now.slice(0, 10), at: now.slice(0, 16), doc: client.doc, userId: ws.user.id };
    let problem: string | null = null;
    const res = applyAssessmentTransition(client.doc, ws.user.id, `assessment.${name}`, chosen.id, (a) => {
      const t = make(a, env);
      if (typeof t === 'string') {
        problem = t;
        return { ok: false, code: 'wrong_state', message: t };
      }
      return t;
    });
    if (!res.ok) {
      ctx.o.err(`apsis assess ${name}: ${(problem ?? res.message).replace(/\.?$/, '.')} Nothing was changed.`);
      return EXIT.failure;
    }
    await ws.save();
    if (flags.json) printJson(ctx.o, res.value);
    else ctx.o.out(`Assessment ${res.value.id} is now ${res.value.status}${res.value.reassessDue && res.value.status === 'approved' ? `; reassess by ${res.value.reassessDue}` : ''}.`);
    return EXIT.ok;
  });
}

export function registerAssess(program: Command): void {
  const assess = program
    .command('assess')
    .description('record a needs assessment (draft) from an answers file; submit, approve or return it')
    .argument('<client>', 'client id (or a unique prefix)')
    // Not requiredOption: commander would then demand them from the subcommands too.
    .option('--instrument <id>', 'instrument id, e.g. home-care-card, barthel, braden (required)')
    .option('--answers <file.json>', 'answers as { "item": "answer code", … } (required)')
    .option('--json', 'print the assessment and its scores as JSON')
    .action(
      action(async (ref: string, flags: { instrument?: string; answers?: string; json?: boolean }, cmd: Command) => {
        const ctx = commandContext(cmd);
        if (!flags.instrument || !flags.answers) {
          ctx.o.err('apsis assess: --instrument and --answers are required (or use `apsis assess submit|approve|return <client>`).');
          return EXIT.usage;
        }
        const answersFile = flags.answers;
        const catalogues = catalogueOrFail(ctx.o);
        if (!catalogues) return EXIT.failure;
        const ins = catalogues.instruments.get(flags.instrument);
        if (!ins) {
          ctx.o.err(`apsis assess: unknown instrument "${flags.instrument}" (known: ${[...catalogues.instruments.keys()].join(', ')}).`);
          return EXIT.usage;
        }
        const answers = await readAnswers(answersFile);
        if (!answers.ok) {
          ctx.o.err(`apsis assess: ${answers.message}\nNothing was changed.`);
          return EXIT.failure;
        }
        const scored = scoreAssessment(ins, answers.value);
        if (scored.issues.length > 0) {
          ctx.o.err(`apsis assess: the answers do not fit ${ins.id}@${ins.version}; nothing was changed:\n${scored.issues.map((i) => `${answersFile}: ${i.item}${i.code !== null ? ` = "${i.code}"` : ''}: ${i.message}`).join('\n')}`);
          return EXIT.failure;
        }
        return withWorkspace(ctx, async (ws) => {
          const client = await openClient(ws, ctx.o, ref);
          if (!client) return EXIT.failure;
          const record: Assessment = {
            id: ws.newId('as'), instrumentId: ins.id, instrumentVersion: ins.version, answers: answers.value, status: 'draft', assessorId: ws.user.id,
            createdAt: ws.clock.now().toISOString().slice(0, 16), submittedAt: null, approverId: null, decidedAt: null, returnReason: '', ruleTable: '', reassessDue: null, note: '',
          };
          const added = act(client.doc, ws.origin('assessment.record'), () => addClientRecord(client.doc, 'assessments', record));
          if (!added.ok) throw new Error(`a generated assessment must be valid: ${JSON.stringify(added.issues)}`);
          await ws.save();
          const summary = { assessment: record, total: scored.total, band: scored.band, flags: scored.flags.map((f) => f.flag), deficits: scored.deficits.map((d) => d.item), missing: scored.missing };
          if (flags.json) printJson(ctx.o, summary);
          else {
            ctx.o.out(`Draft ${record.id} (${ins.id}@${ins.version}) recorded: total ${scored.total}${scored.band ? `, ${scored.band.label.en}` : ''}.`);
            if (summary.flags.length) ctx.o.out(`  flags: ${summary.flags.join(', ')}`);
            if (summary.missing.length) ctx.o.out(`  not yet answered: ${summary.missing.join(', ')}`);
            ctx.o.out(`  next: apsis assess submit ${client.id}`);
          }
          return EXIT.ok;
        });
      }),
    );
  const common = (c: Command) => c.argument('<client>', 'client id (or a unique prefix)').option('--assessment <id>', 'which assessment (default: the latest in the right state)').option('--json', 'print the result as JSON');
  common(assess.command('submit').description('submit a draft (or returned) assessment for approval by another person')).action(
    action(async (ref: string, flags: { assessment?: string; json?: boolean }, cmd: Command) =>
      transition(commandContext(cmd), ref, { ...flags, json: jsonFlag(flags, cmd) }, ['draft', 'returned'], 'submit', (a, c) => {
        const ins = c.catalogues.instrumentVersions.get(`${a.instrumentId}@${a.instrumentVersion}`);
        if (!ins) return `instrument ${a.instrumentId}@${a.instrumentVersion} is not in the catalogue`;
        return submit(a, c.at, scoreAssessment(ins, a.answers, c.catalogues.ruleTables.get(c.table)));
      }),
    ),
  );
  common(assess.command('approve').description('approve a submitted assessment (not your own: four-eyes)')).action(
    action(async (ref: string, flags: { assessment?: string; json?: boolean }, cmd: Command) =>
      transition(commandContext(cmd), ref, { ...flags, json: jsonFlag(flags, cmd) }, ['submitted'], 'approve', (a, c) => {
        const res = proposalFor(c.catalogues, c.doc, [a], c.table, c.today);
        const levelCode = res.ok ? (res.proposal.careLevel?.level.code ?? null) : null;
        return approve(a, { approverId: c.userId, at: c.at, ruleTable: c.catalogues.ruleTables.get(c.table)!, levelCode });
      }),
    ),
  );
  common(assess.command('return').description('return a submitted assessment to its assessor with a reason'))
    .requiredOption('--reason <text>', 'why it goes back')
    .action(
      action(async (ref: string, flags: { assessment?: string; json?: boolean; reason: string }, cmd: Command) =>
        transition(commandContext(cmd), ref, { ...flags, json: jsonFlag(flags, cmd) }, ['submitted'], 'return', (a, c) => returnAssessment(a, { approverId: c.userId, at: c.at, reason: flags.reason })),
      ),
    );
}
