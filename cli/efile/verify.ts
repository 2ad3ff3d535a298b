/** `apsis verify efile`: recomputes every entry's hash and compares it with manifest.json. */
import { compareManifest, MANIFEST_PATH, parseManifest } from '../../core/efile/efile.js';
import { hashZip, ZipFormatError } from './unzip.js';

/** Problems found (empty: the e-file is intact) and how many entries were checked. */
export async function verifyEfile(file: string): Promise<{ problems: string[]; checked: number }> {
  let read;
  try {
    read = await hashZip(file, (name) => name === MANIFEST_PATH);
  } catch (err) {
    if (err instanceof ZipFormatError) return { problems: [`${file}: ${err.message}`], checked: 0 };
    const code = (err as NodeJS.ErrnoException).code;
    return { problems: [`${file}: cannot read (${code ?? (err as Error).message})`], checked: 0 };
  }
  const problems: string[] = [];
  for (const e of read.entries) if (!e.crcOk) problems.push(`damaged: ${e.path} (CRC does not match)`);
  const text = read.kept.get(MANIFEST_PATH);
  if (!text) return { problems: [...problems, `missing: ${MANIFEST_PATH}`], checked: read.entries.length };
  const manifest = parseManifest(text.toString('utf8'));
  if (!manifest) return { problems: [...problems, `${MANIFEST_PATH} is not a valid manifest`], checked: read.entries.length };
  problems.push(...compareManifest(manifest, read.entries));
  return { problems, checked: manifest.length };
}
