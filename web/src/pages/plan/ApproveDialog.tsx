import { useState } from 'react';
import type { Plan } from '../../api';
import { CONTROL_FROM_HINT } from '../../components/PlanForm';
import { FormActions, FormDialog, useSubmit } from '../../components/form';
import { Field, describedBy } from '../../components/ui';
import { formatDateRu } from '../../format';

/**
 * Approving a draft: the plan comes under control from a date — by default today (or the
 * period's start if it has not begun, never earlier than the draft had), so that a plan
 * already under way does not owe reports for the time before it was approved.
 */
export function ApproveDialog({
  plan,
  onApprove,
  onClose,
}: {
  plan: Plan;
  onApprove(controlFrom: string): Promise<void>;
  onClose(): void;
}) {
  const today = new Date().toISOString().slice(0, 10);
  const offered = [plan.periodFrom && plan.periodFrom > today ? plan.periodFrom : today, plan.controlFrom ?? '']
    .sort()
    .pop()!;
  const [controlFrom, setControlFrom] = useState(offered);
  const approve = useSubmit(onApprove);
  const errors = approve.fieldErrors;
  const submit = () => {
    if (approve.invalid(controlFrom ? {} : { controlFrom: 'Укажите дату, с которой план на контроле.' })) return;
    void approve.submit(controlFrom);
  };
  const running = Boolean(plan.periodFrom && plan.periodFrom < controlFrom);
  return (
    <FormDialog
      title="Утвердить план"
      onClose={onClose}
      onSubmit={submit}
      error={approve.error}
      errorTestId="approve-error"
      testId="approve-dialog"
      formTestId="approve-form"
    >
      <p>
        План «{plan.title}» станет действующим: исполнители увидят свои мероприятия и сроки отчётов, начнутся
        напоминания.
      </p>
      <Field
        id="approve-control-from"
        label="Контроль с даты"
        error={errors.controlFrom}
        required
        hint={CONTROL_FROM_HINT}
      >
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
          Период плана начался {formatDateRu(plan.periodFrom)}: за время до {formatDateRu(controlFrom)} отчёты не
          потребуются.
        </p>
      )}
      <FormActions
        submitLabel="Утвердить"
        busy={approve.busy}
        busyLabel="Сохранение…"
        submitTestId="approve-submit"
        onCancel={onClose}
      />
    </FormDialog>
  );
}
