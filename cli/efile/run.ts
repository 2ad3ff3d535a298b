/**
 * The bodies of `apsis export efile`, `apsis verify efile` and `apsis print …` (loaded on demand by
 * the light command modules, so other commands never parse pdfkit or archiver).
 */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isIsoDate } from '../../core/doc/schema.js';
import { writableFolder } from '../store/fs-reason.js';
import type { ClientId } from '../../core/ids.js';
import { findClient } from '../commands/client.js';
import type { CommandContext } from '../context.js';
import { withWorkspace } from '../context.js';
import { EXIT, printJson } from '../output.js';
import { exportBatch } from './batch.js';
import { orgInfo } from './export.js';
import { planSpec, worksheetSpec, writePdf } from './print.js';
import { verifyEfile } from './verify.js';
import { openPartials } from './zip.js';
import { rmSync } from 'node:fs';

export interface ExportFlags {
  readonly out?: string;
  readonly all?: boolean;
  readonly group?: string;
  readonly clients?: string;
  readonly json?: boolean;
}

/** Runs `fn` with an AbortSignal fired by Ctrl-C; partial files are removed even if the process dies. */
async function interruptible<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<{ value: T; interrupted: boolean }> {
  const ac = new AbortController();
  const onSigint = () => {
    if (ac.signal.aborted) {
      // Second Ctrl-C: remove partials and leave now.
      for (const p of openPartials) rmSync(p, { force: true });
      process.exit(130);
    }
    ac.abort();
  };
  const onExit = () => {
    for (const p of openPartials) rmSync(p, { force: true });
  };
  process.on('SIGINT', onSigint);
  process.on('exit', onExit);
  try {
    const value = await fn(ac.signal);
    return { value, interrupted: ac.signal.aborted };
  } finally {
    process.off('SIGINT', onSigint);
    process.off('exit', onExit);
  }
}

export async function runExportEfile(ctx: CommandContext, ref: string | undefined, flags: ExportFlags): Promise<number> {
  const modes = [ref !== undefined, !!flags.all, flags.group !== undefined, flags.clients !== undefined].filter(Boolean).length;
  if (modes !== 1) {
    ctx.o.err('apsis export efile: give exactly one of <client>, --all, --group G or --clients FILE.');
    return EXIT.usage;
  }
  let listed: string[] | null = null;
  if (flags.clients !== undefined) {
    try {
      listed = (await readFile(flags.clients, 'utf8'))
        .split(/\r?\n/)
        .map((l) => l.replace(/#.*/, '').trim())
        .filter((l) => l);
    } catch (err) {
      ctx.o.err(`apsis export efile: ${flags.clients}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
      return EXIT.failure;
    }
  }
  const outDir = resolve(flags.out ?? '.');
  return withWorkspace(ctx, async (ws) => {
    const role = ws.user.role;
    if (role === 'volunteer' || (role === 'trainer' && !ws.meta.demo)) {
      ctx.o.err(`apsis export efile: refused: ${role === 'volunteer' ? 'volunteers cannot export client e-files' : 'trainers can export e-files only in demo workspaces'}. Nothing was written.`);
      return EXIT.failure;
    }
    // Which clients, in caseload order; unknown references become failures of their own.
    const targets: { ref: string; id: ClientId | null }[] = [];
    if (ref !== undefined) {
      const id = findClient(ws, ctx.o, ref);
      if (!id) return EXIT.failure;
      targets.push({ ref, id });
    } else if (flags.all) targets.push(...ws.caseload().map((r) => ({ ref: r.id, id: r.id })));
    else if (flags.group !== undefined) targets.push(...ws.caseload().filter((r) => r.careGroupId === flags.group).map((r) => ({ ref: r.id, id: r.id })));
    else if (listed) {
      const rows = ws.caseload();
      // A client listed twice (or by its id and a prefix) is exported once: two exports at once
      // would write the same file.
      const seen = new Set<string>();
      for (const l of listed) {
        const exact = rows.find((r) => r.id === l);
        const prefix = rows.filter((r) => r.id.startsWith(l));
        const id = exact ? exact.id : prefix.length === 1 ? prefix[0]!.id : null;
        // An unknown reference is its own failure, once per spelling.
        const key = id ?? `?${l}`;
        if (seen.has(key)) continue;
        seen.add(key);
        targets.push({ ref: l, id });
      }
    }
    if (targets.length === 0) {
      ctx.o.err('apsis export efile: no clients match; nothing was written.');
      return EXIT.failure;
    }
    const unwritable = await writableFolder(outDir);
    if (unwritable) {
      ctx.o.err(`apsis export efile: cannot write to ${outDir}: ${unwritable}. Nothing was written.`);
      return EXIT.failure;
    }
    const org = await orgInfo(ws);
    const progress = process.stderr.isTTY && targets.length > 1;
    const single = ref !== undefined;
    const { value: summary, interrupted } = await interruptible(async (signal) => {
      const out = await exportBatch(ws, targets, outDir, org, {
        signal,
        onStart: (n) => {
          if (progress) process.stderr.write(`\r\x1b[Kexport efile ${n}/${targets.length} ${targets[n - 1]!.ref}`);
        },
      });
      if (progress) process.stderr.write('\r\x1b[K');
      return out;
    });
    if (interrupted) {
      ctx.o.err(`apsis export efile: interrupted after ${summary.length} of ${targets.length} clients; the file being written was removed.`);
      if (flags.json) printJson(ctx.o, summary);
      return 130;
    }
    const failed = summary.filter((s) => 'error' in s);
    if (flags.json) printJson(ctx.o, summary);
    else {
      for (const s of summary) {
        if ('error' in s) ctx.o.err(`apsis export efile: ${s.client}: ${s.error}`);
        else if (single) ctx.o.out(`Wrote ${s.file} (${s.bytes} bytes, sha256 ${s.sha256}).`);
      }
      if (!single) ctx.o.out(`Exported ${summary.length - failed.length} of ${summary.length} client e-files to ${outDir}${failed.length ? `; ${failed.length} failed (listed above)` : ''}.`);
    }
    if (single && failed.length && flags.json) for (const s of failed) if ('error' in s) ctx.o.err(`apsis export efile: ${s.client}: ${s.error}`);
    return failed.length ? EXIT.failure : EXIT.ok;
  });
}

export async function runVerifyEfile(ctx: CommandContext, file: string, flags: { json?: boolean }): Promise<number> {
  const { problems, checked } = await verifyEfile(file);
  if (flags.json) printJson(ctx.o, { file, ok: problems.length === 0, checked, problems });
  else if (problems.length === 0) ctx.o.out(`${file}: OK, ${checked} entries match manifest.json.`);
  else {
    ctx.o.err(`${file}: ${problems.length} problem(s):`);
    for (const p of problems) ctx.o.err(`  ${p}`);
  }
  return problems.length === 0 ? EXIT.ok : EXIT.failure;
}

/** The PDF's path: `--out`, or the default name in the current folder or in `--out` when that is a folder. */
async function outFile(flag: string | undefined, name: string): Promise<string> {
  if (flag === undefined) return resolve(name);
  const isFolder = await stat(flag).then((s) => s.isDirectory(), () => false);
  return resolve(isFolder ? join(flag, name) : flag);
}

export async function runPrintPlan(ctx: CommandContext, ref: string, flags: { out?: string }): Promise<number> {
  return withWorkspace(ctx, async (ws) => {
    const id = findClient(ws, ctx.o, ref);
    if (!id) return EXIT.failure;
    const spec = await planSpec(ws, id);
    if (!spec.ok) {
      ctx.o.err(`apsis print plan: ${spec.message}`);
      return EXIT.failure;
    }
    const out = await outFile(flags.out, `plan-${id}.pdf`);
    const written = await writePdf(spec.value, ws.clock.now(), out);
    if (!written.ok) {
      ctx.o.err(`apsis print plan: ${written.message}`);
      return EXIT.failure;
    }
    ctx.o.out(`Wrote ${out} (${written.value} bytes).`);
    return EXIT.ok;
  });
}

export async function runPrintWorksheet(ctx: CommandContext, flags: { worker?: string; date?: string; out?: string }): Promise<number> {
  if (!flags.worker || !flags.date || !isIsoDate(flags.date)) {
    ctx.o.err('apsis print worksheet: give --worker <staff id or name> and --date YYYY-MM-DD.');
    return EXIT.usage;
  }
  const date = flags.date;
  const worker = flags.worker;
  return withWorkspace(ctx, async (ws) => {
    const spec = await worksheetSpec(ws, worker, date);
    if (!spec.ok) {
      ctx.o.err(`apsis print worksheet: ${spec.message}`);
      return EXIT.failure;
    }
    for (const s of spec.skipped ?? []) ctx.o.err(`apsis print worksheet: warning: ${s} could not be read (run \`apsis doctor\`); the sheet may be incomplete.`);
    const out = await outFile(flags.out, `worksheet-${worker.replace(/[^A-Za-z0-9_-]/g, '_')}-${date}.pdf`);
    const written = await writePdf(spec.value, ws.clock.now(), out);
    if (!written.ok) {
      ctx.o.err(`apsis print worksheet: ${written.message}`);
      return EXIT.failure;
    }
    ctx.o.out(`Wrote ${out} (${written.value} bytes).`);
    return EXIT.ok;
  });
}
