import { Fragment, useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Label, Radio, RadioGroup } from 'react-aria-components';
import type { Facility } from '../../../../shared/contract/facility';
import type { ActionOut, NoteOut, NotesResident } from '../../../../shared/contract/handoff';
import type { OutputOf } from '../../../../shared/contract';
import { HANDOFF_TEMPLATES, ILLNESS_SEVERITIES, NOTE_LIMITS, TEMPLATE_FIELDS, type HandoffTemplate, type IllnessSeverity, type NoteTextField } from '../../../../shared/domain/handoff/vocabulary';
import type { AppError } from '../../../../shared/result';
import { useLiveRefresh } from '../../api/changes';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { useCan } from '../../app/session';
import { Notice, SelectInput, TextInput } from '../../components/fields';
import { clockTime, errorText, shiftName, useTranslation } from '../../i18n';
import type { Selection } from './HandoffScreen';
import { allergyItems, codeStatusText, dobOf, nameOf, roomOf } from './words';

type Notes = OutputOf<'handoff.notes'>;

interface Draft {
  template: HandoffTemplate;
  severity: IllnessSeverity | null;
  summary: string;
  awareness: string;
  situation: string;
  background: string;
  assessment: string;
  recommendation: string;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'over' }
  | { kind: 'conflict'; error: AppError }
  | { kind: 'failed'; error: AppError };

const AUTOSAVE_MS = 700;

function draftOf(note: NoteOut | null, template: HandoffTemplate): Draft {
  return {
    template: note?.template ?? template,
    severity: note?.severity ?? null,
    summary: note?.summary ?? '',
    awareness: note?.awareness ?? '',
    situation: note?.situation ?? '',
    background: note?.background ?? '',
    assessment: note?.assessment ?? '',
    recommendation: note?.recommendation ?? '',
  };
}

const overLimit = (d: Draft) => (Object.keys(NOTE_LIMITS) as (keyof typeof NOTE_LIMITS)[]).some((k) => k in d && (d[k as NoteTextField] ?? '').trim().length > NOTE_LIMITS[k]);
const hasText = (n: NoteOut | null) => n !== null && (n.severity !== null || [n.summary, n.awareness, n.situation, n.background, n.assessment, n.recommendation].some((x) => x));

/**
 * Writing a unit's handoff notes, fast: residents in room order on the left, one resident's note on
 * the right. Alt+Down and Alt+Up (or "Next resident" after the last field) move on; every change is
 * saved by itself a moment after typing stops, over the version it was written from.
 */
export function NotesPanel({ facility, selection }: { facility: Facility; selection: Selection }) {
  const { t } = useTranslation();
  const canWrite = useCan('handoff.write');
  const canManage = useCan('facility.manage');
  const [data, setData] = useState<Notes | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [index, setIndex] = useState(0);
  const [focusEditor, setFocusEditor] = useState(false);

  const load = useCallback(async () => {
    const r = await call('handoff.notes', selection);
    if (r.ok) setData(r.value);
    else setError(r.error);
  }, [selection]);
  useEffect(() => void load(), [load]);
  // Another station's notes and actions arrive without a reload; the note being typed is the editor's own.
  useLiveRefresh(['handoff_note', 'handoff_action', 'resident'], () => void load());

  const updateResident = useCallback((residentId: number, change: (r: NotesResident) => NotesResident) => {
    setData((d) => (d ? { ...d, residents: d.residents.map((r) => (r.residentId === residentId ? change(r) : r)) } : d));
  }, []);

  if (error) return <Notice tone="error">{errorText(error)}</Notice>;
  if (!data) return <p className="loading">{t('app.loading')}</p>;
  const unit = facility.units.find((u) => u.id === selection.unitId)?.name ?? '';
  if (data.residents.length === 0) return <p className="empty">{t('handoff.emptyUnit', { unit })}</p>;
  const current = data.residents[Math.min(index, data.residents.length - 1)]!;
  const go = (next: number) => {
    setIndex(Math.max(0, Math.min(data.residents.length - 1, next)));
    setFocusEditor(true);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
    e.preventDefault();
    go(index + (e.key === 'ArrowDown' ? 1 : -1));
  };

  return (
    // The shortcut works wherever focus is in the panel, so a nurse never leaves the keyboard.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions -- a keyboard shortcut container, not a control
    <div className="handoff-notes" onKeyDown={onKeyDown}>
      <nav className="handoff-residents" aria-label={t('handoff.residentsOf', { unit })}>
        <p className="handoff-keys">{t('handoff.keysHint')}</p>
        {canManage ? <TemplateChoice template={data.template} onChanged={() => void load()} /> : null}
        <ol>
          {data.residents.map((r, i) => (
            <li key={r.residentId}>
              <button type="button" aria-current={i === index ? 'true' : undefined} onClick={() => go(i)}>
                <span className="room">{roomOf(r)}</span> <span className="name">{nameOf(r)}</span>
                <span className="state">{hasText(r.note) ? t('handoff.noteState.written') : t('handoff.noteState.empty')}</span>
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <NoteEditor
        key={current.residentId}
        resident={current}
        data={data}
        canWrite={canWrite}
        autoFocus={focusEditor}
        isLast={index >= data.residents.length - 1}
        onNext={() => go(index + 1)}
        onSaved={(note) => updateResident(current.residentId, (r) => ({ ...r, note }))}
        onActions={(actions) => updateResident(current.residentId, (r) => ({ ...r, actions }))}
        selection={selection}
      />
    </div>
  );
}

function TemplateChoice({ template, onChanged }: { template: HandoffTemplate; onChanged(): void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<AppError | null>(null);
  return (
    <>
      <SelectInput
        label={t('handoff.template.label')}
        name="template"
        value={template}
        description={t('handoff.template.hint')}
        onChange={async (v) => {
          const r = await call('handoff.setTemplate', { template: v });
          if (r.ok) onChanged();
          else setError(r.error);
        }}
        options={HANDOFF_TEMPLATES.map((x) => ({ value: x, label: t(`handoff.template.${x}`) }))}
      />
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
    </>
  );
}

/** A note field that counts against its limit while typing and never cuts what was typed or pasted. */
function NoteArea(p: { label: string; name: NoteTextField; value: string; max: number; disabled: boolean; onChange(v: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  const length = p.value.trim().length;
  const over = length - p.max;
  return (
    <div className="field note-field">
      <label htmlFor={id}>{p.label}</label>
      <textarea
        id={id}
        name={p.name}
        value={p.value}
        rows={p.name === 'summary' ? 4 : 3}
        disabled={p.disabled}
        aria-invalid={over > 0 ? true : undefined}
        aria-describedby={`${id}-count`}
        onChange={(e) => p.onChange(e.target.value)}
      />
      <span id={`${id}-count`} className={over > 0 ? 'counter field-error' : 'counter'}>
        {over > 0 ? t('handoff.counter.over', { over, max: p.max }) : t('handoff.counter.count', { count: length, max: p.max })}
      </span>
    </div>
  );
}

function NoteEditor(p: {
  resident: NotesResident;
  data: Notes;
  selection: Selection;
  canWrite: boolean;
  autoFocus: boolean;
  isLast: boolean;
  onNext(): void;
  onSaved(note: NoteOut): void;
  onActions(actions: ActionOut[]): void;
}) {
  const { t, i18n } = useTranslation();
  const { date: day } = useDates();
  const r = p.resident;
  const [draft, setDraft] = useState<Draft>(() => draftOf(r.note, p.data.template));
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  // What the next save needs, current even inside a timer or the unmount cleanup.
  const live = useRef({ draft, version: r.note?.version ?? null, dirty: false, saving: false, blocked: false });
  const timer = useRef<number | null>(null);
  const first = useRef<HTMLDivElement>(null);
  const onSaved = useRef(p.onSaved);
  useEffect(() => {
    onSaved.current = p.onSaved;
  });

  useEffect(() => {
    if (p.autoFocus) first.current?.querySelector<HTMLElement>('input, textarea')?.focus();
  }, [p.autoFocus]);

  const save = useCallback(async (): Promise<void> => {
    const l = live.current;
    // One save at a time; what is typed while one is on its way goes in the next round of this loop.
    while (!l.saving && !l.blocked && l.dirty) {
      if (overLimit(l.draft)) {
        setState({ kind: 'over' });
        return;
      }
      l.saving = true;
      l.dirty = false;
      setState({ kind: 'saving' });
      const d = l.draft;
      const res = await call('handoff.saveNote', {
        residentId: r.residentId,
        date: p.selection.date,
        shiftId: p.selection.shiftId,
        expectedVersion: l.version,
        template: d.template,
        severity: d.severity,
        summary: d.summary,
        awareness: d.awareness,
        situation: d.situation,
        background: d.background,
        assessment: d.assessment,
        recommendation: d.recommendation,
      });
      l.saving = false;
      if (res.ok) {
        l.version = res.value.version;
        onSaved.current(res.value);
        setState({ kind: 'saved', at: res.value.updatedAt });
      } else if (res.error.code === 'conflict') {
        // Another station saved a newer version: stop, keep what was typed, let the person choose.
        l.blocked = true;
        l.dirty = true;
        setState({ kind: 'conflict', error: res.error });
      } else {
        l.dirty = true;
        setState({ kind: 'failed', error: res.error });
        return;
      }
    }
  }, [r.residentId, p.selection.date, p.selection.shiftId]);

  // Leaving the resident (or the screen) saves what is pending at once.
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      void save();
    },
    [save],
  );

  const change = (next: Partial<Draft>) => {
    const d = { ...live.current.draft, ...next };
    live.current.draft = d;
    live.current.dirty = true;
    setDraft(d);
    setState(overLimit(d) ? { kind: 'over' } : { kind: 'pending' });
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(), AUTOSAVE_MS);
  };

  const keepMine = () => {
    const current = state.kind === 'conflict' ? state.error.params?.currentVersion : undefined;
    live.current.version = typeof current === 'number' ? current : live.current.version;
    live.current.blocked = false;
    void save();
  };
  const takeTheirs = async () => {
    const res = await call('handoff.notes', { unitId: p.selection.unitId, date: p.selection.date, shiftId: p.selection.shiftId });
    if (!res.ok) return setState({ kind: 'failed', error: res.error });
    const theirs = res.value.residents.find((x) => x.residentId === r.residentId)?.note ?? null;
    const d = draftOf(theirs, p.data.template);
    live.current = { draft: d, version: theirs?.version ?? null, dirty: false, saving: false, blocked: false };
    setDraft(d);
    if (theirs) p.onSaved(theirs);
    setState({ kind: 'idle' });
  };

  const carryForward = () => {
    const prev = r.previous;
    if (!prev) return;
    // Text only, into empty fields: illness severity is this shift's own judgement.
    const next: Partial<Draft> = {};
    for (const f of ['summary', 'awareness', 'situation', 'background', 'assessment', 'recommendation'] as const) {
      if (draft[f].trim() === '' && prev[f]) next[f] = prev[f];
    }
    if (prev.template !== draft.template && !hasText(r.note)) next.template = prev.template;
    change(next);
  };

  const fields = TEMPLATE_FIELDS[draft.template];
  const disabled = !p.canWrite;
  const allergies = allergyItems(r.allergies);
  const prevShift = p.data.previous;
  const actionList = <ActionList resident={r} selection={p.selection} canWrite={p.canWrite} onActions={p.onActions} />;

  return (
    <section className="note-editor" aria-labelledby="note-heading">
      <header className="note-resident">
        <h2 id="note-heading">
          {roomOf(r)} · {nameOf(r)}
        </h2>
        <p>
          {dobOf(r, i18n.language)} · <strong className={`code-status code-${r.codeStatus ?? 'none'}`}>{codeStatusText(r.codeStatus)}</strong> ·{' '}
          {allergies.map((a, i) => (
            <span key={i} className={a.severe ? 'allergy allergy-severe' : r.allergies.state === 'not_recorded' ? 'allergy-not_recorded' : undefined}>
              {i > 0 ? ', ' : ''}
              {a.severe ? `${t('handoff.words.severe')} ` : ''}
              {a.text}
            </span>
          ))}
        </p>
      </header>
      {!p.canWrite ? <Notice tone="info">{t('handoff.readOnly')}</Notice> : null}
      <div ref={first} className="note-fields">
        {draft.template === 'ipass' ? (
          <RadioGroup
            className="severity"
            orientation="horizontal"
            value={draft.severity}
            isDisabled={disabled}
            onChange={(v) => change({ severity: v as IllnessSeverity })}
          >
            <Label>{t('handoff.severity.label')}</Label>
            <div className="severity-options">
              {ILLNESS_SEVERITIES.map((s) => (
                <Radio key={s} value={s}>
                  {t(`handoff.severity.${s}`)}
                </Radio>
              ))}
            </div>
          </RadioGroup>
        ) : null}
        {fields.map((f) => (
          <Fragment key={f}>
            <NoteArea label={t(`handoff.field.${f}`)} name={f} value={draft[f]} max={NOTE_LIMITS[f]} disabled={disabled} onChange={(v) => change({ [f]: v })} />
            {/* I-PASS order: the Action list comes between the summary and situation awareness. */}
            {f === 'summary' ? actionList : null}
          </Fragment>
        ))}
      </div>
      <p className="autosave" role="status">
        {state.kind === 'saving' ? t('handoff.autosave.saving') : null}
        {state.kind === 'pending' ? t('handoff.autosave.pending') : null}
        {state.kind === 'saved' ? t('handoff.autosave.saved', { time: clockTime(state.at) }) : null}
        {state.kind === 'idle' && r.note ? t('handoff.autosave.lastSaved', { time: clockTime(r.note.updatedAt), name: r.note.updatedByName ?? '' }) : null}
      </p>
      {state.kind === 'over' ? <Notice tone="error">{t('handoff.autosave.over')}</Notice> : null}
      {state.kind === 'failed' ? <Notice tone="error">{errorText(state.error)}</Notice> : null}
      {state.kind === 'conflict' ? (
        <Notice tone="error">
          <p>{t('handoff.autosave.conflict', { message: errorText(state.error) })}</p>
          <div className="actions">
            <Button onPress={keepMine}>{t('handoff.autosave.keepMine')}</Button>
            <Button onPress={() => void takeTheirs()}>{t('handoff.autosave.useTheirs')}</Button>
          </div>
        </Notice>
      ) : null}
      {r.previous && hasText(r.previous) && p.canWrite ? (
        <div className="carry-forward">
          <p>
            <strong>{t('handoff.previousNote', { shift: shiftName(prevShift.shiftName), date: day(prevShift.date) })}</strong>{' '}
            {[r.previous.summary, r.previous.awareness, r.previous.situation, r.previous.background, r.previous.assessment, r.previous.recommendation].filter(Boolean).join(' · ')}
          </p>
          <Button className="small" onPress={carryForward}>
            {t('handoff.carryForward')}
          </Button>
          <span className="description">{t('handoff.carryForwardHint')}</span>
        </div>
      ) : null}
      {draft.template === 'sbar' ? actionList : null}
      <div className="actions">
        <Button className="primary" onPress={p.onNext} isDisabled={p.isLast}>
          {t('handoff.nextResident')}
        </Button>
      </div>
    </section>
  );
}

/** The A of I-PASS: to-dos with owner and due time, carried from shift to shift until done. */
function ActionList(p: { resident: NotesResident; selection: Selection; canWrite: boolean; onActions(a: ActionOut[]): void }) {
  const { t } = useTranslation();
  const { date: day } = useDates();
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const actions = p.resident.actions;

  const add = async () => {
    if (text.trim() === '') return;
    const r = await call('handoff.addAction', { residentId: p.resident.residentId, date: p.selection.date, shiftId: p.selection.shiftId, text, owner, dueTime: due === '' ? null : due });
    if (!r.ok) return setError(r.error);
    setError(null);
    setText('');
    setOwner('');
    setDue('');
    p.onActions([...actions, r.value]);
  };
  const done = async (a: ActionOut) => {
    const r = await call('handoff.completeAction', { id: a.id, expectedVersion: a.version });
    if (!r.ok) return setError(r.error);
    p.onActions(actions.filter((x) => x.id !== a.id));
  };
  const enter = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void add();
    }
  };

  return (
    <fieldset className="handoff-actions">
      <legend>{t('handoff.actions.title')}</legend>
      {actions.length === 0 ? <p className="empty">{t('handoff.actions.none')}</p> : null}
      <ul>
        {actions.map((a) => (
          <li key={a.id}>
            <span>
              {a.text}
              {a.owner ? ` · ${t('handoff.actions.by', { owner: a.owner })}` : ''}
              {a.dueTime ? ` · ${t('handoff.actions.dueAt', { time: a.dueTime, date: a.dueDate ? day(a.dueDate) : '' })}` : ''}
            </span>
            {p.canWrite ? (
              <Button className="small" aria-label={t('handoff.actions.doneLabel', { text: a.text })} onPress={() => void done(a)}>
                {t('handoff.actions.done')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {p.canWrite ? (
        <div className="row handoff-action-add">
          <TextInput label={t('handoff.actions.text')} name="text" value={text} maxLength={NOTE_LIMITS.actionText} onChange={setText} onKeyDown={enter} />
          <TextInput label={t('handoff.actions.owner')} name="owner" value={owner} maxLength={NOTE_LIMITS.actionOwner} onChange={setOwner} onKeyDown={enter} />
          <TextInput label={t('handoff.actions.due')} name="dueTime" type="time" value={due} onChange={setDue} onKeyDown={enter} />
          <Button onPress={() => void add()} isDisabled={text.trim() === ''}>
            {t('handoff.actions.add')}
          </Button>
        </div>
      ) : null}
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
    </fieldset>
  );
}
