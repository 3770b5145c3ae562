import type { FormEvent, ReactNode } from 'react';
import { Button, Dialog, Form, Heading, Modal } from 'react-aria-components';
import type { AppError } from '../../../shared/result';
import { fieldErrors, useTranslation } from '../i18n';
import { ErrorSummary } from './ErrorSummary';

/** A modal form: focus is trapped inside, Escape cancels, the first field takes focus. */
export function FormDialog(p: {
  title: string;
  submitLabel: string;
  error: AppError | null;
  labels: Record<string, string>;
  onSubmit(): void;
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal isOpen isDismissable onOpenChange={(open) => (open ? undefined : p.onClose())} className="modal">
      <Dialog className="dialog">
        <Heading slot="title">{p.title}</Heading>
        <ErrorSummary error={p.error} labels={p.labels} />
        <Form
          validationErrors={fieldErrors(p.error)}
          validationBehavior="aria"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            p.onSubmit();
          }}
        >
          {p.children}
          <div className="actions">
            <Button type="submit" className="primary">
              {p.submitLabel}
            </Button>
            <Button onPress={p.onClose}>{t('admin.cancel')}</Button>
          </div>
        </Form>
      </Dialog>
    </Modal>
  );
}
