import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import type { Facility } from '../../../../shared/contract/facility';
import type { MatrixCell } from '../../../../shared/contract/training';
import { STAFF_ROLES, type ComplianceStatus, type StaffRole } from '../../../../shared/domain/training/vocabulary';
import { calendarDateIn, isAsOfDate } from '../../../../shared/domain/dates';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { DateField } from '../../components/DateField';
import type { AppError, Result } from '../../../../shared/result';
import { CheckInput, Notice } from '../../components/fields';
import { errorText, useTranslation } from '../../i18n';

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

/**
 * One person's voidable entries (training records, licences), as listed in their dialog: the rows with or
 * without the voided ones, reloaded when that choice changes or after an action.
 */
export function useVoidableRows<T>(list: (includeVoided: boolean) => Promise<Result<{ rows: T[] }>>, key: unknown) {
  const [includeVoided, setIncludeVoided] = useState(false);
  const [rows, setRows] = useState<T[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const load = useCallback(
    async () => {
      const r = await list(includeVoided);
      if (r.ok) setRows(r.value.rows);
      else setError(r.error);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `list` is a fresh closure each render; `key` (the person) and the voided choice are all it reads
    [key, includeVoided],
  );
  useEffect(() => {
    void load();
  }, [load]);
  return { rows, error, setError, includeVoided, setIncludeVoided, load };
}

/**
 * The frame of a voidable list's dialog: notices, "show voided", the add button (for those who may
 * write), and a table with a caption, its column headers and one row saying it is empty.
 */
export function VoidableListDialog(p: {
  title: string;
  notice: string | null;
  error: AppError | null;
  showVoidedLabel: string;
  includeVoided: boolean;
  onIncludeVoided(v: boolean): void;
  addLabel: string;
  onAdd: (() => void) | null;
  columns: readonly string[];
  emptyText: string;
  isEmpty: boolean;
  onClose(): void;
  children: ReactNode;
}) {
  return (
    <InfoDialog title={p.title} onClose={p.onClose}>
      {p.notice ? <Notice tone="success">{p.notice}</Notice> : null}
      {p.error ? <Notice tone="error">{errorText(p.error)}</Notice> : null}
      <div className="toolbar">
        <CheckInput label={p.showVoidedLabel} name="includeVoided" checked={p.includeVoided} onChange={p.onIncludeVoided} />
        {p.onAdd ? (
          <Button className="primary" onPress={p.onAdd}>
            {p.addLabel}
          </Button>
        ) : null}
      </div>
      <table className="data">
        <caption className="visually-hidden">{p.title}</caption>
        <thead>
          <tr>
            {p.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.isEmpty ? (
            <tr>
              <td colSpan={p.columns.length}>{p.emptyText}</td>
            </tr>
          ) : null}
          {p.children}
        </tbody>
      </table>
    </InfoDialog>
  );
}
