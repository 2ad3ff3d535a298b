/** A first terminal screen: the caseload, windowed so only visible rows render. */
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useState } from 'react';
import type { CaseloadRow } from '../workspace/workspace.js';

export interface AppProps {
  readonly rows: readonly CaseloadRow[];
  readonly workspace: string;
  readonly user: string;
  readonly demo: boolean;
}

/** Splits batched input ("jjj") into single keys so fast typing is not lost. */
function keysOf(input: string): string[] {
  return [...input];
}

export function App({ rows, workspace, user, demo }: AppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const height = Math.max(3, (stdout.rows ?? 24) - 4);
  const [cursor, setCursor] = useState(0);
  useInput((input, key) => {
    if (key.downArrow) setCursor((c) => Math.min(rows.length - 1, c + 1));
    if (key.upArrow) setCursor((c) => Math.max(0, c - 1));
    for (const k of keysOf(input)) {
      if (k === 'q') exit();
      if (k === 'j') setCursor((c) => Math.min(rows.length - 1, c + 1));
      if (k === 'k') setCursor((c) => Math.max(0, c - 1));
    }
  });
  const top = Math.max(0, Math.min(cursor - Math.floor(height / 2), rows.length - height));
  const visible = rows.slice(top, top + height);
  return (
    <Box flexDirection="column">
      <Text bold>APSis — klienti / clients ({rows.length})</Text>
      {visible.map((r, i) => (
        <Text key={r.id} inverse={top + i === cursor}>
          {r.name.padEnd(32)} {r.id}
        </Text>
      ))}
      {rows.length === 0 && <Text dimColor>No clients yet.</Text>}
      <Text dimColor>
        {user} · {workspace}
        {demo ? ' · DEMO' : ''} · j/k move · q quit
      </Text>
    </Box>
  );
}
