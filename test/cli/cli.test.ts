/** The real binary end to end: init, add, list, restart, and bad input that changes nothing. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apsis, treeHash } from '../helpers/cli.js';
import { ROOT } from '../helpers/crash-run.js';

const tmp: string[] = [];
async function freshWorkspace(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'apsis-cli-'));
  tmp.push(d);
  const ws = join(d, 'ws');
  const r = apsis(ws, ['init', '--user', 's-anna', '--name', 'Anna Ozola', '--role', 'coordinator']);
  expect(r.code, r.stderr).toBe(0);
  return ws;
}
afterAll(async () => {
  for (const d of tmp) await rm(d, { recursive: true, force: true });
});

describe('apsis init / client add / client list', () => {
  let ws = '';
  beforeAll(async () => {
    ws = await freshWorkspace();
  });

  it('lists a client added by a previous process (survives restart)', () => {
    const add = apsis(ws, ['client', 'add', '--given', 'Jānis', '--family', 'Bērziņš', '--birth-date', '1941-03-02', '--lives-alone', '--json']);
    expect(add.code, add.stderr).toBe(0);
    const id = (JSON.parse(add.stdout) as { id: string }).id;
    const list = apsis(ws, ['client', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id, name: 'Bērziņš Jānis', status: 'active' })]);
    const show = apsis(ws, ['client', 'show', id.slice(0, 6), '--json']);
    expect(show.code, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout).profile).toMatchObject({ givenName: 'Jānis', livesAlone: true, birthDate: '1941-03-02' });
  });

  it('doctor passes on a healthy workspace', () => {
    const r = apsis(ws, ['doctor', '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, findings: [] });
  });

  it('refuses init on an existing workspace and changes nothing', () => {
    const before = treeHash(ws);
    const r = apsis(ws, ['init']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already holds a workspace/);
    expect(treeHash(ws)).toEqual(before);
  });
});

describe('bad input changes nothing', () => {
  it('unknown flag → usage error, exit 2', async () => {
    const ws = await freshWorkspace();
    const before = treeHash(ws);
    const r = apsis(ws, ['client', 'list', '--colour']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--colour'/);
    expect(apsis(ws, ['frobnicate']).code).toBe(2);
    expect(treeHash(ws)).toEqual(before);
  });

  it('malformed JSON file → names the file, exit 1', async () => {
    const ws = await freshWorkspace();
    const file = join(ws, '..', 'client.json');
    await writeFile(file, '{"givenName": "Anna", ');
    const before = treeHash(ws);
    const r = apsis(ws, ['client', 'add', '--file', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/not valid JSON/);
    expect(treeHash(ws)).toEqual(before);
  });

  it('invalid field in a JSON file → names file and path, exit 1', async () => {
    const ws = await freshWorkspace();
    const file = join(ws, '..', 'client.json');
    await writeFile(file, JSON.stringify({ givenName: 'Anna', familyName: 'Ozola', birthDate: '12.03.1940' }));
    const before = treeHash(ws);
    const r = apsis(ws, ['client', 'add', '--file', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: birthDate: expected a date YYYY-MM-DD`);
    expect(treeHash(ws)).toEqual(before);
  });

  it('init, demo or serve where a part of the path is a file → says so, exit 1, writes nothing', async () => {
    const d = await mkdtemp(join(tmpdir(), 'apsis-cli-'));
    tmp.push(d);
    const file = join(d, 'notes.txt');
    await writeFile(file, 'not a folder');
    for (const args of [['init', '--user', 's-anna', '--name', 'Anna Ozola', '--role', 'coordinator'], ['demo', '--size', 'small']]) {
      const r = apsis(join(file, 'ws'), args);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`cannot create a workspace in ${join(file, 'ws')}: a part of that path is a file, not a folder. Nothing was written.`);
      expect(r.stderr).not.toMatch(/internal error/);
    }
    // The relay fails at once, not at its first write.
    const serve = apsis(join(file, 'ws'), ['serve', '--port', '0', '--data-dir', join(file, 'relay')], { APSIS_RELAY_SECRET: 'a-secret-of-sixteen-or-more' });
    expect(serve.code, serve.stderr).toBe(1);
    expect(serve.stderr).toContain(`apsis serve: cannot keep documents in ${join(file, 'relay')}: a part of that path is a file, not a folder.`);
    expect(await readdir(d)).toEqual(['notes.txt']);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it('a day that does not exist (30 February, month 13) → names the field, exit 1', async () => {
    const ws = await freshWorkspace();
    const before = treeHash(ws);
    for (const date of ['1941-02-30', '1941-13-01', '1941-04-31']) {
      const r = apsis(ws, ['client', 'add', '--given', 'Anna', '--family', 'Ozola', '--birth-date', date]);
      expect(r.code, date).toBe(1);
      expect(r.stderr).toMatch(/birthDate: expected a date YYYY-MM-DD/);
    }
    expect(treeHash(ws)).toEqual(before);
    // A leap day is a day.
    expect(apsis(ws, ['client', 'add', '--given', 'Anna', '--family', 'Ozola', '--birth-date', '1940-02-29']).code).toBe(0);
  });

  it('damaged update file → names it, says what to do, exit 1, nothing overwritten', async () => {
    const ws = await freshWorkspace();
    const add = apsis(ws, ['client', 'add', '--given', 'Anna', '--family', 'Ozola', '--json']);
    const id = (JSON.parse(add.stdout) as { id: string }).id;
    const docDir = join(ws, 'docs', `client~${id}`);
    const [file] = (await readdir(docDir)).filter((n) => n.endsWith('.yupd'));
    await writeFile(join(docDir, file!), 'APSIS1\n{"key":"x","len":3,"sha256":"00"}\nabc');
    const before = treeHash(ws);
    const r = apsis(ws, ['client', 'show', id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(join(docDir, file!));
    expect(r.stderr).toMatch(/checksum.*Nothing was changed/s);
    const doctor = apsis(ws, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(file!);
    expect(treeHash(ws)).toEqual(before);
  });

  it('damaged workspace.json → names it, exit 1, nothing overwritten', async () => {
    const ws = await freshWorkspace();
    await writeFile(join(ws, 'workspace.json'), '{"format": 1, "workspaceId": ');
    const before = treeHash(ws);
    const r = apsis(ws, ['client', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(join(ws, 'workspace.json'));
    expect(r.stderr).toMatch(/not valid JSON.*Nothing was changed/s);
    expect(treeHash(ws)).toEqual(before);
  });

  it('a second process gets "workspace in use by PID …"', async () => {
    const ws = await freshWorkspace();
    // Hold the workspace open in another process (the TUI would), then try a command.
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `
      const { openWorkspace } = await import(${JSON.stringify(join(ROOT, 'dist/cli/workspace/workspace.js'))});
      const r = await openWorkspace(${JSON.stringify(ws)}, { now: () => new Date() });
      process.stdout.write(r.ok ? 'held\\n' : 'fail\\n');
      setTimeout(() => {}, 60000);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    try {
      const r = apsis(ws, ['client', 'list']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`workspace in use by PID ${holder.pid}`);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

describe('apsis demo', () => {
  it('creates a small demo world once, refuses real workspaces, and resets to the same world', async () => {
    const d = await mkdtemp(join(tmpdir(), 'apsis-demo-'));
    tmp.push(d);
    const ws = join(d, 'demo');
    const first = apsis(ws, ['demo', '--json'], { APSIS_NOW: '2026-11-23T07:00:00Z' });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ created: true, clients: 30, staff: 6 });
    const list1 = apsis(ws, ['client', 'list', '--json']).stdout;
    expect(apsis(ws, ['demo', '--json']).stdout).toMatch(/"created": false/);
    const reset = apsis(ws, ['demo', '--reset'], { APSIS_NOW: '2026-11-23T07:00:00Z' });
    expect(reset.code, reset.stderr).toBe(0);
    const strip = (s: string) => (JSON.parse(s) as { id: string; name: string }[]).map((r) => [r.id, r.name]);
    expect(strip(apsis(ws, ['client', 'list', '--json']).stdout)).toEqual(strip(list1));
    const real = await freshWorkspace();
    const before = treeHash(real);
    const refused = apsis(real, ['demo', '--reset']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/real \(non-demo\) workspace/);
    expect(treeHash(real)).toEqual(before);
  });
});

describe('apsis demo scenario', () => {
  it('puts the world into a situation, stores the banner, and refuses to run twice', async () => {
    const d = await mkdtemp(join(tmpdir(), 'apsis-scn-'));
    tmp.push(d);
    const ws = join(d, 'demo');
    const env = { APSIS_NOW: '2026-11-23T06:30:00Z' };
    expect(apsis(ws, ['demo'], env).code).toBe(0);
    const list = apsis(ws, ['demo', 'scenario', '--list', '--json'], env);
    expect((JSON.parse(list.stdout) as { name: string }[]).map((s) => s.name)).toEqual(['sick-caregiver', 'new-client', 'reassessment-due', 'gp-alert', 'offline-week']);
    const sick = apsis(ws, ['demo', 'scenario', 'sick-caregiver', '--json'], env);
    expect(sick.code, sick.stderr).toBe(0);
    expect(JSON.parse(sick.stdout).task.en).toMatch(/called in sick at 7:00/);
    const meta = JSON.parse(readFileSync(join(ws, 'workspace.json'), 'utf8')) as { scenario: { name: string } };
    expect(meta.scenario.name).toBe('sick-caregiver');
    const before = treeHash(ws);
    const again = apsis(ws, ['demo', 'scenario', 'sick-caregiver'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already started/);
    expect(treeHash(ws)).toEqual(before);
    const alert = apsis(ws, ['demo', 'scenario', 'gp-alert', '--json'], env);
    expect(alert.code, alert.stderr).toBe(0);
    const alerts = JSON.parse(apsis(ws, ['alert', 'list', '--open', '--json'], env).stdout) as { id: string; client: string; level: string }[];
    const raised = alerts.find((a) => a.id.startsWith('al-alert-'))!;
    expect(raised.level).toBe('inform_gp');
    const handled = apsis(ws, ['alert', 'handle', raised.client, raised.id, '--action', 'GP informed by phone', '--json'], env);
    expect(handled.code, handled.stderr).toBe(0);
    expect(JSON.parse(handled.stdout)).toMatchObject({ status: 'handled', handledBy: 's-0002', actionTaken: 'GP informed by phone' });
    expect(apsis(ws, ['alert', 'handle', raised.client, raised.id, '--action', 'again'], env).stderr).toMatch(/already handled/);
    const newClient = apsis(ws, ['demo', 'scenario', 'new-client'], env);
    expect(newClient.code, newClient.stderr).toBe(0);
    const clients = JSON.parse(apsis(ws, ['client', 'list', '--json']).stdout) as { id: string }[];
    expect(clients.some((c) => c.id === 'c-new-20261123')).toBe(true);
    const real = await freshWorkspace();
    const refused = apsis(real, ['demo', 'scenario', 'gp-alert']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/only in demo workspaces/);
  });
});
