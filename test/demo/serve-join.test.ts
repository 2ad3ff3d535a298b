/**
 * A class on one world through a real relay process: the trainer serves the demo world, trainees
 * join it, one trainee's change reaches another, and nothing is doubled — not even when a laptop
 * that generated the same world by itself syncs into the class.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apsis, treeHash } from '../helpers/cli.js';
import { apsisJson as json, CLASS_ENV as ENV, useClassFixture } from './class-relay.js';

const fx = useClassFixture('apsis-class-');

type Row = { id: string; name: string };
type AlertRow = { id: string; client: string; status: string; actionTaken: string };

describe('apsis demo serve / join', () => {
  it('hosts the world, trainees join and see it, changes travel, nothing doubles', async () => {
    const base = fx.base();
    const trainer = join(base, 'trainer');
    expect(apsis(trainer, ['demo', '--seed', '4'], ENV).code).toBe(0);
    // The same seed gives every laptop that generates the world the same local user: a token for it.
    const own = (JSON.parse(readFileSync(join(trainer, 'workspace.json'), 'utf8')) as { localUser: { id: string } }).localUser.id;
    const relay = await fx.serve(trainer, 3, [own]);
    expect(relay.users.map((u) => u.user)).toEqual([own]);
    expect(relay.namespace).toBe('demo-aizkraukle-small');
    expect(relay.trainees.map((t) => t.user)).toEqual(['trainee-01', 'trainee-02', 'trainee-03']);
    expect(relay.trainees[0]!.command).toContain(`demo join ${relay.url} ${relay.trainees[0]!.token}`);

    const a = join(base, 'a');
    const b = join(base, 'b');
    const joined = json<{ clients: number; documents: number }>(a, ['demo', 'join', relay.url, relay.trainees[0]!.token]);
    json(b, ['demo', 'join', relay.url, relay.trainees[1]!.token]);
    const world = json<Row[]>(trainer, ['client', 'list']);
    expect(joined.clients).toBe(world.length);
    expect(json<Row[]>(a, ['client', 'list'])).toEqual(world);
    expect(json<Row[]>(b, ['client', 'list'])).toEqual(world);
    const alertsBefore = json<AlertRow[]>(trainer, ['alert', 'list']);
    expect(json<AlertRow[]>(b, ['alert', 'list'])).toEqual(alertsBefore);

    // Trainee A gets the GP-alert situation, handles the alert and adds a client; B sees it all after syncing.
    json(a, ['demo', 'scenario', 'gp-alert']);
    const open = json<AlertRow[]>(a, ['alert', 'list', '--open']).find((x) => x.id.startsWith('al-alert-'))!;
    json(a, ['alert', 'handle', open.client, open.id, '--action', 'Informēts ģimenes ārsts']);
    const added = json<{ id: string }>(a, ['client', 'add', '--given', 'Ērika', '--family', 'Liepiņa']);
    expect(apsis(a, ['sync'], ENV).code).toBe(0);
    expect(apsis(b, ['sync'], ENV).code).toBe(0);
    const seenByB = json<Row[]>(b, ['client', 'list']);
    expect(seenByB.map((r) => r.id).sort()).toEqual([...world.map((r) => r.id), added.id].sort());
    const alertsB = json<AlertRow[]>(b, ['alert', 'list']);
    expect(alertsB).toHaveLength(alertsBefore.length + 1);
    expect(alertsB.find((x) => x.id === open.id)).toMatchObject({ status: 'handled', actionTaken: 'Informēts ģimenes ārsts' });

    // A laptop that generated the same world itself merges into the class without doubling anything.
    const c = join(base, 'c');
    expect(apsis(c, ['demo', '--seed', '4'], ENV).code).toBe(0);
    const synced = apsis(c, ['sync', '--server', relay.url, '--token', relay.users[0]!.token, '--json'], ENV);
    expect(synced.code, synced.stderr).toBe(0);
    expect(json<Row[]>(c, ['client', 'list'])).toEqual(seenByB);
    const show = (ws: string, id: string) => json<Record<string, unknown>>(ws, ['client', 'show', id]);
    for (const row of world.slice(0, 3)) expect(show(c, row.id)).toEqual(show(trainer, row.id));
    expect(apsis(b, ['sync'], ENV).code).toBe(0);
    expect(json<Row[]>(b, ['client', 'list'])).toEqual(seenByB);

    // A reset while the class relay runs is refused: it would drop the class's world under it.
    const resetting = apsis(trainer, ['demo', '--reset'], ENV);
    expect(resetting.code).toBe(1);
    expect(resetting.stderr).toMatch(/class relay is still running \(PID \d+\)/);

    // Bad input: a non-demo token or a used folder is refused and changes nothing.
    const again = treeHash(a);
    const refused = apsis(a, ['demo', 'join', relay.url, relay.trainees[2]!.token], ENV);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds a workspace/);
    expect(treeHash(a)).toEqual(again);
    expect(apsis(join(base, 'd'), ['demo', 'join', 'http://x', 'nope'], ENV).code).toBe(2);
  }, 180_000);

  it('serves only demo workspaces', () => {
    const real = join(fx.base(), 'real');
    expect(apsis(real, ['init', '--user', 's-anna', '--namespace', 'riga']).code).toBe(0);
    const before = treeHash(real);
    const r = apsis(real, ['demo', 'serve', '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a demo workspace/);
    expect(treeHash(real)).toEqual(before);
  });
});
