/** Profile tab: who the client is, GP statement, services, assessments, alerts. */
import { Box, Text } from 'ink';
import { listClientRecords, readProfile } from '../../../../core/doc/client-doc.js';
import { useEnv } from '../../app/context.js';
import { useBinding } from '../../hooks/useBinding.js';
import type { TabProps } from './tab-props.js';

function Field({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <Text wrap="truncate">
      <Text dimColor>{label.padEnd(22)}</Text>
      {value}
    </Text>
  );
}

/** The profile tab. */
export function ProfileTab({ doc, tabHandlers, active }: TabProps) {
  const { t, today, color } = useEnv();
  useBinding({ scopes: ['profile', 'client'], handlers: tabHandlers }, active);
  const p = readProfile(doc);
  const gps = listClientRecords(doc, 'gpStatements').records.sort((a, b) => a.validUntil.localeCompare(b.validUntil));
  const valid = gps.filter((g) => g.issuedOn <= today && g.validUntil >= today && g.contraindications.length === 0);
  const services = listClientRecords(doc, 'services').records.filter((s) => s.status === 'active');
  const assessments = listClientRecords(doc, 'assessments').records;
  const alerts = listClientRecords(doc, 'alerts').records.filter((a) => a.status === 'open');
  const dash = t('none');
  if (!p.ok) return <Text color={color('red')}>{p.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}</Text>;
  const v = p.value;
  const last = valid[valid.length - 1];
  return (
    <Box flexDirection="column">
      <Field label={t('profile.name')} value={`${v.givenName} ${v.familyName}`} />
      <Field label={t('profile.code')} value={v.personalCode || dash} />
      <Field label={t('profile.born')} value={v.birthDate ?? dash} />
      <Field label={t('profile.address')} value={v.address || dash} />
      <Field label={t('profile.phone')} value={v.phone || dash} />
      <Field label={t('profile.group')} value={v.careGroupId ?? dash} />
      <Field label={t('profile.livesAlone')} value={v.livesAlone ? t('yes') : t('no')} />
      <Field label={t('profile.gp')} value={last ? t('profile.gpUntil', { date: last.validUntil }) : t('profile.gpNone')} />
      <Field label={t('profile.services')} value={services.map((s) => s.serviceCode).join(', ') || dash} />
      <Field label={t('profile.assessments')} value={assessments.map((a) => `${a.createdAt.slice(0, 10)} ${t(`assessment.status.${a.status}`)}`).join(', ') || dash} />
      <Text color={alerts.length > 0 ? color('red') : undefined} wrap="truncate">
        <Text dimColor>{t('profile.alerts').padEnd(22)}</Text>
        {alerts.map((a) => `${a.level === 'emergency' ? '!' : ''}${a.reason}`).join('; ') || dash}
      </Text>
    </Box>
  );
}
