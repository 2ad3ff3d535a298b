/** Test helper: runs `apsis demo serve` (a real relay process on a free port) and reads its join lines. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { BIN } from '../helpers/cli.js';

export interface ClassRelay {
  readonly url: string;
  readonly namespace: string;
  readonly documents: number;
  readonly trainees: readonly { user: string; token: string; command: string }[];
  readonly proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `apsis demo serve --port 0` on the trainer's workspace; resolves once the world is on the relay. */
export function startClassRelay(trainer: string, trainees: number, env: Record<string, string> = {}): Promise<ClassRelay> {
  const proc = spawn(process.execPath, [BIN, '--workspace', trainer, 'demo', 'serve', '--port', '0', '--trainees', String(trainees), '--json'], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((res) => proc.once('exit', () => res()));
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo serve did not get ready: ${err}`)), 60_000);
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
