/**
 * The PDFs of a large client's last export, kept beside its view (storage `rendered/`), so the next
 * export draws only the documents whose content changed: ten years of work sheets are ten PDFs, and
 * nine of them are years that no longer change. Only a dated spec (core/efile/as-of.ts) is kept: its
 * bytes are a function of the spec and the renderer alone, so the key — a hash of both — names them.
 * Derived data: a missing, damaged or unwritable file only costs drawing the PDF again.
 */
import { createHash } from 'node:crypto';
import type { PdfSpec } from '../../core/efile/pdf-spec.js';
import type { DocId } from '../../core/ids.js';
import type { DocStorage } from '../../core/store/storage.js';
import { rendererIdentity } from './pdf.js';

/** Records (visits + task records) from which a client's PDFs are kept: below, its export is quick anyway. */
export const KEEP_PDFS_MIN_RECORDS = 1_000;

/** Kept PDFs of one export of one client. */
export interface PdfCache {
  /** The key of a spec's PDF; null when it is dated by the export (never the same twice). */
  keyOf(spec: PdfSpec): string | null;
  /** The kept PDF under `key` (null: draw it); either way the key is used by this export. */
  get(key: string): Promise<Buffer | null>;
  /** Keeps a PDF drawn by this export: written at once, beside the rest of the export (a kept file is named by its content's key, so one an export that fails wrote is still right). */
  put(key: string, pdf: Buffer): void;
  /** After a complete export: waits for the new PDFs to be written and drops those this export did not use. */
  finish(): Promise<void>;
}

/** A cache of `docId`'s PDFs in `storage`. */
export function storedPdfCache(storage: DocStorage, docId: DocId): PdfCache {
  const used = new Set<string>();
  const writes: Promise<void>[] = [];
  return {
    keyOf(spec) {
      if (spec.date === undefined) return null;
      return createHash('sha256').update(rendererIdentity()).update('\u0000').update(JSON.stringify(spec)).digest('hex');
    },
    async get(key) {
      used.add(key);
      const kept = await storage.readRendered(docId, key).catch(() => null);
      if (!kept) return null;
      return Buffer.from(kept.buffer, kept.byteOffset, kept.byteLength);
    },
    put(key, pdf) {
      used.add(key);
      // Derived data: what was not written is drawn again next time.
      writes.push(storage.writeRendered(docId, key, pdf).catch(() => undefined));
    },
    async finish() {
      await Promise.all(writes.splice(0));
      await storage.keepRendered(docId, used).catch(() => undefined);
    },
  };
}
