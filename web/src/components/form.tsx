/**
 * Form primitives: the submit hook (busy and error state in one place, the server's
 * Russian message and per-field messages from its error body), the dialog that holds a
 * form, and the footer with the submit and cancel buttons.
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../api';
import { Dialog } from './Dialog';
import { Alert } from './ui';

interface LocalErrors {
  error: string | null;
  fields: Record<string, string>;
}

export interface Submit<V> {
  busy: boolean;
  /** The message over the form: the server's, or the one given with `invalid`. */
  error: string | null;
  /** Messages by field name (without their «label»: prefix). */
  fieldErrors: Record<string, string>;
  /** The last failure as thrown, for forms that map the server's paths themselves. */
  failure: unknown;
  /**
   * Shows the problems found before sending. Returns true when there are any; with none,
   * clears what an earlier check showed.
   */
  invalid(fields: Record<string, string>, message?: string | null): boolean;
  /** Sends `value`; resolves true on success, false when the error is now shown. */
  submit(value: V): Promise<boolean>;
}

/**
 * Runs `action` as a mutation: while it runs `busy` is true; when it fails, the form shows
 * the server's message and marks the fields it names; when it succeeds the cache is
 * refreshed (hooks.ts) before `submit` resolves.
 */
export function useSubmit<V = void>(
  action: (value: V) => Promise<unknown>,
  meta?: { directory?: boolean; readOnly?: boolean },
): Submit<V> {
  const m = useMutation({ mutationFn: action, meta });
  const [local, setLocal] = useState<LocalErrors | null>(null);
  const { mutateAsync, reset } = m;
  return {
    busy: m.isPending,
    error: local ? local.error : m.error ? errorMessage(m.error) : null,
    fieldErrors: local ? local.fields : m.error instanceof ApiError ? m.error.fieldErrors() : {},
    failure: m.error,
    invalid(fields, message = null) {
      if (Object.keys(fields).length === 0) {
        setLocal(null);
        return false;
      }
      reset();
      setLocal({ error: message, fields });
      return true;
    },
    async submit(value) {
      setLocal(null);
      try {
        await mutateAsync(value);
        return true;
      } catch {
        return false;
      }
    },
  };
}

interface FormDialogProps {
  title: string;
  onClose(): void;
  onSubmit(): void;
  /** Shown over the fields. */
  error?: string | null;
  errorTestId?: string;
  testId?: string;
  formTestId?: string;
  wide?: boolean;
  children: ReactNode;
}

/** A modal dialog holding one form: the browser's own validation is off, the fields say what is wrong. */
export function FormDialog({
  title,
  onClose,
  onSubmit,
  error,
  errorTestId,
  testId,
  formTestId,
  wide,
  children,
}: FormDialogProps) {
  return (
    <Dialog title={title} onClose={onClose} testId={testId} wide={wide}>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
        noValidate
        data-testid={formTestId}
      >
        {error && <Alert testId={errorTestId}>{error}</Alert>}
        {children}
      </form>
    </Dialog>
  );
}

interface FormActionsProps {
  submitLabel: ReactNode;
  busy?: boolean;
  /** The submit button's text while busy; the label stays when not given. */
  busyLabel?: ReactNode;
  disabled?: boolean;
  submitTestId?: string;
  submitClassName?: string;
  /** The submit button takes the focus when the dialog opens (confirmations). */
  autoFocus?: boolean;
  onCancel?(): void;
  /** The cancel button's text: «Отмена» unless given (e.g. «Выйти»). */
  cancelLabel?: ReactNode;
  /** Outside a form: the main button is a plain button that runs this instead of submitting. */
  onSubmitClick?(): void;
  /** After the buttons (e.g. the keyboard hint). */
  children?: ReactNode;
}

/** The footer of a form: the submit button, «Отмена», and what else belongs there. */
export function FormActions({
  submitLabel,
  busy = false,
  busyLabel,
  disabled,
  submitTestId,
  submitClassName = 'btn btn-primary',
  autoFocus,
  onCancel,
  cancelLabel = 'Отмена',
  onSubmitClick,
  children,
}: FormActionsProps) {
  return (
    <div className="form-actions">
      <button
        type={onSubmitClick ? 'button' : 'submit'}
        onClick={onSubmitClick}
        className={submitClassName}
        disabled={busy || disabled}
        data-autofocus={autoFocus || undefined}
        data-testid={submitTestId}
      >
        {busy && busyLabel ? busyLabel : submitLabel}
      </button>
      {onCancel && (
        <button type="button" className="btn" onClick={onCancel}>
          {cancelLabel}
        </button>
      )}
      {children}
    </div>
  );
}
