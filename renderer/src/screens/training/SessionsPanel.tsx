import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useDates } from '../../app/dates';
import { Button, Input, Label, ListBox, ListBoxItem, Text, TextField, type Selection } from 'react-aria-components';
import { DateField } from '../../components/DateField';
import type { Facility } from '../../../../shared/contract/facility';
import type { Course, SessionCandidate, TrainingSession } from '../../../../shared/contract/training';
import type { OutputOf } from '../../../../shared/contract';
import { isAsOfDate } from '../../../../shared/domain/dates';
import type { AppError, FieldIssue } from '../../../../shared/result';
import { useLiveRefresh } from '../../api/changes';
import { call } from '../../api/client';
import { useCan, useSession } from '../../app/session';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckInput, Notice, SelectInput, TextInput } from '../../components/fields';
import { FormDialog } from '../../components/FormDialog';
import { Pager } from '../../components/Pager';
import { errorText, fieldText, useTranslation } from '../../i18n';
import { usePrinter } from '../../print';
import { InfoDialog, unitOptionsOf } from './common';
import { parseHours } from './RecordDialog';
import { loadSignInSheet } from './session-prints';

const PAGE = 50;

/**
 * In-service sessions: one class recorded once for everyone who attended. The list of past classes, and
 * the form that records one: its attendees ticked from a keyboard-friendly list filtered by unit and shift.
 */
export function SessionsPanel({ facility, today }: { facility: Facility; today: string }) {
  const { t } = useTranslation();
  const { date } = useDates();
  const canWrite = useCan('training.write');
  const [recording, setRecording] = useState(false);
  const [includeVoided, setIncludeVoided] = useState(false);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ rows: TrainingSession[]; total: number } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<{ kind: 'attendance' | 'void'; session: TrainingSession } | null>(null);

  const load = useCallback(async () => {
    const r = await call('training.listSessions', { offset, limit: PAGE, includeVoided });
    if (r.ok) setPage(r.value);
    setError(r.ok ? null : r.error);
  }, [offset, includeVoided]);
  useEffect(() => {
    void load();
  }, [load]);
  useLiveRefresh(['training_session'], () => void load());

  if (recording) {
    return (
      <SessionForm
        facility={facility}
        today={today}
        onCancel={() => setRecording(false)}
        onSaved={(s) => {
          setRecording(false);
          setNotice(t('training.sessions.saved', { course: s.courseName, date: date(s.heldOn), count: s.attendeeCount }));
          void load();
        }}
      />
    );
  }

  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t('training.tabs.sessions')}</h2>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      <div className="toolbar">
        {canWrite ? (
          <Button className="primary" onPress={() => setRecording(true)}>
            {t('training.sessions.record')}
          </Button>
        ) : null}
        <CheckInput label={t('training.sessions.showVoided')} name="includeVoided" checked={includeVoided} onChange={(v) => (setIncludeVoided(v), setOffset(0))} />
      </div>
      <table className="data">
        <caption>{t('training.sessions.listCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('training.sessions.date')}</th>
            <th scope="col">{t('training.sessions.course')}</th>
            <th scope="col">{t('training.sessions.hours')}</th>
            <th scope="col">{t('training.sessions.instructor')}</th>
            <th scope="col">{t('training.sessions.location')}</th>
            <th scope="col">{t('training.sessions.attendeesCol')}</th>
            <th scope="col">{t('training.sessions.recordedBy')}</th>
            <th scope="col">{t('training.sessions.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {page && page.rows.length === 0 ? (
            <tr>
              <td colSpan={8}>{t('training.sessions.none')}</td>
            </tr>
          ) : null}
          {(page?.rows ?? []).map((s) => {
            const names = { course: s.courseName, date: date(s.heldOn) };
            return (
              <tr key={s.id} className={s.voidedAt ? 'voided' : undefined}>
                <td>{date(s.heldOn)}</td>
                <th scope="row">
                  {s.courseName}
                  {s.voidedAt ? <span className="cell-date">{t('training.sessions.voidedOn', { date: s.voidedAt.slice(0, 10), reason: s.voidReason })}</span> : null}
                </th>
                <td>{s.hours}</td>
                <td>{s.instructor}</td>
                <td>{s.location ?? ''}</td>
                <td>{s.attendeeCount}</td>
                <td>{s.createdByName ?? ''}</td>
                <td className="row-actions">
                  <Button onPress={() => setAction({ kind: 'attendance', session: s })} aria-label={t('training.sessions.attendanceFor', names)}>
                    {t('training.sessions.attendance')}
                  </Button>
                  {canWrite && !s.voidedAt ? (
                    <Button onPress={() => setAction({ kind: 'void', session: s })} aria-label={t('training.sessions.voidFor', names)}>
                      {t('training.sessions.void')}
                    </Button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {page ? <Pager offset={offset} limit={PAGE} total={page.total} onChange={setOffset} /> : null}
      {action?.kind === 'attendance' ? <AttendanceDialog session={action.session} onClose={() => setAction(null)} /> : null}
      {action?.kind === 'void' ? (
        <VoidSessionDialog
          session={action.session}
          onClose={() => setAction(null)}
          onDone={(count) => {
            setAction(null);
            setNotice(t('training.sessions.voided', { count }));
            void load();
          }}
        />
      ) : null}
    </section>
  );
}

function AttendanceDialog({ session, onClose }: { session: TrainingSession; onClose(): void }) {
  const { t } = useTranslation();
  const { date } = useDates();
  const [full, setFull] = useState<OutputOf<'training.getSession'> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    void call('training.getSession', { id: session.id }).then((r) => (r.ok ? setFull(r.value) : setError(r.error)));
  }, [session.id]);
  const title = t('training.sessions.attendanceFor', { course: session.courseName, date: date(session.heldOn) });
  return (
    <InfoDialog title={title} onClose={onClose}>
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      <table className="data">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('training.matrix.staff')}</th>
            <th scope="col">{t('training.matrix.employeeId')}</th>
            <th scope="col">{t('training.filters.unit')}</th>
          </tr>
        </thead>
        <tbody>
          {full && full.attendees.length === 0 ? (
            <tr>
              <td colSpan={3}>{t('training.sessions.noAttendees')}</td>
            </tr>
          ) : null}
          {(full?.attendees ?? []).map((a) => (
            <tr key={a.recordId} className={a.voidedAt ? 'voided' : undefined}>
              <th scope="row">
                {a.name}
                {a.voidedAt ? <span className="cell-date">{t('training.record.voidedOn', { date: a.voidedAt.slice(0, 10), reason: a.voidReason })}</span> : null}
              </th>
              <td>{a.employeeId}</td>
              <td>{a.unitName ?? t('training.filters.noUnit')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </InfoDialog>
  );
}

function VoidSessionDialog(p: { session: TrainingSession; onClose(): void; onDone(count: number): void }) {
  const { t } = useTranslation();
  const { date } = useDates();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const labels = { reason: t('training.sessions.voidReason') };
  return (
    <FormDialog
      title={t('training.sessions.voidFor', { course: p.session.courseName, date: date(p.session.heldOn) })}
      submitLabel={t('training.sessions.voidConfirm')}
      error={error}
      labels={labels}
      onClose={p.onClose}
      onSubmit={async () => {
        const r = await call('training.voidSession', { id: p.session.id, reason });
        if (r.ok) p.onDone(r.value.voidedRecordIds.length);
        else setError(r.error);
      }}
    >
      <TextInput label={labels.reason} name="reason" value={reason} onChange={setReason} autoFocus required maxLength={200} />
    </FormDialog>
  );
}

/** The find box: typing narrows the list; Enter ticks the one person it matches (never submits the form). */
function FindField(p: { value: string; onChange(v: string): void; onEnter(): void }) {
  const { t } = useTranslation();
  return (
    <TextField className="field" name="find" type="search" value={p.value} onChange={p.onChange}>
      <Label>{t('training.sessions.find')}</Label>
      <Input
        autoComplete="off"
        spellCheck={false}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          p.onEnter();
        }}
      />
      <Text slot="description">{t('training.sessions.findHint')}</Text>
    </TextField>
  );
}

const folded = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function SessionForm(p: { facility: Facility; today: string; onCancel(): void; onSaved(s: TrainingSession): void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const printer = usePrinter();
  const [courses, setCourses] = useState<Course[]>([]);
  const [courseId, setCourseId] = useState('');
  const [heldOn, setHeldOn] = useState(p.today);
  const [hours, setHours] = useState('');
  const [instructor, setInstructor] = useState('');
  const [location, setLocation] = useState('');
  const [unitId, setUnitId] = useState('');
  const [shiftId, setShiftId] = useState('');
  const [candidates, setCandidates] = useState<{ rows: SessionCandidate[]; scheduleEntered: boolean | null } | null>(null);
  // Ticked people stay ticked when the filters change; their details are kept for the summary and for errors.
  const [ticked, setTicked] = useState<Map<number, SessionCandidate>>(new Map());
  const [find, setFind] = useState('');
  const [announce, setAnnounce] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void call('training.listCourses', { includeInactive: false }).then((r) => (r.ok ? setCourses(r.value.rows) : setError(r.error)));
  }, []);

  // The list follows the course, a whole date, unit and shift; nothing is asked while a year is half typed.
  const dateReady = isAsOfDate(heldOn);
  useEffect(() => {
    if (courseId === '' || !dateReady) return setCandidates(null);
    let current = true;
    void call('training.sessionCandidates', { courseId: Number(courseId), heldOn, unitId: unitId === '' ? null : Number(unitId), shiftId: shiftId === '' ? null : Number(shiftId) }).then((r) => {
      if (!current) return;
      if (r.ok) setCandidates(r.value);
      else setError(r.error);
    });
    return () => {
      current = false;
    };
  }, [courseId, heldOn, dateReady, unitId, shiftId]);

  const rows = useMemo(() => candidates?.rows ?? [], [candidates]);
  const needle = folded(find.trim());
  const visible = needle === '' ? rows : rows.filter((r) => folded(r.name).includes(needle) || folded(r.employeeId).includes(needle));
  const disabled = rows.filter((r) => r.alreadyRecorded).map((r) => r.staffId);

  const toggle = (person: SessionCandidate, on: boolean) =>
    setTicked((prev) => {
      const next = new Map(prev);
      if (on) next.set(person.staffId, person);
      else next.delete(person.staffId);
      return next;
    });

  const onFindEnter = () => {
    const text = find.trim();
    if (text === '') return;
    // An exact employee ID (what the sign-in sheet carries) wins; otherwise the one person left in the list.
    const exact = rows.filter((r) => r.employeeId.toLowerCase() === text.toLowerCase());
    const matches = (exact.length > 0 ? exact : visible).filter((r) => !r.alreadyRecorded);
    if (matches.length === 1) {
      const person = matches[0]!;
      const on = !ticked.has(person.staffId);
      toggle(person, on);
      setAnnounce(t(on ? 'training.sessions.tickedOne' : 'training.sessions.untickedOne', { name: person.name, employeeId: person.employeeId }));
      setFind('');
    } else if (matches.length === 0) setAnnounce(t('training.sessions.noMatch', { text }));
    else setAnnounce(t('training.sessions.manyMatch', { count: matches.length, text }));
  };

  const onSelection = (keys: Selection) => {
    const shown = new Set(visible.filter((r) => !r.alreadyRecorded).map((r) => r.staffId));
    setTicked((prev) => {
      const next = new Map([...prev].filter(([id]) => !shown.has(id)));
      for (const r of visible) if (shown.has(r.staffId) && (keys === 'all' || keys.has(r.staffId))) next.set(r.staffId, r);
      return next;
    });
  };

  const course = courses.find((c) => String(c.id) === courseId);
  const tickedList = [...ticked.values()].sort((a, b) => a.name.localeCompare(b.name));
  const labels: Record<string, string> = {
    courseId: t('training.sessions.course'),
    heldOn: t('training.sessions.heldOn'),
    hours: t('training.sessions.hours'),
    instructor: t('training.sessions.instructor'),
    location: t('training.sessions.location'),
    attendeeIds: t('training.sessions.attendees'),
  };
  const attendeeIds = tickedList.map((r) => r.staffId);
  // A problem with one attendee is shown under their name, not as "attendeeIds.3".
  attendeeIds.forEach((id, i) => {
    const person = ticked.get(id)!;
    labels[`attendeeIds.${i}`] = `${person.name} (${person.employeeId})`;
  });
  const errorOf = (path: string) => {
    const f = error?.fields?.find((x) => x.path === path);
    return f ? fieldText(f) : undefined;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const h = parseHours(hours);
    const local: FieldIssue[] = [...(courseId === '' ? [{ path: 'courseId', code: 'required' }] : []), ...(h === 'bad' ? [{ path: 'hours', code: 'invalid_number' }] : [])];
    if (local.length > 0 || h === 'bad') return setError({ code: 'validation', message: 'error.validation', fields: local });
    setSaving(true);
    const r = await call('training.recordSession', { courseId: Number(courseId), heldOn, hours: h, instructor, location: location.trim() === '' ? null : location, attendeeIds });
    setSaving(false);
    if (r.ok) p.onSaved(r.value);
    else setError(r.error);
  };

  const shiftOptions = [{ value: '', label: t('training.sessions.anyShift') }, ...p.facility.shifts.map((s) => ({ value: String(s.id), label: t('training.sessions.shiftName', { name: s.name, start: s.start, end: s.end }) }))];

  return (
    <section aria-labelledby="session-form-heading" className="session-form">
      <h2 id="session-form-heading">{t('training.sessions.formTitle')}</h2>
      <p className="description">{t('training.sessions.formIntro')}</p>
      <ErrorSummary error={error} labels={labels} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset>
          <legend>{t('training.sessions.classLegend')}</legend>
          <div className="toolbar">
            <SelectInput
              label={labels.courseId!}
              name="courseId"
              value={courseId}
              onChange={setCourseId}
              error={errorOf('courseId')}
              options={[{ value: '', label: t('training.sessions.chooseCourse') }, ...courses.map((c) => ({ value: String(c.id), label: c.name }))]}
            />
            <DateField label={labels.heldOn!} name="heldOn" value={heldOn} onChange={setHeldOn} required error={errorOf('heldOn')} />
            <TextInput label={labels.hours!} name="hours" value={hours} onChange={setHours} required description={t('training.sessions.hoursHint')} error={errorOf('hours')} />
          </div>
          <div className="toolbar">
            <TextInput label={labels.instructor!} name="instructor" value={instructor} onChange={setInstructor} required maxLength={120} error={errorOf('instructor')} />
            <TextInput label={labels.location!} name="location" value={location} onChange={setLocation} maxLength={120} error={errorOf('location')} />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('training.sessions.whoCanAttend')}</legend>
          <div className="toolbar">
            <SelectInput label={t('training.filters.unit')} name="unitId" value={unitId} onChange={setUnitId} options={unitOptionsOf(p.facility, t('training.filters.allUnits'))} />
            <SelectInput label={t('training.sessions.shift')} name="shiftId" value={shiftId} onChange={setShiftId} options={shiftOptions} />
            <FindField value={find} onChange={setFind} onEnter={onFindEnter} />
          </div>
          <p role="status" className="find-status">
            {announce}
          </p>
          {candidates === null ? <p className="empty">{t('training.sessions.chooseFirst')}</p> : null}
          {candidates?.scheduleEntered === false ? <Notice tone="info">{t('training.sessions.noSchedule')}</Notice> : null}
          {candidates !== null ? (
            <>
              <div className="toolbar">
                <Button onPress={() => onSelection('all')}>{t('training.sessions.tickShown')}</Button>
                <Button onPress={() => setTicked(new Map())}>{t('training.sessions.clear')}</Button>
                <span>{t('training.sessions.shownCount', { shown: visible.length })}</span>
              </div>
              <ListBox
                aria-label={t('training.sessions.listLabel')}
                className="attendee-list"
                selectionMode="multiple"
                items={visible}
                selectedKeys={new Set(visible.filter((r) => ticked.has(r.staffId)).map((r) => r.staffId))}
                disabledKeys={disabled}
                onSelectionChange={onSelection}
              >
                {(r) => (
                  <ListBoxItem id={r.staffId} textValue={`${r.name} ${r.employeeId}`} className="attendee">
                    {({ isSelected }) => (
                      <>
                        <span className="box" aria-hidden="true">
                          {isSelected ? '✓' : ''}
                        </span>
                        <span>
                          <strong>{r.name}</strong> ({r.employeeId}) · {t(`training.roles.${r.role}`)} · {r.unitName ?? t('training.filters.noUnit')}
                          {r.alreadyRecorded ? <span className="cell-date">{t('training.sessions.alreadyRecorded')}</span> : null}
                          {!r.required && !r.alreadyRecorded ? <span className="cell-date">{t('training.sessions.notRequired')}</span> : null}
                        </span>
                      </>
                    )}
                  </ListBoxItem>
                )}
              </ListBox>
            </>
          ) : null}
          <p className="ticked-count">
            <strong aria-live="polite">{t('training.sessions.tickedCount', { count: ticked.size })}</strong>
            {tickedList.length > 0 ? `: ${tickedList.map((r) => r.name).join(', ')}` : null}
          </p>
          {errorOf('attendeeIds') ? <p className="field-error">{errorOf('attendeeIds')}</p> : null}
        </fieldset>
        <div className="actions">
          <Button type="submit" className="primary" isDisabled={saving}>
            {t('training.sessions.save')}
          </Button>
          <Button
            isDisabled={printer.busy || course === undefined || !dateReady}
            onPress={async () =>
              setError(
                await printer.print({
                  document: 'training.signInSheet',
                  suggestedName: t('training.sessions.sheetFileName', { course: course?.name ?? '', date: heldOn }),
                  render: () => loadSignInSheet({ courseName: course?.name ?? '', heldOn, hours, instructor, location }, visible, { facility: p.facility, printedBy: user.displayName }),
                }),
              )
            }
          >
            {t('training.sessions.printSheet')}
          </Button>
          <Button onPress={p.onCancel}>{t('training.sessions.cancel')}</Button>
          {printer.busy ? <span role="status">{t('print.preparing')}</span> : null}
        </div>
      </form>
      {printer.view}
    </section>
  );
}
