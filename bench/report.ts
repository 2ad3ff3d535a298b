/** Prints a benchmark's figures and writes them as a markdown table to bench/results/<name>.md. */
import { mkdir, writeFile } from 'node:fs/promises';
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
  await writeFile(join(RESULTS, `${name}.md`), md);
  process.stdout.write(`(written to bench/results/${name}.md)\n`);
}
