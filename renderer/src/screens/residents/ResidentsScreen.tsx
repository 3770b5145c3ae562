import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { Facility } from '../../../../shared/contract/facility';
import { call } from '../../api/client';
import { AreaTools } from '../../app/area-tools';
import { useCan } from '../../app/session';
import { Notice } from '../../components/fields';
import { useTranslation } from '../../i18n';
import { BedBoard } from './BedBoard';
import { Census } from './Census';
import { hasDraft } from '../../app/drafts';
import { ADMIT_DRAFT, AdmitDialog } from './dialogs';
import { placeText, residentName } from './format';
import { ImportScreen } from './ImportScreen';
import { ResidentPage } from './ResidentPage';
import { hrefOf, useResidentsRoute, type ResidentsRoute } from './useSubRoute';

export function ResidentsScreen() {
  const { t } = useTranslation();
  const [route, go] = useResidentsRoute();
  const canWrite = useCan('residents.write');
  const canManage = useCan('facility.manage');
  const [facility, setFacility] = useState<Facility | null>(null);
  // An admission that was being typed when the station locked reopens as it was left.
  const [admitting, setAdmitting] = useState<{ unitId: number; bedId: number } | true | null>(() => (hasDraft(ADMIT_DRAFT) ? true : null));
  // A success message belongs to the place it was given for; moving on takes it away.
  const [notice, setNotice] = useState<{ text: string; at: string } | null>(null);
  if (notice && notice.at !== hrefOf(route)) setNotice(null);
  const [refreshKey, setRefreshKey] = useState(0);
  useEffect(() => {
    void call('facility.get', {}).then((r) => r.ok && setFacility(r.value));
  }, []);
  const changed = () => setRefreshKey((k) => k + 1);
  // The same function every render, so the census's memoised filter bar is not rendered again for it.
  const openResident = useCallback((id: number) => go({ view: 'resident', id }), [go]);
  const views: { route: ResidentsRoute; label: string; show: boolean }[] = [
    { route: { view: 'census' }, label: t('residents.census'), show: true },
    { route: { view: 'beds' }, label: t('residents.bedBoard'), show: true },
    { route: { view: 'import' }, label: t('residents.import'), show: canWrite },
  ];

  return (
    <div className="residents">
      <AreaTools>
        {route.view === 'census' ? (
          // Past the views and filters in one key press: the first resident is not 19 Tabs away.
          <a
            className="skip-link"
            href="#main"
            onClick={(e) => {
              e.preventDefault();
              document.querySelector<HTMLElement>('.census-table tbody th.col-name a')?.focus();
            }}
          >
            {t('residents.skipToList')}
          </a>
        ) : null}
        <nav aria-label={t('residents.title')} className="subnav">
          <ul>
            {views
              .filter((v) => v.show)
              .map((v) => (
                <li key={v.route.view}>
                  <a href={hrefOf(v.route)} aria-current={route.view === v.route.view ? 'page' : undefined} onClick={(e) => (e.preventDefault(), go(v.route))}>
                    {v.label}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
        {canWrite ? (
          <Button className="primary" onPress={() => setAdmitting(true)}>
            {t('residents.admit')}
          </Button>
        ) : null}
      </AreaTools>
      {notice ? <Notice tone="success">{notice.text}</Notice> : null}
      {route.view === 'census' ? <Census facility={facility} refreshKey={refreshKey} onOpen={openResident} /> : null}
      {route.view === 'resident' ? <ResidentPage key={route.id} id={route.id} facility={facility} canWrite={canWrite} onChanged={changed} /> : null}
      {route.view === 'beds' ? <BedBoard facility={facility} canWrite={canWrite} canManage={canManage} onAdmitTo={(unitId, bedId) => setAdmitting({ unitId, bedId })} refreshKey={refreshKey} /> : null}
      {route.view === 'import' ? <ImportScreen onImported={changed} /> : null}
      {admitting ? (
        <AdmitDialog
          facility={facility}
          {...(admitting === true ? {} : { initial: admitting })}
          onClose={() => setAdmitting(null)}
          onDone={(d) => {
            setAdmitting(null);
            setNotice({ text: t('residents.dialog.admitted', { name: residentName(d), place: placeText(d.location) }), at: hrefOf({ view: 'resident', id: d.id }) });
            changed();
            go({ view: 'resident', id: d.id });
          }}
        />
      ) : null}
    </div>
  );
}
