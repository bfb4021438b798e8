/**
 * Create / edit a measure. On edit only the changed fields are sent, with `version`;
 * a 409 (someone saved first) reloads the measure and shows what the user had typed.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  api,
  ApiError,
  errorMessage,
  type DeadlineOverride,
  type Measure,
  type MeasureInput,
  type Section,
} from '../api';
import { useDeadlineInterpretation } from '../interpret';
import { DeadlineMeaning } from './DeadlineMeaning';
import {
  FIELD_LABELS,
  MEASURE_STATUS_LABELS,
  formatSectionHeading,
  nextMeasureNumber,
  type MeasureStatus,
  type PlanKind,
} from '../format';
import { Dialog } from './Dialog';
import { FormActions } from './form';
import { OrgMultiPicker, OrgPicker } from './OrgPicker';
import { Alert, Field, describedBy, submitOnCtrlEnter } from './ui';

interface PlanContext {
  id: number;
  kind: PlanKind;
  sections: Section[];
  measures?: Measure[];
}

interface Props {
  plan: PlanContext;
  measure?: Measure;
  defaultSectionId?: number | null;
  /** Open with the deadline field focused (from «Нераспознанные сроки»). */
  focusDeadline?: boolean;
  onSaved(m: Measure): void;
  onClose(): void;
}

interface Values {
  sectionId: string;
  number: string;
  title: string;
  expectedResult: string;
  form: string;
  deadlineText: string;
  leadExecutorId: number | null;
  coExecutorIds: number[];
  status: string;
  executionText: string;
  protocolItem: string;
  /** null: dates come from the text. */
  deadlineOverride: DeadlineOverride | null;
  anchorDate: string;
}

const TEXT_FIELDS = [
  'number',
  'title',
  'expectedResult',
  'form',
  'deadlineText',
  'executionText',
  'protocolItem',
] as const;

function valuesOf(m: Measure): Values {
  return {
    sectionId: m.sectionId === null ? '' : String(m.sectionId),
    number: m.number ?? '',
    title: m.title ?? '',
    expectedResult: m.expectedResult ?? '',
    form: m.form ?? '',
    deadlineText: m.deadlineText ?? '',
    leadExecutorId: m.leadExecutor?.id ?? null,
    coExecutorIds: m.coExecutors.map((o) => o.id),
    status: m.status ?? '',
    executionText: m.executionText ?? '',
    protocolItem: m.protocolItem ?? '',
    deadlineOverride: m.deadlineOverride ?? null,
    anchorDate: m.anchorDate ?? '',
  };
}

/** Dates as the API takes them: no blanks, in order, no repeats. */
function cleanOverride(o: DeadlineOverride | null): DeadlineOverride | null {
  if (!o) return null;
  const tidy = (a: string[]) => [...new Set(a.filter(Boolean))].sort();
  return { due: tidy(o.due), reports: tidy(o.reports) };
}

function toInput(v: Values, council: boolean): MeasureInput {
  const input: MeasureInput = {
    sectionId: v.sectionId === '' ? null : Number(v.sectionId),
    number: v.number.trim(),
    title: v.title.trim(),
    // Text fields are strings ('' when empty): the API does not take null for them.
    expectedResult: v.expectedResult.trim(),
    form: v.form.trim(),
    // Kept verbatim (only outer whitespace trimmed): the parser reads it server-side.
    deadlineText: v.deadlineText.trim(),
    leadExecutorId: v.leadExecutorId,
    coExecutorIds: v.coExecutorIds,
    status: (v.status || null) as MeasureStatus | null,
    executionText: v.executionText.trim(),
    deadlineOverride: cleanOverride(v.deadlineOverride),
    anchorDate: v.anchorDate || null,
  };
  if (council) input.protocolItem = v.protocolItem.trim();
  return input;
}

/** Fields of `next` that differ from `base` (arrays compared as sequences). */
function changedFields(base: MeasureInput, next: MeasureInput): Partial<MeasureInput> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    const b = (base as unknown as Record<string, unknown>)[k];
    if (JSON.stringify(b ?? null) !== JSON.stringify(v ?? null)) out[k] = v;
  }
  return out as Partial<MeasureInput>;
}

export function MeasureFormDialog({ plan, measure, defaultSectionId, focusDeadline, onSaved, onClose }: Props) {
  const council = plan.kind === 'council_decisions';
  const [current, setCurrent] = useState<Measure | undefined>(measure);
  /** The number a new measure would get in a section ('' for none): the next after its last one. */
  const suggestNumber = (sectionId: string) => {
    const id = sectionId === '' ? null : Number(sectionId);
    const section = plan.sections.find((s) => s.id === id);
    const siblings = (plan.measures ?? [])
      .filter((m) => !m.archived && m.sectionId === id)
      .sort((a, b) => a.position - b.position);
    return nextMeasureNumber(
      siblings.map((m) => m.number),
      section?.number,
    );
  };
  const initial = useMemo<Values>(() => {
    if (measure) return valuesOf(measure);
    const sectionId = defaultSectionId ?? plan.sections[0]?.id ?? null;
    return {
      sectionId: sectionId === null ? '' : String(sectionId),
      number: suggestNumber(sectionId === null ? '' : String(sectionId)),
      title: '',
      expectedResult: '',
      form: '',
      deadlineText: '',
      leadExecutorId: null,
      coExecutorIds: [],
      status: '',
      executionText: '',
      protocolItem: '',
      deadlineOverride: null,
      anchorDate: '',
    };
  }, [measure, defaultSectionId, plan]);
  const [v, setV] = useState<Values>(initial);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [lostEdits, setLostEdits] = useState<{ field: string; value: string }[] | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((old) => ({ ...old, [k]: value }));
  // A new measure's suggested number follows the chosen section, unless the user typed their own.
  const chooseSection = (sectionId: string) =>
    setV((old) => ({
      ...old,
      sectionId,
      number:
        !current && (!old.number.trim() || old.number === suggestNumber(old.sectionId))
          ? suggestNumber(sectionId)
          : old.number,
    }));
  const reading = useDeadlineInterpretation(
    v.deadlineText.trim() ? { text: v.deadlineText, planId: plan.id, anchorDate: v.anchorDate || null } : null,
  );
  const relative = reading.status === 'done' ? reading.data.relative : [];
  // Manual dates win over everything: the event date is then offered only to be cleared.
  const showAnchor =
    Boolean(v.anchorDate) ||
    (!v.deadlineOverride &&
      (relative.length > 0 || (current?.deadlineKind === 'relative' && reading.status !== 'done')));

  useEffect(() => {
    if (!focusDeadline) return;
    const t = requestAnimationFrame(() => document.getElementById('mf-deadlineText')?.focus());
    return () => cancelAnimationFrame(t);
  }, [focusDeadline]);

  const toggleOverride = (on: boolean) => {
    if (!on) return set('deadlineOverride', null);
    // Start from what the text gave, so the user corrects rather than retypes.
    const got = reading.status === 'done' ? reading.data : null;
    const due = got?.due.map((d) => d.nominal) ?? [];
    const reports = got?.reports.map((d) => d.nominal) ?? [];
    set('deadlineOverride', { due: due.length || reports.length ? due : [''], reports });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!v.number.trim()) local.number = 'Укажите номер мероприятия.';
    if (!v.title.trim()) local.title = council ? 'Укажите содержание поручения.' : 'Укажите наименование мероприятия.';
    const ov = cleanOverride(v.deadlineOverride);
    if (ov && ov.due.length === 0 && ov.reports.length === 0)
      local.deadlineOverride = 'Укажите хотя бы одну дату или снимите отметку «Указать даты вручную».';
    setErrors(local);
    if (Object.keys(local).length) {
      setError('Проверьте выделенные поля.');
      return;
    }
    setBusy(true);
    setError(null);
    const input = toInput(v, council);
    try {
      let saved: Measure;
      if (current) {
        const patch = changedFields(toInput(valuesOf(current), council), input);
        if (Object.keys(patch).length === 0) {
          onClose();
          return;
        }
        saved = await api.updateMeasure(current.id, { ...patch, version: current.version });
      } else {
        saved = await api.createMeasure(plan.id, input);
      }
      onSaved(saved);
    } catch (err) {
      setBusy(false);
      setError(errorMessage(err));
      if (err instanceof ApiError) {
        setErrors(err.fieldErrors());
        if (err.status === 409 && current) {
          // Someone saved first: show their version, keep ours visible to copy from.
          try {
            const fresh = await api.measure(current.id);
            const mine = changedFields(toInput(valuesOf(current), council), input);
            setLostEdits(
              TEXT_FIELDS.filter((k) => k in mine).map((k) => ({
                field: FIELD_LABELS[k] ?? k,
                value: String((mine as Record<string, unknown>)[k] ?? ''),
              })),
            );
            setCurrent(fresh);
            setV(valuesOf(fresh));
          } catch (reloadErr) {
            setError(`${errorMessage(err)} ${errorMessage(reloadErr)}`);
          }
        }
      }
    }
  };

  const statusOptions = Object.entries(MEASURE_STATUS_LABELS) as [MeasureStatus, string][];
  const sectionOptions = plan.sections.slice().sort((a, b) => a.position - b.position);
  const fieldProps = (id: keyof Values) => ({
    id: `mf-${id}`,
    'data-testid': `measure-field-${id}`,
    'aria-describedby': describedBy(`mf-${id}`, errors[id]),
    'aria-invalid': errors[id] ? true : undefined,
  });
  const fallbackNames = Object.fromEntries(
    (current ? [current.leadExecutor, ...current.coExecutors] : [])
      .filter(Boolean)
      .map((o) => [o!.id, o!.shortName || o!.fullName]),
  );

  return (
    <Dialog
      title={current ? `Мероприятие ${current.number}` : council ? 'Новое поручение' : 'Новое мероприятие'}
      onClose={onClose}
      wide
      testId="measure-dialog"
    >
      <form onSubmit={submit} noValidate data-testid="measure-form" className="measure-form">
        {error && <Alert testId="measure-form-error">{error}</Alert>}
        {lostEdits && lostEdits.length > 0 && (
          <details className="lost-edits" open>
            <summary>Ваши несохранённые значения (форма показывает актуальную версию)</summary>
            <dl>
              {lostEdits.map((l) => (
                <div key={l.field}>
                  <dt>{l.field}</dt>
                  <dd>{l.value || '—'}</dd>
                </div>
              ))}
            </dl>
          </details>
        )}
        <div className="field-row">
          <Field
            id="mf-sectionId"
            label={council ? 'Протокол (раздел)' : 'Раздел'}
            error={errors.sectionId}
            className="grow"
          >
            <select {...fieldProps('sectionId')} value={v.sectionId} onChange={(e) => chooseSection(e.target.value)}>
              <option value="">Без раздела</option>
              {sectionOptions.map((s) => (
                <option key={s.id} value={s.id}>
                  {formatSectionHeading(s.number, s.title)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="mf-number" label="№ п/п" error={errors.number} required className="narrow">
            <input {...fieldProps('number')} value={v.number} onChange={(e) => set('number', e.target.value)} />
          </Field>
          {council && (
            <Field id="mf-protocolItem" label="Пункт протокола" error={errors.protocolItem} className="grow">
              <input
                {...fieldProps('protocolItem')}
                value={v.protocolItem}
                onChange={(e) => set('protocolItem', e.target.value)}
                placeholder="пункт 5 вопроса № 2"
              />
            </Field>
          )}
        </div>
        <Field
          id="mf-title"
          label={council ? 'Содержание поручения' : 'Наименование мероприятия'}
          error={errors.title}
          required
        >
          <textarea
            {...fieldProps('title')}
            rows={3}
            value={v.title}
            onChange={(e) => set('title', e.target.value)}
            onKeyDown={submitOnCtrlEnter}
          />
        </Field>
        <div className="field-row">
          <Field id="mf-expectedResult" label="Ожидаемый результат" error={errors.expectedResult} className="grow">
            <textarea
              {...fieldProps('expectedResult')}
              rows={2}
              value={v.expectedResult}
              onChange={(e) => set('expectedResult', e.target.value)}
              onKeyDown={submitOnCtrlEnter}
            />
          </Field>
          <Field id="mf-form" label="Форма реализации" error={errors.form} className="grow">
            <textarea
              {...fieldProps('form')}
              rows={2}
              value={v.form}
              onChange={(e) => set('form', e.target.value)}
              onKeyDown={submitOnCtrlEnter}
              placeholder="доклад, приказ, информация…"
            />
          </Field>
        </div>
        <Field
          id="mf-deadlineText"
          label="Срок исполнения"
          error={errors.deadlineText}
          hint="Как в документе, дословно: «ежегодно до 1 октября», «I кв. 2024 г.», «постоянно»"
        >
          <textarea
            {...fieldProps('deadlineText')}
            rows={2}
            value={v.deadlineText}
            onChange={(e) => set('deadlineText', e.target.value)}
            onKeyDown={submitOnCtrlEnter}
            aria-describedby={`${describedBy('mf-deadlineText', errors.deadlineText)} mf-deadline-meaning`}
          />
          <DeadlineMeaning
            id="mf-deadline-meaning"
            state={reading}
            override={
              v.deadlineOverride ? 'Действуют даты, указанные вручную; текст срока сохраняется как в документе.' : null
            }
          />
        </Field>
        <div className="deadline-extra">
          <label className="check">
            <input
              type="checkbox"
              checked={Boolean(v.deadlineOverride)}
              onChange={(e) => toggleOverride(e.target.checked)}
              data-testid="deadline-override-toggle"
            />
            Указать даты вручную
          </label>
          {showAnchor && (
            <Field
              id="mf-anchorDate"
              label="Дата события"
              error={errors.anchorDate}
              className="anchor-field"
              hint={
                relative[0]
                  ? `От неё отсчитывается срок «${relative[0].anchor}»`
                  : 'От неё отсчитывается относительный срок'
              }
            >
              <input
                type="date"
                {...fieldProps('anchorDate')}
                value={v.anchorDate}
                onChange={(e) => set('anchorDate', e.target.value)}
              />
            </Field>
          )}
        </div>
        {v.deadlineOverride && (
          <fieldset className="override" data-testid="deadline-override">
            <legend className="sr-only">Даты, указанные вручную</legend>
            {errors.deadlineOverride && (
              <div className="field-error" id="mf-override-error">
                {errors.deadlineOverride}
              </div>
            )}
            <DateList
              idBase="mf-ov-due"
              label="Даты исполнения"
              values={v.deadlineOverride.due}
              onChange={(due) => set('deadlineOverride', { ...v.deadlineOverride!, due })}
            />
            <DateList
              idBase="mf-ov-reports"
              label="Даты отчётов"
              values={v.deadlineOverride.reports}
              onChange={(reports) => set('deadlineOverride', { ...v.deadlineOverride!, reports })}
            />
          </fieldset>
        )}
        <div className="field-row">
          <Field
            id="mf-leadExecutor"
            label={council ? 'Ответственный' : 'Ответственный исполнитель'}
            error={errors.leadExecutorId}
            className="grow"
          >
            <OrgPicker
              id="mf-leadExecutor"
              testId="measure-field-leadExecutor"
              value={v.leadExecutorId}
              onChange={(id) =>
                setV((old) => ({
                  ...old,
                  leadExecutorId: id,
                  coExecutorIds: old.coExecutorIds.filter((x) => x !== id),
                }))
              }
              describedBy={describedBy('mf-leadExecutor', errors.leadExecutorId)}
              invalid={Boolean(errors.leadExecutorId)}
              fallbackText={
                current?.leadExecutor ? current.leadExecutor.shortName || current.leadExecutor.fullName : undefined
              }
            />
          </Field>
          <Field id="mf-coExecutors" label="Соисполнители" error={errors.coExecutorIds} className="grow">
            <OrgMultiPicker
              id="mf-coExecutors"
              testId="measure-field-coExecutors"
              value={v.coExecutorIds}
              onChange={(ids) => set('coExecutorIds', ids)}
              exclude={v.leadExecutorId !== null ? [v.leadExecutorId] : []}
              describedBy={describedBy('mf-coExecutors', errors.coExecutorIds)}
              invalid={Boolean(errors.coExecutorIds)}
              fallbackNames={fallbackNames}
            />
          </Field>
        </div>
        <Field id="mf-status" label="Статус исполнения" error={errors.status}>
          <select {...fieldProps('status')} value={v.status} onChange={(e) => set('status', e.target.value)}>
            <option value="">Не указан</option>
            {statusOptions.map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="mf-executionText" label="Информация об исполнении" error={errors.executionText}>
          <textarea
            {...fieldProps('executionText')}
            rows={4}
            value={v.executionText}
            onChange={(e) => set('executionText', e.target.value)}
            onKeyDown={submitOnCtrlEnter}
          />
        </Field>
        <FormActions
          submitLabel={current ? 'Сохранить' : 'Добавить'}
          busy={busy}
          busyLabel="Сохранение…"
          submitTestId="measure-submit"
          onCancel={onClose}
        >
          <span className="hint kbd-hint">Ctrl+Enter — сохранить</span>
        </FormActions>
      </form>
    </Dialog>
  );
}

/** A list of date inputs with «Добавить дату» and a remove button for each. */
function DateList({
  idBase,
  label,
  values,
  onChange,
}: {
  idBase: string;
  label: string;
  values: string[];
  onChange(v: string[]): void;
}) {
  return (
    <div className="date-list" role="group" aria-labelledby={`${idBase}-label`}>
      <div className="date-list-label" id={`${idBase}-label`}>
        {label}
      </div>
      <ul className="date-list-items">
        {values.map((d, i) => (
          <li key={i}>
            <input
              type="date"
              id={`${idBase}-${i}`}
              aria-label={`${label}: дата ${i + 1}`}
              value={d}
              onChange={(e) => onChange(values.map((x, j) => (j === i ? e.target.value : x)))}
              data-testid={`${idBase}-${i}`}
            />
            <button
              type="button"
              className="btn-icon"
              aria-label={`Убрать дату ${i + 1}`}
              title="Убрать"
              onClick={() => onChange(values.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => {
          onChange([...values, '']);
          requestAnimationFrame(() => document.getElementById(`${idBase}-${values.length}`)?.focus());
        }}
        data-testid={`${idBase}-add`}
      >
        + Добавить дату
      </button>
    </div>
  );
}
