import { setLanguage, useTranslation, type Language } from '../i18n';
import { languageOptions } from './choices';
import { SelectInput } from './fields';

export function LanguagePicker({ onChange }: { onChange?: (lang: Language) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-picker">
      <SelectInput<Language>
        label={t('app.language')}
        name="language"
        value={i18n.language as Language}
        options={languageOptions(t)}
        onChange={(lang) => {
          setLanguage(lang);
          onChange?.(lang);
        }}
      />
    </div>
  );
}
