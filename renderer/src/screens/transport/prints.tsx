import type { ReactElement } from 'react';
import type { Facility } from '../../../../shared/contract/facility';
import type { OutputOf } from '../../../../shared/contract';
import { ok, type Result } from '../../../../shared/result';
import { call } from '../../api/client';
import { clockTime, t, useTranslation } from '../../i18n';
import { displayDate, PrintDocument, PrintTable, type PrintColumn } from '../../print';
import { modesText } from './words';

export type Manifest = OutputOf<'transport.manifest'>;
type Row = Manifest['rows'][number];

/** One vehicle's day, as the driver takes it: every trip in time order, with a line to sign. */
export async function loadManifestPrint(vehicleId: number, date: string, ctx: { facility: Facility; printedBy: string }): Promise<Result<ReactElement>> {
  const r = await call('transport.manifest', { vehicleId, date });
  if (!r.ok) return r;
  return ok(<ManifestPrint manifest={r.value} facility={ctx.facility} printedBy={ctx.printedBy} />);
}

export function ManifestPrint({ manifest, facility, printedBy }: { manifest: Manifest; facility: Facility; printedBy: string }) {
  const { t, i18n } = useTranslation();
  return (
    <PrintDocument
      paper={facility.paperSize}
      orientation="landscape"
      notice="resident"
      title={t('transport.manifest.title')}
      context={`${facility.name} · ${manifestContext(manifest, i18n.language)}`}
      printedBy={printedBy}
      timeZone={facility.timeZone}
    >
      <ManifestTable manifest={manifest} />
    </PrintDocument>
  );
}

/** "Vehicle: Van 1 · Date: Mar 2, 2026" */
export function manifestContext(manifest: Manifest, language: string): string {
  return `${t('transport.manifest.vehicle')}: ${manifest.vehicle.name} · ${t('transport.manifest.date')}: ${displayDate(manifest.date, language)}`;
}

/**
 * A vehicle's trips in time order with the line to sign. Also a section of the downtime packet
 * (issue 12), where each vehicle starts on a new page under a caption naming it and the day.
 */
export function ManifestTable({ manifest, caption, breakBefore }: { manifest: Manifest; caption?: string; breakBefore?: boolean }) {
  const { t } = useTranslation();
  const columns: PrintColumn<Row>[] = [
    { key: 'time', label: t('transport.manifest.time'), width: 9, nowrap: true, cell: (r) => (r.pickupAt ? clockTime(r.pickupAt) : t('transport.returnKind.will_call')) },
    { key: 'kind', label: t('transport.manifest.pickup'), width: 9, cell: (r) => t(`transport.legKind.${r.kind}`) },
    {
      key: 'resident',
      label: t('transport.manifest.resident'),
      width: 18,
      rowHeader: true,
      cell: (r) => (
        <>
          {r.residentName}
          {r.room ? (
            <span className="cd-sub">
              {t('transport.manifest.room')} {r.room}
            </span>
          ) : null}
        </>
      ),
    },
    { key: 'mode', label: t('transport.manifest.mode'), width: 11, cell: (r) => modesText(r.modes) },
    {
      key: 'destination',
      label: t('transport.manifest.destination'),
      width: 22,
      cell: (r) => (
        <>
          {r.destinationName}
          <span className="cd-sub">{r.destinationAddress}</span>
          {r.destinationPhone ? <span className="cd-sub">{r.destinationPhone}</span> : null}
        </>
      ),
    },
    { key: 'escort', label: t('transport.manifest.escort'), width: 11, cell: (r) => (r.escort ? `${r.escort.name}${r.escort.phone ? ` · ${r.escort.phone}` : ''}` : '') },
    {
      key: 'notes',
      label: t('transport.manifest.notes'),
      width: 20,
      cell: (r) => (
        <>
          {r.status !== 'requested' && r.status !== 'confirmed' ? <span className="cd-strong">{t(`transport.legStatus.${r.status}`)} </span> : null}
          {r.flags.map((f) => (
            <span key={f} className="cd-strong">
              {t(`transport.flag.${f}`)}{' '}
            </span>
          ))}
        </>
      ),
      longText: (r) => r.notes,
    },
  ];
  return (
    <>
      <PrintTable
        id={`manifest-${manifest.vehicle.id}`}
        caption={caption}
        breakBefore={breakBefore}
        columns={columns}
        rows={manifest.rows}
        rowKey={(r) => String(r.legId)}
        rowLabel={(r) => `${r.residentName}${r.room ? ` — ${r.room}` : ''}`}
        empty={t('transport.manifest.noTrips')}
      />
      <p className="signature-line">{t('transport.manifest.signature')}: ____________________________________</p>
    </>
  );
}
