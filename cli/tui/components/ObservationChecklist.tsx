/** The observation checklist: what the guideline says to watch for, grouped by what it requires. */
import { Box, Text } from 'ink';
import { useEnv } from '../app/context.js';
import type { ChecklistState } from '../keys/checklist.js';
import { observationItems } from '../model/observations.js';

/** Renders the checklist with ticks and cursor. */
export function ObservationChecklist({ name, state }: { readonly name: string; readonly state: ChecklistState }) {
  const { t, lang, color } = useEnv();
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {t('observe.title', { name })}
      </Text>
      {observationItems().map((item, i) => (
        <Text key={item.code} inverse={i === state.cursor} color={item.level === 'emergency' ? color('red') : undefined} wrap="truncate">
          {`${state.ticked.includes(item.code) ? '[x]' : '[ ]'} ${item.level === 'emergency' ? '113' : 'GP '} ${item[lang]}`}
        </Text>
      ))}
    </Box>
  );
}
