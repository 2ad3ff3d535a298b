/**
 * A class on one shared world: `apsis demo serve` hosts the trainer's demo world on a relay and prints
 * a join line (with its own token) per trainee; `apsis demo join URL TOKEN` makes a trainee workspace
 * from that relay. The world travels as Yjs state, so laptops that later sync never double it.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { isDemoNamespace } from '../../sync-server/room.js';
import { issueToken, parseTtl } from '../../sync-server/token.js';
import { createFileStorage } from '../store/file-storage.js';
import { writableFolder } from '../store/fs-reason.js';
import { lockWorkspace } from '../store/lock.js';
import { createMeta, META_FILE } from '../store/workspace-meta.js';
import { action, commandContext, withWorkspace } from '../context.js';
import { EXIT, printJson } from '../output.js';
import { newWorkspaceMeta, openWorkspace, workspaceFolder } from '../workspace/workspace.js';

/** Where `demo serve` keeps the class's world by default, inside the trainer's workspace (`--reset` clears it). */
export const RELAY_DIR = 'relay';

/** The relay's token secret, kept beside its data so trainees' tokens survive a restart. */
async function relaySecret(dataDir: string): Promise<string> {
  const file = join(dataDir, '.secret');
  try {
    const s = (await readFile(file, 'utf8')).trim();
    if (s.length >= 16) return s;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}

/** The address trainees use: the listening host, or this machine's first LAN address when listening on all. */
function publicHost(host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return host;
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
}

interface ServeFlags {
  port: string;
  host: string;
  dataDir?: string;
  trainees: string;
  ttl: string;
  url?: string;
  user?: string[];
  json?: boolean;
}

/** Registers `demo serve` and `demo join` under the `demo` command. */
export function registerDemoClass(demo: Command): void {
  demo
    .command('serve')
    .description('host this demo world on a relay for a class; prints a join line with a token per trainee')
    .option('--port <n>', 'port (0 = any free port)', '8080')
    .option('--host <host>', 'address to listen on (0.0.0.0 for the classroom network)', '127.0.0.1')
    .option('--data-dir <dir>', "where the relay keeps the class's world (default: relay/ in the workspace)")
    .option('--trainees <n>', 'how many trainee tokens to print', '12')
    .option('--ttl <duration>', 'token lifetime: 30m, 8h, 2d', '12h')
    .option('--url <ws-url>', 'the relay address as trainees reach it (default: from --host and the port)')
    .option('--user <id...>', "also a token for these users' own workspaces (a staff member's laptop, e.g. in offline-week)")
    .option('--json', 'print the join lines as one JSON object')
    .action(
      action(async (flags: ServeFlags, cmd: Command) => {
        // Loaded here, not at start: the relay, ws and Node's http would slow every other command.
        const [{ createRelay }, { syncWholeWorkspace }] = await Promise.all([import('../../sync-server/relay.js'), import('../demo/relay-sync.js')]);
        const ctx = commandContext(cmd);
        flags = { ...flags, json: flags.json || cmd.parent?.opts<{ json?: boolean }>().json };
        const port = Number(flags.port);
        const trainees = Number(flags.trainees);
        const ttl = parseTtl(flags.ttl);
        if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(ctx, `--port must be 0..65535, not "${flags.port}"`);
        if (!Number.isInteger(trainees) || trainees < 1 || trainees > 200) return usage(ctx, `--trainees must be 1..200, not "${flags.trainees}"`);
        if (ttl === null) return usage(ctx, `--ttl must look like 30m, 8h or 2d, not "${flags.ttl}"`);
        const badUser = (flags.user ?? []).find((u) => !/^[A-Za-z0-9._-]{1,64}$/.test(u));
        if (badUser !== undefined) return usage(ctx, `--user takes user ids such as s-0004, not "${badUser}"`);
        if (flags.url && !/^wss?:\/\/[^\s/]+$/.test(flags.url)) return usage(ctx, `--url must be a ws:// or wss:// address, not "${flags.url}"`);
        const opened = await openWorkspace(ctx.dir, ctx.clock);
        if (!opened.ok) {
          ctx.o.err(`apsis demo serve: ${opened.error.message}`);
          return EXIT.failure;
        }
        const ws = opened.value;
        const namespace = ws.meta.namespace;
        if (!ws.meta.demo || !isDemoNamespace(namespace)) {
          await ws.close();
          ctx.o.err(`apsis demo serve: ${ctx.dir} is not a demo workspace; only demo worlds are served to a class. Nothing was changed.`);
          return EXIT.failure;
        }
        const dataDir = resolve(flags.dataDir ?? join(ctx.dir, RELAY_DIR));
        const unwritable = await writableFolder(dataDir);
        if (unwritable) {
          await ws.close();
          ctx.o.err(`apsis demo serve: cannot keep the class's world in ${dataDir}: ${unwritable}. Nothing was changed.`);
          return EXIT.failure;
        }
        // Held while serving: `apsis demo --reset` must not remove a running class's world.
        const relayLock = lockWorkspace(dataDir);
        if (!relayLock.ok) {
          await ws.close();
          ctx.o.err(`apsis demo serve: another \`apsis demo serve\` (PID ${relayLock.pid}) already serves ${dataDir}; stop it or pass another --data-dir.`);
          return EXIT.failure;
        }
        const secret = await relaySecret(dataDir);
        const relay = createRelay({ port, host: flags.host, store: createFileStorage(join(dataDir, 'rooms')), auth: { secret } });
        let listening: number;
        try {
          listening = (await relay.ready).port;
        } catch (err) {
          await ws.close();
          relayLock.release();
          ctx.o.err(`apsis demo serve: cannot listen on ${flags.host}:${port}: ${(err as Error).message}`);
          return EXIT.failure;
        }
        const url = flags.url ?? `ws://${publicHost(flags.host)}:${listening}`;
        const local = `ws://127.0.0.1:${listening}`;
        // The trainer's own laptop seeds the relay (and keeps syncing live from the UI). A coordinator
        // token: the world holds approved assessments, which the relay's four-eyes rule lets only
        // coordinators and managers bring in; the namespace is the demo world's alone.
        const own = issueToken(secret, { sub: ws.user.id, role: 'coordinator', ns: namespace }, ttl);
        const seeded = await syncWholeWorkspace(ws, local, own);
        await ws.setSettings({ serverUrl: url, token: own });
        await ws.close();
        if (!seeded.ok) {
          await relay.close();
          relayLock.release();
          ctx.o.err(`apsis demo serve: the world could not be put on the relay: ${seeded.reason}. Nothing was changed in the workspace.`);
          return EXIT.failure;
        }
        const list = Array.from({ length: trainees }, (_, i) => {
          const user = `trainee-${String(i + 1).padStart(2, '0')}`;
          const token = issueToken(secret, { sub: user, role: 'coordinator', ns: namespace }, ttl);
          return { user, token, command: `apsis --workspace apsis-${user} demo join ${url} ${token}` };
        });
        // A workspace syncs only with a token for its own user (its sessions are registered under it).
        const users = (flags.user ?? []).map((user) => {
          const token = issueToken(secret, { sub: user, role: 'coordinator', ns: namespace }, ttl);
          return { user, token, command: `apsis --workspace <${user}'s workspace> sync --server ${url} --token ${token}` };
        });
        if (flags.json) printJson(ctx.o, { event: 'ready', url, port: listening, namespace, dataDir, documents: seeded.documents, trainees: list, users });
        else {
          ctx.o.out(`Demo world ${namespace} is on the relay at ${url} (${seeded.documents} documents, kept in ${dataDir}). Ctrl+C stops it.`);
          ctx.o.out('Each trainee runs one line (tokens last ' + flags.ttl + '):');
          for (const t of list) ctx.o.out(`  ${t.command}`);
          if (users.length > 0) ctx.o.out('Workspaces of their own (a staff laptop) sync with:');
          for (const t of users) ctx.o.out(`  ${t.command}`);
        }
        await new Promise<void>((res) => {
          process.once('SIGTERM', res);
          process.once('SIGINT', res);
        });
        await relay.close();
        relayLock.release();
        return EXIT.ok;
      }),
    );

  demo
    .command('join')
    .description('make a trainee workspace from a class relay (the line `apsis demo serve` printed)')
    .argument('<url>', 'relay address, e.g. ws://10.0.0.5:8080')
    .argument('<token>', 'your token from the trainer')
    .option('--timeout <seconds>', 'give up after this long', '120')
    .option('--json', 'print a summary as JSON')
    .action(
      action(async (url: string, token: string, flags: { timeout: string; json?: boolean }, cmd: Command) => {
        const [{ syncWholeWorkspace }, { peekClaims }] = await Promise.all([import('../demo/relay-sync.js'), import('../../sync-server/token.js')]);
        const ctx = commandContext(cmd);
        flags = { ...flags, json: flags.json || cmd.parent?.opts<{ json?: boolean }>().json };
        if (!/^wss?:\/\/[^\s/]+$/.test(url)) return usage(ctx, `the relay address must be a ws:// or wss:// URL, not "${url}"`, 'join');
        const timeoutMs = Number(flags.timeout) * 1000;
        if (!(timeoutMs > 0)) return usage(ctx, `--timeout must be a number of seconds, not "${flags.timeout}"`, 'join');
        const claims = peekClaims(token);
        if (!claims) return usage(ctx, 'the token is not readable; copy the whole line the trainer gave you', 'join');
        if (!isDemoNamespace(claims.ns)) {
          ctx.o.err(`apsis demo join: the token is for "${claims.ns}", not a demo world; use \`apsis sync\` for real work. Nothing was created.`);
          return EXIT.failure;
        }
        const folder = await workspaceFolder(ctx.dir);
        if (!folder.ok) {
          ctx.o.err(`apsis demo join: ${folder.message}`);
          return EXIT.failure;
        }
        const present = folder.entries;
        if (present.includes(META_FILE) || present.includes('docs')) {
          ctx.o.err(`apsis demo join: ${ctx.dir} already holds a workspace; choose another --workspace. Nothing was changed.`);
          return EXIT.failure;
        }
        // An empty workspace (not even an org document of its own): everything comes from the relay.
        const lock = lockWorkspace(ctx.dir);
        if (!lock.ok) {
          ctx.o.err(`apsis demo join: ${lock.message}`);
          return EXIT.failure;
        }
        try {
          await createMeta(ctx.dir, newWorkspaceMeta(ctx.clock, { user: { id: claims.sub, name: claims.sub, role: claims.role }, namespace: claims.ns, demo: true }));
        } finally {
          lock.release();
        }
        return withWorkspace(ctx, async (ws) => {
          await ws.setSettings({ serverUrl: url, token }); // so a plain `apsis sync` can finish a failed join
          const res = await syncWholeWorkspace(ws, url, token, timeoutMs);
          if (!res.ok) {
            ctx.o.err(`apsis demo join: ${res.reason}. The workspace in ${ctx.dir} is kept; run \`apsis sync\` there to try again.`);
            return EXIT.failure;
          }
          const summary = { workspace: ctx.dir, namespace: claims.ns, user: claims.sub, documents: res.documents, clients: ws.caseload().length };
          if (flags.json) printJson(ctx.o, summary);
          else ctx.o.out(`Joined ${claims.ns} as ${claims.sub}: ${summary.clients} clients in ${ctx.dir}. \`apsis\` opens it; changes sync with the class.`);
          return EXIT.ok;
        });
      }),
    );
}

function usage(ctx: { o: { err(s: string): void } }, message: string, sub = 'serve'): number {
  ctx.o.err(`apsis demo ${sub}: ${message}.`);
  return EXIT.usage;
}
