import { useId, type ReactNode } from 'react';
import { Checkbox, FieldError, Input, Label, Text, TextField } from 'react-aria-components';

interface TextInputProps {
  label: string;
  /** The contract's input path, so main's field errors land on this control. */
  name: string;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'password' | 'search' | 'date' | 'time' | 'number';
  description?: string;
  autoFocus?: boolean;
  autoComplete?: string;
  required?: boolean;
  maxLength?: number;
  error?: string | undefined;
  /** Shown but not editable, e.g. a setting the administrator's policy fixes. */
  disabled?: boolean;
}

export function TextInput(p: TextInputProps) {
  return (
    <TextField
      className="field"
      name={p.name}
      type={p.type ?? 'text'}
      value={p.value}
      onChange={p.onChange}
      autoFocus={p.autoFocus ?? false}
      isDisabled={p.disabled ?? false}
      validationBehavior="aria"
      {...(p.error ? { isInvalid: true } : {})}
    >
      <Label>
        {p.label}
        {p.required ? <span aria-hidden="true"> *</span> : null}
      </Label>
      <Input autoComplete={p.autoComplete ?? 'off'} aria-required={p.required ?? false} maxLength={p.maxLength} spellCheck={false} />
      {p.description ? <Text slot="description">{p.description}</Text> : null}
      <FieldError>{p.error}</FieldError>
    </TextField>
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
}

/**
 * A native select on purpose: it is what screen readers and keyboards on locked-down
 * Windows PCs handle best, typing a letter jumps to it, and it needs no popover.
 */
export function SelectInput<V extends string>(p: SelectInputProps<V>) {
  const id = useId();
  const errorId = `${id}-error`;
  const descId = `${id}-desc`;
  const describedBy = [p.error ? errorId : '', p.description ? descId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <select
        id={id}
        name={p.name}
        value={p.value}
        disabled={p.disabled ?? false}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => p.onChange(e.target.value as V)}
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
      {p.error ? (
        <span id={errorId} className="field-error">
          {p.error}
        </span>
      ) : null}
    </div>
  );
}

export function CheckInput(p: { label: string; name: string; checked: boolean; onChange(v: boolean): void }) {
  return (
    <Checkbox className="checkbox" name={p.name} isSelected={p.checked} onChange={p.onChange}>
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
