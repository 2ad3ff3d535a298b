/**
 * The real, bundled binary. These run once the lead has registered the e-file commands in
 * cli/program.ts (`registerExport`, `registerVerify`, `registerPrint`); until then they are skipped.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { apsis, BIN } from '../helpers/cli.js';
import { buildFixture, CLIENT, NOW } from './fixture.js';
import { fileSha, pdfText, zipEntry } from './helpers.js';

const env = { APSIS_NOW: NOW };
const wired = existsSync(BIN) && /\bexport\b/.test(apsis(tmpdir(), ['--help']).stdout) && /\bverify\b/.test(apsis(tmpdir(), ['--help']).stdout);

describe.skipIf(!wired)('apsis binary: e-file commands', () => {
  test('export, re-export byte-identical, verify, print', async () => {
    const ws = await buildFixture();
    const out = await mkdtemp(join(tmpdir(), 'apsis-efile-bin-'));
    const a = apsis(ws, ['export', 'efile', CLIENT, '--out', join(out, 'a'), '--json'], env);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    const [first] = JSON.parse(a.stdout) as { file: string; sha256: string }[];
    const b = apsis(ws, ['export', 'efile', CLIENT, '--out', join(out, 'b'), '--json'], env);
    expect(b.code).toBe(0);
    const [second] = JSON.parse(b.stdout) as { file: string; sha256: string }[];
    expect(second!.sha256).toBe(first!.sha256);
    expect(fileSha(second!.file)).toBe(fileSha(first!.file));
    expect(await pdfText(zipEntry(first!.file, 'worksheets/2026.pdf'))).toContain('Bērziņa');
    expect(apsis(ws, ['verify', 'efile', first!.file], env).code).toBe(0);
    const p = apsis(ws, ['print', 'plan', CLIENT, '--out', join(out, 'plan.pdf')], env);
    expect(p.code).toBe(0);
    expect(await pdfText((await import('node:fs')).readFileSync(join(out, 'plan.pdf')))).toContain('Zane Bērziņa');
  });

  test('a demo workspace exports --all; SIGINT leaves no partial file', async () => {
    const base = await mkdtemp(join(tmpdir(), 'apsis-efile-demo-'));
    const ws = join(base, 'ws');
    expect(apsis(ws, ['demo'], env).code).toBe(0);
    const out = join(base, 'out');
    const all = apsis(ws, ['export', 'efile', '--all', '--out', out, '--json'], env);
    expect(all.code).toBe(0);
    expect((JSON.parse(all.stdout) as unknown[]).length).toBe(30);
    expect((await readdir(out)).every((f) => f.endsWith('.zip'))).toBe(true);
    // Interrupt a second run as soon as a partial file shows up.
    const out2 = join(base, 'out2');
    const child = spawn(process.execPath, [BIN, '-w', ws, 'export', 'efile', '--all', '--out', out2], { env: { ...process.env, ...env, NO_COLOR: '1' } });
    const code = await new Promise<number | null>((resolve) => {
      const timer = setInterval(() => {
        if (existsSync(out2)) {
          void readdir(out2).then((f) => {
            if (f.some((n) => n.includes('.partial-'))) child.kill('SIGINT');
          });
        }
      }, 2);
      child.on('exit', (c) => {
        clearInterval(timer);
        resolve(c);
      });
    });
    expect([0, 130]).toContain(code);
    expect((await readdir(out2)).filter((n) => n.includes('.partial-'))).toEqual([]);
  });
});

describe.skipIf(!existsSync(BIN))('bundled pdfkit (cli/bundle/build.ts)', () => {
  test("lays out complex scripts as pdfkit does: fontkit's shaper tables, built when first used", async () => {
    const chunks = join(BIN, '..', 'chunks');
    const chunk = (await readdir(chunks)).find((f) => f.startsWith('pdfkit.node-'));
    expect(chunk).toBeDefined();
    type Layout = { glyphs: { id: number }[]; positions: { xAdvance: number; xOffset: number; yOffset: number }[] };
    type Doc = new (o: object) => { _font: { font: { layout(text: string): Layout } } };
    const bundled = ((await import(pathToFileURL(join(chunks, chunk!)).href)) as { default: Doc }).default;
    const library = ((await import('pdfkit')) as unknown as { default: Doc }).default;
    const { fontFiles } = await import('../../cli/efile/pdf.js');
    // Arabic, Devanagari (Indic shaper), Javanese (Universal shaper) and Latvian, as a note may hold them.
    const text = 'مرحبا بالعالم नमस्ते दुनिया ꦲꦏ᭄ Ūdens, ģimene';
    const layout = (P: Doc) => {
      const r = new P({ autoFirstPage: false, font: fontFiles().regular })._font.font.layout(text);
      return { glyphs: r.glyphs.map((g) => g.id), positions: r.positions.map((p) => [p.xAdvance, p.xOffset, p.yOffset]) };
    };
    expect(layout(bundled)).toEqual(layout(library));
  });
});
