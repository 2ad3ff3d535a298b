/** One process per workspace: a lock file holding the owner's PID, taken over only when that process is gone. */
import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export type LockResult =
  | { readonly ok: true; readonly release: () => void }
  | { readonly ok: false; readonly pid: number; readonly message: string };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the workspace lock, or says which process holds it. */
export function lockWorkspace(dir: string): LockResult {
  const path = join(dir, 'lock.pid');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
      return { ok: true, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let pid = NaN;
    try {
      pid = Number(readFileSync(path, 'utf8').trim());
    } catch {
      continue; // vanished between open and read: try again
    }
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
      return {
        ok: false,
        pid,
        message: `workspace in use by PID ${pid} (${dir}). Close the other apsis (TUI or command) first, or use another --workspace.`,
      };
    }
    // The owner died (crash, SIGKILL): the lock is stale and can be taken over.
    try {
      unlinkSync(path);
    } catch {
      /* someone else took it over first */
    }
  }
  return { ok: false, pid: 0, message: `could not take the workspace lock ${path}; try again` };
}
