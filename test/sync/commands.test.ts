import { afterEach, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { registerToken } from '../../cli/commands/token.js';
import { registerServe } from '../../cli/commands/serve.js';
import { verifyToken } from '../../sync-server/token.js';
import { SECRET } from './relay-process.js';

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

function program(): Command {
  const p = new Command('apsis').exitOverride();
  registerToken(p);
  registerServe(p);
  return p;
}

describe('apsis token issue', () => {
  it('prints a token the relay accepts, with the given claims', async () => {
    let printed = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      printed += String(s);
      return true;
    });
    vi.stubEnv('APSIS_RELAY_SECRET', SECRET);
    await program().parseAsync(['token', 'issue', '--user', 'u-7', '--role', 'caregiver', '--clients', 'c-1,c-2', '--groups', 'g-1', '--ns', 'acme', '--ttl', '8h'], { from: 'user' });
    vi.unstubAllEnvs();
    expect(process.exitCode).toBe(0);
    const v = verifyToken(SECRET, printed.trim());
    expect(v.ok).toBe(true);
    if (v.ok) {
      expect(v.claims).toMatchObject({ sub: 'u-7', role: 'caregiver', ns: 'acme', clients: ['c-1', 'c-2'], groups: ['g-1'] });
      expect(v.claims.exp - v.claims.iat).toBe(8 * 3600);
    }
  });

  it('refuses an unknown role and a missing secret', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    vi.stubEnv('APSIS_RELAY_SECRET', '');
    await program().parseAsync(['token', 'issue', '--user', 'u', '--role', 'manager', '--ns', 'acme'], { from: 'user' });
    expect(process.exitCode).toBe(2);
    vi.stubEnv('APSIS_RELAY_SECRET', SECRET);
    await program().parseAsync(['token', 'issue', '--user', 'u', '--role', 'king', '--ns', 'acme'], { from: 'user' });
    expect(process.exitCode).toBe(2);
    vi.unstubAllEnvs();
  });
});
