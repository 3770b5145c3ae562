import { useId, type KeyboardEvent, type ReactNode } from 'react';
import { Checkbox, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { fieldText, useTranslation } from '../i18n';
import { useFieldError } from './form-errors';

interface TextInputProps {
  label: string;
  /** The contract's input path, so main's field errors land on this control. */
  name: string;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'password' | 'search' | 'time' | 'number';
  description?: string;
  /** The description is read to screen readers but not shown (a compact toolbar). */
  descriptionHidden?: boolean;
  placeholder?: string;
  autoFocus?: boolean;
  autoComplete?: string;
  required?: boolean;
  /**
   * The contract's limit. Longer text is kept as typed (a paste is never cut silently) and named at
   * once with the real limit and how far over it is.
   */
  maxLength?: number;
  error?: string | undefined;
  /** Shown but not editable, e.g. a setting the administrator's policy fixes. */
  disabled?: boolean;
  onKeyDown?(e: KeyboardEvent<HTMLInputElement>): void;
}

/** The required mark beside a label; "Fields marked * are required" explains it once per form. */
export function RequiredMark({ required }: { required: boolean | undefined }) {
  return required ? <span aria-hidden="true" className="required-mark"> *</span> : null;
}

export function TextInput(p: TextInputProps) {
  const [mainError, edited] = useFieldError(p.name, p.error);
  const tooLong = p.maxLength !== undefined && p.value.trim().length > p.maxLength ? fieldText({ path: p.name, code: 'too_long_now', params: { max: p.maxLength, length: p.value.trim().length } }) : undefined;
  const error = tooLong ?? mainError;
  return (
    <TextField
      className="field"
      name={p.name}
      type={p.type ?? 'text'}
      value={p.value}
      onChange={(v) => {
        edited();
        p.onChange(v);
      }}
      autoFocus={p.autoFocus ?? false}
      isDisabled={p.disabled ?? false}
      validationBehavior="aria"
      isInvalid={error !== undefined ? true : undefined}
    >
      <Label>
        {p.label}
        <RequiredMark required={p.required} />
      </Label>
      <Input autoComplete={p.autoComplete ?? 'off'} aria-required={p.required ?? false} spellCheck={false} placeholder={p.placeholder} onKeyDown={p.onKeyDown} />
      {p.description ? (
        <Text slot="description" className={p.descriptionHidden ? 'visually-hidden' : undefined}>
          {p.description}
        </Text>
      ) : null}
      <FieldError data-error-for={p.name}>{error}</FieldError>
    </TextField>
  );
}

/**
 * A search box: a native input with its label and a hint read to screen readers, like SelectInput.
 * For a list's filter bar that is built on every arrival at the list (the census), where react-aria's
 * TextField — validation state, form errors, focus and hover hooks a search box never uses — cost
 * more to mount than the rest of the bar. A search has no field errors from main.
 */
export function SearchInput(p: { label: string; name: string; value: string; onChange(value: string): void; hint?: string; placeholder?: string; onKeyDown?(e: KeyboardEvent<HTMLInputElement>): void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <input
        id={id}
        name={p.name}
        type="search"
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        aria-describedby={p.hint ? `${id}-hint` : undefined}
        placeholder={p.placeholder}
        autoComplete="off"
        spellCheck={false}
        onKeyDown={p.onKeyDown}
      />
      {p.hint ? (
        <span id={`${id}-hint`} className="visually-hidden">
          {p.hint}
        </span>
      ) : null}
    </div>
  );
}

interface SelectInputProps<V extends string> {
  label: string;
  name: string;
  value: NoInfer<V>;
  onChange(value: NoInfer<V>): void;
  options: readonly { value: V; label: string }[];
  error?: string | undefined;
  description?: string;
  disabled?: boolean;
  required?: boolean;
}

/**
 * A native select on purpose: it is what screen readers and keyboards on locked-down
 * Windows PCs handle best, typing a letter jumps to it, and it needs no popover.
 */
export function SelectInput<V extends string>(p: SelectInputProps<V>) {
  const id = useId();
  const [error, edited] = useFieldError(p.name, p.error);
  const errorId = `${id}-error`;
  const descId = `${id}-desc`;
  const describedBy = [error ? errorId : '', p.description ? descId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {p.label}
        <RequiredMark required={p.required} />
      </label>
      <select
        id={id}
        name={p.name}
        value={p.value}
        disabled={p.disabled ?? false}
        aria-invalid={error ? true : undefined}
        aria-required={p.required ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => {
          edited();
          p.onChange(e.target.value as V);
        }}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {p.description ? (
        <span id={descId} className="description">
          {p.description}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="field-error" data-error-for={p.name}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function CheckInput(p: { label: string; name: string; checked: boolean; onChange(v: boolean): void }) {
  const [, edited] = useFieldError(p.name, undefined);
  return (
    <Checkbox
      className="checkbox"
      name={p.name}
      isSelected={p.checked}
      onChange={(v) => {
        edited();
        p.onChange(v);
      }}
    >
      <span className="box" aria-hidden="true">
        {p.checked ? '✓' : ''}
      </span>
      {p.label}
    </Checkbox>
  );
}

/** A message that screen readers announce; `tone` only changes colour and icon, never meaning. */
export function Notice(p: { tone: 'error' | 'info' | 'success'; children: ReactNode; id?: string }) {
  return (
    <div id={p.id} className={`notice notice-${p.tone}`} role={p.tone === 'error' ? 'alert' : 'status'}>
      {p.children}
    </div>
  );
}

/** "Fields marked * are required": once at the top of a form that has any. */
export function RequiredNote() {
  const { t } = useTranslation();
  return <p className="required-note">{t('form.requiredNote')}</p>;
}
