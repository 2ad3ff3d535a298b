/** A row of tab names with the active one highlighted. */
import { Text } from 'ink';

/** Renders tabs. */
export function Tabs({ names, active }: { readonly names: readonly string[]; readonly active: number }) {
  return (
    <Text wrap="truncate">
      {names.map((n, i) => (
        <Text key={n} inverse={i === active} bold={i === active}>
          {` ${n} `}
        </Text>
      ))}
    </Text>
  );
}
