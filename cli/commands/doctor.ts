/** `apsis doctor`: checks a workspace and says what is wrong and how to fix it. Changes nothing unless --fix. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseDocId } from '../../core/doc/doc-id.js';
import { readMeta } from '../../core/doc/meta.js';
import { SCHEMA_VERSION } from '../../core/doc/schema.js';
import type { DocId } from '../../core/ids.js';
import { action, commandContext } from '../context.js';
import { EXIT, printJson } from '../output.js';
import { openWorkspace } from '../workspace/workspace.js';

export interface Finding {
  readonly level: 'error' | 'warning';
  readonly what: string;
  readonly fix: string;
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check the workspace: files, documents, indexes; print what is wrong and how to fix it')
    .option('--fix', 'rebuild the document and caseload indexes from the documents')
    .option('--json', 'print findings as JSON')
    .action(
      action(async (flags: { fix?: boolean; json?: boolean }, cmd: Command) => {
        const ctx = commandContext(cmd);
        const findings: Finding[] = [];
        const report = () => {
          if (flags.json) printJson(ctx.o, { workspace: ctx.dir, ok: !findings.some((f) => f.level === 'error'), findings });
          else if (findings.length === 0) ctx.o.out(`${ctx.dir}: all checks passed.`);
          else for (const f of findings) ctx.o.out(`${f.level === 'error' ? ctx.o.color.red('error') : ctx.o.color.yellow('warning')}: ${f.what}\n  fix: ${f.fix}`);
          return findings.some((f) => f.level === 'error') ? EXIT.failure : EXIT.ok;
        };
        try {
          await stat(ctx.dir);
        } catch {
          findings.push({ level: 'error', what: `no workspace at ${ctx.dir}`, fix: 'run `apsis init` (or `apsis demo`), or pass --workspace DIR' });
          return report();
        }
        const opened = await openWorkspace(ctx.dir, ctx.clock);
        if (!opened.ok) {
          findings.push({ level: 'error', what: opened.error.message, fix: opened.error.code === 'locked' ? 'close the other apsis process' : 'see the message above' });
          return report();
        }
        const ws = opened.value;
        try {
          const stored = await ws.repo.list();
          if (!stored.includes('org' as DocId)) findings.push({ level: 'error', what: 'the organisation document is missing', fix: 'sync from the relay (`apsis sync`) or restore docs/org from a backup' });
          for (const docId of stored) {
            if (!parseDocId(docId)) findings.push({ level: 'warning', what: `docs/ holds an unknown document ${docId}`, fix: 'move it out of the workspace' });
            const res = await ws.repo.get(docId);
            if (!res.ok) {
              if (res.error.code === 'damaged') findings.push({ level: 'error', what: `${res.error.file} is damaged: ${res.error.detail}`, fix: res.error.hint });
              else findings.push({ level: 'error', what: `${docId} has schema version ${res.error.version}, newer than this apsis (${SCHEMA_VERSION})`, fix: 'upgrade apsis' });
              continue;
            }
            const meta = readMeta(res.doc);
            if (meta.kind === null) findings.push({ level: 'warning', what: `${docId} has no kind/schema stamp`, fix: 'sync it from the relay, or remove it if it is empty' });
            const ref = parseDocId(docId);
            if (ref?.kind === 'client' && !ws.meta.caseload[ref.clientId]) {
              findings.push({ level: 'warning', what: `client ${ref.clientId} is missing from the caseload index`, fix: 'run `apsis doctor --fix`' });
            }
          }
          for (const id of Object.keys(ws.meta.caseload)) {
            if (!stored.includes(`client/${id}` as DocId)) findings.push({ level: 'warning', what: `the caseload index lists ${id}, which has no document`, fix: 'run `apsis doctor --fix`' });
          }
          const docsDir = join(ctx.dir, 'docs');
          for (const dir of await readdir(docsDir).catch(() => [] as string[])) {
            const leftovers = (await readdir(join(docsDir, dir)).catch(() => [] as string[])).filter((n) => n.startsWith('.tmp-'));
            if (leftovers.length > 0) findings.push({ level: 'warning', what: `docs/${dir} holds ${leftovers.length} unfinished temporary file(s) from an interrupted write`, fix: 'harmless; they are removed at the next compaction' });
          }
          if (flags.fix) {
            const { issues } = await ws.reindex();
            const remaining = findings.filter((f) => !f.fix.includes('doctor --fix'));
            findings.length = 0;
            findings.push(...remaining);
            if (issues.length === 0) ctx.o.err('Indexes rebuilt.');
          }
        } finally {
          await ws.close();
        }
        return report();
      }),
    );
}
