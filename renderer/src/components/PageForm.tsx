import type { FormEvent, ReactNode } from 'react';
import { Form } from 'react-aria-components';
import type { AppError } from '../../../shared/result';
import { ErrorSummary } from './ErrorSummary';
import { FormErrorsContext, useFormErrors } from './form-errors';

/**
 * A form on a page of its own (sign-in, set-up, facility settings): the same error handling as a
 * dialog's — a summary that lists the fields, one message beside each field, gone once it is edited.
 */
export function PageForm(p: { error: AppError | null; labels: Record<string, string>; onSubmit(e: FormEvent<HTMLFormElement>): void; children: ReactNode }) {
  const errors = useFormErrors(p.error);
  return (
    <>
      <ErrorSummary error={errors.visible} focusOn={p.error} labels={p.labels} />
      <FormErrorsContext.Provider value={errors}>
        <Form onSubmit={p.onSubmit} validationBehavior="aria">
          {p.children}
        </Form>
      </FormErrorsContext.Provider>
    </>
  );
}
