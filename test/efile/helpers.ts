/** Helpers for e-file tests: unzip with the real binary, PDF text with pdfjs-dist, CLI capture. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { vi } from 'vitest';
import { registerExport } from '../../cli/commands/export.js';
import { registerPrint } from '../../cli/commands/print.js';
import { registerVerify } from '../../cli/commands/verify.js';

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
export const fileSha = (f: string) => sha256(readFileSync(f));

export function zipNames(zip: string): string[] {
  return execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter((l) => l);
}

export function zipEntry(zip: string, name: string): Buffer {
  return execFileSync('unzip', ['-p', zip, name], { maxBuffer: 1 << 28 });
}

export function unzipTest(zip: string): string {
  return execFileSync('unzip', ['-t', zip], { encoding: 'utf8' });
}

/** All text of a PDF, pages joined. */
export async function pdfText(data: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), verbosity: 0 }).promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    out.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  await doc.destroy();
  return out.join('\n').replace(/[ \t]+/g, ' ');
}

/** Runs `apsis -w dir …args` in-process with the e-file commands registered; captures output. */
export async function run(dir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = new Command('apsis').option('-w, --workspace <dir>').exitOverride();
  registerExport(program);
  registerVerify(program);
  registerPrint(program);
  let stdout = '';
  let stderr = '';
  const so = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const se = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    await program.parseAsync(['-w', dir, ...args], { from: 'user' });
    return { code: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    so.mockRestore();
    se.mockRestore();
    process.exitCode = before;
  }
}
