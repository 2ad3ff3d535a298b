/** `:` command palette: fuzzy search over every action available here. */
import { Box, Text } from 'ink';
import { useEnv } from '../app/context.js';
import type { Command } from '../keys/commands.js';
import { showKey } from '../keys/key-names.js';
import { visibleRows } from '../keys/list-window.js';

/** Renders the palette with its query and matches. */
export function Palette({ query, cursor, matches }: { readonly query: string; readonly cursor: number; readonly matches: readonly Command[] }) {
  const { t, bodyHeight } = useEnv();
  const { top, rows } = visibleRows(matches, cursor, bodyHeight - 1);
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{t('palette.title')}</Text>
        {query}
        <Text inverse> </Text>
      </Text>
      {rows.map((c, i) => (
        <Text key={c.id} inverse={top + i === cursor} wrap="truncate">
          {t(c.label).padEnd(40)} <Text dimColor>{c.keys.map(showKey).join(' ')}</Text>
        </Text>
      ))}
    </Box>
  );
}
