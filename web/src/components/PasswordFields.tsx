/**
 * The three fields of a password change (current, new, new again), bound to
 * usePasswordChange: the header's «Сменить пароль» dialog and the one-time-password screen
 * show the same fields under their own ids and labels.
 */
import type { usePasswordChange } from './usePasswordChange';
import { Field, describedBy } from './ui';

interface PasswordFieldsProps {
  state: ReturnType<typeof usePasswordChange>;
  /** Prefix of the inputs' ids (and, with `testIdPrefix`, of their test ids). */
  idPrefix: string;
  /** «Текущий пароль», or «Временный пароль» for the one an administrator gave. */
  currentLabel: string;
  testIdPrefix?: string;
}

export function PasswordFields({ state, idPrefix, currentLabel, testIdPrefix }: PasswordFieldsProps) {
  const fields = [
    { key: 'current', label: currentLabel, error: state.fieldErrors.currentPassword, value: state.current },
    { key: 'new', label: 'Новый пароль', error: state.fieldErrors.newPassword, value: state.next },
    { key: 'repeat', label: 'Новый пароль ещё раз', error: state.fieldErrors.repeat, value: state.repeat },
  ] as const;
  const setters = { current: state.setCurrent, new: state.setNext, repeat: state.setRepeat };
  return (
    <>
      {fields.map((f) => {
        const id = `${idPrefix}-${f.key}`;
        return (
          <Field key={f.key} id={id} label={f.label} error={f.error} required>
            <input
              id={id}
              data-testid={testIdPrefix ? `${testIdPrefix}-${f.key}` : undefined}
              type="password"
              autoComplete={f.key === 'current' ? 'current-password' : 'new-password'}
              value={f.value}
              onChange={(e) => setters[f.key](e.target.value)}
              aria-describedby={describedBy(id, f.error)}
            />
          </Field>
        );
      })}
    </>
  );
}
