/** Test helper: runs the built relay (`dist/sync-server/main.js`) as its own process. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';
import type { Doc } from 'yjs';
import { afterAll, beforeAll } from 'vitest';
import { issueToken } from '../../sync-server/token.js';
import type { Role } from '../../core/doc/schema.js';

export const SECRET = 'test-secret-0123456789abcdef';
const MAIN = resolve(import.meta.dirname, '../../dist/sync-server/main.js');

export interface RelayProc {
  port: number;
  url: string;
  dataDir: string;
  proc: ChildProcess;
  stderr: () => string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for exit. */
  kill(): Promise<void>;
}

export function tempDir(prefix = 'apsis-relay-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startRelay(o: { dataDir?: string; env?: Record<string, string> } = {}): Promise<RelayProc> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (or \`npx tsc\`) before the sync tests`);
  const dataDir = o.dataDir ?? tempDir();
  const proc = spawn(process.execPath, [MAIN, '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, APSIS_RELAY_SECRET: SECRET, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    if (err.length > 200_000) err = err.slice(-100_000);
  });
  const exited = new Promise<void>((res) => proc.once('exit', () => res()));
  const port = await new Promise<number>((res, rej) => {
    let out = '';
    const t = setTimeout(() => rej(new Error(`relay did not start: ${err}`)), 10_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /\{"event":"listening","port":(\d+)\}/.exec(out);
      if (m) {
        clearTimeout(t);
        res(Number(m[1]));
      }
    });
    proc.once('exit', (code) => rej(new Error(`relay exited (${code}): ${err}`)));
  });
  const waitExit = async (signal: NodeJS.Signals) => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    await exited;
  };
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    dataDir,
    proc,
    stderr: () => err,
    stop: () => waitExit('SIGTERM'),
    kill: () => waitExit('SIGKILL'),
  };
}

export function token(role: Role, o: { sub?: string; ns?: string; clients?: string[]; groups?: string[]; ttl?: number; now?: number } = {}): string {
  return issueToken(
    SECRET,
    { sub: o.sub ?? `u-${role}`, role, ns: o.ns ?? 'acme', ...(o.clients ? { clients: o.clients } : {}), ...(o.groups ? { groups: o.groups } : {}) },
    o.ttl ?? 3600,
    o.now ?? Date.now(),
  );
}

/** Canonical JSON (sorted keys) of a document's top-level maps. */
export function canonical(doc: Doc, names: string[]): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sort(x)])) : v;
  return JSON.stringify(Object.fromEntries(names.map((n) => [n, sort(doc.getMap(n).toJSON())])));
}

export async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface RawConn {
  ws: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
  received: Uint8Array[];
  /** Resolves on the first message from the relay (it sends sync step 1 once the room is open). */
  firstMessage: Promise<void>;
}

/** A bare websocket to a room (no Yjs provider), for protocol-level tests. */
export async function rawConnect(url: string, room: string, tok: string | null): Promise<RawConn> {
  const ws = new WebSocket(`${url}/${room}${tok === null ? '' : `?token=${encodeURIComponent(tok)}`}`);
  const received: Uint8Array[] = [];
  let gotFirst: () => void = () => {};
  const firstMessage = new Promise<void>((res) => (gotFirst = res));
  ws.on('message', (d: Buffer) => {
    received.push(new Uint8Array(d));
    gotFirst();
  });
  ws.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((res) => ws.on('close', (code, reason) => res({ code, reason: reason.toString() })));
  const opened = new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('close', () => rej(new Error('closed before open')));
  });
  opened.catch(() => {});
  return { ws, closed, opened, received, firstMessage };
}

/** One relay process and one temp folder for a test file, both gone after its last test. */
export function useRelayFixture(prefix: string): { relay(): RelayProc; base(): string } {
  let relay: RelayProc | undefined;
  let base = '';
  beforeAll(async () => {
    relay = await startRelay();
    base = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await relay?.stop();
    await rm(base, { recursive: true, force: true });
  });
  return { relay: () => relay!, base: () => base };
}
