/** `apsis client add|list|show`: the caseload from the command line. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readClientDoc } from '../../core/doc/client-doc.js';
import type { ClientId } from '../../core/ids.js';
import { describeIssues } from '../../core/validate/issues.js';
import { action, commandContext, withWorkspace } from '../context.js';
import { EXIT, printJson } from '../output.js';
import type { Output } from '../output.js';
import type { Workspace } from '../workspace/workspace.js';

interface AddFlags {
  given?: string;
  family?: string;
  birthDate?: string;
  address?: string;
  phone?: string;
  group?: string;
  personalCode?: string;
  livesAlone?: boolean;
  lat?: string;
  lon?: string;
  file?: string;
  json?: boolean;
}

/** Reads a JSON object file, or says exactly what is wrong with it. */
async function readJsonObject(file: string): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { ok: false, message: `${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: `${file}: expected a JSON object` };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (err) {
    return { ok: false, message: `${file}: not valid JSON (${(err as Error).message})` };
  }
}

function profileFromFlags(f: AddFlags): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  if (f.given !== undefined) p.givenName = f.given;
  if (f.family !== undefined) p.familyName = f.family;
  if (f.birthDate !== undefined) p.birthDate = f.birthDate;
  if (f.address !== undefined) p.address = f.address;
  if (f.phone !== undefined) p.phone = f.phone;
  if (f.group !== undefined) p.careGroupId = f.group;
  if (f.personalCode !== undefined) p.personalCode = f.personalCode;
  if (f.livesAlone) p.livesAlone = true;
  if (f.lat !== undefined || f.lon !== undefined) p.location = { lat: Number(f.lat), lon: Number(f.lon) };
  return p;
}

/** Finds a client by exact id or a unique id prefix; prints why not otherwise. */
export function findClient(ws: Workspace, o: Output, ref: string): ClientId | null {
  if (ws.hasClient(ref)) return ref;
  const rows = ws.caseload();
  const matches = rows.filter((r) => r.id.startsWith(ref));
  if (matches.length === 1) return matches[0]!.id;
  o.err(matches.length === 0 ? `apsis: no client "${ref}" in this workspace (see \`apsis client list\`).` : `apsis: "${ref}" matches ${matches.length} clients; give more of the id.`);
  return null;
}

export function registerClient(program: Command): void {
  const client = program.command('client').description('add, list and show clients');

  client
    .command('add')
    .description('add a client (from flags or --file client.json)')
    .option('--given <name>', 'given name')
    .option('--family <name>', 'family name')
    .option('--birth-date <date>', 'birth date YYYY-MM-DD')
    .option('--personal-code <code>', 'personal code')
    .option('--address <text>', 'home address')
    .option('--phone <phone>', 'phone number')
    .option('--group <id>', 'care group id')
    .option('--lives-alone', 'the client lives alone')
    .option('--lat <deg>', 'home latitude')
    .option('--lon <deg>', 'home longitude')
    .option('--file <client.json>', 'read the profile from a JSON file (flags override it)')
    .option('--json', 'print the new client as JSON')
    .action(
      action(async (flags: AddFlags, cmd: Command) => {
        const ctx = commandContext(cmd);
        let input: Record<string, unknown> = {};
        let source = 'flags';
        if (flags.file) {
          const read = await readJsonObject(flags.file);
          if (!read.ok) {
            ctx.o.err(`apsis client add: ${read.message}. Nothing was changed.`);
            return EXIT.failure;
          }
          input = read.value;
          source = flags.file;
        }
        input = { ...input, ...profileFromFlags(flags) };
        return withWorkspace(ctx, async (ws) => {
          const res = await ws.addClient(input, source);
          if (!res.ok) {
            ctx.o.err(`apsis client add: the client was not added:\n${describeIssues(res.source, res.issues)}`);
            return EXIT.failure;
          }
          await ws.save();
          const row = ws.caseload().find((r) => r.id === res.id);
          if (flags.json) printJson(ctx.o, row);
          else ctx.o.out(`Added ${row?.name ?? ''} (${res.id}).`);
          return EXIT.ok;
        });
      }),
    );

  client
    .command('list')
    .description('list the caseload')
    .option('--all', 'include clients whose care has ended')
    .option('--json', 'print as JSON')
    .action(
      action(async (flags: { all?: boolean; json?: boolean }, cmd: Command) => {
        const ctx = commandContext(cmd);
        return withWorkspace(ctx, async (ws) => {
          const rows = ws.caseload().filter((r) => flags.all || r.status === 'active');
          if (flags.json) {
            printJson(ctx.o, rows);
            return EXIT.ok;
          }
          if (rows.length === 0) ctx.o.out('No clients yet. Add one with `apsis client add --given … --family …`.');
          for (const r of rows) ctx.o.out(`${r.id}  ${r.name}${r.careGroupId ? `  [${r.careGroupId}]` : ''}${r.status === 'ended' ? '  (ended)' : ''}`);
          return EXIT.ok;
        });
      }),
    );

  client
    .command('show')
    .description('show everything recorded for one client')
    .argument('<client>', 'client id (or a unique prefix of it)')
    .option('--json', 'print as JSON')
    .action(
      action(async (ref: string, flags: { json?: boolean }, cmd: Command) => {
        const ctx = commandContext(cmd);
        return withWorkspace(ctx, async (ws) => {
          const id = findClient(ws, ctx.o, ref);
          if (!id) return EXIT.failure;
          const opened = await ws.client(id);
          if (!opened.ok) {
            ctx.o.err(`apsis client show: ${opened.error.code === 'damaged' ? `${opened.error.file} is damaged (${opened.error.detail}). ${opened.error.hint}` : `document version ${opened.error.version} is newer than this apsis; upgrade apsis.`}`);
            return EXIT.failure;
          }
          const data = readClientDoc(opened.doc);
          if (flags.json) {
            printJson(ctx.o, { id, profile: data.profile.ok ? data.profile.value : null, ...data.collections, issues: data.issues });
            return EXIT.ok;
          }
          const p = data.profile.ok ? data.profile.value : null;
          ctx.o.out(ctx.o.color.bold(p ? `${p.givenName} ${p.familyName}` : id) + `  ${id}`);
          if (p) {
            if (p.birthDate) ctx.o.out(`  born ${p.birthDate}`);
            if (p.address) ctx.o.out(`  ${p.address}`);
            if (p.careGroupId) ctx.o.out(`  care group ${p.careGroupId}`);
            if (p.livesAlone) ctx.o.out('  lives alone');
          }
          for (const [coll, records] of Object.entries(data.collections)) {
            if (records.length > 0) ctx.o.out(`  ${coll}: ${records.length}`);
          }
          for (const i of data.issues) ctx.o.err(`  warning: ${i.path}: ${i.message}`);
          return EXIT.ok;
        });
      }),
    );
}
