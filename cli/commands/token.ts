/** `apsis token issue`: issues a short-lived relay access token (HMAC-signed with the relay secret). */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ROLES } from '../../core/doc/schema.js';
import type { Role } from '../../core/doc/schema.js';
import { issueToken, parseTtl } from '../../sync-server/token.js';
import { action } from '../context.js';
import { createOutput, EXIT } from '../output.js';

const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

export function registerToken(program: Command): void {
  const token = program.command('token').description('relay access tokens');
  token
    .command('issue')
    .description('print a token for one user, role and namespace')
    .requiredOption('--user <id>', 'user id (recorded with every change they sync)')
    .requiredOption('--role <role>', `role: ${ROLES.join(', ')}`)
    .requiredOption('--ns <namespace>', 'namespace (organisation) the token is for')
    .option('--clients <ids>', 'client ids (caregiver, volunteer), comma-separated')
    .option('--groups <ids>', 'care group ids (caregiver schedules), comma-separated')
    .option('--ttl <duration>', 'lifetime: 30m, 8h, 2d', '8h')
    .option('--secret-file <file>', 'file holding the relay secret (default: $APSIS_RELAY_SECRET)')
    .action(
      action(async (f: { user: string; role: string; ns: string; clients?: string; groups?: string; ttl: string; secretFile?: string }) => {
        const o = createOutput();
        if (!(ROLES as readonly string[]).includes(f.role)) {
          o.err(`apsis token issue: unknown role ${f.role} (one of ${ROLES.join(', ')})`);
          return EXIT.usage;
        }
        const ttl = parseTtl(f.ttl);
        if (ttl === null) {
          o.err(`apsis token issue: bad --ttl ${f.ttl} (e.g. 30m, 8h, 2d)`);
          return EXIT.usage;
        }
        let secret: string;
        try {
          secret = f.secretFile ? readFileSync(f.secretFile, 'utf8').trim() : (process.env.APSIS_RELAY_SECRET ?? '');
        } catch (err) {
          o.err(`apsis token issue: cannot read ${f.secretFile}: ${(err as Error).message}`);
          return EXIT.failure;
        }
        if (secret.length < 16) {
          o.err('apsis token issue: no secret (at least 16 characters): pass --secret-file FILE or set APSIS_RELAY_SECRET');
          return EXIT.usage;
        }
        const clients = list(f.clients);
        const groups = list(f.groups);
        const t = issueToken(secret, { sub: f.user, role: f.role as Role, ns: f.ns, ...(clients ? { clients } : {}), ...(groups ? { groups } : {}) }, ttl);
        o.out(t);
        return EXIT.ok;
      }),
    );
}
