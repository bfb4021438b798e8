/** Top bar (product, user, logout, password) and navigation around every page. */
import { useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useAuth, useUser } from '../auth';
import { FormActions, FormDialog } from '../components/form';
import { NotificationBell } from '../components/NotificationBell';
import { PasswordFields } from '../components/PasswordFields';
import { Alert } from '../components/ui';
import { usePasswordChange } from '../components/usePasswordChange';
import { roleLabel } from '../format';

export function Layout() {
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const [pwOpen, setPwOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const links = [
    { to: '/home', label: 'Моя работа', show: Boolean(user.organisation) },
    { to: '/plans', label: 'Планы', show: true },
    { to: '/councils', label: 'Советы', show: true },
    { to: '/my', label: 'Мои мероприятия', show: Boolean(user.organisation) },
    { to: '/reports', label: 'Отчёты', show: Boolean(user.organisation) },
    { to: '/indicators', label: 'Мои показатели', show: user.role === 'executor' },
    { to: '/ratings', label: 'Рейтинги', show: true },
    { to: '/dashboard', label: 'Мониторинг', show: true },
    { to: '/import', label: 'Импорт документа', show: user.abilities.createPlans },
    { to: '/nok', label: 'Независимая оценка', show: true },
    { to: '/organisations', label: 'Справочник организаций', show: true },
    { to: '/users', label: 'Пользователи', show: user.abilities.manageUsers },
    { to: '/audit', label: 'Журнал', show: user.abilities.viewAudit },
  ].filter((l) => l.show);

  return (
    <div className="app">
      <a href="#main" className="skip-link">
        Перейти к содержанию
      </a>
      <header className="topbar">
        <div className="topbar-row">
          <NavLink to="/plans" className="brand">
            <span className="brand-mark" aria-hidden="true">
              ✓
            </span>
            Исполнение
          </NavLink>
          <form
            className="searchbox"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              const q = new FormData(e.currentTarget).get('q');
              if (typeof q === 'string' && q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
            }}
          >
            <label htmlFor="global-search" className="sr-only">
              Поиск по мероприятиям и отчётам
            </label>
            <input id="global-search" name="q" type="search" placeholder="Поиск…" data-testid="global-search" />
          </form>
          <div className="userbox" data-testid="userbox">
            <div className="user-who">
              <span className="user-name">{user.fullName}</span>
              <span className="user-meta">
                {roleLabel(user.role)}
                {user.organisation && (
                  <>
                    {' · '}
                    <span title={user.organisation.fullName}>
                      {user.organisation.shortName || user.organisation.fullName}
                    </span>
                  </>
                )}
              </span>
            </div>
            <NotificationBell />
            <NavLink to={`/help#${user.role}`} className="btn btn-ghost btn-sm" data-testid="help-link">
              Справка
            </NavLink>
            <NavLink to="/settings" className="btn btn-ghost btn-sm" data-testid="settings-link">
              Настройки
            </NavLink>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => setPwOpen(true)}
              data-testid="change-password"
            >
              Сменить пароль
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              data-testid="logout"
              onClick={async () => {
                await logout().catch(() => undefined);
                navigate('/login', { replace: true });
              }}
            >
              Выйти
            </button>
          </div>
        </div>
        <div className="navbar">
          <nav className="mainnav" aria-label="Разделы">
            {links.map((l) => (
              <NavLink
                key={l.to}
                to={l.to}
                className={({ isActive }) => (isActive ? 'navlink active' : 'navlink')}
                data-testid={`nav-${l.to.slice(1)}`}
              >
                {l.label}
              </NavLink>
            ))}
          </nav>
        </div>
      </header>
      <main id="main" className="main">
        {notice && (
          <div className="page-notice">
            <Alert kind="success">
              {notice}{' '}
              <button type="button" className="btn-link" onClick={() => setNotice(null)}>
                Скрыть
              </button>
            </Alert>
          </div>
        )}
        <Outlet />
      </main>
      {pwOpen && (
        <PasswordDialog
          onClose={() => setPwOpen(false)}
          onDone={() => {
            setPwOpen(false);
            setNotice('Пароль изменён.');
          }}
        />
      )}
    </div>
  );
}

function PasswordDialog({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const pw = usePasswordChange(onDone);
  return (
    <FormDialog
      title="Смена пароля"
      onClose={onClose}
      onSubmit={() => void pw.submit()}
      error={pw.error}
      errorTestId="password-error"
      testId="password-dialog"
    >
      <PasswordFields state={pw} idPrefix="pw" currentLabel="Текущий пароль" />
      <FormActions submitLabel="Сменить пароль" busy={pw.busy} onCancel={onClose} />
    </FormDialog>
  );
}
