/**
 * Issue 15 on screen: the substance verdict of a report (checked live while the executor writes,
 * stored with the report for the coordinator), the measures linked as «одна и та же работа» with
 * the candidates the product suggests, and the offer to use a sent report in the linked plans.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api';
import { REPORT_STATE_LABELS, type ReportDetail, type ResultStatus } from '../execution';
import { useApiQuery } from '../hooks';
import { markSpans, substance, SUBSTANCE_LABELS, type SubstanceLabel, type SubstanceVerdict } from '../substance';
import { Alert } from './ui';

const EVIDENCE_KIND: Record<string, string> = {
  document: 'документ',
  date: 'дата',
  figure: 'число',
  object: 'объект',
  event: 'событие',
  conflict: 'противоречит статусу',
};

/** A small flag for lists (the review queue, the measure's reports). Nothing for a substantive text without a conflict. */
export function SubstanceFlag({
  label,
  conflict,
  reasons,
}: {
  label: SubstanceLabel;
  conflict: boolean;
  reasons?: string[];
}) {
  return (
    <>
      {label !== 'substantive' && (
        <span
          className="badge badge-warn"
          data-testid="substance-flag"
          data-label={label}
          title={reasons?.join('\n') ?? SUBSTANCE_LABELS[label]}
        >
          {label === 'formal' ? 'формально' : 'частично формально'}
        </span>
      )}
      {conflict && (
        <span className="badge badge-warn" data-testid="substance-conflict" title={reasons?.join('\n')}>
          статус противоречит тексту
        </span>
      )}
    </>
  );
}

/** The text with its evidence (and the words that contradict the status mark) highlighted. */
export function MarkedText({ text, verdict }: { text: string; verdict: SubstanceVerdict }) {
  const spans = [
    ...verdict.evidence.map((e) => ({ start: e.start, end: e.end, kind: e.kind })),
    ...(verdict.statusConflict?.evidence ? [{ ...verdict.statusConflict.evidence, kind: 'conflict' }] : []),
  ];
  return (
    <>
      {markSpans(text, spans).map((p, i) =>
        p.kind ? (
          <mark
            key={i}
            className={`ev ev-${p.kind}`}
            title={EVIDENCE_KIND[p.kind] ?? p.kind}
            data-testid="substance-evidence"
          >
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

/** The verdict with the text, its evidence highlighted, and the reasons. */
export function VerdictView({
  text,
  verdict,
  testId,
  showText = true,
}: {
  text: string;
  verdict: SubstanceVerdict;
  testId: string;
  showText?: boolean;
}) {
  const spans = [
    ...verdict.evidence.map((e) => ({ start: e.start, end: e.end, kind: e.kind })),
    ...(verdict.statusConflict?.evidence ? [{ ...verdict.statusConflict.evidence, kind: 'conflict' }] : []),
  ];
  const ok = verdict.label === 'substantive' && !verdict.statusConflict;
  return (
    <div
      className={`substance-verdict substance-${verdict.label}${verdict.statusConflict ? ' substance-conflict' : ''}`}
      data-testid={testId}
      data-label={verdict.label}
      data-conflict={verdict.statusConflict ? 'true' : 'false'}
      role="status"
    >
      <div className="substance-head">
        <strong>{SUBSTANCE_LABELS[verdict.label]}</strong>
        {verdict.formalExecutors.length > 0 && <span> ({verdict.formalExecutors.join(', ')})</span>}
        {verdict.statusConflict && <span className="badge badge-warn">статус противоречит тексту</span>}
      </div>
      <ul className="substance-reasons" data-testid={`${testId}-reasons`}>
        {verdict.reasons.map((r, i) => (
          <li key={i} className={i === 0 && !ok ? 'substance-main' : undefined}>
            {r}
          </li>
        ))}
      </ul>
      {showText && spans.length > 0 && (
        <div className="pre substance-text" data-testid={`${testId}-text`}>
          <MarkedText text={text} verdict={verdict} />
        </div>
      )}
    </div>
  );
}

/** Checks the text being written half a second after the last keystroke, before it is sent. */
export function LiveVerdict({
  reportId,
  text,
  status,
}: {
  reportId: number;
  text: string;
  status: ResultStatus | null;
}) {
  const [verdict, setVerdict] = useState<{ text: string; v: SubstanceVerdict } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!text.trim()) {
      setVerdict(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(async () => {
      try {
        const v = await substance.check(reportId, text, status);
        if (!cancelled) {
          setVerdict({ text, v });
          setError(null);
        }
      } catch (e) {
        if (!cancelled) setError(errorMessage(e));
      }
    }, 500);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [reportId, text, status]);
  if (error) return <Alert kind="info">Проверка текста недоступна: {error}</Alert>;
  if (!verdict) return null;
  return <VerdictView text={verdict.text} verdict={verdict.v} testId="substance-live" />;
}

/**
 * After sending: the same organisation's reports on linked measures of other plans, to be filled
 * with this one (one text, figures, links and attachments), each then reviewed in its own plan.
 */
export function ShareOffer({ report, onShared }: { report: ReportDetail; onShared(): Promise<void> }) {
  const sent = report.state === 'submitted' || report.state === 'accepted';
  const targets = useApiQuery(['report', report.id, 'share-targets'], () => substance.shareTargets(report.id));
  const [chosen, setChosen] = useState<Set<number> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const items = targets.data?.items ?? [];
  if (items.length === 0) return null;
  const open = items.filter((t) => t.available);
  const picked = chosen ?? new Set(open.map((t) => t.reportId));
  return (
    <div className="card share-offer" data-testid="share-offer">
      <h4>Эта работа есть и в других планах</h4>
      {error && <Alert>{error}</Alert>}
      {notice && (
        <Alert kind="success" testId="share-notice">
          {notice}
        </Alert>
      )}
      <ul className="plain">
        {items.map((t) => (
          <li key={t.reportId} data-testid={`share-target-${t.reportId}`}>
            {t.available && sent ? (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={picked.has(t.reportId)}
                  onChange={(e) => {
                    const next = new Set(picked);
                    if (e.target.checked) next.add(t.reportId);
                    else next.delete(t.reportId);
                    setChosen(next);
                  }}
                  data-testid="share-target-check"
                />{' '}
                {t.plan.title}, № {t.measure.number} {t.measure.title} — {t.period}
              </label>
            ) : (
              <>
                {t.plan.title}, № {t.measure.number} {t.measure.title} — {t.period}:{' '}
                <span className="muted">
                  {REPORT_STATE_LABELS[t.state]}
                  {t.sharedFromReportId === report.id ? ' (этот отчёт)' : ''}
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
      {open.length > 0 &&
        (sent ? (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || picked.size === 0}
            data-testid="share-submit"
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                const r = await substance.share(
                  report.id,
                  open.filter((t) => picked.has(t.reportId)).map((t) => ({ reportId: t.reportId, version: t.version })),
                );
                setNotice(
                  `Отчёт отправлен и в ${r.shared.length === 1 ? 'план' : 'планы'}: ${r.shared.map((s) => `«${s.planTitle}»`).join(', ')}. Каждый координатор проверит его в своём плане.`,
                );
                setChosen(null);
                await targets.reload();
                await onShared();
              } catch (e) {
                setError(errorMessage(e));
                await targets.reload();
              } finally {
                setBusy(false);
              }
            }}
          >
            Использовать этот отчёт в отмеченных планах
          </button>
        ) : (
          <p className="small muted">
            После отправки этот отчёт можно будет использовать и там — без повторного ввода.
          </p>
        ))}
    </div>
  );
}

/** The measure page's block: the imported text's verdict, linked measures, where reports are used, candidates. */
export function LinkedWork({ measureId, executionText }: { measureId: number; executionText: string }) {
  const links = useApiQuery(['measure', measureId, 'links'], () => substance.links(measureId));
  const canLink = links.data?.abilities.link ?? false;
  const candidates = useApiQuery(
    ['measure', measureId, 'link-candidates'],
    () => (canLink ? substance.candidates(measureId) : Promise.resolve({ items: [] })),
    { enabled: canLink },
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const l = links.data;
  if (!l) return links.error ? <Alert>{links.error}</Alert> : null;
  const reload = async () => {
    await links.reload();
    if (canLink) await candidates.reload();
  };
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const cands = candidates.data?.items ?? [];
  return (
    <section aria-labelledby="linked-heading" data-testid="linked-work">
      {l.executionSubstance && executionText.trim() && (
        <>
          <h2 className="section-heading">Содержательность отчёта об исполнении</h2>
          <VerdictView text={executionText} verdict={l.executionSubstance} testId="execution-substance" />
        </>
      )}
      {(l.links.length > 0 || cands.length > 0 || l.usage.length > 0) && (
        <h2 className="section-heading" id="linked-heading">
          Та же работа в других планах
        </h2>
      )}
      {error && <Alert>{error}</Alert>}
      {l.links.length > 0 && (
        <ul className="plain" data-testid="measure-links">
          {l.links.map((x) => (
            <li key={x.id} data-testid={`measure-link-${x.measure.id}`}>
              <Link to={`/measures/${x.measure.id}`}>
                {x.measure.plan.title}, № {x.measure.number} {x.measure.title}
              </Link>
              {x.reason && <div className="small muted">{x.reason}</div>}
              {x.abilities.remove && (
                <button
                  type="button"
                  className="btn btn-sm btn-ghost btn-danger-text"
                  disabled={busy}
                  onClick={() => run(() => substance.unlink(x.id))}
                >
                  Убрать связь
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {l.usage.length > 0 && (
        <>
          <h3 className="small">Где используются отчёты</h3>
          <ul className="plain small" data-testid="report-usage">
            {l.usage.map((u) => (
              <li key={`${u.reportId}-${u.other.reportId}`}>
                Отчёт за {u.period} ({u.organisation}){' '}
                {u.direction === 'to' ? 'использован в плане' : 'написан один раз в плане'} «
                {u.other.measure.plan.title}», № {u.other.measure.number}:{' '}
                <Link to={`/reports/${u.other.reportId}`}>{REPORT_STATE_LABELS[u.other.state]}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {canLink && cands.length > 0 && (
        <>
          <h3 className="small">Возможно, та же работа (связь появится только после подтверждения)</h3>
          <ul className="plain" data-testid="link-candidates">
            {cands.map((c) => (
              <li key={c.measure.id} data-testid={`link-candidate-${c.measure.id}`}>
                <Link to={`/measures/${c.measure.id}`}>
                  {c.measure.plan.title}, № {c.measure.number} {c.measure.title}
                </Link>
                <div className="small muted">{c.reason}</div>
                <button
                  type="button"
                  className="btn btn-sm"
                  disabled={busy}
                  data-testid="link-confirm"
                  onClick={() => run(() => substance.link(measureId, c.measure.id, c.reason))}
                >
                  Связать: одна и та же работа
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The dashboard's block: the share of formal reports by executor and by section, and reports saved by linking. */
export function SubstanceDashboardBlock({ planId }: { planId?: number }) {
  const d = useApiQuery(['dashboard', 'substance', planId ?? null], () => substance.dashboard(planId));
  if (!d.data) return d.error ? <Alert>{d.error}</Alert> : null;
  const s = d.data;
  const pct = (n: number) => `${n.toLocaleString('ru-RU')} %`;
  return (
    <section aria-labelledby="substance-heading" data-testid="substance-dashboard">
      <h2 className="section-heading" id="substance-heading">
        Содержательность отчётов
      </h2>
      <p data-testid="substance-totals">
        Отправлено отчётов с проверкой: {s.totals.total}; формальных {s.totals.formal}, частично формальных{' '}
        {s.totals.partial} ({pct(s.totals.formalShare)}); статус противоречит тексту: {s.totals.conflicts}.{' '}
        <span data-testid="reports-saved">Отчётов сэкономлено связью мероприятий: {s.reportsSaved}.</span>
      </p>
      {s.byExecutor.length > 0 && (
        <table className="grid" data-testid="substance-by-executor">
          <caption className="small">Доля формальных отчётов по исполнителям</caption>
          <thead>
            <tr>
              <th scope="col">Исполнитель</th>
              <th scope="col">Отчётов</th>
              <th scope="col">Формальных</th>
              <th scope="col">Доля</th>
              <th scope="col">Противоречий статусу</th>
            </tr>
          </thead>
          <tbody>
            {s.byExecutor.map((r) => (
              <tr key={r.organisation.id}>
                <th scope="row">{r.organisation.shortName}</th>
                <td>{r.total}</td>
                <td>{r.formal + r.partial}</td>
                <td>{pct(r.formalShare)}</td>
                <td>{r.conflicts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {s.bySection.length > 0 && (
        <table className="grid" data-testid="substance-by-section">
          <caption className="small">Доля формальных отчётов по разделам</caption>
          <thead>
            <tr>
              <th scope="col">Раздел</th>
              <th scope="col">Отчётов</th>
              <th scope="col">Формальных</th>
              <th scope="col">Доля</th>
            </tr>
          </thead>
          <tbody>
            {s.bySection.map((r) => (
              <tr key={`${r.plan.id}-${r.section?.id ?? 0}`}>
                <th scope="row">
                  {planId ? '' : `${r.plan.title}: `}
                  {r.section ? `${r.section.number}. ${r.section.title}` : 'Без раздела'}
                </th>
                <td>{r.total}</td>
                <td>{r.formal + r.partial}</td>
                <td>{pct(r.formalShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
