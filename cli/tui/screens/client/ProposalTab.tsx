/**
 * Proposal tab: services and tasks with their "because".
 * INTEGRATION POINT: when core/translation lands, list its proposals here with accept / reject
 * per row and the diff after a reassessment. Until then it shows what was granted and planned.
 */
import { Box, Text } from 'ink';
import { listClientRecords } from '../../../../core/doc/client-doc.js';
import { useEnv } from '../../app/context.js';
import { useBinding } from '../../hooks/useBinding.js';
import type { TabProps } from './tab-props.js';

/** The proposal tab. */
export function ProposalTab({ doc, tabHandlers, active }: TabProps) {
  const { t, bodyHeight } = useEnv();
  useBinding({ scopes: ['proposal', 'client'], handlers: tabHandlers }, active);
  const services = listClientRecords(doc, 'services').records;
  const items = listClientRecords(doc, 'planItems').records;
  const lines = [
    ...services.map((s) => `${s.serviceCode}  ${s.from}${s.until ? `…${s.until}` : ''}${s.hoursPerWeek !== null ? `  ${s.hoursPerWeek} h/ned.` : ''}  ${s.reason ? `— ${s.reason}` : ''}`),
    ...items.map((i) => `  ${i.taskCode || i.taskText}  ${i.frequency} ${i.timeOfDay} ${i.durationMin ? `${i.durationMin} min` : ''}  ${i.reason ? `— ${i.reason}` : ''}`),
  ].slice(0, Math.max(1, bodyHeight - 3));
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate">
        {t('proposal.none')}
      </Text>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate">
          {l}
        </Text>
      ))}
    </Box>
  );
}
