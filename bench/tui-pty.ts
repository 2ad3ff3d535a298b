/**
 * bench:tui, the shipped binary's side: key → next frame measured on dist/bin/apsis.mjs in a real
 * pseudo-terminal (util-linux `script`), so the figure includes what ships (the bundle's fast
 * text measuring, production React, the scan's worker thread) and nothing the in-process harness
 * adds. A key counts as answered when a frame showing its effect arrives (the cursor on the
 * expected client, the filter text), not when just any output does.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** Key → frame times of one run of the binary: during the background check, then steady scrolling and filtering. */
export interface PtyKeyTimes {
  /** Keys sent while the background check was still reading. */
  readonly during: number[];
  readonly scroll: number[];
  readonly filter: number[];
  /** False when some of the first 10 keys came after the check had ended (those are not counted in `during`). */
  readonly duringInScan: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Runs the binary on workspace `dir` whose caseload is `order` (client ids as listed) and presses keys. */
export function binaryKeyTimes(bin: string, dir: string, order: readonly string[]): Promise<PtyKeyTimes> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, APSIS_WORKSPACE: dir, NO_COLOR: '1', COLUMNS: '100', LINES: '30' };
    delete env.CI;
    const child = spawn('script', ['-qfec', `'${process.execPath}' '${bin}'`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'inherit'] });
    let seen = '';
    let since = '';
    let onData: (() => void) | null = null;
    child.stdout.on('data', (b: Buffer) => {
      const s = b.toString();
      seen = (seen + s).slice(-20_000);
      since += s;
      onData?.();
    });
    child.on('error', reject);
    const killer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench:tui pty run did not finish within 120 s: ${seen.slice(-300)}`));
    }, 120_000);
    /** Sends `key`, resolves with ms until output since then satisfies `shows` (NaN after 1 s). */
    const press = async (key: string, shows: (out: string) => boolean): Promise<number> => {
      since = '';
      const t = performance.now();
      const ms = await new Promise<number>((res) => {
        const timer = setTimeout(() => res(NaN), 1000);
        onData = () => {
          if (!shows(since)) return;
          clearTimeout(timer);
          res(performance.now() - t);
        };
        child.stdin.write(key);
      });
      onData = null;
      await sleep(40); // past Ink's 30 fps throttle, so every key gets its own frame
      return ms;
    };
    let cursor = 0;
    /** The last selected row in `out` is the expected client. */
    const cursorShown = (out: string) => {
      const rows = out.match(/›[^\n]*?(c-[0-9a-f]+)/g);
      return rows !== null && rows[rows.length - 1]!.endsWith(order[cursor]!);
    };
    const scrollKey = (i: number) => {
      const k = i % 10 < 7 ? 'j' : 'k';
      cursor = Math.max(0, Math.min(order.length - 1, cursor + (k === 'j' ? 1 : -1)));
      return press(k, cursorShown);
    };
    // The check's progress is on the caseload's title line of the last frame (each frame starts with the header).
    const scanning = () => /pārbauda \d+\/\d+/.test(seen.slice(seen.lastIndexOf('APSis')));
    void (async () => {
      while (!seen.includes('APSis')) await sleep(5);
      // Keys start while the background check is starting up and reading.
      await sleep(150);
      // Keys while the check runs (at least 10, at most 60): those sent while its progress was shown.
      const during: number[] = [];
      let duringInScan = true;
      for (let i = 0; i < 60 && (i < 10 || scanning()); i++) {
        const running = scanning();
        const ms = await scrollKey(i);
        if (running) during.push(ms);
        else duringInScan = false;
      }
      for (let i = 0; i < 600 && scanning(); i++) await sleep(100);
      const scroll: number[] = [];
      for (let i = 0; i < 60; i++) scroll.push(await scrollKey(i));
      await press('/', (out) => out.includes('/'));
      const filter: number[] = [];
      let text = '';
      for (const k of ['u', 'z', 'v', 'ā', 'r', 'd', 's', '1', '\x7f', '\x7f', '\x7f', '2', '3']) {
        text = k === '\x7f' ? text.slice(0, -1) : text + k;
        const shown = new RegExp(`/${esc(text)}\\s*(\\r|\\n|\\x1b)`);
        filter.push(await press(k, (out) => shown.test(out)));
      }
      child.once('exit', () => {
        clearTimeout(killer);
        resolve({ during, scroll, filter, duringInScan });
      });
      child.stdin.write('\x1b');
      await sleep(100);
      child.stdin.write('q');
    })().catch(reject);
  });
}
