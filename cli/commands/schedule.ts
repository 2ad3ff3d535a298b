/** `apsis schedule build|repair|show`: the week's visits per care group, proposed by the scheduler and kept in schedule documents. */
import type { Command } from 'commander';
import { scheduleDocId } from '../../core/doc/doc-id.js';
import { parseIsoWeek } from '../../core/doc/doc-id.js';
import { listVisits } from '../../core/doc/schedule-doc.js';
import { clientNameOf } from './schedule-print.js';
import type { CareGroupId } from '../../core/ids.js';
import { clock, isoWeekOf } from '../../core/schedule/week/calendar.js';
import { storedDayKpis } from '../../core/schedule/week/stored-day.js';
import { buildWeek, catalogueTaskRules, qualificationLookup, repairAbsence } from '../schedule/operations.js';
import type { ScheduledVisit } from '../../core/doc/schema.js';
import { isIsoDate } from '../../core/doc/schema.js';
import { action, commandContext, withWorkspace } from '../context.js';
import type { CommandContext } from '../context.js';
import { EXIT, printJson } from '../output.js';
import { gatherScheduleInputs } from '../schedule/gather.js';
import { recentCaregivers } from '../schedule/history.js';
import type { Workspace } from '../workspace/workspace.js';

function parseDate(s: string): string | null {
  return isIsoDate(s) ? s : null;
}

async function build(ctx: CommandContext, flags: { week: string; group?: string; seconds: string; steps?: string; seed: string; json?: boolean }): Promise<number> {
  const week = parseIsoWeek(flags.week);
  const seconds = Number(flags.seconds);
  const steps = flags.steps === undefined ? undefined : Number(flags.steps);
  if (!week) return usage(ctx, `--week must look like 2026-W48, not "${flags.week}"`);
  if (!(seconds > 0 && seconds <= 600)) return usage(ctx, `--seconds must be between 0 and 600, not "${flags.seconds}"`);
  if (steps !== undefined && !(Number.isInteger(steps) && steps >= 0 && steps <= 1_000_000)) return usage(ctx, `--steps must be a whole number from 0 to 1000000, not "${flags.steps}"`);
  return withWorkspace(ctx, async (ws) => {
    const res = await buildWeek(ws, week, flags.group ? [flags.group] : [], { seconds, seed: Number(flags.seed), ...(steps === undefined ? {} : { steps }) });
    if (!res.ok) return fail(ctx, res.reason);
    if (res.groups.length === 0) ctx.o.err('apsis schedule build: the organisation has no care groups yet.');
    if (flags.json) {
      printJson(ctx.o, res.groups.map((g) => ({ ...g, unassigned: g.days.flatMap((d) => d.unassigned), days: g.days.map((d) => ({ date: d.date, ...d.kpis })), unclearFrequency: g.unclearFrequency.map((t) => ({ client: t.clientId, task: t.taskCode, frequency: t.frequency })) })));
      return EXIT.ok;
    }
    for (const g of res.groups) {
      ctx.o.out(`${g.group} ${g.week}: ${g.assigned} of ${g.visits} visits assigned`);
      for (const d of g.days) ctx.o.out(`  ${d.date}: travel ${d.kpis.travelMinutes} min, lateness ${d.kpis.lateness} min, continuity ${d.kpis.continuityPct.toFixed(0)} %, usual carer ${d.kpis.preferredPct.toFixed(0)} %, overtime ${d.kpis.overtimeMinutes} min, unassigned ${d.unassigned.length}`);
      for (const u of g.days.flatMap((d) => d.unassigned)) ctx.o.out(`  unassigned ${u.visitId}: ${u.reason}`);
      for (const c of g.withoutLocation) ctx.o.err(`  warning: client ${c} has no home location and was not scheduled`);
      for (const t of g.unclearFrequency) ctx.o.err(`  warning: ${t.clientId} ${t.taskCode}: frequency "${t.frequency}" not understood; scheduled once a week`);
    }
    return EXIT.ok;
  });
}

async function repairCmd(ctx: CommandContext, flags: { absent: string; from: string; group?: string; substitute?: string; seed: string; json?: boolean }): Promise<number> {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(flags.from);
  if (!m || !parseDate(m[1]!)) return usage(ctx, `--from must look like 2026-11-23T07:00, not "${flags.from}"`);
  return withWorkspace(ctx, async (ws) => {
    const res = await repairAbsence(ws, flags.absent, flags.from, { ...(flags.group ? { group: flags.group } : {}), ...(flags.substitute !== undefined ? { substitute: flags.substitute } : {}), seed: Number(flags.seed) });
    if (!res.ok) return fail(ctx, res.reason);
    const r = res.value;
    if (flags.json) {
      printJson(ctx.o, { date: r.date, absent: r.staffId, from: flags.from, changed: r.changed, unassigned: r.unassigned, kpis: r.kpis });
      return EXIT.ok;
    }
    const names = await clientNames(ws, r.changed);
    ctx.o.out(`${r.staffName} absent from ${flags.from}: ${r.changed.length} visit(s) changed`);
    for (const v of r.changed) ctx.o.out(`  ${clock(v.start)} ${names.get(v.clientId) ?? v.clientId} → ${v.staffIds.join(', ') || 'nobody'}${v.unassignedReason ? ` (${v.unassignedReason})` : ''}`);
    ctx.o.out(`  travel ${r.kpis.travelMinutes} min, lateness ${r.kpis.lateness} min, continuity ${r.kpis.continuityPct.toFixed(0)} %, usual carer ${r.kpis.preferredPct.toFixed(0)} %, overtime ${r.kpis.overtimeMinutes} min, unassigned ${r.unassigned.length}`);
    for (const u of r.unassigned) ctx.o.out(`  unassigned ${u.visitId}: ${u.reason}`);
    return EXIT.ok;
  });
}

async function clientNames(ws: Workspace, visits: readonly ScheduledVisit[]): Promise<Map<string, string>> {
  const rows = new Map(ws.caseload().map((r) => [r.id as string, r.name]));
  return new Map(visits.map((v) => [v.clientId, clientNameOf(rows, v.clientId)]));
}

async function show(ctx: CommandContext, flags: { day: string; group?: string; json?: boolean }): Promise<number> {
  const date = parseDate(flags.day);
  if (!date) return usage(ctx, `--day must look like 2026-11-23, not "${flags.day}"`);
  return withWorkspace(ctx, async (ws) => {
    const inputs = await gatherScheduleInputs(ws, flags.group ? [flags.group] : [], qualificationLookup());
    if ('error' in inputs) return fail(ctx, inputs.error);
    const week = parseIsoWeek(isoWeekOf(date))!;
    const rows = new Map(ws.caseload().map((r) => [r.id as string, r.name]));
    const staffName = new Map(inputs.staff.map((s) => [s.id, s.name]));
    const rules = catalogueTaskRules();
    const out: unknown[] = [];
    for (const group of inputs.groups) {
      const opened = await ws.doc(scheduleDocId(week, group as CareGroupId));
      if (!opened.ok) return fail(ctx, `the schedule of ${group} for ${week} cannot be read; run \`apsis doctor\``);
      const visits = listVisits(opened.doc).records.filter((v) => v.date === date).sort((a, b) => a.start - b.start);
      if (visits.length === 0) continue;
      const recent = await recentCaregivers(ws, week, group);
      const clients = inputs.clients.map((c) => ({ ...c, recentStaffIds: recent.get(c.id) ?? [] }));
      const kpis = storedDayKpis(date, visits, inputs.staff.filter((s) => s.careGroupId === group), inputs.absences, clients, rules);
      const byStaff = new Map<string, ScheduledVisit[]>();
      const booked = new Map<string, ScheduledVisit[]>();
      for (const v of visits) {
        // A visit with nobody and no reason is a day-centre appointment booked on its room.
        const room = v.staffIds.length === 0 && v.unassignedReason === '' ? (rules.resourceOf(v.taskCodes)?.id ?? 'day-centre') : undefined;
        if (room) booked.set(room, [...(booked.get(room) ?? []), v]);
        else for (const s of v.staffIds.length > 0 ? v.staffIds : ['']) byStaff.set(s, [...(byStaff.get(s) ?? []), v]);
      }
      out.push({ group, date, kpis, routes: [...byStaff.entries()].filter(([s]) => s).map(([s, vs]) => ({ staffId: s, visits: vs })), bookings: [...booked.entries()].map(([resource, vs]) => ({ resource, visits: vs })), unassigned: byStaff.get('') ?? [] });
      if (flags.json) continue;
      ctx.o.out(ctx.o.color.bold(`${group} ${date}`) + `  travel ${kpis.travelMinutes} min · lateness ${kpis.lateness} min · continuity ${kpis.continuityPct.toFixed(0)} % · usual carer ${kpis.preferredPct.toFixed(0)} % · overtime ${kpis.overtimeMinutes} min · unassigned ${(byStaff.get('') ?? []).length}`);
      for (const [s, vs] of [...byStaff.entries()].sort()) {
        ctx.o.out(`  ${s ? `${staffName.get(s) ?? s} (${s})` : 'unassigned'}`);
        for (const v of vs) ctx.o.out(`    ${s ? clock(v.start) : '  —  '} ${clientNameOf(rows, v.clientId).padEnd(28)} ${v.durationMin} min  ${v.taskCodes.join(', ')}${v.pinned ? '  [pinned]' : ''}${v.unassignedReason ? `  — ${v.unassignedReason}` : ''}`);
      }
      for (const [room, vs] of [...booked.entries()].sort()) {
        const centre = vs[0] ? rules.resourceOf(vs[0].taskCodes)?.centre : undefined;
        ctx.o.out(`  day centre: ${room}${centre ? ` (${centre.code}, the client's transport ${centre.transferMin} min each way)` : ''}`);
        for (const v of vs) ctx.o.out(`    ${clock(v.start)} ${clientNameOf(rows, v.clientId).padEnd(28)} ${v.durationMin} min  ${v.taskCodes.join(', ')}${v.pinned ? '  [pinned]' : ''}`);
      }
    }
    if (flags.json) printJson(ctx.o, out);
    else if (out.length === 0) ctx.o.out(`No visits scheduled on ${date}. Build the week first: \`apsis schedule build --week ${week}\`.`);
    return EXIT.ok;
  });
}

function usage(ctx: CommandContext, message: string): number {
  ctx.o.err(`apsis schedule: ${message}`);
  return EXIT.usage;
}

function fail(ctx: CommandContext, message: string): number {
  ctx.o.err(`apsis schedule: ${message}. Nothing was changed.`);
  return EXIT.failure;
}

export function registerSchedule(program: Command): void {
  const schedule = program.command('schedule').description("build, repair and show the care staff's schedule");
  schedule
    .command('build')
    .description('propose the week (unpinned visits are re-optimised; pinned ones stay)')
    .requiredOption('--week <week>', 'ISO week, e.g. 2026-W48')
    .option('--group <id>', 'one care group (default: all)')
    .option('--seconds <n>', 'time budget for the whole build', '5')
    .option('--steps <n>', 'solver steps per day instead of the time budget (the same seed and steps give the same plan on any machine)')
    .option('--seed <n>', 'random seed (the same seed and budget give the same plan)', '1')
    .option('--json', 'print KPIs and unassigned visits as JSON')
    .action(action(async (flags, cmd: Command) => build(commandContext(cmd), flags)));
  schedule
    .command('repair')
    .description('someone is absent from a moment on: reassign her remaining visits with the fewest changes')
    .requiredOption('--absent <staff>', 'staff id')
    .requiredOption('--from <datetime>', 'e.g. 2026-11-23T07:00')
    .option('--group <id>', 'care group (default: the absent person\'s)')
    .option('--substitute <staff>', 'who stands in: she takes the visits where she can (recorded on the absence)')
    .option('--seed <n>', 'random seed', '1')
    .option('--json', 'print the changes as JSON')
    .action(action(async (flags, cmd: Command) => repairCmd(commandContext(cmd), flags)));
  schedule
    .command('show')
    .description('one day as routes per worker, with KPIs and unassigned visits')
    .requiredOption('--day <date>', 'e.g. 2026-11-23')
    .option('--group <id>', 'one care group (default: all)')
    .option('--json', 'print as JSON')
    .action(action(async (flags, cmd: Command) => show(commandContext(cmd), flags)));
}
