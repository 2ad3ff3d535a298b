/**
 * The only place that reads data/ from disk. Finds the package root by walking up from this module
 * (works from TS sources, dist/ and the esbuild bundle in dist/bin/), reads every JSON file under
 * data/instruments, data/rules and data/catalogue, and validates them all at once.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalogues, FileIssue, FileParsed } from '../../core/catalogue/parse.js';
import { assembleCatalogues } from '../../core/catalogue/parse.js';

const DATA_DIRS = ['instruments', 'rules', 'catalogue'] as const;

/** The nearest folder at or above `fromUrl` that holds package.json. */
export function findPackageRoot(fromUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(fromUrl)}`);
    dir = up;
  }
}

/** Reads and validates every data file; issues name the file (relative to the root) and path. */
export function loadCatalogues(root: string = findPackageRoot()): FileParsed<Catalogues> {
  const files: Array<{ file: string; json: unknown }> = [];
  const issues: FileIssue[] = [];
  for (const sub of DATA_DIRS) {
    const dir = join(root, 'data', sub);
    if (!existsSync(dir)) {
      issues.push({ file: relative(root, dir), path: '', message: 'folder is missing' });
      continue;
    }
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      const file = `data/${sub}/${name}`;
      try {
        files.push({ file, json: JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown });
      } catch (e) {
        issues.push({ file, path: '', message: `not valid JSON: ${(e as Error).message}` });
      }
    }
  }
  const assembled = assembleCatalogues(files);
  if (issues.length) return { ok: false, issues: [...issues, ...(assembled.ok ? [] : assembled.issues)] };
  return assembled;
}

let cached: Catalogues | null = null;

/** Loads once per process and throws with every issue listed when the data is invalid. */
export function catalogues(): Catalogues {
  if (cached) return cached;
  const r = loadCatalogues();
  if (!r.ok) throw new Error(`invalid data files:\n${r.issues.map((i) => `${i.file}${i.path ? `: ${i.path}` : ''}: ${i.message}`).join('\n')}`);
  cached = r.value;
  return cached;
}
