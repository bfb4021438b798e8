/** «Реквизиты плана»: kind, title, owner, period and approval of the plan being imported. */
import { useUser } from '../../auth';
import { OrgPicker } from '../../components/OrgPicker';
import { Field, describedBy } from '../../components/ui';
import { PLAN_KIND_LABELS, formatDateRu, type PlanKind } from '../../format';
import { PERIOD_SOURCE_HINTS, type inferPeriod } from '../../import-review';
import { orgName, type Header } from './review-state';

interface PlanHeaderPanelProps {
  header: Header;
  setHeader(h: Header): void;
  headerErrors: Record<string, string>;
  /** The period read from the document (or guessed), with where it came from. */
  period0: ReturnType<typeof inferPeriod>;
  periodTouched: boolean;
  setPeriodTouched(touched: boolean): void;
}

export function PlanHeaderPanel({
  header,
  setHeader,
  headerErrors,
  period0,
  periodTouched,
  setPeriodTouched,
}: PlanHeaderPanelProps) {
  const user = useUser();
  return (
    <section className="panel" aria-labelledby="imp-head-h">
      <h2 id="imp-head-h" className="panel-title">
        Реквизиты плана
      </h2>
      <div className="import-header" data-testid="import-header">
        <fieldset className="field">
          <legend>Вид документа</legend>
          <div className="radio-row">
            {(Object.keys(PLAN_KIND_LABELS) as PlanKind[]).map((k) => (
              <label key={k} className="radio">
                <input
                  type="radio"
                  name="imp-kind"
                  checked={header.kind === k}
                  onChange={() => setHeader({ ...header, kind: k })}
                  data-testid={`import-kind-${k}`}
                />
                {PLAN_KIND_LABELS[k]}
              </label>
            ))}
          </div>
        </fieldset>
        <Field id="imp-title" label="Наименование" error={headerErrors.title} required>
          <textarea
            id="imp-title"
            className="autosize"
            rows={2}
            value={header.title}
            onChange={(e) => setHeader({ ...header, title: e.target.value })}
            aria-describedby={describedBy('imp-title', headerErrors.title)}
            aria-invalid={headerErrors.title ? true : undefined}
            data-testid="import-field-title"
          />
        </Field>
        <div className="field-row">
          <Field
            id="imp-owner"
            label="Ответственная организация"
            error={headerErrors.ownerOrganisationId}
            required
            className="grow"
          >
            <OrgPicker
              id="imp-owner"
              testId="import-field-owner"
              value={header.ownerId}
              onChange={(id) => setHeader({ ...header, ownerId: id })}
              describedBy={describedBy('imp-owner', headerErrors.ownerOrganisationId)}
              invalid={Boolean(headerErrors.ownerOrganisationId)}
              fallbackText={user.organisation ? orgName(user.organisation) : undefined}
            />
          </Field>
          <Field id="imp-periodFrom" label="Период: с" error={headerErrors.periodFrom} required className="narrow-md">
            <input
              id="imp-periodFrom"
              type="date"
              value={header.periodFrom}
              onChange={(e) => {
                setPeriodTouched(true);
                setHeader({ ...header, periodFrom: e.target.value });
              }}
              aria-describedby="imp-period-source"
              aria-invalid={headerErrors.periodFrom ? true : undefined}
              data-testid="import-field-periodFrom"
            />
          </Field>
          <Field id="imp-periodTo" label="по" error={headerErrors.periodTo} required className="narrow-md">
            <input
              id="imp-periodTo"
              type="date"
              value={header.periodTo}
              onChange={(e) => {
                setPeriodTouched(true);
                setHeader({ ...header, periodTo: e.target.value });
              }}
              aria-describedby="imp-period-source"
              aria-invalid={headerErrors.periodTo ? true : undefined}
              data-testid="import-field-periodTo"
            />
          </Field>
        </div>
        {!periodTouched && (
          <p
            id="imp-period-source"
            className={`hint period-source ${period0.source === 'document' ? '' : 'period-guess'}`}
            data-testid="import-period-source"
          >
            {PERIOD_SOURCE_HINTS[period0.source]} Сроки мероприятий читаются в пределах этого периода.
          </p>
        )}
        <div className="field-row">
          <Field id="imp-approvedByName" label="«УТВЕРЖДАЮ»: кто" error={headerErrors.approvedByName} className="grow">
            <input
              id="imp-approvedByName"
              value={header.approvedByName}
              onChange={(e) => setHeader({ ...header, approvedByName: e.target.value })}
              placeholder="О.А. Петелин"
              data-testid="import-field-approvedByName"
            />
          </Field>
          <Field
            id="imp-approvedOn"
            label="когда"
            error={headerErrors.approvedOn}
            className="narrow-md"
            hint={header.approvedOn ? formatDateRu(header.approvedOn) : undefined}
          >
            <input
              id="imp-approvedOn"
              type="date"
              value={header.approvedOn}
              onChange={(e) => setHeader({ ...header, approvedOn: e.target.value })}
              data-testid="import-field-approvedOn"
            />
          </Field>
        </div>
      </div>
    </section>
  );
}
