/**
 * Shown instead of the app while the signed-in user's password is a one-time one set by an
 * administrator: the server refuses everything else until it is replaced.
 */
import { api } from '../api';
import { useAuth } from '../auth';
import { FormActions } from '../components/form';
import { PasswordFields } from '../components/PasswordFields';
import { Alert, useTitle } from '../components/ui';
import { usePasswordChange } from '../components/usePasswordChange';

export function ChangePasswordPage() {
  useTitle('Смена временного пароля');
  const { setUser, logout } = useAuth();
  const pw = usePasswordChange(async () => setUser((await api.me()).user));

  return (
    <main className="login-screen">
      <form
        className="login-card"
        onSubmit={pw.submit}
        data-testid="first-password-form"
        aria-labelledby="first-password-title"
        noValidate
      >
        <h1 id="first-password-title">Смените временный пароль</h1>
        <p className="login-sub">
          Пароль выдан администратором и действует только для первого входа. Придумайте свой: не менее 12 символов,
          лучше несколько несвязанных слов.
        </p>
        {pw.error && <Alert testId="first-password-error">{pw.error}</Alert>}
        <PasswordFields state={pw} idPrefix="fp" currentLabel="Временный пароль" testIdPrefix="first-password" />
        <FormActions
          submitLabel="Сменить пароль"
          busy={pw.busy}
          submitTestId="first-password-submit"
          onCancel={() => void logout()}
          cancelLabel="Выйти"
        />
      </form>
    </main>
  );
}
