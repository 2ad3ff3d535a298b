/** The architecture rules of eslint.config.js really fire: core/ may not do I/O or read the clock. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function rulesHit(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('core/ purity lint', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'no-restricted-imports'],
    ["import { WebSocket } from 'ws';\nexport const x = WebSocket;\n", 'no-restricted-imports'],
    ["import { render } from 'ink';\nexport const x = render;\n", 'no-restricted-imports'],
    ["import { openWorkspace } from '../cli/workspace/workspace.js';\nexport const x = openWorkspace;\n", 'no-restricted-imports'],
    ['export const t = Date.now();\n', 'no-restricted-properties'],
    ['export const r = Math.random();\n', 'no-restricted-properties'],
    ['export const e = process.env.HOME;\n', 'no-restricted-globals'],
  ])('rejects %j in core/', async (code, rule) => {
    expect(await rulesHit(code, 'core/example.ts')).toContain(rule);
  });

  it('allows the same code in cli/', async () => {
    expect(await rulesHit('export const t = Date.now();\n', 'cli/example.ts')).toEqual([]);
  });

  it('allows pure code in core/', async () => {
    expect(await rulesHit("import * as Y from 'yjs';\nexport const d = (): Y.Doc => new Y.Doc();\n", 'core/example.ts')).toEqual([]);
  });
});
