import { useEffect, useRef, type ReactNode } from 'react';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t } from '../../i18n';

/**
 * A modal question before a step that cannot be taken back. It stays open with the API's reason
 * when the step is refused; Escape and Cancel close it. Cancel has the focus: the safe choice.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onClose={() => {
        if (open) onCancel();
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      <div id="confirm-body">{children}</div>
      <ProblemMessage error={error} />
      <div className="row dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('hours.cancel')}
        </button>
        <button type="button" className="primary" onClick={onConfirm} disabled={busy}>
          {busy ? t('hours.working') : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
