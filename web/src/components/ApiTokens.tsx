/**
 * «API-токены» in the settings: create a personal token for an integration (its secret is
 * shown once, to copy), see one's tokens with when they were last used, revoke them.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiToken, CreatedApiToken, TokenScope } from '../../../src/contract';
import { errorMessage, request } from '../api';
import { formatDateTimeRu } from '../format';
import { Alert } from './ui';

export const TOKEN_SCOPE_LABELS: Record<TokenScope, string> = {
  read: 'только чтение',
  reports: 'чтение, заполнение и отправка отчётов',
};

const EXPIRY_CHOICES: { days: number | null; label: string }[] = [
  { days: 30, label: '30 дней' },
  { days: 90, label: '90 дней' },
  { days: 365, label: '1 год' },
  { days: null, label: 'без срока' },
];

const tokensApi = {
  list: () => request<{ items: ApiToken[] }>('GET', '/auth/tokens'),
  create: (input: { name: string; scope: TokenScope; expiresInDays?: number }) =>
    request<CreatedApiToken>('POST', '/auth/tokens', input),
  revoke: (id: number) => request<ApiToken>('DELETE', `/auth/tokens/${id}`),
};

function tokenState(t: ApiToken): string {
  if (t.revokedAt) return `отозван ${formatDateTimeRu(t.revokedAt)}`;
  if (t.expiresAt && new Date(t.expiresAt) <= new Date()) return 'срок истёк';
  return t.expiresAt ? `действует до ${formatDateTimeRu(t.expiresAt)}` : 'действует бессрочно';
}

export function ApiTokens() {
  const [items, setItems] = useState<ApiToken[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('read');
  const [expiry, setExpiry] = useState<number | null>(90);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [copied, setCopied] = useState(false);

  const reload = useCallback(
    () =>
      tokensApi.list().then(
        (r) => setItems(r.items),
        (e: unknown) => setError(errorMessage(e)),
      ),
    [],
  );
  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <section aria-labelledby="api-tokens-heading" data-testid="api-tokens">
      <h2 className="section-heading" id="api-tokens-heading">
        API-токены для интеграций
      </h2>
      <p className="muted small">
        Токен позволяет другой системе обращаться к API от вашего имени: заголовок{' '}
        <code>Authorization: Bearer &lt;токен&gt;</code>. Описание API — <a href="/api/docs">/api/docs</a>. Управлять
        токенами и менять пароль по токену нельзя.
      </p>
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const t = await tokensApi.create({
              name: name.trim(),
              scope,
              ...(expiry ? { expiresInDays: expiry } : {}),
            });
            setCreated(t);
            setCopied(false);
            setName('');
            await reload();
          } catch (err) {
            setError(errorMessage(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label htmlFor="token-name">Назначение токена</label>
        <input
          id="token-name"
          value={name}
          maxLength={200}
          required
          placeholder="Например: выгрузка в ведомственную систему"
          onChange={(e) => setName(e.target.value)}
          data-testid="token-name"
        />
        <label htmlFor="token-scope">Права</label>
        <select
          id="token-scope"
          value={scope}
          onChange={(e) => setScope(e.target.value as TokenScope)}
          data-testid="token-scope"
        >
          {(Object.keys(TOKEN_SCOPE_LABELS) as TokenScope[]).map((s) => (
            <option key={s} value={s}>
              {TOKEN_SCOPE_LABELS[s]}
            </option>
          ))}
        </select>
        <label htmlFor="token-expiry">Срок действия</label>
        <select
          id="token-expiry"
          value={expiry ?? ''}
          onChange={(e) => setExpiry(e.target.value ? Number(e.target.value) : null)}
        >
          {EXPIRY_CHOICES.map((c) => (
            <option key={c.label} value={c.days ?? ''}>
              {c.label}
            </option>
          ))}
        </select>
        <button type="submit" className="btn" disabled={busy || !name.trim()}>
          {busy ? 'Создание…' : 'Создать токен'}
        </button>
      </form>
      {error && <Alert>{error}</Alert>}
      {created && (
        <Alert kind="success" testId="token-created">
          <p>Токен «{created.name}» создан. Скопируйте его сейчас: после закрытия он больше не будет показан.</p>
          <input
            readOnly
            value={created.token}
            aria-label="Новый токен"
            onFocus={(e) => e.target.select()}
            data-testid="token-secret"
            style={{ width: '100%' }}
          />
          <p>
            <button
              type="button"
              className="btn"
              onClick={async () => {
                try {
                  await navigator.clipboard.writeText(created.token);
                  setCopied(true);
                } catch {
                  setError('Не удалось скопировать: выделите токен и скопируйте вручную.');
                }
              }}
            >
              {copied ? 'Скопировано' : 'Скопировать'}
            </button>{' '}
            <button type="button" className="btn btn-link" onClick={() => setCreated(null)}>
              Готово
            </button>
          </p>
        </Alert>
      )}
      {items === null ? null : items.length === 0 ? (
        <p className="muted">Токенов нет.</p>
      ) : (
        <table className="grid cards-on-phone" data-testid="token-list">
          <thead>
            <tr>
              <th scope="col">Назначение</th>
              <th scope="col">Права</th>
              <th scope="col">Создан</th>
              <th scope="col">Последнее обращение</th>
              <th scope="col">Состояние</th>
              <th scope="col">
                <span className="sr-only">Действия</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <tr key={t.id}>
                <td data-label="Назначение">
                  {t.name} <span className="muted small">{t.prefix}…</span>
                </td>
                <td data-label="Права">{TOKEN_SCOPE_LABELS[t.scope]}</td>
                <td data-label="Создан">{formatDateTimeRu(t.createdAt)}</td>
                <td data-label="Последнее обращение">
                  {t.lastUsedAt ? formatDateTimeRu(t.lastUsedAt) : 'не использовался'}
                </td>
                <td data-label="Состояние">{tokenState(t)}</td>
                <td>
                  {!t.revokedAt && (
                    <button
                      type="button"
                      className="btn btn-link"
                      onClick={async () => {
                        if (
                          !window.confirm(
                            `Отозвать токен «${t.name}»? Системы, которые им пользуются, потеряют доступ.`,
                          )
                        )
                          return;
                        try {
                          await tokensApi.revoke(t.id);
                          await reload();
                        } catch (err) {
                          setError(errorMessage(err));
                        }
                      }}
                    >
                      Отозвать
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
