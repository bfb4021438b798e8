/** All of the user's notices, newest first, read and unread; a notice opens what it is about. */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api';
import { BELL_REFRESH_EVENT } from '../components/NotificationBell';
import { Alert, Loading, PageHeading, useTitle } from '../components/ui';
import { formatDateTimeRu } from '../format';
import { NOTIFICATION_KIND_LABELS, notificationLink, workspace, type AppNotification } from '../workspace';

export function NotificationsPage() {
  useTitle('Уведомления');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [items, setItems] = useState<AppNotification[] | null>(null);
  const [more, setMore] = useState(false);
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const load = async (before?: number) => {
    setError(null);
    try {
      const r = await workspace.notifications({ unread: unreadOnly || undefined, before, limit: 30 });
      setItems((old) => (before && old ? [...old, ...r.items] : r.items));
      setMore(r.more);
      setUnread(r.unread);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => {
    setItems(null);
    void load();
  }, [unreadOnly]); // eslint-disable-line react-hooks/exhaustive-deps

  const changed = (n: number) => {
    setUnread(n);
    window.dispatchEvent(new Event(BELL_REFRESH_EVENT));
  };
  const markRead = async (ids: number[]) => {
    const r = await workspace.markRead(ids);
    setItems((l) => l?.map((x) => (ids.includes(x.id) ? { ...x, read: true } : x)) ?? null);
    changed(r.unread);
  };

  return (
    <section className="page page-notifications">
      <div className="page-head">
        <div>
          <PageHeading>Уведомления</PageHeading>
          <p className="sub">
            Возвраты и приёмка отчётов, решения о переносе сроков, новые поручения, приближающиеся и пропущенные сроки.
            Непрочитанных: <span data-testid="unread-total">{unread}</span>.
          </p>
        </div>
        <div className="page-actions">
          {unread > 0 && (
            <button
              type="button"
              className="btn"
              onClick={async () => {
                const r = await workspace.markAllRead();
                setItems((l) => l?.map((x) => ({ ...x, read: true })) ?? null);
                changed(r.unread);
              }}
              data-testid="mark-all-read"
            >
              Отметить все прочитанными
            </button>
          )}
        </div>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={unreadOnly}
          onChange={(e) => setUnreadOnly(e.target.checked)}
          data-testid="unread-only"
        />{' '}
        Только непрочитанные
      </label>
      {error && <Alert>{error}</Alert>}
      {!items ? (
        !error && <Loading />
      ) : items.length === 0 ? (
        <p className="empty">Уведомлений нет.</p>
      ) : (
        <ul className="plain notice-list" data-testid="notification-list">
          {items.map((n) => (
            <li
              key={n.id}
              className={n.read ? 'notice' : 'notice notice-unread'}
              data-testid="notification"
              data-kind={n.kind}
              data-read={n.read}
            >
              <div className="notice-meta small muted">
                <span className={`notice-kind kind-${n.kind}`}>{NOTIFICATION_KIND_LABELS[n.kind]}</span> ·{' '}
                {formatDateTimeRu(n.createdAt)}
                {!n.read && <span className="badge badge-info">новое</span>}
              </div>
              <Link
                to={notificationLink(n)}
                className="notice-title"
                onClick={() => {
                  if (!n.read) void markRead([n.id]);
                }}
              >
                {n.title}
              </Link>
              <div className="notice-body">{n.body}</div>
              {!n.read && (
                <button type="button" className="btn-link small" onClick={() => void markRead([n.id])}>
                  Отметить прочитанным
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {more && items && (
        <button type="button" className="btn load-more" onClick={() => void load(items[items.length - 1].id)}>
          Показать ещё
        </button>
      )}
    </section>
  );
}
