/** The training task of a demo scenario, one line under the header (`apsis demo scenario …`). */
import { Text } from 'ink';
import { useEnv } from '../app/context.js';

export function ScenarioBanner({ task }: { readonly task: string }) {
  const { color, width } = useEnv();
  return (
    <Text inverse color={color('yellow')} wrap="truncate-end">
      {` ▶ ${task}`.padEnd(Math.max(0, width - 1))}
    </Text>
  );
}
