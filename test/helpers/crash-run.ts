/** Drives the crash writer: start it, let it save for a random while, SIGKILL it, return what it reported saved. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/dist\/?$/, '');
export const WRITER = join(ROOT, 'dist', 'test', 'helpers', 'crash-writer.js');

/** Fails with a clear message when the compiled writer is missing. */
export function requireBuild(): void {
  if (!existsSync(WRITER)) throw new Error(`${WRITER} is missing: run \`npm run build\` (npm test does it first).`);
}

/** Runs one round; resolves with the ids the child reported as saved before it was killed. */
export function crashRound(dir: string, clientId: string, round: number, killAfterMs: number): Promise<{ saved: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, dir, clientId, String(round)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const saved: string[] = [];
    let buf = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        else if (line.startsWith('saved ')) saved.push(line.slice(6));
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited by itself (code ${code}): ${stderr}`));
      else resolve({ saved, stderr });
    });
  });
}
