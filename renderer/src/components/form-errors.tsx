import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { AppError } from '../../../shared/result';
import { fieldErrors } from '../i18n';

/**
 * The problems main reported for a form, as its fields see them. A field's message goes away as
 * soon as the person changes that field (main's verdict was about the old value); the next answer
 * from main brings a fresh set.
 */
export interface FormErrors {
  /** The error with the issues of fields edited since it came, or null when none is left. */
  visible: AppError | null;
  messageFor(path: string): string | undefined;
  /** True once the field was changed after main's answer came. */
  isEdited(path: string): boolean;
  edited(path: string): void;
}

export const FormErrorsContext = createContext<FormErrors | null>(null);

const touches = (issuePath: string, edited: ReadonlySet<string>) => [...edited].some((p) => issuePath === p || issuePath.startsWith(`${p}.`));

export function useFormErrors(error: AppError | null): FormErrors {
  const [state, setState] = useState({ error, edited: new Set<string>() as ReadonlySet<string> });
  if (state.error !== error) setState({ error, edited: new Set() });
  const edited = useCallback(
    (path: string) =>
      setState((s) => (s.edited.has(path) || !s.error?.fields?.some((f) => touches(f.path, new Set([path]))) ? s : { ...s, edited: new Set([...s.edited, path]) })),
    [],
  );
  const current = state.error === error ? state : { error, edited: new Set<string>() as ReadonlySet<string> };
  const visible = useMemo(() => {
    const e = current.error;
    if (!e?.fields || current.edited.size === 0) return e;
    const left = e.fields.filter((f) => !touches(f.path, current.edited));
    // Only field problems were reported and every one was edited since: nothing is left to say.
    return left.length === 0 && e.code === 'validation' ? null : { ...e, fields: left };
  }, [current.error, current.edited]);
  const messages = useMemo(() => fieldErrors(visible), [visible]);
  return { visible, messageFor: (path) => messages[path], isEdited: (path) => current.edited.has(path), edited };
}

/**
 * A field's own message: the one its form passes explicitly, or main's for its name; gone once the
 * field was edited. The second value is to be called on every change.
 */
export function useFieldError(name: string, explicit: string | undefined): [string | undefined, () => void] {
  const form = useContext(FormErrorsContext);
  if (!form) return [explicit, () => undefined];
  return [form.isEdited(name) ? undefined : (explicit ?? form.messageFor(name)), () => form.edited(name)];
}
