/** `apsis sync`: exchange every document this user may hold with the relay, once, then disconnect. */
import type { Command } from 'commander';
import type { DocId, StaffId } from '../../core/ids.js';
import { volunteerDocId } from '../../core/doc/doc-id.js';
import type * as Y from 'yjs';
import { peekClaims } from '../../sync-server/token.js';
import { action, commandContext, withWorkspace } from '../context.js';
import { EXIT, printJson } from '../output.js';

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('sync this workspace with the relay once (push and pull every document you may hold)')
    .option('--server <url>', 'relay URL, e.g. ws://127.0.0.1:8080 (remembered in the workspace)')
    .option('--token <token>', 'access token from `apsis token issue` (remembered in the workspace)')
    .option('--timeout <seconds>', 'give up after this long', '30')
    .option('--json', 'print a summary as JSON')
    .action(
      action(async (flags: { server?: string; token?: string; timeout: string; json?: boolean }, cmd: Command) => {
        const ctx = commandContext(cmd);
        if (flags.server && !/^wss?:\/\/[^\s/]+/.test(flags.server)) {
          ctx.o.err(`apsis sync: --server must be a ws:// or wss:// URL, not "${flags.server}".`);
          return EXIT.usage;
        }
        const timeoutMs = Number(flags.timeout) * 1000;
        if (!(timeoutMs > 0)) {
          ctx.o.err(`apsis sync: --timeout must be a number of seconds, not "${flags.timeout}".`);
          return EXIT.usage;
        }
        return withWorkspace(ctx, async (ws) => {
          const server = flags.server ?? ws.meta.settings.serverUrl;
          const token = flags.token ?? ws.meta.settings.token;
          if (!server || !token) {
            ctx.o.err('apsis sync: no relay configured: pass --server URL and --token T once (they are remembered).');
            return EXIT.usage;
          }
          const claims = peekClaims(token);
          if (!claims) {
            ctx.o.err('apsis sync: the token is not readable; ask for a new one (`apsis token issue`).');
            return EXIT.failure;
          }
          if (claims.sub !== ws.user.id) {
            // Every change carries its author; the relay refuses changes signed by another user than the token's.
            ctx.o.err(`apsis sync: the token is for user "${claims.sub}" but this workspace belongs to "${ws.user.id}"; ask for a token for "${ws.user.id}". Nothing was sent.`);
            return EXIT.usage;
          }
          const [{ syncDocsOnce }, { accessFor }, { parseRoomName }] = await Promise.all([import('../sync/sync-once.js'), import('../../sync-server/access.js'), import('../../sync-server/room.js')]);
          const mayOpen = (docId: string) => {
            const room = parseRoomName(`${ws.meta.namespace}/${docId}`);
            return room !== null && accessFor(claims, room) !== 'none';
          };
          const run = async (ids: readonly DocId[]) => {
            const docs = new Map<string, Y.Doc>();
            for (const id of ids.filter(mayOpen)) {
              const opened = await ws.doc(id);
              if (!opened.ok) return { ok: false as const, reason: `${id} cannot be read locally; run \`apsis doctor\`` };
              docs.set(id, opened.doc);
            }
            return syncDocsOnce({ url: server, token, namespace: ws.meta.namespace, docs, timeoutMs });
          };
          // The organisation document first: its index names the documents to fetch.
          const first = await run(['org' as DocId]);
          if (!first.ok) {
            ctx.o.err(`apsis sync: ${first.reason}. Local changes are kept and go out at the next sync.`);
            return EXIT.failure;
          }
          // A volunteer holds only her own derived document (core/doc/volunteer-doc.ts); nothing lists it for her.
          const own = claims.role === 'volunteer' ? [volunteerDocId(claims.sub as StaffId)] : [];
          const rest = await run([...new Set([...(await ws.knownDocs()), ...own])].filter((d) => d !== 'org'));
          if (!rest.ok) {
            ctx.o.err(`apsis sync: ${rest.reason}. Local changes are kept and go out at the next sync.`);
            return EXIT.failure;
          }
          for (const r of [...first.perDoc, ...rest.perDoc]) if (r.pulledBytes > 0) ws.markDirty(r.docId as DocId);
          await ws.save();
          await ws.setSettings({ serverUrl: server, token });
          const perDoc = [...first.perDoc, ...rest.perDoc];
          const summary = { server, documents: perDoc.length, pushed: perDoc.filter((d) => d.pushedBytes > 0).length, pulled: perDoc.filter((d) => d.pulledBytes > 0).length, pushedBytes: perDoc.reduce((s, d) => s + d.pushedBytes, 0), pulledBytes: perDoc.reduce((s, d) => s + d.pulledBytes, 0) };
          if (flags.json) printJson(ctx.o, { ...summary, perDoc });
          else ctx.o.out(`Synced ${summary.documents} documents with ${server}: ${summary.pushed} sent changes (${summary.pushedBytes} B), ${summary.pulled} received changes (${summary.pulledBytes} B).`);
          return EXIT.ok;
        });
      }),
    );
}
