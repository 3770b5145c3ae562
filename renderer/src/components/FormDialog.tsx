import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Dialog, Form, Heading, Modal } from 'react-aria-components';
import type { AppError } from '../../../shared/result';
import { useLeaveGuard } from '../app/leave-guard';
import { useTranslation } from '../i18n';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorSummary } from './ErrorSummary';
import { Notice, RequiredNote } from './fields';
import { FormErrorsContext, useFormErrors } from './form-errors';

/**
 * A modal form: focus is trapped inside, the first field takes focus, Escape cancels. While it
 * holds typed work (`dirty`), Escape, Cancel, a click outside, a reload or Back ask before
 * discarding it. A submit is sent once: a second Enter while main answers does nothing.
 */
export function FormDialog(p: {
  title: string;
  submitLabel: string;
  error: AppError | null;
  labels: Record<string, string>;
  onSubmit(): void | Promise<void>;
  onClose(): void;
  children: ReactNode;
  /** The form holds work that is not saved. */
  dirty?: boolean;
  /** Called when the person chooses to throw the typed work away (before onClose). */
  onDiscard?(): void;
  /** The form reopened with a draft kept across a lock. */
  restored?: boolean;
  /**
   * Someone saved a newer version while this form was open (the save was refused with who and
   * when): shows a way to load that version instead of overwriting it.
   */
  onReviewNewer?(): void;
  className?: string;
}) {
  const { t } = useTranslation();
  const errors = useFormErrors(p.error);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<null | (() => void)>(null);
  const discardAnd = (then: () => void) => () => {
    setAsking(null);
    p.onDiscard?.();
    then();
  };
  const close = () => (p.dirty ? setAsking(() => discardAnd(p.onClose)) : p.onClose());
  useLeaveGuard(p.dirty ?? false, (proceed) => setAsking(() => discardAnd(() => (p.onClose(), proceed()))));

  return (
    <Modal isOpen isDismissable={!asking} isKeyboardDismissDisabled={asking !== null} onOpenChange={(open) => (open ? undefined : close())} className="modal">
      <Dialog className={`dialog ${p.className ?? ''}`}>
        <Heading slot="title">{p.title}</Heading>
        {p.restored ? <Notice tone="info">{t('drafts.restored')}</Notice> : null}
        <ErrorSummary error={errors.visible} focusOn={p.error} labels={p.labels} />
        {p.onReviewNewer && p.error?.code === 'conflict' && p.error.message.startsWith('error.changedElsewhere') ? (
          <Button className="primary" onPress={p.onReviewNewer}>
            {t('form.reviewNewer')}
          </Button>
        ) : null}
        <FormErrorsContext.Provider value={errors}>
          <Form
            validationBehavior="aria"
            onSubmit={async (e: FormEvent) => {
              e.preventDefault();
              if (busy) return;
              setBusy(true);
              try {
                await p.onSubmit();
              } finally {
                setBusy(false);
              }
            }}
          >
            <RequiredNote />
            {p.children}
            <div className="actions">
              {/* Not disabled while submitting (the `busy` guard above stops a second submit): a
                  disabled button drops focus, and the dialog's focus scope then pulled it back onto
                  Save after a confirmation step had taken it. (react-aria's isPending instead
                  renders an unlabeled role="img" that axe refuses.) */}
              <Button type="submit" className="primary">
                {p.submitLabel}
              </Button>
              <Button onPress={close}>{t('admin.cancel')}</Button>
            </div>
          </Form>
        </FormErrorsContext.Provider>
        {asking ? (
          <ConfirmDialog title={t('confirm.discardTitle')} confirmLabel={t('confirm.discard')} cancelLabel={t('confirm.keepEditing')} danger onConfirm={asking} onCancel={() => setAsking(null)}>
            <p>{t('confirm.discardBody', { form: p.title })}</p>
          </ConfirmDialog>
        ) : null}
      </Dialog>
    </Modal>
  );
}
