/** Client: one client with tabs — profile, assessment, proposal, plan, history. */
import { join } from 'node:path';
import { Box, Text } from 'ink';
import { useState } from 'react';
import { clientDocId } from '../../../core/doc/doc-id.js';
import { readProfile } from '../../../core/doc/client-doc.js';
import type { ClientId } from '../../../core/ids.js';
import { useActions, useEnv } from '../app/context.js';
import type { ClientTab } from '../app/routes.js';
import { CLIENT_TABS } from '../app/routes.js';
import { Tabs } from '../components/Tabs.js';
import { useBinding } from '../hooks/useBinding.js';
import { useDoc } from '../hooks/useDoc.js';
import { AssessmentTab } from './client/AssessmentTab.js';
import { HistoryTab } from './client/HistoryTab.js';
import { PlanTab } from './client/PlanTab.js';
import { ProfileTab } from './client/ProfileTab.js';
import { ProposalTab } from './client/ProposalTab.js';
import type { TabProps } from './client/tab-props.js';

/** The client screen. */
export function ClientScreen({ clientId, initialTab, active }: { readonly clientId: ClientId; readonly initialTab: ClientTab; readonly active: boolean }) {
  const { t, ws } = useEnv();
  const actions = useActions();
  const state = useDoc(clientDocId(clientId));
  const [tab, setTab] = useState(CLIENT_TABS.indexOf(initialTab));
  const exportEfile = () => {
    actions.notify(t('efile.exporting'));
    // The ZIP code (archiver, pdfkit) loads only when someone exports.
    // A failure after any await (no room on disk, exports/ not a folder) is said in the status line:
    // a rejection left unhandled would end the whole app.
    void import('../../efile/export.js')
      .then(async ({ exportClient, orgInfo }) => {
        const res = await exportClient(ws, clientId, join(ws.dir, 'exports'), await orgInfo(ws));
        if (!res.ok) return actions.fail(res.message);
        await ws.save();
        actions.notify(t('efile.done', { file: res.file }));
      })
      .catch((err: unknown) => actions.fail(t('efile.failed', { detail: (err as Error).message })));
  };
  const tabHandlers = {
    'client.nextTab': () => setTab((i) => (i + 1) % CLIENT_TABS.length),
    'client.prevTab': () => setTab((i) => (i + CLIENT_TABS.length - 1) % CLIENT_TABS.length),
    'client.efile': exportEfile,
  };
  useBinding({ scopes: ['client'], handlers: tabHandlers }, active && state.status !== 'ready');
  if (state.status === 'loading') return <Text dimColor>{t('loading')}</Text>;
  if (state.status === 'error') return <Text color="red">{t('error.doc', { detail: state.message })}</Text>;
  const profile = readProfile(state.doc);
  const name = profile.ok ? `${profile.value.givenName} ${profile.value.familyName}` : clientId;
  const props: TabProps = { clientId, doc: state.doc, version: state.version, name, tabHandlers, active };
  const current = CLIENT_TABS[tab] ?? 'profile';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold>{name}</Text> <Text dimColor>{clientId}</Text>
      </Text>
      <Tabs names={CLIENT_TABS.map((n) => t(`tab.${n}`))} active={tab} />
      {current === 'profile' && <ProfileTab {...props} />}
      {current === 'assessment' && <AssessmentTab {...props} />}
      {current === 'proposal' && <ProposalTab {...props} />}
      {current === 'plan' && <PlanTab {...props} />}
      {current === 'history' && <HistoryTab {...props} />}
    </Box>
  );
}
