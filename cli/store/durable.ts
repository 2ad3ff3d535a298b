/** Crash-safe file writes: write a temporary file, fsync it, rename it into place, fsync the folder. */
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';

let tmpCounter = 0;

/** Writes `data` to `dir/name` so that after a crash the file is either absent or complete. */
export async function writeDurable(dir: string, name: string, data: Uint8Array): Promise<void> {
  const tmp = join(dir, `.tmp-${process.pid}-${++tmpCounter}-${name}`);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, join(dir, name));
  await syncDir(dir);
}

/** Makes a folder's entries (new, renamed or removed files) durable. */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
