/** Prints a benchmark's figures and writes them as a markdown table to bench/results/<name>.md (keeping the notes under it). */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS = join(fileURLToPath(new URL('../..', import.meta.url)).replace(/dist\/?$/, ''), 'bench', 'results');

export async function writeResult(name: string, title: string, rows: readonly (readonly [string, string])[]): Promise<void> {
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
  const md = [
    `# ${title}`,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}.`,
    '',
    '| measure | result |',
    '| --- | --- |',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
  ].join('\n');
  await mkdir(RESULTS, { recursive: true });
  const file = join(RESULTS, `${name}.md`);
  // Notes written under the table (sections from the first "## ") are the analysis of earlier
  // rounds: a new measurement replaces the table and keeps them.
  const before = await readFile(file, 'utf8').catch(() => '');
  const notes = before.indexOf('\n## ');
  await writeFile(file, notes < 0 ? md : `${md}\n${before.slice(notes + 1)}`);
  process.stdout.write(`(written to bench/results/${name}.md)\n`);
}
