import { useState, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import type { AppError } from '../../../shared/result';
import { useTranslation } from '../i18n';
import { ErrorSummary } from './ErrorSummary';

/**
 * The step before anything final or hard to undo (a death, a discharge, a deactivation, throwing
 * away typed work, an "entered in error" correction): it names the person and the action, and
 * focus starts on the way back — one Enter, or a key held down, can never complete it. Escape and
 * a click outside go back too. The confirming button names the action again, so it reads on its own.
 *
 * `children` carry the details (who, where, when, what follows) and may hold fields, such as the
 * reason a correction needs; `onConfirm` returns main's error to show here, or null when done.
 */
export function ConfirmDialog(p: {
  title: string;
  confirmLabel: string;
  cancelLabel?: string;
  /** Red confirming button for what cannot be taken back by the same person. */
  danger?: boolean;
  labels?: Record<string, string>;
  onConfirm(): Promise<AppError | null> | AppError | null | void;
  onCancel(): void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal isOpen isDismissable onOpenChange={(open) => (open || busy ? undefined : p.onCancel())} className="modal">
      <Dialog role="alertdialog" className="dialog confirm-dialog">
        <Heading slot="title">{p.title}</Heading>
        <ErrorSummary error={error} labels={p.labels ?? {}} />
        <div className="confirm-body">{p.children}</div>
        <div className="actions">
          {/* First and focused: the safe way out. */}
          <Button autoFocus onPress={p.onCancel} isDisabled={busy}>
            {p.cancelLabel ?? t('confirm.back')}
          </Button>
          <Button
            className={p.danger ? 'danger' : 'primary'}
            isDisabled={busy}
            onPress={async () => {
              setBusy(true);
              const result = await p.onConfirm();
              setBusy(false);
              if (result) setError(result);
            }}
          >
            {p.confirmLabel}
          </Button>
        </div>
      </Dialog>
    </Modal>
  );
}
