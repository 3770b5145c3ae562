import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useCan } from '../../app/session';
import { useHashTab } from '../../app/useHashTab';
import { useTranslation } from '../../i18n';
import { CoursesPanel } from './CoursesPanel';
import { ImportPanel } from './ImportPanel';
import { InServicePanel } from './InServicePanel';
import { LapsingPanel } from './LapsingPanel';
import { MatrixPanel } from './MatrixPanel';
import { RemindersPanel } from './RemindersPanel';
import { SessionsPanel } from './SessionsPanel';
import { StaffPanel } from './StaffPanel';
import { facilityToday, useFacility } from './common';

/** The Training area: what the administrator and director of nursing work through before a state survey. */
const TABS = ['matrix', 'lapsing', 'inService', 'staff', 'courses', 'import'] as const;
type TrainingTab = (typeof TABS)[number];

export function TrainingScreen() {
  const { t } = useTranslation();
  const canWrite = useCan('training.write');
  const facility = useFacility();
  const [tab, setTab] = useHashTab<TrainingTab>('training', canWrite ? TABS : TABS.filter((x) => x !== 'import'), 'matrix');
  if (!facility) return <p>{t('app.loading')}</p>;
  const today = facilityToday(facility.timeZone);
  return (
    <Tabs className="training" selectedKey={tab} onSelectionChange={(k) => setTab(k as TrainingTab)}>
      <TabList aria-label={t('training.title')}>
        <Tab id="matrix">{t('training.tabs.matrix')}</Tab>
        <Tab id="lapsing">{t('training.tabs.lapsing')}</Tab>
        <Tab id="reminders">{t('training.tabs.reminders')}</Tab>
        <Tab id="inService">{t('training.tabs.inService')}</Tab>
        <Tab id="sessions">{t('training.tabs.sessions')}</Tab>
        <Tab id="staff">{t('training.tabs.staff')}</Tab>
        <Tab id="courses">{t('training.tabs.courses')}</Tab>
        {canWrite ? <Tab id="import">{t('training.tabs.import')}</Tab> : null}
      </TabList>
      <TabPanel id="matrix">
        <MatrixPanel facility={facility} today={today} />
      </TabPanel>
      <TabPanel id="lapsing">
        <LapsingPanel facility={facility} today={today} />
      </TabPanel>
      <TabPanel id="reminders">
        <RemindersPanel facility={facility} today={today} />
      </TabPanel>
      <TabPanel id="inService">
        <InServicePanel facility={facility} today={today} />
      </TabPanel>
      <TabPanel id="sessions">
        <SessionsPanel facility={facility} today={today} />
      </TabPanel>
      <TabPanel id="staff">
        <StaffPanel facility={facility} />
      </TabPanel>
      <TabPanel id="courses">
        <CoursesPanel />
      </TabPanel>
      {canWrite ? (
        <TabPanel id="import">
          <ImportPanel />
        </TabPanel>
      ) : null}
    </Tabs>
  );
}
