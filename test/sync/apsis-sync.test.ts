/** `apsis sync` between two laptops through a relay process: push, discover, pull, edit back. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueToken } from '../../sync-server/token.js';
import { apsis } from '../helpers/cli.js';
import { SECRET, useRelayFixture } from './relay-process.js';

const fx = useRelayFixture('apsis-sync-cli-');

describe('apsis sync', () => {
  it('moves a client from one laptop to another and an edit back', () => {
    const a = join(fx.base(), 'a');
    const b = join(fx.base(), 'b');
    const url = `ws://127.0.0.1:${fx.relay().port}`;
    const tokenA = issueToken(SECRET, { sub: 's-anna', role: 'coordinator', ns: 'riga' }, 3600);
    const tokenB = issueToken(SECRET, { sub: 's-maris', role: 'manager', ns: 'riga' }, 3600);
    expect(apsis(a, ['init', '--user', 's-anna', '--namespace', 'riga']).code).toBe(0);
    expect(apsis(b, ['init', '--user', 's-maris', '--role', 'manager', '--namespace', 'riga']).code).toBe(0);
    const id = (JSON.parse(apsis(a, ['client', 'add', '--given', 'Jānis', '--family', 'Bērziņš', '--json']).stdout) as { id: string }).id;

    const pushed = apsis(a, ['sync', '--server', url, '--token', tokenA, '--json']);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(JSON.parse(pushed.stdout).pushed).toBeGreaterThanOrEqual(2);

    const pulled = apsis(b, ['sync', '--server', url, '--token', tokenB, '--json']);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect((JSON.parse(apsis(b, ['client', 'list', '--json']).stdout) as { id: string }[]).map((c) => c.id)).toEqual([id]);

    // B records an alert handling note offline (as a profile change here) and syncs; A sees it.
    expect(apsis(b, ['demo', 'scenario', '--list']).code).toBe(0);
    const add = apsis(b, ['client', 'add', '--given', 'Anna', '--family', 'Ozola', '--json']);
    const id2 = (JSON.parse(add.stdout) as { id: string }).id;
    expect(apsis(b, ['sync']).code).toBe(0); // server and token remembered
    expect(apsis(a, ['sync']).code).toBe(0);
    expect((JSON.parse(apsis(a, ['client', 'list', '--json']).stdout) as { id: string }[]).map((c) => c.id).sort()).toEqual([id, id2].sort());
  }, 60_000);

  it('says why when the relay is unreachable or refuses, and keeps local changes', () => {
    const c = join(fx.base(), 'c');
    expect(apsis(c, ['init', '--user', 's-ilze', '--namespace', 'riga']).code).toBe(0);
    const down = apsis(c, ['sync', '--server', 'ws://127.0.0.1:9', '--token', issueToken(SECRET, { sub: 's-ilze', role: 'coordinator', ns: 'riga' }, 3600), '--timeout', '5']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/apsis sync: .+Local changes are kept/);
    const forged = apsis(c, ['sync', '--server', `ws://127.0.0.1:${fx.relay().port}`, '--token', issueToken('wrong-secret', { sub: 's-ilze', role: 'coordinator', ns: 'riga' }, 3600), '--timeout', '5']);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toMatch(/apsis sync: /);
    const other = apsis(c, ['sync', '--server', `ws://127.0.0.1:${fx.relay().port}`, '--token', issueToken(SECRET, { sub: 's-anna', role: 'coordinator', ns: 'riga' }, 3600)]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/token is for user "s-anna" but this workspace belongs to "s-ilze"/);
    expect(apsis(c, ['sync']).code).toBe(2); // nothing remembered after failures
  }, 60_000);
});
