/** Writes one client's e-file ZIP from its prepared input: no workspace access (also run in worker threads). */
import { createHash } from 'node:crypto';
import type { EfileEntry, EfileInput, HashedEntry } from '../../core/efile/efile.js';
import { MANIFEST_PATH, manifestJson, planEfile } from '../../core/efile/efile.js';
import type { PdfSpec } from '../../core/efile/pdf-spec.js';
import type { PdfCache } from './pdf-cache.js';
import { KEEP_PDFS_MIN_RECORDS } from './pdf-cache.js';
import { renderPdf } from './pdf.js';
import { utf8Of } from './utf8-sink.js';
import { giveBytes, takeBytes } from './byte-arena.js';
import { writeZip } from './zip.js';
import type { ZipResult } from './zip.js';

type Add = (name: string, data: Buffer, options?: { store?: boolean }) => Promise<void>;
type PdfContent = Extract<EfileEntry['content'], { kind: 'pdf' }>;

/** The bytes of a text entry, in reused bytes (byte-arena.ts): long ones encoded as their pieces come. */
function textBytes(content: Extract<EfileEntry['content'], { kind: 'text' }>): Buffer {
  if (content.write) return utf8Of(content.write, takeBytes);
  const text = content.text();
  const bytes = takeBytes(Buffer.byteLength(text, 'utf8'));
  bytes.write(text, 'utf8');
  return bytes;
}

/** Hashes an entry for the manifest and adds it; PDFs are stored as they are (deflated inside already: a second deflate gains nothing). */
async function addEntry(add: Add, hashed: HashedEntry[], e: EfileEntry, data: Buffer): Promise<void> {
  hashed.push({ path: e.path, size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
  await add(e.path, data, { store: e.content.kind === 'pdf' });
}

/** An export's PDFs against the kept ones: which are kept (bytes), which must be drawn (spec, and key when they are kept afterwards). */
interface PdfPlan {
  readonly kept: Map<number, Buffer>;
  readonly specs: Map<number, PdfSpec>;
  readonly keys: Map<number, string>;
}

/** Looks every PDF of the export up in the cache (all at once: a few small files). */
async function planPdfs(entries: readonly EfileEntry[], cache: PdfCache): Promise<PdfPlan> {
  const plan: PdfPlan = { kept: new Map(), specs: new Map(), keys: new Map() };
  const lookups: Promise<void>[] = [];
  entries.forEach((e, i) => {
    if (e.content.kind !== 'pdf') return;
    const spec = e.content.spec();
    const key = cache.keyOf(spec);
    if (key === null) {
      plan.specs.set(i, spec);
      return;
    }
    lookups.push(
      cache.get(key).then((pdf) => {
        if (pdf) plan.kept.set(i, pdf);
        else {
          plan.specs.set(i, spec);
          plan.keys.set(i, key);
        }
      }),
    );
  });
  await Promise.all(lookups);
  return plan;
}

/** What may be made ahead of the entry being written to the ZIP: bytes of texts, drawn PDFs, entries. */
const AHEAD_BYTES = 4 << 20;
const AHEAD_PDFS = 2;
const AHEAD_MAX = 32;

/** How `writeEfile` may work. */
export interface WriteOptions {
  /** The client's kept PDFs (pdf-cache.ts): used for a large client. */
  readonly cache?: PdfCache | null;
}

/** What `writeEfile` wrote, and how many PDFs were kept from the last export / drawn. */
export interface EfileWritten extends ZipResult {
  readonly pdfs: { readonly kept: number; readonly drawn: number };
}

/**
 * Writes the ZIP of one prepared input; pure function of the input (no workspace access). With a
 * cache (a large client's kept PDFs, pdf-cache.ts), PDFs whose spec is unchanged are taken from it,
 * and the cache holds this export's PDFs afterwards. Same bytes either way.
 */
export async function writeEfile(input: EfileInput, final: string, signal?: AbortSignal, options: WriteOptions = {}): Promise<EfileWritten> {
  const date = new Date(input.exportedAt);
  const { entries } = planEfile(input);
  const records = input.collections.visitRecords.length + input.collections.taskRecords.length;
  const keep = options.cache && records >= KEEP_PDFS_MIN_RECORDS ? options.cache : null;
  const plan = keep ? await planPdfs(entries, keep) : null;
  const pdfCount = entries.filter((e) => e.content.kind === 'pdf').length;
  const pdfs = { kept: plan?.kept.size ?? 0, drawn: pdfCount - (plan?.kept.size ?? 0) };
  // A drawn PDF is kept as it reaches the ZIP.
  const got = (i: number, data: Buffer) => {
    const key = plan?.keys.get(i);
    if (key !== undefined) keep!.put(key, data);
  };
  const specOf = (i: number): PdfSpec => plan?.specs.get(i) ?? (entries[i]!.content as PdfContent).spec();
  const hashed: HashedEntry[] = [];
  // Entries are made ahead of the ZIP, in order, while it deflates the ones before on libuv's
  // threads: this thread draws the next PDF meanwhile. Texts (and kept PDFs) up to AHEAD_BYTES,
  // drawn PDFs up to AHEAD_PDFS at a time.
  const made = new Map<number, { readonly data: Buffer | Promise<Buffer>; readonly bytes: number; readonly drawn: boolean }>();
  // Text bytes are given back once the ZIP has them (deflated: archiver reads them no more), and
  // all that are still out when the ZIP fails: the next export reuses them.
  const textsOut = new Set<Buffer>();
  let next = 0;
  let bytesAhead = 0;
  let drawing = 0;
  const make = (i: number) => {
    const e = entries[i]!;
    const text = e.content.kind === 'text' ? textBytes(e.content) : null;
    if (text) textsOut.add(text);
    const ready = text ?? plan?.kept.get(i);
    if (ready) {
      plan?.kept.delete(i);
      made.set(i, { data: ready, bytes: ready.length, drawn: false });
      bytesAhead += ready.length;
      return;
    }
    const data = renderPdf(specOf(i), date);
    data.catch(() => undefined); // awaited below, in order; never an unhandled rejection
    plan?.specs.delete(i);
    made.set(i, { data, bytes: 0, drawn: true });
    drawing++;
  };
  const drawnAt = (i: number) => entries[i]!.content.kind === 'pdf' && !plan?.kept.has(i);
  const fill = (from: number) => {
    while (next < entries.length && (next === from || (next - from < AHEAD_MAX && bytesAhead < AHEAD_BYTES && (!drawnAt(next) || drawing < AHEAD_PDFS)))) make(next++);
  };
  const take = async (i: number): Promise<Buffer> => {
    const m = made.get(i)!;
    made.delete(i);
    bytesAhead -= m.bytes;
    const data = await m.data;
    if (m.drawn) {
      drawing--;
      got(i, data);
    }
    return data;
  };
  const zipped = writeZip(
    final,
    date,
    async (add) => {
      for (let i = 0; i < entries.length; i++) {
        fill(i);
        const data = await take(i);
        const adding = addEntry(add, hashed, entries[i]!, data);
        adding.catch(() => undefined);
        fill(i + 1);
        await adding;
        if (entries[i]!.content.kind === 'text') {
          textsOut.delete(data);
          giveBytes(data);
        }
      }
      await add(MANIFEST_PATH, Buffer.from(manifestJson(input, hashed), 'utf8'));
    },
    signal,
  );
  let r: ZipResult;
  try {
    r = await zipped;
  } finally {
    for (const b of textsOut) giveBytes(b);
  }
  await keep?.finish();
  return { ...r, pdfs };
}
