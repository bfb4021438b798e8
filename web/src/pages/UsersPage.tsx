/** Users (admin): list, create, edit role/organisation/active, reset password. */
import { useMemo, useState } from 'react';
import { api, errorMessage, type UserView as User, type UserInput, type UserPatch } from '../api';
import { useUser } from '../auth';
import { OrgPicker } from '../components/OrgPicker';
import { TextField, Alert, Field, Loading, PageHeading, describedBy, useTitle } from '../components/ui';
import { ROLE_LABELS, roleLabel, type Role } from '../format';
import { useApiQuery } from '../hooks';
import { normaliseName } from '../org-search';
import { NotFoundPage } from './NotFoundPage';
import { FormActions, FormDialog, useSubmit } from '../components/form';

type DialogState = { type: 'create' } | { type: 'edit'; user: User } | { type: 'password'; user: User } | null;

/** A readable random password: no look-alike characters. */
function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = new Uint32Array(14);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export function UsersPage() {
  useTitle('Пользователи');
  const me = useUser();
  const list = useApiQuery(['users', me.abilities.manageUsers], () =>
    me.abilities.manageUsers ? api.users() : Promise.resolve({ items: [] as User[] }),
  );
  const [dialog, setDialog] = useState<DialogState>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);

  const items = useMemo(() => {
    const q = normaliseName(query);
    const all = list.data?.items ?? [];
    if (!q) return all;
    return all.filter((u) =>
      normaliseName(
        [u.fullName, u.login, u.email, u.organisation?.shortName, u.organisation?.fullName, roleLabel(u.role)]
          .filter(Boolean)
          .join(' '),
      ).includes(q),
    );
  }, [list.data, query]);

  if (!me.abilities.manageUsers) return <NotFoundPage message="Раздел доступен только администратору." />;

  return (
    <section className="page">
      <div className="page-head">
        <PageHeading>Пользователи</PageHeading>
        <div className="page-actions">
          <label htmlFor="user-search" className="sr-only">
            Поиск пользователя
          </label>
          <input
            id="user-search"
            type="search"
            placeholder="ФИО, логин, организация"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setDialog({ type: 'create' })}
            data-testid="create-user"
          >
            Добавить пользователя
          </button>
        </div>
      </div>
      {notice && (
        <Alert kind="success" testId="users-notice">
          {notice}
        </Alert>
      )}
      {(list.error || actionError) && <Alert>{actionError ?? list.error}</Alert>}
      {!list.data && list.loading && <Loading />}
      {list.data && (
        <table className="grid cards-on-phone" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">ФИО</th>
              <th scope="col">Логин</th>
              <th scope="col">Роль</th>
              <th scope="col">Организация</th>
              <th scope="col">Эл. почта</th>
              <th scope="col">Состояние</th>
              <th scope="col" className="col-actions col-actions-wide">
                <span className="sr-only">Действия</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((u) => (
              <tr
                key={u.id}
                data-testid={`user-row-${u.login}`}
                className={u.active === false ? 'row-archived' : undefined}
              >
                <td data-label="ФИО">
                  <strong>{u.fullName}</strong>
                  {u.id === me.id && <span className="muted small"> (вы)</span>}
                </td>
                <td data-label="Логин">
                  <code>{u.login}</code>
                </td>
                <td data-label="Роль">{roleLabel(u.role)}</td>
                <td data-label="Организация" title={u.organisation?.fullName}>
                  {u.organisation ? u.organisation.shortName || u.organisation.fullName : '—'}
                </td>
                <td data-label="Эл. почта">{u.email || <span className="muted">—</span>}</td>
                <td data-label="Состояние">
                  {u.active === false ? (
                    <span className="pill pill-archived">отключён</span>
                  ) : u.active === true ? (
                    <span className="pill pill-active">активен</span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                  {u.locked && (
                    <span className="pill pill-draft" title="Вход заблокирован после неудачных попыток">
                      заблокирован
                    </span>
                  )}
                </td>
                <td className="col-actions col-actions-wide" data-label="">
                  <div className="row-actions">
                    <button
                      type="button"
                      className="btn btn-sm btn-ghost"
                      onClick={() => setDialog({ type: 'edit', user: u })}
                      aria-label={`Изменить: ${u.fullName}`}
                      data-testid="user-edit"
                    >
                      Изменить
                    </button>
                    {u.locked && (
                      <button
                        type="button"
                        className="btn btn-sm btn-ghost"
                        data-testid="user-unlock"
                        onClick={async () => {
                          try {
                            await api.updateUser(u.id, { unlock: true, version: u.version });
                            setNotice(`Вход для ${u.login} разблокирован.`);
                            void list.reload();
                          } catch (e) {
                            setNotice(null);
                            setActionError(errorMessage(e));
                          }
                        }}
                      >
                        Разблокировать
                      </button>
                    )}
                    <button
                      type="button"
                      className="btn btn-sm btn-ghost"
                      onClick={() => setDialog({ type: 'password', user: u })}
                      aria-label={`Сбросить пароль: ${u.fullName}`}
                      data-testid="user-reset-password"
                    >
                      Сбросить пароль
                    </button>
                  </div>
                </td>
              </tr>
            ))}
            {items.length === 0 && (
              <tr className="empty-row">
                <td colSpan={7}>Никого не найдено.</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {(dialog?.type === 'create' || dialog?.type === 'edit') && (
        <UserDialog
          user={dialog.type === 'edit' ? dialog.user : undefined}
          isSelf={dialog.type === 'edit' && dialog.user.id === me.id}
          onClose={() => setDialog(null)}
          onSaved={(u, created) => {
            setDialog(null);
            setNotice(created ? `Пользователь ${u.login} создан.` : `Пользователь ${u.login} изменён.`);
            void list.reload();
          }}
        />
      )}
      {dialog?.type === 'password' && (
        <PasswordResetDialog
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            setNotice(`Пароль пользователя ${dialog.user.login} изменён. Передайте новый пароль пользователю.`);
          }}
        />
      )}
    </section>
  );
}

function UserDialog({
  user,
  isSelf,
  onClose,
  onSaved,
}: {
  user?: User;
  isSelf: boolean;
  onClose(): void;
  onSaved(u: User, created: boolean): void;
}) {
  const [login, setLogin] = useState(user?.login ?? '');
  const [fullName, setFullName] = useState(user?.fullName ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'executor');
  const [orgId, setOrgId] = useState<number | null>(user?.organisation?.id ?? null);
  const [active, setActive] = useState(user?.active ?? true);
  const [password, setPassword] = useState('');
  const save = useSubmit(async (body: { patch?: UserPatch; input?: UserInput }) => {
    if (body.patch && user) onSaved(await api.updateUser(user.id, body.patch), false);
    else if (body.input) onSaved(await api.createUser(body.input), true);
  });
  const errors = save.fieldErrors;

  const submit = () => {
    const local: Record<string, string> = {};
    if (!user && !login.trim()) local.login = 'Укажите логин.';
    if (!fullName.trim()) local.fullName = 'Укажите ФИО.';
    if (!orgId) local.organisationId = 'Выберите организацию.';
    if (!user && !password) local.password = 'Задайте пароль.';
    if (save.invalid(local, 'Проверьте выделенные поля.')) return;
    if (user) {
      const patch: UserPatch = { version: user.version };
      if (fullName.trim() !== user.fullName) patch.fullName = fullName.trim();
      if (email.trim() !== (user.email ?? '')) patch.email = email.trim() || null;
      if (role !== user.role) patch.role = role;
      if (orgId !== (user.organisation?.id ?? null)) patch.organisationId = orgId!;
      if (active !== (user.active ?? true)) patch.active = active;
      if (Object.keys(patch).length === 1) {
        onClose();
        return;
      }
      void save.submit({ patch });
    } else {
      const input: UserInput = {
        login: login.trim(),
        fullName: fullName.trim(),
        role,
        organisationId: orgId!,
        password,
      };
      if (email.trim()) input.email = email.trim();
      void save.submit({ input });
    }
  };

  return (
    <FormDialog
      title={user ? `Пользователь ${user.login}` : 'Новый пользователь'}
      onClose={onClose}
      onSubmit={submit}
      error={save.error}
      errorTestId="user-form-error"
      formTestId="user-form"
      testId="user-dialog"
    >
      {!user && (
        <TextField
          id="user-login"
          label="Логин"
          error={errors.login}
          required
          testId="user-field-login"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={login}
          onChange={setLogin}
        />
      )}
      <TextField
        id="user-fullName"
        label="ФИО"
        error={errors.fullName}
        required
        testId="user-field-fullName"
        placeholder="Иванова Мария Петровна"
        value={fullName}
        onChange={setFullName}
      />
      <TextField
        id="user-email"
        label="Эл. почта"
        error={errors.email}
        testId="user-field-email"
        type="email"
        value={email}
        onChange={setEmail}
      />
      <div className="field-row">
        <Field id="user-role" label="Роль" error={errors.role} className="narrow-md">
          <select
            id="user-role"
            data-testid="user-field-role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            disabled={isSelf}
          >
            {(Object.entries(ROLE_LABELS) as [Role, string][]).map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </Field>
        <Field id="user-org" label="Организация" error={errors.organisationId} required className="grow">
          <OrgPicker
            id="user-org"
            testId="user-field-organisation"
            value={orgId}
            onChange={setOrgId}
            describedBy={describedBy('user-org', errors.organisationId)}
            invalid={Boolean(errors.organisationId)}
            fallbackText={user?.organisation?.shortName || user?.organisation?.fullName}
          />
        </Field>
      </div>
      {!user && (
        <Field id="user-password" label="Пароль" error={errors.password} required>
          <div className="input-with-button">
            <input
              id="user-password"
              data-testid="user-field-password"
              type="text"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-describedby={describedBy('user-password', errors.password)}
            />
            <button type="button" className="btn" onClick={() => setPassword(generatePassword())}>
              Сгенерировать
            </button>
          </div>
        </Field>
      )}
      {user && (
        <label className="check">
          <input
            type="checkbox"
            checked={active}
            onChange={(e) => setActive(e.target.checked)}
            disabled={isSelf}
            data-testid="user-field-active"
          />
          Учётная запись активна (может входить в систему)
        </label>
      )}
      <FormActions
        submitLabel={user ? 'Сохранить' : 'Создать'}
        busy={save.busy}
        submitTestId="user-submit"
        onCancel={onClose}
      />
    </FormDialog>
  );
}

function PasswordResetDialog({ user, onClose, onDone }: { user: User; onClose(): void; onDone(): void }) {
  const [password, setPassword] = useState('');
  const save = useSubmit(async (password: string) => {
    await api.updateUser(user.id, { password, version: user.version });
    onDone();
  });
  const submit = () => {
    if (save.invalid(password ? {} : { password: 'Задайте новый пароль.' })) return;
    void save.submit(password);
  };
  const fieldError = save.fieldErrors.password;
  return (
    <FormDialog
      title={`Новый пароль: ${user.fullName}`}
      onClose={onClose}
      onSubmit={submit}
      error={save.error}
      testId="reset-password-dialog"
    >
      <Field
        id="reset-password"
        label="Новый пароль"
        error={fieldError}
        required
        hint="Сообщите его пользователю; он сможет сменить пароль сам."
      >
        <div className="input-with-button">
          <input
            id="reset-password"
            data-testid="reset-password-input"
            type="text"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby={describedBy('reset-password', fieldError)}
          />
          <button type="button" className="btn" onClick={() => setPassword(generatePassword())}>
            Сгенерировать
          </button>
        </div>
      </Field>
      <FormActions
        submitLabel="Сменить пароль"
        busy={save.busy}
        submitTestId="reset-password-submit"
        onCancel={onClose}
      />
    </FormDialog>
  );
}
