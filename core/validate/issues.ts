/** Validation problems as values: where (file and path) and what. */
import type { z } from 'zod';

export interface Issue {
  /** Dotted/bracketed path inside the data, e.g. `staff.s-1.roles[0]`; empty for the whole value. */
  readonly path: string;
  readonly message: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly Issue[] };

/** Formats a path array as `a.b[2].c`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Runs a zod schema and returns issues with readable paths instead of throwing. */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown, basePath = ''): Parsed<z.infer<S>> {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((i) => {
    const p = formatPath(i.path);
    // zod says "expected string, received undefined" for a missing field; people say "required".
    const message = i.code === 'invalid_type' && i.message.endsWith('received undefined') ? 'is required' : i.message;
    return { path: basePath && p ? `${basePath}.${p}` : basePath || p, message };
  });
  return { ok: false, issues };
}

/** One line per issue, prefixed by the source (a file name, a flag) so the user knows where to look. */
export function describeIssues(source: string, issues: readonly Issue[]): string {
  return issues.map((i) => `${source}${i.path ? `: ${i.path}` : ''}: ${i.message}`).join('\n');
}
