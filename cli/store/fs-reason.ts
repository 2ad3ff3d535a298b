import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';

/** Why a file or folder could not be written, in words a person can act on (no stack, no errno alone). */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a part of that path is a file, not a folder';
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'no permission to write there';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}

/** Whether `err` is an I/O error of the file system (an expected failure), not a bug. */
export function isFsError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}

/** Makes `dir` (it may exist) and checks it can be written: null when it can, else why not. */
export async function writableFolder(dir: string): Promise<string | null> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    return null;
  } catch (err) {
    if (!isFsError(err)) throw err;
    return fsReason(err);
  }
}
