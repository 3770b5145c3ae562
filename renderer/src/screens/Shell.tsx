import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import type { Permission } from '../../../shared/domain/roles';
import { call } from '../api/client';
import { useSession } from '../app/session';
import { AreaToolsContext } from '../app/area-tools';
import { FacilityFormatProvider } from '../app/facility';
import { useHashRoute } from '../app/useHashRoute';
import { LanguagePicker } from '../components/LanguagePicker';
import { useTranslation } from '../i18n';
import { AdminScreen } from './admin/AdminScreen';
import { AppointmentsScreen } from './appointments/AppointmentsScreen';
import { HandoffScreen } from './handoff/HandoffScreen';
import { TodayScreen } from './today/TodayScreen';
import { TransportScreen } from './transport/TransportScreen';
import { MyTrainingScreen } from './training/MyTrainingScreen';
import { TrainingScreen } from './training/TrainingScreen';
import { ResidentsScreen } from './residents/ResidentsScreen';
import { EmergencyScreen } from './emergency/EmergencyScreen';

// Today first: it is where everyone lands after signing in.
const areas = ['today', 'residents', 'appointments', 'transport', 'training', 'myTraining', 'handoff', 'admin', 'emergency'] as const;
type Area = (typeof areas)[number];

/** Who sees an area: a permission; null: everyone signed in (the Today board shows each role its own part); emergency access: the lack of one. */
const needs: Record<Exclude<Area, 'emergency'>, Permission | null> = {
  today: null,
  residents: 'residents.read',
  appointments: 'appointments.read',
  transport: 'transport.read',
  training: 'training.read',
  myTraining: 'training.self',
  handoff: 'handoff.read',
  admin: 'users.read',
};

const screens: Record<Area, () => ReactNode> = {
  today: TodayScreen,
  residents: ResidentsScreen,
  appointments: AppointmentsScreen,
  transport: TransportScreen,
  training: TrainingScreen,
  myTraining: MyTrainingScreen,
  handoff: HandoffScreen,
  admin: AdminScreen,
  emergency: EmergencyScreen,
};

const shows = (a: Area, permissions: readonly Permission[]) => {
  if (a === 'emergency') return !permissions.includes('residents.read');
  const need = needs[a];
  return need === null || permissions.includes(need);
};

/** The signed-in frame: header, the areas this role may open, and the current area. */
export function Shell() {
  const { t } = useTranslation();
  const { user, facilityName, signOut, lock } = useSession();
  const allowed = areas.filter((a) => shows(a, user.permissions));
  const areaName = (a: Area) => (a === 'emergency' ? t('privacy.emergency.nav') : t(`nav.${a}`));
  const [area, go] = useHashRoute<Area>(allowed, allowed[0] ?? 'today');
  const heading = useRef<HTMLHeadingElement>(null);
  const [tools, setTools] = useState<HTMLDivElement | null>(null);
  useEffect(() => heading.current?.focus(), [area]);
  const Screen = screens[area];

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        {/* Who is signed in stays in sight under the facility's name: a shared station must say whose session it is. */}
        <div className="identity">
          <span className="brand" title={`${t('app.name')} · ${facilityName}`}>
            {t('app.name')} · {facilityName}
          </span>
          <span className="who" title={t('nav.signedInAs', { name: user.displayName, role: t(`roles.${user.role}`) })}>
            {t('nav.signedInAs', { name: user.displayName, role: t(`roles.${user.role}`) })}
          </span>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul>
            {allowed.map((a) => (
              <li key={a}>
                <a href={`#/${a}`} aria-current={a === area ? 'page' : undefined} onClick={(e) => (e.preventDefault(), go(a))}>
                  {areaName(a)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <LanguagePicker onChange={(language) => void call('auth.setLanguage', { language })} />
        <Button onPress={lock}>{t('privacy.lock.lockNow')}</Button>
        <Button onPress={signOut}>{t('nav.signOut')}</Button>
      </header>
      <main id="main" tabIndex={-1}>
        <div className="area-header">
          <h1 ref={heading} tabIndex={-1}>
            {areaName(area)}
          </h1>
          <div className="area-tools" ref={setTools} />
        </div>
        <AreaToolsContext.Provider value={tools}>
          <FacilityFormatProvider>{allowed.includes(area) ? <Screen /> : null}</FacilityFormatProvider>
        </AreaToolsContext.Provider>
      </main>
    </div>
  );
}
