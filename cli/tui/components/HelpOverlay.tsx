/** `?` help: generated from the command table for the current screen, so it never lies. */
import { Box, Text } from 'ink';
import { useEnv } from '../app/context.js';
import type { Command } from '../keys/commands.js';
import { showKey } from '../keys/key-names.js';

/** Renders the keys of the given commands. */
export function HelpOverlay({ title, commands, scroll }: { readonly title: string; readonly commands: readonly Command[]; readonly scroll: number }) {
  const { t, bodyHeight } = useEnv();
  const rows = commands.slice(scroll, scroll + Math.max(1, bodyHeight - 1));
  return (
    <Box flexDirection="column">
      <Text bold>{t('help.title', { screen: title })}</Text>
      {rows.map((c) => (
        <Text key={c.id} wrap="truncate">
          <Text bold>{c.keys.map(showKey).join(' / ').padEnd(18)}</Text> {t(c.label)}
        </Text>
      ))}
    </Box>
  );
}
