/**
 * Shown instead of the app while the signed-in user's password is a one-time one set by an
 * administrator: the server refuses everything else until it is replaced.
 */
import { api } from '../api';
import { useAuth } from '../auth';
import { Alert, Field, describedBy, useTitle } from '../components/ui';
import { usePasswordChange } from '../components/usePasswordChange';

export function ChangePasswordPage() {
  useTitle('Смена временного пароля');
  const { setUser, logout } = useAuth();
  const { current, setCurrent, next, setNext, repeat, setRepeat, error, fieldErrors, busy, submit } = usePasswordChange(
    async () => setUser((await api.me()).user),
  );

  return (
    <main className="login-screen">
      <form
        className="login-card"
        onSubmit={submit}
        data-testid="first-password-form"
        aria-labelledby="first-password-title"
        noValidate
      >
        <h1 id="first-password-title">Смените временный пароль</h1>
        <p className="login-sub">
          Пароль выдан администратором и действует только для первого входа. Придумайте свой: не менее 12 символов,
          лучше несколько несвязанных слов.
        </p>
        {error && <Alert testId="first-password-error">{error}</Alert>}
        <Field id="fp-current" label="Временный пароль" error={fieldErrors.currentPassword} required>
          <input
            id="fp-current"
            data-testid="first-password-current"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            aria-describedby={describedBy('fp-current', fieldErrors.currentPassword)}
          />
        </Field>
        <Field id="fp-new" label="Новый пароль" error={fieldErrors.newPassword} required>
          <input
            id="fp-new"
            data-testid="first-password-new"
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            aria-describedby={describedBy('fp-new', fieldErrors.newPassword)}
          />
        </Field>
        <Field id="fp-repeat" label="Новый пароль ещё раз" error={fieldErrors.repeat} required>
          <input
            id="fp-repeat"
            data-testid="first-password-repeat"
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            aria-describedby={describedBy('fp-repeat', fieldErrors.repeat)}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="first-password-submit">
            Сменить пароль
          </button>
          <button type="button" className="btn" onClick={() => void logout()}>
            Выйти
          </button>
        </div>
      </form>
    </main>
  );
}
