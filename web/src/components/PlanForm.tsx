/** Plan header form (create and edit): kind, title, owner, period, approval. */
import { useState } from 'react';
import { type Plan, type PlanInput, type PlanPatch } from '../api';
import { PLAN_KIND_LABELS, type PlanKind } from '../format';
import { OrgPicker } from './OrgPicker';
import { TextField, Field, describedBy, submitOnCtrlEnter } from './ui';
import { FormActions, FormDialog, useSubmit } from './form';

interface Props {
  plan?: Plan;
  /** Organisation suggested as owner of a new plan (the user's own). */
  defaultOwnerId?: number | null;
  /** A new plan's fields, or an edit's changed fields (the caller adds the version it shows). */
  onSubmit(input: PlanInput | Omit<PlanPatch, 'version'>): Promise<void>;
  onClose(): void;
}

const dateOnly = (v: string | null | undefined) => (v ? v.slice(0, 10) : '');

/** What «контроль с даты» means, wherever it is set (this form, the approval dialog). */
export const CONTROL_FROM_HINT =
  'Отчёты за периоды, закончившиеся раньше этой даты, не требуются, и контрольные сроки до неё не считаются просроченными. Сведения о прошлом исполнении можно внести импортом отчёта.';

export function PlanFormDialog({ plan, defaultOwnerId, onSubmit, onClose }: Props) {
  const [kind, setKind] = useState<PlanKind>(plan?.kind ?? 'plan');
  const [title, setTitle] = useState(plan?.title ?? '');
  const [ownerId, setOwnerId] = useState<number | null>(plan?.owner?.id ?? defaultOwnerId ?? null);
  const [periodFrom, setFrom] = useState(dateOnly(plan?.periodFrom));
  const [periodTo, setTo] = useState(dateOnly(plan?.periodTo));
  const [approvedByName, setApprovedBy] = useState(plan?.approvedByName ?? '');
  const [approvedOn, setApprovedOn] = useState(dateOnly(plan?.approvedOn));
  const [status, setStatus] = useState<'draft' | 'active'>(plan?.status === 'active' ? 'active' : 'draft');
  // A new plan: empty means «today, or the period's start if it has not begun» (the server's default).
  const [controlFrom, setControlFrom] = useState(dateOnly(plan?.controlFrom));
  const save = useSubmit(onSubmit);
  const errors = save.fieldErrors;

  const submit = () => {
    const local: Record<string, string> = {};
    if (!title.trim()) local.title = 'Укажите наименование плана.';
    if (!ownerId) local.ownerOrganisationId = 'Выберите организацию из справочника.';
    if (!periodFrom) local.periodFrom = 'Укажите начало периода.';
    if (!periodTo) local.periodTo = 'Укажите окончание периода.';
    if (periodFrom && periodTo && periodFrom > periodTo) local.periodTo = 'Окончание периода раньше его начала.';
    if (save.invalid(local, 'Проверьте выделенные поля.')) return;
    const full: PlanInput = {
      kind,
      title: title.trim(),
      ownerOrganisationId: ownerId!,
      periodFrom,
      periodTo,
      approvedByName: approvedByName.trim() || null,
      approvedOn: approvedOn || null,
      ...(controlFrom ? { controlFrom } : {}),
    };
    let body: PlanInput | Omit<PlanPatch, 'version'> = full;
    if (plan) {
      // PATCH only what changed, so the audit shows the real edit.
      const patch: Omit<PlanPatch, 'version'> = {};
      if (full.kind !== plan.kind) patch.kind = full.kind;
      if (full.title !== plan.title) patch.title = full.title;
      if (full.ownerOrganisationId !== plan.owner?.id) patch.ownerOrganisationId = full.ownerOrganisationId;
      if (full.periodFrom !== dateOnly(plan.periodFrom)) patch.periodFrom = full.periodFrom;
      if (full.periodTo !== dateOnly(plan.periodTo)) patch.periodTo = full.periodTo;
      if ((full.approvedByName ?? '') !== (plan.approvedByName ?? '')) patch.approvedByName = full.approvedByName;
      if ((full.approvedOn ?? '') !== dateOnly(plan.approvedOn)) patch.approvedOn = full.approvedOn;
      if (plan.status !== 'archived' && status !== plan.status) patch.status = status;
      if (controlFrom && controlFrom !== dateOnly(plan.controlFrom)) patch.controlFrom = controlFrom;
      if (Object.keys(patch).length === 0) {
        onClose();
        return;
      }
      body = patch;
    }
    void save.submit(body);
  };

  return (
    <FormDialog
      title={plan ? 'Реквизиты плана' : 'Новый план'}
      onClose={onClose}
      onSubmit={submit}
      error={save.error}
      errorTestId="plan-form-error"
      formTestId="plan-form"
      testId="plan-form-dialog"
    >
      <fieldset className="field">
        <legend>Вид документа</legend>
        <div className="radio-row">
          {(Object.keys(PLAN_KIND_LABELS) as PlanKind[]).map((k) => (
            <label key={k} className="radio">
              <input
                type="radio"
                name="plan-kind"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
                data-testid={`plan-kind-${k}`}
              />
              {PLAN_KIND_LABELS[k]}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id="plan-title" label="Наименование" error={errors.title} required>
        <textarea
          id="plan-title"
          data-testid="plan-field-title"
          rows={2}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          onKeyDown={(e) => {
            // A title is one line of meaning: Enter submits, like an input.
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            } else submitOnCtrlEnter(e);
          }}
          aria-describedby={describedBy('plan-title', errors.title)}
          placeholder="План мероприятий по …"
        />
      </Field>
      <Field id="plan-owner" label="Ответственная организация" error={errors.ownerOrganisationId} required>
        <OrgPicker
          id="plan-owner"
          testId="plan-field-owner"
          value={ownerId}
          onChange={setOwnerId}
          fallbackText={plan?.owner?.shortName || plan?.owner?.fullName}
          describedBy={describedBy('plan-owner', errors.ownerOrganisationId)}
          invalid={Boolean(errors.ownerOrganisationId)}
        />
      </Field>
      <div className="field-row">
        <TextField
          id="plan-from"
          label="Период: с"
          error={errors.periodFrom}
          required
          testId="plan-field-periodFrom"
          type="date"
          value={periodFrom}
          onChange={setFrom}
        />
        <TextField
          id="plan-to"
          label="по"
          error={errors.periodTo}
          required
          testId="plan-field-periodTo"
          type="date"
          value={periodTo}
          onChange={setTo}
        />
      </div>
      <div className="field-row">
        <TextField
          id="plan-approved-by"
          label="Утвердил (И.О. Фамилия)"
          error={errors.approvedByName}
          testId="plan-field-approvedByName"
          placeholder="О.А. Петелин"
          value={approvedByName}
          onChange={setApprovedBy}
        />
        <TextField
          id="plan-approved-on"
          label="Дата утверждения"
          error={errors.approvedOn}
          testId="plan-field-approvedOn"
          type="date"
          value={approvedOn}
          onChange={setApprovedOn}
        />
      </div>
      <Field
        id="plan-control-from"
        label="Контроль с даты"
        error={errors.controlFrom}
        hint={
          plan
            ? CONTROL_FROM_HINT
            : `${CONTROL_FROM_HINT} Если не указана — с сегодняшнего дня (или с начала периода, если он ещё не начался).`
        }
      >
        <input
          id="plan-control-from"
          data-testid="plan-field-controlFrom"
          type="date"
          value={controlFrom}
          onChange={(e) => setControlFrom(e.target.value)}
          aria-describedby={describedBy('plan-control-from', errors.controlFrom)}
        />
      </Field>
      {plan && plan.status !== 'archived' && (
        <Field id="plan-status" label="Состояние" error={errors.status}>
          <select
            id="plan-status"
            data-testid="plan-field-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as 'draft' | 'active')}
          >
            <option value="draft">Черновик</option>
            <option value="active">Действует</option>
          </select>
        </Field>
      )}
      <FormActions
        submitLabel={plan ? 'Сохранить' : 'Создать план'}
        busy={save.busy}
        submitTestId="plan-submit"
        onCancel={onClose}
      />
    </FormDialog>
  );
}
