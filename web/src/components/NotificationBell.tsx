/**
 * The bell in the header: the number of unread notices, and a panel with the latest ones.
 * The count is polled once a minute and on every page change (one indexed count on the
 * server); opening the panel loads the list. A notice opened is marked read.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../api';
import { formatDateTimeRu } from '../format';
import { notificationLink, workspace, type AppNotification } from '../workspace';

const POLL_MS = 60_000;

/** Other parts of the page (the notifications page) tell the bell to count again. */
export const BELL_REFRESH_EVENT = 'isp:notifications-changed';

export function NotificationBell() {
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<AppNotification[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const location = useLocation();
  const navigate = useNavigate();
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const count = useCallback(() => {
    workspace
      .unreadCount()
      .then((r) => setUnread(r.unread))
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    count();
    const timer = window.setInterval(count, POLL_MS);
    window.addEventListener(BELL_REFRESH_EVENT, count);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(BELL_REFRESH_EVENT, count);
    };
  }, [count]);
  useEffect(() => {
    count();
    setOpen(false);
  }, [location.pathname, count]);

  useEffect(() => {
    if (!open) return;
    setError(null);
    workspace
      .notifications({ limit: 8 })
      .then((r) => {
        setItems(r.items);
        setUnread(r.unread);
      })
      .catch((e) => setError(errorMessage(e)));
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const go = async (n: AppNotification) => {
    if (!n.read)
      await workspace
        .markRead([n.id])
        .then((r) => setUnread(r.unread))
        .catch(() => undefined);
    setOpen(false);
    navigate(notificationLink(n));
  };

  const label = unread ? `Уведомления: ${unread} непрочитанных` : 'Уведомления: непрочитанных нет';
  return (
    <div className="bell" ref={box}>
      <button
        ref={button}
        type="button"
        className="btn btn-ghost btn-sm bell-button"
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen(!open)}
        data-testid="bell"
      >
        <svg
          width="18"
          height="18"
          viewBox="0 0 16 16"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.4"
          strokeLinecap="round"
          strokeLinejoin="round"
          aria-hidden="true"
          focusable="false"
        >
          <path d="M4 11V7a4 4 0 0 1 8 0v4l1.5 1.5h-11L4 11zM6.5 14a1.5 1.5 0 0 0 3 0" />
        </svg>
        {unread > 0 && (
          <span className="bell-count" data-testid="bell-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-panel" role="dialog" aria-label="Уведомления" data-testid="bell-panel">
          <div className="bell-head">
            <strong>Уведомления</strong>
            {unread > 0 && (
              <button
                type="button"
                className="btn-link"
                onClick={() =>
                  workspace.markAllRead().then((r) => {
                    setUnread(r.unread);
                    setItems((l) => l?.map((x) => ({ ...x, read: true })) ?? null);
                  })
                }
              >
                Отметить все прочитанными
              </button>
            )}
          </div>
          {error && <p className="small">{error}</p>}
          {!items ? (
            <p className="small muted">Загрузка…</p>
          ) : items.length === 0 ? (
            <p className="small muted">Уведомлений нет.</p>
          ) : (
            <ul className="plain bell-list">
              {items.map((n) => (
                <li key={n.id} className={n.read ? 'notice' : 'notice notice-unread'}>
                  <button type="button" className="notice-open" onClick={() => void go(n)} data-testid="bell-item">
                    <span className="notice-title">{n.title}</span>
                    <span className="notice-body">{n.body}</span>
                    <span className="notice-time">
                      {formatDateTimeRu(n.createdAt)}
                      {!n.read && <span className="sr-only"> (не прочитано)</span>}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <Link to="/notifications" className="bell-all" data-testid="bell-all">
            Все уведомления
          </Link>
        </div>
      )}
    </div>
  );
}
