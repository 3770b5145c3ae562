import { useEffect, useState, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import type { Facility } from '../../../../shared/contract/facility';
import type { MatrixCell } from '../../../../shared/contract/training';
import { STAFF_ROLES, type ComplianceStatus, type StaffRole } from '../../../../shared/domain/training/vocabulary';
import { calendarDateIn, isAsOfDate } from '../../../../shared/domain/dates';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { DateField } from '../../components/DateField';
import { useTranslation } from '../../i18n';

/** Symbols beside every status word: the printout is black and white, and colour is never the only cue. */
export const STATUS_SYMBOL: Record<ComplianceStatus, string> = {
  current: '✓',
  expiring: '!',
  expired: '✗',
  missing: '○',
  not_required: '—',
};

/** The facility's calendar date now, in its time zone (the renderer's clock; main re-checks). */
export function facilityToday(timeZone: string): string {
  return calendarDateIn(new Date(), timeZone);
}

/**
 * The "as of" date every training view shares. What is typed is checked as it is typed; the view
 * only changes (and asks main) once the field holds a whole, plausible date — never for the years
 * 0002 or 0202 passed through on the way to 2026.
 */
export function AsOfField(p: { value: string; onDate(date: string): void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState(p.value);
  return (
    <DateField
      label={t('training.filters.asOf')}
      name="asOf"
      value={typed}
      compact
      onChange={(v) => {
        setTyped(v);
        if (isAsOfDate(v)) p.onDate(v);
      }}
    />
  );
}

export function useFacility(): Facility | null {
  const [facility, setFacility] = useState<Facility | null>(null);
  useEffect(() => {
    void call('facility.get', {}).then((r) => (r.ok ? setFacility(r.value) : undefined));
  }, []);
  return facility;
}

export function StatusText({ status }: { status: ComplianceStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status status-${status}`}>
      <span aria-hidden="true">{STATUS_SYMBOL[status]} </span>
      {t(`training.status.${status}`)}
    </span>
  );
}

export function CellText({ cell }: { cell: MatrixCell }) {
  const { t } = useTranslation();
  const { date } = useDates();
  const detail = cell.expiresOn
    ? t('training.matrix.cellExpires', { date: date(cell.expiresOn) })
    : cell.dueOn
      ? t('training.matrix.cellDue', { date: date(cell.dueOn) })
      : cell.completedOn
        ? t('training.matrix.cellCompleted', { date: date(cell.completedOn) })
        : null;
  return (
    <>
      <StatusText status={cell.status} />
      {detail ? <span className="cell-date">{detail}</span> : null}
    </>
  );
}

export function useRoleOptions(withAll: boolean) {
  const { t } = useTranslation();
  const options: { value: StaffRole | ''; label: string }[] = STAFF_ROLES.map((r) => ({ value: r, label: t(`training.roles.${r}`) }));
  return withAll ? [{ value: '' as const, label: t('training.filters.allRoles') }, ...options] : options;
}

export function unitOptionsOf(facility: Facility | null, allLabel: string) {
  return [{ value: '', label: allLabel }, ...(facility?.units ?? []).map((u) => ({ value: String(u.id), label: u.name }))];
}

/** Hands a file to the person: a Blob behind a download link (Electron asks where to save it). */
function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(fileName: string, text: string, mime: string): void {
  downloadBlob(fileName, new Blob([text], { type: mime }));
}

export function downloadBase64(fileName: string, base64: string, mime: string): void {
  downloadBlob(fileName, new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: mime }));
}

/** A modal without a form: a heading, content, and a close button; Escape closes it. */
export function InfoDialog(p: { title: string; onClose(): void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Modal isOpen isDismissable onOpenChange={(open) => (open ? undefined : p.onClose())} className="modal">
      <Dialog className="dialog dialog-wide">
        <Heading slot="title">{p.title}</Heading>
        {p.children}
        <div className="actions">
          <Button onPress={p.onClose}>{t('training.close')}</Button>
        </div>
      </Dialog>
    </Modal>
  );
}

/** Reads a picked file as base64 (without the data: prefix). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const s = String(reader.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
