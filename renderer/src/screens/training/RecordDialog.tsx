import { useEffect, useState } from 'react';
import type { Course, Staff, TrainingRecord } from '../../../../shared/contract/training';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useSession } from '../../app/session';
import { useFacilityToday } from '../../app/facility';
import { DateField } from '../../components/DateField';
import { SelectInput, TextInput } from '../../components/fields';
import { FormDialog } from '../../components/FormDialog';
import { fieldText, useTranslation } from '../../i18n';

/** Hours as typed ('' is none; ',' accepted as the decimal mark) or 'bad' for text that is not a number. */
export function parseHours(text: string): number | null | 'bad' {
  const s = text.trim().replace(',', '.');
  if (s === '') return null;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return 'bad';
  return Number(s);
}

/**
 * Record (or correct) one completed training. "Verified by" is whoever is signed in: the person entering
 * the certificate vouches for having seen it.
 */
export function RecordDialog(p: {
  existing?: TrainingRecord;
  staffId?: number;
  onClose(): void;
  onDone(r: TrainingRecord, staffName: string): void;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const today = useFacilityToday();
  const [staff, setStaff] = useState<Staff[]>([]);
  const [courses, setCourses] = useState<Course[]>([]);
  const [staffId, setStaffId] = useState(String(p.existing?.staffId ?? p.staffId ?? ''));
  const [courseId, setCourseId] = useState(String(p.existing?.courseId ?? ''));
  const [completedOn, setCompletedOn] = useState(p.existing?.completedOn ?? '');
  const [hours, setHours] = useState(p.existing?.hours === null || p.existing === undefined ? '' : String(p.existing.hours));
  const [provider, setProvider] = useState(p.existing?.provider ?? '');
  const [certificateNumber, setCertificateNumber] = useState(p.existing?.certificateNumber ?? '');
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    void call('training.listStaff', { limit: 500 }).then((r) => (r.ok ? setStaff(r.value.rows) : setError(r.error)));
    void call('training.listCourses', { includeInactive: false }).then((r) => (r.ok ? setCourses(r.value.rows) : setError(r.error)));
  }, []);

  const labels = {
    staffId: t('training.record.staff'),
    courseId: t('training.record.course'),
    completedOn: t('training.record.completedOn'),
    hours: t('training.record.hours'),
    provider: t('training.record.provider'),
    certificateNumber: t('training.record.certificateNumber'),
  };
  const fieldError = (path: string) => {
    const f = error?.fields?.find((x) => x.path === path);
    return f ? fieldText(f) : undefined;
  };

  return (
    <FormDialog
      title={p.existing ? t('training.record.editTitle') : t('training.record.title')}
      submitLabel={t('training.record.save')}
      error={error}
      labels={labels}
      onClose={p.onClose}
      onSubmit={async () => {
        const h = parseHours(hours);
        const local = [
          ...(staffId === '' ? [{ path: 'staffId', code: 'required' }] : []),
          ...(courseId === '' ? [{ path: 'courseId', code: 'required' }] : []),
          ...(h === 'bad' ? [{ path: 'hours', code: 'invalid_number' }] : []),
        ];
        if (local.length > 0 || h === 'bad') {
          setError({ code: 'validation', message: 'error.validation', fields: local });
          return;
        }
        const input = { staffId: Number(staffId), courseId: Number(courseId), completedOn, hours: h, provider, certificateNumber };
        const r = p.existing ? await call('training.updateRecord', { id: p.existing.id, expectedVersion: p.existing.version, ...input }) : await call('training.createRecord', input);
        if (r.ok) p.onDone(r.value, staff.find((s) => s.id === r.value.staffId)?.name ?? '');
        else setError(r.error);
      }}
    >
      <SelectInput
        label={labels.staffId}
        name="staffId"
        value={staffId}
        onChange={setStaffId}
        error={fieldError('staffId')}
        required
        options={[{ value: '', label: t('training.record.chooseStaff') }, ...staff.map((s) => ({ value: String(s.id), label: `${s.name} (${s.employeeId})` }))]}
      />
      <SelectInput
        label={labels.courseId}
        name="courseId"
        value={courseId}
        onChange={setCourseId}
        error={fieldError('courseId')}
        required
        options={[{ value: '', label: t('training.record.chooseCourse') }, ...courses.map((c) => ({ value: String(c.id), label: c.name }))]}
      />
      <DateField label={labels.completedOn} name="completedOn" value={completedOn} onChange={setCompletedOn} bounds={{ max: today }} required error={fieldError('completedOn')} />
      <TextInput label={labels.hours} name="hours" value={hours} onChange={setHours} description={t('training.record.hoursHint')} error={fieldError('hours')} />
      <TextInput label={labels.provider} name="provider" value={provider} onChange={setProvider} maxLength={120} error={fieldError('provider')} />
      <TextInput label={labels.certificateNumber} name="certificateNumber" value={certificateNumber} onChange={setCertificateNumber} maxLength={64} error={fieldError('certificateNumber')} />
      <p className="description">{t('training.record.verifiedBy', { name: user.displayName })}</p>
    </FormDialog>
  );
}
