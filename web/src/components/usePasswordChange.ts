/**
 * The state and submit of a password change, shared by the header's «Сменить пароль» dialog and
 * the screen that replaces a one-time password: the repeat is checked here, the strength rules
 * on the server (its Russian message and field errors come back as they are).
 */
import { useState, type FormEvent } from 'react';
import { api, ApiError, errorMessage } from '../api';

export function usePasswordChange(onChanged: () => void | Promise<void>) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setError(null);
    setFieldErrors({});
    if (next !== repeat) {
      setFieldErrors({ repeat: 'Пароли не совпадают.' });
      return;
    }
    setBusy(true);
    try {
      await api.changePassword(current, next);
      await onChanged();
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError) setFieldErrors(err.fieldErrors());
      setBusy(false);
    }
  };

  return { current, setCurrent, next, setNext, repeat, setRepeat, error, fieldErrors, busy, submit };
}
