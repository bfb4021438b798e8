/** A yes/no dialog whose action may fail: the server's message is shown inside. */
import type { ReactNode } from 'react';
import { FormActions, FormDialog, useSubmit } from './form';

interface ConfirmProps {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): Promise<void> | void;
  onClose(): void;
}

export function ConfirmDialog({ title, message, confirmLabel, danger, onConfirm, onClose }: ConfirmProps) {
  const confirm = useSubmit(async () => {
    await onConfirm();
  });
  return (
    <FormDialog
      title={title}
      onClose={onClose}
      testId="confirm-dialog"
      onSubmit={async () => {
        if (await confirm.submit()) onClose();
      }}
    >
      <div className="confirm-message">{message}</div>
      {confirm.error && (
        <p className="alert alert-error" role="alert" data-testid="confirm-error">
          {confirm.error}
        </p>
      )}
      <FormActions
        submitLabel={confirmLabel}
        busy={confirm.busy}
        submitClassName={danger ? 'btn btn-danger' : 'btn btn-primary'}
        autoFocus
        submitTestId="confirm-submit"
        onCancel={onClose}
      />
    </FormDialog>
  );
}
