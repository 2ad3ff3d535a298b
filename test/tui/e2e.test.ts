/**
 * End to end: the compiled `apsis` binary in a real terminal (tmux), with CI unset for the child
 * so Ink renders interactively. Open, filter to a client, record a visit task as done, quit; then
 * `apsis client show --json` shows the record.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { ROOT } from '../helpers/crash-run.js';

const SEED = join(ROOT, 'dist', 'test', 'tui', 'seed-visit.js');
const NOW = '2026-11-23T08:00';
const SOCKET = `apsis-e2e-${process.pid}`;
const hasTmux = spawnSync('tmux', ['-V']).status === 0;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}
const screen = () => tmux('capture-pane', '-p', '-t', 'e2e');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitScreen(pred: (s: string) => boolean, what: string): Promise<string> {
  let last = '';
  for (let i = 0; i < 200; i++) {
    last = screen();
    if (pred(last)) return last;
    await sleep(50);
  }
  throw new Error(`e2e: timed out waiting for ${what}; the terminal showed:\n${last}`);
}

/** Sends one key (a tmux key name such as Enter, or one literal character) and lets the app take it. */
async function key(k: string): Promise<void> {
  if (k.length === 1) tmux('send-keys', '-t', 'e2e', '-l', k);
  else tmux('send-keys', '-t', 'e2e', k);
  await sleep(60);
}

function apsis(ws: string, args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, APSIS_WORKSPACE: ws, APSIS_NOW: NOW, NO_COLOR: '1' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`apsis ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

describe.skipIf(!hasTmux)('terminal UI end to end (tmux)', () => {
  let dir = '';
  beforeAll(async () => {
    for (const f of [BIN, SEED]) if (!existsSync(f)) throw new Error(`${f} is missing: build first (npx tsc, or npm run build).`);
    dir = await mkdtemp(join(tmpdir(), 'apsis-e2e-'));
  });
  afterAll(async () => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('opens, filters to a client, records a task as done, quits; client show --json has the record', async () => {
    const ws = join(dir, 'ws');
    apsis(ws, ['init', '--user', 'anna', '--name', 'Anna Bērziņa', '--role', 'caregiver']);
    const id = (JSON.parse(apsis(ws, ['client', 'add', '--given', 'Jānis', '--family', 'Ozols', '--group', 'g1', '--json'])) as { id: string }).id;
    apsis(ws, ['client', 'add', '--given', 'Marta', '--family', 'Kalniņa', '--group', 'g1']);
    const seeded = spawnSync(process.execPath, [SEED, ws, id, 'hygiene,meal'], { env: { ...process.env, APSIS_NOW: NOW }, encoding: 'utf8' });
    expect(seeded.status, seeded.stderr).toBe(0);

    const cmd = `env -u CI APSIS_WORKSPACE='${ws}' APSIS_NOW='${NOW}' NO_COLOR=1 '${process.execPath}' '${BIN}' --lang en; echo "__EXIT__$?"; sleep 30`;
    tmux('new-session', '-d', '-s', 'e2e', '-x', '100', '-y', '24', cmd);
    await waitScreen((s) => s.includes('My day') && s.includes('hygiene'), 'the first frame');
    await sleep(300); // raw mode is switched on in an effect right after the first paint

    await key('1');
    await waitScreen((s) => s.includes('Clients 2 of 2'), 'the caseload');
    for (const k of ['/', 'o', 'z', 'o']) await key(k);
    await waitScreen((s) => s.includes('1 of 2') && s.includes('Ozols Jānis') && !s.includes('Kalniņa'), 'the filtered caseload');
    await key('Enter');
    await waitScreen((s) => s.includes('Profile') && s.includes('Care group'), 'the client screen');
    await key('2');
    await waitScreen((s) => s.includes('hygiene'), 'my day');
    await key('d');
    await waitScreen((s) => s.includes('hygiene: Done. Saved.'), 'the saved outcome');
    await key('q');
    await waitScreen((s) => s.includes('__EXIT__0'), 'a clean exit');

    const shown = JSON.parse(apsis(ws, ['client', 'show', id, '--json'])) as { taskRecords: { taskCode: string; outcome: string; recordedBy: string }[]; visitRecords: { staffId: string }[] };
    expect(shown.taskRecords).toEqual([expect.objectContaining({ taskCode: 'hygiene', outcome: 'done', recordedBy: 'anna' })]);
    expect(shown.visitRecords).toHaveLength(1);
  });
});
