/** Writes one client's e-file ZIP from its prepared input: no workspace access (also run in worker threads). */
import { createHash } from 'node:crypto';
import type { EfileInput, HashedEntry } from '../../core/efile/efile.js';
import { MANIFEST_PATH, manifestJson, planEfile } from '../../core/efile/efile.js';
import { renderPdf } from './pdf.js';
import { writeZip } from './zip.js';

/** Writes the ZIP of one prepared input; pure function of the input (no workspace access). */
export async function writeEfile(input: EfileInput, final: string, signal?: AbortSignal): Promise<{ file: string; bytes: number; sha256: string }> {
  const date = new Date(input.exportedAt);
  const { entries } = planEfile(input);
  const hashed: HashedEntry[] = [];
  return writeZip(
    final,
    date,
    async (add) => {
      for (const e of entries) {
        const data = e.content.kind === 'text' ? Buffer.from(e.content.text(), 'utf8') : await renderPdf(e.content.spec(), date);
        hashed.push({ path: e.path, size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
        // PDFs are deflated inside already: stored as they are (a second deflate gains nothing, costs time).
        await add(e.path, data, { store: e.content.kind === 'pdf' });
      }
      await add(MANIFEST_PATH, Buffer.from(manifestJson(input, hashed), 'utf8'));
    },
    signal,
  );
}

