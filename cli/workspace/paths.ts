/** Where the workspace is: --workspace, else APSIS_WORKSPACE, else the user's data folder. */
import { join, resolve } from 'node:path';
import envPaths from 'env-paths';

/** Resolves the workspace folder from a flag and the environment (the only place env is read for it). */
export function resolveWorkspaceDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.APSIS_WORKSPACE) return resolve(env.APSIS_WORKSPACE);
  return join(envPaths('apsis', { suffix: '' }).data, 'workspace');
}
