/** One caseload row: cursor mark (visible without colour too), markers, name, care group, id. Memoised: moving the cursor re-renders two rows. */
import { Text } from 'ink';
import { memo } from 'react';
import type { CaseloadRow } from '../../workspace/workspace.js';

export interface ClientRowProps {
  readonly row: CaseloadRow;
  readonly markers: string;
  readonly selected: boolean;
  readonly width: number;
  readonly endedLabel: string;
}

/** Renders one client in the list. */
export const ClientRow = memo(function ClientRow({ row, markers, selected, width, endedLabel }: ClientRowProps) {
  const text = `${selected ? '›' : ' '}${markers} ${row.name.padEnd(30)} ${(row.careGroupId ?? '').padEnd(12)} ${row.id}${row.status === 'ended' ? ` ${endedLabel}` : ''}`;
  return (
    <Text inverse={selected} dimColor={row.status === 'ended'} wrap="truncate">
      {text.slice(0, width)}
    </Text>
  );
});
