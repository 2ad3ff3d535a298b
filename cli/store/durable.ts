/** Crash-safe file writes: write a temporary file, fsync it, rename it into place, fsync the folder. */
import { spawnSync } from 'node:child_process';
import { open, readdir, rename } from 'node:fs/promises';
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

/**
 * Makes everything under `root` durable at once (a staging folder written without fsync): one
 * syncfs(2) through `sync -f` on Linux, else an fsync of every file and folder, deepest first.
 */
export async function syncTree(root: string): Promise<void> {
  if (process.platform === 'linux' && spawnSync('sync', ['-f', root], { stdio: 'ignore' }).status === 0) return;
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path);
      else await fsyncPath(path);
    }
    await syncDir(dir);
  };
  await walk(root);
}

async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
