/** The bottom line: user, role, workspace, sync state, date (and DEMO). */
import { Box, Text } from 'ink';
import { basename } from 'node:path';
import type { SyncStatus } from '../app/context.js';
import { useEnv } from '../app/context.js';
import type { MsgKey } from '../i18n/messages.js';

/** Renders the status bar. */
export function StatusBar({ sync }: { readonly sync: SyncStatus }) {
  const { ws, t, today, color, width } = useEnv();
  const syncText = sync.state === 'online' ? t('status.online') : t('status.offline');
  const waiting = sync.waiting > 0 ? ` · ${t('status.waiting', { n: sync.waiting })}` : '';
  const left = `${ws.user.name} · ${t(`role.${ws.user.role}` as MsgKey)} · ${basename(ws.dir)}${ws.meta.demo ? ` · ${t('status.demo')}` : ''} · ${syncText}${waiting} · ${today}`;
  const right = t('status.help');
  const pad = Math.max(1, width - left.length - right.length);
  return (
    <Box>
      <Text inverse color={color('cyan')} wrap="truncate">
        {(left + ' '.repeat(pad) + right).slice(0, width)}
      </Text>
    </Box>
  );
}
