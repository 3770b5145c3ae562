import { useEffect, useMemo, useState } from 'react';
import { Button } from 'react-aria-components';
import type { Facility } from '../../../../shared/contract/facility';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { languageOptions, paperSizeOptions, timeZoneOptions } from '../../components/choices';
import { PageForm } from '../../components/PageForm';
import { Notice, SelectInput, TextInput } from '../../components/fields';
import { errorText, fieldErrors, useTranslation, type Language } from '../../i18n';
import { PolicyProblems, usePolicy } from '../../app/policy';

export function FacilityPanel() {
  const { t } = useTranslation();
  const [facility, setFacility] = useState<Facility | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const [paperSize, setPaperSize] = useState<'letter' | 'a4'>('letter');
  const [defaultLanguage, setDefaultLanguage] = useState<Language>('en');
  const [idle, setIdle] = useState('10');
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => timeZoneOptions(), []);
  const policy = usePolicy();
  const { managed } = policy;
  // A setting the policy fixes is shown, disabled, with the reason instead of a hint.
  const fixed = (isManaged: boolean) => (isManaged ? { disabled: true, description: t('policy.managed') } : {});

  useEffect(() => {
    void call('facility.get', {}).then((r) => {
      if (!r.ok) return setLoadError(r.error);
      const f = r.value;
      setFacility(f);
      setName(f.name);
      setTimeZone(f.timeZone);
      setPaperSize(f.paperSize);
      setDefaultLanguage(f.defaultLanguage);
      setIdle(String(f.idleLockMinutes));
    });
  }, []);

  if (loadError) return <Notice tone="error">{errorText(loadError)}</Notice>;
  if (!facility) return <p>{t('app.loading')}</p>;

  const labels = {
    name: t('setup.facilityName'),
    timeZone: t('setup.timeZone'),
    paperSize: t('setup.paperSize'),
    defaultLanguage: t('setup.defaultLanguage'),
    idleLockMinutes: t('admin.idleLockMinutes'),
  };
  const errors = fieldErrors(error);

  return (
    <section aria-labelledby="facility-heading">
      <h2 id="facility-heading">{t('admin.facilityTab')}</h2>
      {saved ? <Notice tone="success">{t('admin.saved')}</Notice> : null}
      <PolicyProblems />
      {policy.serverOverridesDataFolder ? <Notice tone="info">{t('policy.serverOverridesDataFolder')}</Notice> : null}
      <PageForm
        error={error}
        labels={labels}
        onSubmit={async (e) => {
          e.preventDefault();
          setSaved(false);
          const minutes = Number(idle);
          const r = await call('facility.update', { name, timeZone, paperSize, defaultLanguage, idleLockMinutes: Number.isInteger(minutes) ? minutes : -1 });
          if (r.ok) {
            setError(null);
            setFacility(r.value);
            setSaved(true);
          } else setError(r.error);
        }}
      >
        <TextInput label={labels.name} name="name" value={name} onChange={setName} required />
        <SelectInput label={labels.timeZone} name="timeZone" value={timeZone} onChange={setTimeZone} options={zones} error={errors.timeZone} {...fixed(managed.timeZone !== undefined)} />
        <SelectInput
          label={labels.paperSize}
          name="paperSize"
          value={paperSize}
          onChange={setPaperSize}
          options={paperSizeOptions(t)}
          error={errors.paperSize}
          {...fixed(managed.paperSize !== undefined)}
        />
        <SelectInput<Language>
          label={labels.defaultLanguage}
          name="defaultLanguage"
          value={defaultLanguage}
          onChange={setDefaultLanguage}
          options={languageOptions(t)}
          error={errors.defaultLanguage}
          {...fixed(managed.language !== undefined)}
        />
        <TextInput label={labels.idleLockMinutes} name="idleLockMinutes" type="number" value={idle} onChange={setIdle} required error={errors.idleLockMinutes} {...fixed(managed.idleLockMinutes !== undefined)} />
        <Button type="submit" className="primary">
          {t('admin.save')}
        </Button>
      </PageForm>
    </section>
  );
}
