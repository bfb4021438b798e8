import { api, type Plan } from '../../api';
import { PageHeading, StatusBreakdown } from '../../components/ui';
import { countRu, formatDateRu, formatPeriodRu, planKindLabel, planStatusLabel } from '../../format';
import { INSTRUCTION_WORDS, MEASURE_WORDS } from './plan-view';

/** The plan as its document opens: approval stamp, kind, title, period, owner, status, source. */
export function PlanDocHead({ p }: { p: Plan }) {
  const council = p.kind === 'council_decisions';
  return (
    <header className="doc-head">
      {(p.approvedByName || p.approvedOn) && (
        <div className="approval" data-testid="plan-approval">
          <div className="approval-word">УТВЕРЖДАЮ</div>
          {p.approvedByName && <div className="approval-name">{p.approvedByName}</div>}
          {p.approvedOn && <div className="approval-date">{formatDateRu(p.approvedOn)}</div>}
        </div>
      )}
      <div className="doc-kind">{planKindLabel(p.kind)}</div>
      <PageHeading className="doc-title">{p.title}</PageHeading>
      <div className="doc-meta">
        {formatPeriodRu(p.periodFrom, p.periodTo) && (
          <span data-testid="plan-period">
            Период: <strong>{formatPeriodRu(p.periodFrom, p.periodTo)}</strong>
          </span>
        )}
        {p.owner && (
          <span title={p.owner.fullName}>
            Ответственный: <strong>{p.owner.shortName || p.owner.fullName}</strong>
          </span>
        )}
        <span className={`pill pill-${p.status}`} data-testid="plan-status">
          {planStatusLabel(p.status)}
        </span>
        {p.controlFrom && p.periodFrom && p.controlFrom > p.periodFrom && (
          <span data-testid="plan-control-from">
            Контроль с: <strong>{formatDateRu(p.controlFrom)}</strong>
          </span>
        )}
        <span>{countRu(p.measureCount, council ? INSTRUCTION_WORDS : MEASURE_WORDS)}</span>
        {p.sourceFile && (
          <span data-testid="plan-source">
            Источник:{' '}
            <a href={api.fileUrl(p.sourceFile.id)} download={p.sourceFile.name} title="Скачать исходный файл">
              {p.sourceFile.name}
            </a>
          </span>
        )}
        {p.measureCount > 0 && (
          <span className="doc-progress">
            <StatusBreakdown counts={p.statusCounts} total={p.measureCount} />
          </span>
        )}
      </div>
    </header>
  );
}
