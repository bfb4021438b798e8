/** Login screen: the API's Russian message is shown as is (wrong password, lockout). */
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../api';
import { useAuth } from '../auth';
import { useTitle } from '../components/ui';

export function LoginPage() {
  useTitle('Вход');
  const { user, login, sessionExpired, bootError } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const [loginValue, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ message: string; locked: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  if (user) return <Navigate to={from && from !== '/login' ? from : '/'} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!loginValue.trim() || !password) {
      setError({ message: 'Введите логин и пароль.', locked: false });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login(loginValue.trim(), password);
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (err) {
      // The precise cause comes in `reason`; a throttled address (429) is also a «wait» situation.
      const locked = err instanceof ApiError && (err.reason === 'auth.locked' || err.status === 429);
      setError({ message: errorMessage(err), locked });
      setPassword('');
      setBusy(false);
      requestAnimationFrame(() => document.getElementById('login-password')?.focus());
    }
  };

  return (
    <main className="login-screen">
      <form className="login-card" onSubmit={submit} data-testid="login-form" aria-labelledby="login-title" noValidate>
        <div className="login-brand" aria-hidden="true">
          <span className="brand-mark">✓</span>
        </div>
        <h1 id="login-title">Исполнение</h1>
        <p className="login-sub">Планы мероприятий, дорожные карты и поручения</p>
        {sessionExpired && !error && (
          <div className="alert alert-info" role="status">
            Сеанс завершён. Войдите снова.
          </div>
        )}
        {bootError && !error && (
          <div className="alert alert-error" role="alert">
            {bootError}
          </div>
        )}
        {error && (
          <div
            className={`alert ${error.locked ? 'alert-warning' : 'alert-error'}`}
            role="alert"
            data-testid="login-error"
            data-lockout={error.locked || undefined}
          >
            {error.message}
          </div>
        )}
        <div className="field">
          <label htmlFor="login-login">Логин</label>
          <input
            id="login-login"
            data-testid="login-input"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            value={loginValue}
            onChange={(e) => setLogin(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">Пароль</label>
          <input
            id="login-password"
            data-testid="password-input"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="login-submit">
          {busy ? 'Вход…' : 'Войти'}
        </button>
      </form>
    </main>
  );
}
