/** Test helpers for classes: runs `apsis demo serve` (a real relay process on a free port), temp folders, JSON runs. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { apsis, BIN } from '../helpers/cli.js';

/** The pinned clock of the class tests (the world's "today"). */
export const CLASS_ENV = { APSIS_NOW: '2026-11-23T07:00:00Z' };

/** Runs `apsis … --json` with the class clock; the exit code must be 0. */
export function apsisJson<T>(ws: string, args: string[]): T {
  const r = apsis(ws, [...args, '--json'], CLASS_ENV);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** A temporary folder for the file's tests and at most one class relay, both gone after the last test. */
export function useClassFixture(prefix: string): { base(): string; serve(trainer: string, trainees: number, users?: readonly string[]): Promise<ClassRelay> } {
  let base = '';
  let relay: ClassRelay | null = null;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await relay?.stop();
    await rm(base, { recursive: true, force: true });
  });
  return { base: () => base, serve: async (trainer, trainees, users = []) => (relay = await startClassRelay(trainer, trainees, CLASS_ENV, users)) };
}

export interface ClassRelay {
  readonly url: string;
  readonly namespace: string;
  readonly documents: number;
  readonly trainees: readonly { user: string; token: string; command: string }[];
  /** Tokens asked for with `--user` (workspaces of their own). */
  readonly users: readonly { user: string; token: string; command: string }[];
  readonly proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `apsis demo serve --port 0` on the trainer's workspace; resolves once the world is on the relay. */
export function startClassRelay(trainer: string, trainees: number, env: Record<string, string> = {}, users: readonly string[] = []): Promise<ClassRelay> {
  const userArgs = users.length > 0 ? ['--user', ...users] : [];
  const proc = spawn(process.execPath, [BIN, '--workspace', trainer, 'demo', 'serve', '--port', '0', '--trainees', String(trainees), ...userArgs, '--json'], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((res) => proc.once('exit', () => res()));
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGTERM'); // never leave a relay behind a failed test
      reject(new Error(`demo serve did not get ready: ${err}${out}`));
    }, 60_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      let ready: Omit<ClassRelay, 'proc' | 'stop'>;
      try {
        ready = JSON.parse(out) as Omit<ClassRelay, 'proc' | 'stop'>;
      } catch {
        return; // not complete yet
      }
      clearTimeout(timer);
      resolve({
        ...ready,
        proc,
        stop: async () => {
          if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
          await exited;
        },
      });
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo serve exited (${code}): ${err}`));
    });
  });
}
