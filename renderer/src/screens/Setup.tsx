import { useMemo, useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import type { AppError } from '../../../shared/result';
import { call } from '../api/client';
import { PageForm } from '../components/PageForm';
import { SelectInput, TextInput } from '../components/fields';
import { useMinPasswordLength, usePolicy } from '../app/policy';
import { paperSizeOptions, timeZoneOptions } from '../components/choices';
import { LanguagePicker } from '../components/LanguagePicker';
import { MoveFromStation } from './MoveFromStation';
import { fieldErrors, useTranslation, type Language } from '../i18n';

// Shift names are facility data, written in the language chosen at setup.
const patterns = {
  three8: [
    { key: 'day', start: '07:00', end: '15:00' },
    { key: 'evening', start: '15:00', end: '23:00' },
    { key: 'night', start: '23:00', end: '07:00' },
  ],
  two12: [
    { key: 'day', start: '07:00', end: '19:00' },
    { key: 'night', start: '19:00', end: '07:00' },
  ],
} as const;
type Pattern = keyof typeof patterns;

/** First run: the facility, its units and shifts, and the first administrator — one form, three sections. */
export function Setup(p: { onDone(): void }) {
  const { t, i18n } = useTranslation();
  const zones = useMemo(() => timeZoneOptions(), []);
  const { managed } = usePolicy();
  const minLength = useMinPasswordLength();
  const [name, setName] = useState('');
  // What the administrator's policy fixes starts fixed; the rest starts from this PC's settings.
  const [timeZone, setTimeZone] = useState(() => managed.timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'));
  const [paperSize, setPaperSize] = useState<'letter' | 'a4'>(managed.paperSize ?? 'letter');
  const fixed = (isManaged: boolean) => (isManaged ? { disabled: true, description: t('policy.managed') } : {});
  const [units, setUnits] = useState<string[]>(['']);
  const [pattern, setPattern] = useState<Pattern>('three8');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AppError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await call('setup.createFacility', {
      facility: {
        name,
        timeZone,
        paperSize,
        defaultLanguage: i18n.language as Language,
        units: units.map((u) => ({ name: u })),
        shifts: patterns[pattern].map((s) => ({ name: t(`setup.shiftNames.${s.key}`), start: s.start, end: s.end })),
      },
      admin: { username, displayName, password },
    });
    if (r.ok) p.onDone();
    else setError(r.error);
  }

  const labels: Record<string, string> = {
    'facility.name': t('setup.facilityName'),
    'facility.timeZone': t('setup.timeZone'),
    'facility.units': t('setup.units'),
    'admin.username': t('setup.adminUsername'),
    'admin.displayName': t('setup.adminDisplayName'),
    'admin.password': t('setup.adminPassword'),
  };
  units.forEach((_, i) => (labels[`facility.units.${i}.name`] = t('setup.unitName', { n: i + 1 })));
  const errors = fieldErrors(error);

  return (
    <main id="main" className="centered-card wide">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <LanguagePicker />
      <MoveFromStation onMoved={p.onDone} />
      <PageForm onSubmit={submit} error={error} labels={labels}>
        <fieldset>
          <legend>{t('setup.stepFacility')}</legend>
          <TextInput label={labels['facility.name']!} name="facility.name" value={name} onChange={setName} autoFocus required />
          <SelectInput label={labels['facility.timeZone']!} name="facility.timeZone" value={timeZone} onChange={setTimeZone} options={zones} error={errors['facility.timeZone']} {...fixed(managed.timeZone !== undefined)} />
          <SelectInput
            label={t('setup.paperSize')}
            name="facility.paperSize"
            value={paperSize}
            onChange={setPaperSize}
            options={paperSizeOptions(t)}
            {...fixed(managed.paperSize !== undefined)}
          />
        </fieldset>
        <fieldset>
          <legend>{t('setup.stepUnits')}</legend>
          {errors['facility.units'] ? <p className="field-error">{errors['facility.units']}</p> : null}
          {units.map((u, i) => (
            <div className="row" key={i}>
              <TextInput
                label={t('setup.unitName', { n: i + 1 })}
                name={`facility.units.${i}.name`}
                value={u}
                onChange={(v) => setUnits(units.map((x, j) => (j === i ? v : x)))}
                required
              />
              {units.length > 1 ? (
                <Button className="link" onPress={() => setUnits(units.filter((_, j) => j !== i))}>
                  {t('setup.removeUnit', { n: i + 1 })}
                </Button>
              ) : null}
            </div>
          ))}
          <Button onPress={() => setUnits([...units, ''])}>{t('setup.addUnit')}</Button>
          <SelectInput<Pattern>
            label={t('setup.shiftPattern')}
            name="facility.shifts"
            value={pattern}
            onChange={setPattern}
            options={[
              { value: 'three8', label: t('setup.patterns.three8') },
              { value: 'two12', label: t('setup.patterns.two12') },
            ]}
          />
        </fieldset>
        <fieldset>
          <legend>{t('setup.stepAdmin')}</legend>
          <TextInput label={labels['admin.displayName']!} name="admin.displayName" value={displayName} onChange={setDisplayName} autoComplete="name" required />
          <TextInput label={labels['admin.username']!} name="admin.username" value={username} onChange={setUsername} autoComplete="username" required />
          <TextInput label={labels['admin.password']!} name="admin.password" type="password" value={password} onChange={setPassword} description={t('auth.passwordHint', { min: minLength })} autoComplete="new-password" required />
        </fieldset>
        <Button type="submit" className="primary">
          {t('setup.create')}
        </Button>
      </PageForm>
    </main>
  );
}
