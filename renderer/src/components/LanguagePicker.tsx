import { usePolicy } from '../app/policy';
import { setLanguage, useTranslation, type Language } from '../i18n';
import { languageOptions } from './choices';
import { SelectInput } from './fields';

export function LanguagePicker({ onChange }: { onChange?: (lang: Language) => void }) {
  const { t, i18n } = useTranslation();
  const managed = usePolicy().managed.language !== undefined;
  return (
    <div className="language-picker">
      <SelectInput<Language>
        label={t('app.language')}
        name="language"
        value={i18n.language as Language}
        options={languageOptions(t)}
        {...(managed ? { disabled: true, description: t('policy.managed') } : {})}
        onChange={(lang) => {
          setLanguage(lang);
          onChange?.(lang);
        }}
      />
    </div>
  );
}
