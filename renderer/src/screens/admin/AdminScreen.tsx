import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useCan } from '../../app/session';
import { useHashTab } from '../../app/useHashTab';
import { useTranslation } from '../../i18n';
import { AuditPanel } from './AuditPanel';
import { BackupsPanel } from './BackupsPanel';
import { EmergencyReviewPanel } from './EmergencyReviewPanel';
import { LockoutsPanel } from './LockoutsPanel';
import { FacilityPanel } from './FacilityPanel';
import { UsersPanel } from './UsersPanel';

type AdminTab = 'users' | 'facility' | 'audit' | 'emergency' | 'backups';

export function AdminScreen() {
  const { t } = useTranslation();
  const canManageFacility = useCan('facility.manage');
  const canAudit = useCan('audit.read');
  const canManageUsers = useCan('users.manage');
  const canBackup = useCan('data.backup');
  const tabs: AdminTab[] = ['users', ...(canManageFacility ? (['facility'] as const) : []), ...(canAudit ? (['audit', 'emergency'] as const) : []), ...(canBackup ? (['backups'] as const) : [])];
  const [tab, setTab] = useHashTab<AdminTab>('admin', tabs, 'users');
  return (
    <Tabs selectedKey={tab} onSelectionChange={(k) => setTab(k as AdminTab)}>
      <TabList aria-label={t('admin.title')}>
        <Tab id="users">{t('admin.usersTab')}</Tab>
        {canManageFacility ? <Tab id="facility">{t('admin.facilityTab')}</Tab> : null}
        {canAudit ? <Tab id="audit">{t('admin.auditTab')}</Tab> : null}
        {canAudit ? <Tab id="emergency">{t('privacy.review.tab')}</Tab> : null}
        {canBackup ? <Tab id="backups">{t('backup.tab')}</Tab> : null}
      </TabList>
      <TabPanel id="users">
        <UsersPanel />
        {canManageUsers ? <LockoutsPanel /> : null}
      </TabPanel>
      {canManageFacility ? (
        <TabPanel id="facility">
          <FacilityPanel />
        </TabPanel>
      ) : null}
      {canAudit ? (
        <TabPanel id="audit">
          <AuditPanel />
        </TabPanel>
      ) : null}
      {canAudit ? (
        <TabPanel id="emergency">
          <EmergencyReviewPanel />
        </TabPanel>
      ) : null}
      {canBackup ? (
        <TabPanel id="backups">
          <BackupsPanel />
        </TabPanel>
      ) : null}
    </Tabs>
  );
}
