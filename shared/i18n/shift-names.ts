import { catalogs } from './index';

type Lang = keyof typeof catalogs;
const keys = Object.keys(catalogs.en.setup.shiftNames) as (keyof typeof catalogs.en.setup.shiftNames)[];

/**
 * A shift's name in the reader's language. The set-up wizard stores the default shifts under the
 * names of the language it ran in ("Day", "Evening", "Night" / "Día", "Tarde", "Noche"); those are
 * shown in the reader's language, while a name the facility chose itself ("Long day") is its own
 * and shown as written.
 */
export function localShiftName(name: string, language: string): string {
  const lang: Lang = language in catalogs ? (language as Lang) : 'en';
  const typed = name.trim().toLocaleLowerCase();
  for (const key of keys) {
    if ((Object.keys(catalogs) as Lang[]).some((l) => catalogs[l].setup.shiftNames[key].toLocaleLowerCase() === typed)) return catalogs[lang].setup.shiftNames[key];
  }
  return name;
}
