import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage, type Plan } from '../../api';
import { Dialog } from '../../components/Dialog';
import { CONTROL_FROM_HINT } from '../../components/PlanForm';
import { Alert, Field, describedBy } from '../../components/ui';
import { formatDateRu } from '../../format';

/**
 * Approving a draft: the plan comes under control from a date — by default today (or the
 * period's start if it has not begun, never earlier than the draft had), so that a plan
 * already under way does not owe reports for the time before it was approved.
 */
export function ApproveDialog({ plan, onApprove, onClose }: { plan: Plan; onApprove(controlFrom: string): Promise<void>; onClose(): void }) {
  const today = new Date().toISOString().slice(0, 10);
  const offered = [plan.periodFrom && plan.periodFrom > today ? plan.periodFrom : today, plan.controlFrom ?? ''].sort().pop()!;
  const [controlFrom, setControlFrom] = useState(offered);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!controlFrom) {
      setErrors({ controlFrom: 'Укажите дату, с которой план на контроле.' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onApprove(controlFrom);
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setBusy(false);
    }
  };
  const running = Boolean(plan.periodFrom && plan.periodFrom < controlFrom);
  return (
    <Dialog title="Утвердить план" onClose={onClose} testId="approve-dialog">
      <form onSubmit={submit} noValidate data-testid="approve-form">
        {error && <Alert testId="approve-error">{error}</Alert>}
        <p>
          План «{plan.title}» станет действующим: исполнители увидят свои мероприятия и сроки отчётов, начнутся напоминания.
        </p>
        <Field id="approve-control-from" label="Контроль с даты" error={errors.controlFrom} required hint={CONTROL_FROM_HINT}>
          <input
            id="approve-control-from"
            type="date"
            value={controlFrom}
            min={plan.periodFrom ?? undefined}
            onChange={(e) => setControlFrom(e.target.value)}
            aria-describedby={describedBy('approve-control-from', errors.controlFrom)}
            data-testid="approve-control-from"
          />
        </Field>
        {running && (
          <p className="muted small" data-testid="approve-running-note">
            Период плана начался {formatDateRu(plan.periodFrom)}: за время до {formatDateRu(controlFrom)} отчёты не потребуются.
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="approve-submit">
            {busy ? 'Сохранение…' : 'Утвердить'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Отмена
          </button>
        </div>
      </form>
    </Dialog>
  );
}
