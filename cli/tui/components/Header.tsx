/** The top line: where you are and the numbered screens. */
import { Box, Text } from 'ink';
import { useEnv } from '../app/context.js';
import type { ScreenId } from '../app/routes.js';
import type { MsgKey } from '../i18n/messages.js';

const SCREENS: readonly { id: ScreenId; key: string; label: MsgKey }[] = [
  { id: 'clients', key: '1', label: 'screen.clients' },
  { id: 'myday', key: '2', label: 'screen.myday' },
  { id: 'approvals', key: '3', label: 'screen.approvals' },
  { id: 'schedule', key: '4', label: 'screen.schedule' },
  { id: 'dashboard', key: '5', label: 'screen.dashboard' },
];

/** Renders the header for the current screen. */
export function Header({ screen }: { readonly screen: ScreenId }) {
  const { t, color } = useEnv();
  return (
    <Box>
      <Text bold color={color('cyan')}>
        {t('app.title')}{' '}
      </Text>
      {SCREENS.map((s) => (
        <Text key={s.id} inverse={s.id === screen || (screen === 'client' && s.id === 'clients')}>
          {` ${s.key} ${t(s.label)} `}
        </Text>
      ))}
    </Box>
  );
}
