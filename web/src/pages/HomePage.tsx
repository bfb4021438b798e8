/**
 * «Моя работа» — where executors land after login: what their organisation must submit and
 * by when, what came back and why, the decisions on their extension requests, the latest
 * notices; counts first, each leading to the filtered list. Reviewers also see what awaits
 * their decision.
 */
import { Link } from 'react-router';
import { useUser } from '../auth';
import { Alert, Loading, PageHeading, useTitle } from '../components/ui';
import { REPORT_STATE_LABELS } from '../execution';
import { countRu, formatDateShort, formatDateTimeRu } from '../format';
import { useApiQuery } from '../hooks';
import { notificationLink, workspace, type Home, type ReportListItem } from '../workspace';

export function HomePage() {
  useTitle('Моя работа');
  const user = useUser();
  const home = useApiQuery(['home', true], () => workspace.home());
  const h = home.data;
  return (
    <section className="page page-home">
      <PageHeading>Моя работа</PageHeading>
      <p className="sub">
        {user.organisation ? user.organisation.shortName || user.organisation.fullName : ''}
        {h ? ` · сегодня ${formatDateShort(h.today)}` : ''}
      </p>
      {home.error && <Alert>{home.error}</Alert>}
      {!h ? !home.error && <Loading /> : <HomeView h={h} />}
    </section>
  );
}

function Tile({
  n,
  label,
  to,
  tone,
  testId,
}: {
  n: number;
  label: string;
  to: string;
  tone?: 'red' | 'yellow' | 'green' | 'grey';
  testId: string;
}) {
  return (
    <Link to={to} className={`tile tile-link${tone && n > 0 ? ` tile-${tone}` : ''}`} data-testid={testId}>
      <span className="tile-n">{n}</span>
      <span>{label}</span>
    </Link>
  );
}

function HomeView({ h }: { h: Home }) {
  const c = h.counts;
  return (
    <>
      <div className="tiles" data-testid="home-tiles">
        <Tile n={c.overdue} label="просрочено" to="/reports?view=mine&overdue=1" tone="red" testId="home-overdue" />
        <Tile
          n={c.dueSoon}
          label={`срок в ближайшие ${h.soonDays} дней`}
          to={`/reports?view=mine&state=expected,draft,returned&dueFrom=${h.today}`}
          tone="yellow"
          testId="home-soon"
        />
        <Tile
          n={c.returned}
          label="возвращено на доработку"
          to="/reports?view=mine&state=returned"
          tone="red"
          testId="home-returned"
        />
        <Tile
          n={c.submitted}
          label="на проверке у координатора"
          to="/reports?view=mine&state=submitted"
          testId="home-submitted"
        />
        <Tile
          n={c.accepted}
          label="принято"
          to="/reports?view=mine&state=accepted"
          tone="green"
          testId="home-accepted"
        />
        <Tile n={c.unread} label="новых уведомлений" to="/notifications" tone="yellow" testId="home-unread" />
      </div>

      {h.review && (
        <div className="panel home-review" data-testid="home-review">
          <strong>Ждут вашего решения:</strong>{' '}
          <Link to="/reports?view=review">{countRu(h.review.reports, ['отчёт', 'отчёта', 'отчётов'])} на проверке</Link>
          {' · '}
          <Link to="/reports?view=review#pending-extensions">
            {countRu(h.review.extensions, ['запрос', 'запроса', 'запросов'])} на перенос срока
          </Link>
        </div>
      )}

      <div className="two-col">
        <div>
          <h2 className="section-heading">
            Что сдать и когда <span className="muted small">(всего не сдано: {c.open})</span>
          </h2>
          {h.toSubmit.length === 0 ? (
            <p className="empty">В ближайшие {h.soonDays} дней сдавать нечего.</p>
          ) : (
            <ul className="plain item-list" data-testid="home-to-submit">
              {h.toSubmit.map((r) => (
                <ReportLine key={r.id} r={r} />
              ))}
            </ul>
          )}
          <p className="small">
            <Link to="/reports?view=mine&state=expected,draft,returned">Все несданные отчёты →</Link>
          </p>
        </div>
        <div>
          <h2 className="section-heading">Возвращено на доработку</h2>
          {h.returned.length === 0 ? (
            <p className="empty">Возвращённых отчётов нет.</p>
          ) : (
            <ul className="plain item-list" data-testid="home-returned-list">
              {h.returned.map((r) => (
                <li key={r.id} className="item-returned">
                  <Link to={`/reports/${r.id}`}>{r.measure.label}</Link>
                  <div className="small">
                    Отчёт за {r.period.label}, срок {formatDateShort(r.dueOn)}
                  </div>
                  {r.reviewComment && <div className="small returned-why">Что доработать: {r.reviewComment}</div>}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      <div className="two-col">
        <div>
          <h2 className="section-heading">Перенос сроков</h2>
          {h.extensions.length === 0 ? (
            <p className="empty">Запросов за последние 60 дней нет.</p>
          ) : (
            <ul className="plain item-list" data-testid="home-extensions">
              {h.extensions.map((x) => (
                <li key={x.id}>
                  <Link to={`/measures/${x.measure.id}`}>{x.measure.label}</Link>
                  <div className="small">
                    {x.currentDue ? `с ${formatDateShort(x.currentDue)} ` : ''}на {formatDateShort(x.requestedDue)}:{' '}
                    <span className={`ext-state ext-${x.state}`}>
                      {x.state === 'pending' ? 'на рассмотрении' : x.state === 'approved' ? 'согласован' : 'отклонён'}
                    </span>
                    {x.decisionComment && <> — {x.decisionComment}</>}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h2 className="section-heading">Уведомления</h2>
          {h.notifications.length === 0 ? (
            <p className="empty">Уведомлений нет.</p>
          ) : (
            <ul className="plain item-list" data-testid="home-notifications">
              {h.notifications.map((n) => (
                <li key={n.id} className={n.read ? undefined : 'notice-unread'}>
                  <Link to={notificationLink(n)}>{n.title}</Link>
                  <div className="small muted">{formatDateTimeRu(n.createdAt)}</div>
                </li>
              ))}
            </ul>
          )}
          <p className="small">
            <Link to="/notifications">Все уведомления →</Link>
          </p>
        </div>
      </div>
    </>
  );
}

function ReportLine({ r }: { r: ReportListItem }) {
  return (
    <li className={r.overdue ? 'item-overdue' : r.state === 'returned' ? 'item-returned' : undefined}>
      <strong>{formatDateShort(r.dueOn)}</strong>
      {r.overdue && <span className="badge badge-warn">просрочен</span>} —{' '}
      <Link to={`/reports/${r.id}`}>{r.measure.label}</Link>
      <div className="small muted">
        Отчёт за {r.period.label} · {REPORT_STATE_LABELS[r.state]}
        {r.role === 'co' ? ' · часть соисполнителя' : ''} · {r.plan.shortTitle}
      </div>
    </li>
  );
}
