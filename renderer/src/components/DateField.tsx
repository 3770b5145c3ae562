import { useState } from 'react';
import { FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { formatDate } from '../../../shared/domain/date-display';
import { PLAUSIBLE_DATES, readTypedDate, typedDateText, type DateBounds, type DateEntry } from '../../../shared/domain/date-entry';
import { isIsoDate } from '../../../shared/domain/dates';
import { useFacilityFormat } from '../app/facility';
import { fieldText, useTranslation } from '../i18n';
import { RequiredMark } from './fields';
import { useFieldError } from './form-errors';

interface DateFieldProps {
  label: string;
  /** The contract's input path, so main's field errors land on this control. */
  name: string;
  /**
   * 'YYYY-MM-DD' when what is typed is a date, '' when the field is empty, otherwise the text as
   * typed — so a form never mistakes a half-typed date for a date, and main names it if it is sent.
   */
  value: string;
  onChange(value: string): void;
  required?: boolean;
  autoFocus?: boolean;
  /** Narrower than the plausible 1900–2099, e.g. a date of birth: not in the future, at most 120 years ago. */
  bounds?: Partial<DateBounds>;
  error?: string | undefined;
  /** A compact toolbar shows the format hint to screen readers only. */
  compact?: boolean;
}

/**
 * The one date input of the app: typed in the facility's order (MM/DD/YYYY or DD/MM/YYYY, or
 * ISO), checked at each keystroke, and echoed with the month as a word ("Reads as May 12, 1941")
 * so nobody has to trust that 05/12 was read the way it was meant. One message at a time, in the
 * reader's language: what is wrong with the text now, else what main said about the last value sent.
 */
export function DateField(p: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const { dateOrder } = useFacilityFormat();
  const bounds: DateBounds = { ...PLAUSIBLE_DATES, ...p.bounds };
  const [mainError, edited] = useFieldError(p.name, p.error);
  // The text follows the keyboard; the value follows the text. A value set from outside (a reset,
  // a restored draft) rewrites the text.
  const [shown, setShown] = useState({ value: p.value, text: isIsoDate(p.value) ? typedDateText(p.value, dateOrder) : p.value });
  if (shown.value !== p.value) setShown({ value: p.value, text: isIsoDate(p.value) ? typedDateText(p.value, dateOrder) : p.value });
  const [focused, setFocused] = useState(false);
  const [left, setLeft] = useState(false);

  const entry = readTypedDate(shown.text, dateOrder, bounds, left && !focused);
  const format = t(`date.pattern.${dateOrder}`);
  const ownProblem = entry.kind === 'invalid' ? problemText(entry, format, i18n.language) : undefined;
  const error = ownProblem ?? (entry.kind === 'partial' ? undefined : mainError);
  const description = entry.kind === 'date' ? t('date.reads', { date: formatDate(entry.iso, i18n.language) }) : format;

  const change = (text: string) => {
    const next = readTypedDate(text, dateOrder, bounds);
    const value = next.kind === 'date' ? next.iso : next.kind === 'empty' ? '' : text.trim();
    edited();
    setShown({ value, text });
    setLeft(false);
    if (value !== p.value) p.onChange(value);
  };

  return (
    <TextField
      className="field date-field"
      name={p.name}
      value={shown.text}
      onChange={change}
      onFocus={() => setFocused(true)}
      onBlur={() => {
        setFocused(false);
        setLeft(true);
        // "5/2/1941" or "05021941" is shown back the one way the facility writes it.
        if (entry.kind === 'date') setShown({ value: shown.value, text: typedDateText(entry.iso, dateOrder) });
      }}
      autoFocus={p.autoFocus ?? false}
      validationBehavior="aria"
      isInvalid={error !== undefined ? true : undefined}
    >
      <Label>
        {p.label}
        <RequiredMark required={p.required} />
      </Label>
      <Input autoComplete="off" aria-required={p.required ?? false} spellCheck={false} inputMode="numeric" size={12} />
      <Text slot="description" className={p.compact && entry.kind !== 'date' ? 'visually-hidden' : 'date-reads'}>
        {description}
      </Text>
      <FieldError data-error-for={p.name}>{error}</FieldError>
    </TextField>
  );
}

function problemText(entry: Extract<DateEntry, { kind: 'invalid' }>, format: string, language: string): string {
  const params: Record<string, string | number> = { format, ...entry.params };
  if (typeof params.date === 'string') params.date = formatDate(params.date, language);
  return fieldText({ path: '', code: entry.code, params });
}
