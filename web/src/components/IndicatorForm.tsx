/** Creating or editing a target indicator: what the document says of it, its planned values by year, who answers. */
import { useState } from 'react';
import {
  BREAKDOWN_LABELS,
  COMPUTATION_LABELS,
  DIRECTION_LABELS,
  formatNumberRu,
  indicatorsApi,
  parseNumberRu,
  planYears,
  type Breakdown,
  type Computation,
  type Direction,
  type IndicatorInput,
  type IndicatorSummary,
} from '../indicators';
import { FormActions, FormDialog, useSubmit } from './form';
import { OrgMultiPicker } from './OrgPicker';
import { Field } from './ui';

interface Props {
  plan: { id: number; periodFrom: string; periodTo: string };
  indicator: IndicatorSummary | null;
  /** The plan's other indicators (numerator and denominator of a share). */
  others: IndicatorSummary[];
  onClose(): void;
  onSaved(i: IndicatorSummary): void;
}

const numText = (v: number | null | undefined) => (v == null ? '' : formatNumberRu(v).replace(/\s/g, ''));

export function IndicatorFormDialog({ plan, indicator, others, onClose, onSaved }: Props) {
  const years = planYears(plan.periodFrom, plan.periodTo);
  const [number, setNumber] = useState(indicator?.number ?? String(others.length + 1));
  const [name, setName] = useState(indicator?.name ?? '');
  const [unit, setUnit] = useState(indicator?.unit ?? '');
  const [direction, setDirection] = useState<Direction>(indicator?.direction ?? 'up');
  const [baseValue, setBaseValue] = useState(numText(indicator?.baseValue));
  const [basePeriod, setBasePeriod] = useState(indicator?.basePeriod ?? '');
  const [source, setSource] = useState(indicator?.source ?? '');
  const [method, setMethod] = useState(indicator?.method ?? '');
  const [breakdown, setBreakdown] = useState<Breakdown>(indicator?.breakdown ?? 'total');
  const [computation, setComputation] = useState<Computation>(indicator?.computation ?? 'reported');
  const [numeratorId, setNumeratorId] = useState<number | null>(indicator?.numeratorId ?? null);
  const [denominatorId, setDenominatorId] = useState<number | null>(indicator?.denominatorId ?? null);
  const [responsibleIds, setResponsibleIds] = useState<number[]>(indicator?.responsibles.map((o) => o.id) ?? []);
  const [targets, setTargets] = useState<Record<number, string>>(() =>
    Object.fromEntries(
      years.map((y) => {
        const t = indicator?.targets.find((x) => x.year === y && x.quarter === 0);
        return [y, t ? (t.value != null ? numText(t.value) : t.valueText) : ''];
      }),
    ),
  );
  const save = useSubmit((input: IndicatorInput) =>
    (indicator
      ? indicatorsApi.update(indicator.id, { ...input, version: indicator.version })
      : indicatorsApi.create(plan.id, input)
    ).then(onSaved),
  );
  const components = others.filter((o) => o.id !== indicator?.id && o.computation !== 'share');

  const submit = () => {
    const errors: Record<string, string> = {};
    if (!number.trim()) errors.number = 'Укажите номер';
    if (!name.trim()) errors.name = 'Укажите наименование';
    const base = baseValue.trim() ? parseNumberRu(baseValue) : null;
    if (baseValue.trim() && base == null) errors.baseValue = 'Введите число, например 44,7';
    if (computation === 'share' && (numeratorId == null || denominatorId == null))
      errors.computation = 'Выберите числитель и знаменатель';
    if (computation === 'sum' && breakdown === 'total') errors.breakdown = 'Сумма считается по разбивке: выберите её';
    if (save.invalid(errors, 'Проверьте выделенные поля')) return;
    void save.submit({
      number: number.trim(),
      name: name.trim(),
      unit: unit.trim(),
      direction,
      baseValue: base,
      basePeriod: basePeriod.trim(),
      source: source.trim(),
      method: method.trim(),
      breakdown,
      computation,
      numeratorId: computation === 'share' ? numeratorId : null,
      denominatorId: computation === 'share' ? denominatorId : null,
      responsibleIds,
      targets: [
        // Quarter targets set elsewhere (imported) are kept as they are.
        ...(indicator?.targets.filter((t) => t.quarter > 0) ?? []),
        ...years
          .filter((y) => targets[y]?.trim())
          .map((y) => {
            const v = parseNumberRu(targets[y]);
            return { year: y, quarter: 0, value: v, valueText: v == null ? targets[y].trim() : '' };
          }),
      ],
    });
  };

  return (
    <FormDialog
      title={indicator ? `Показатель № ${indicator.number}` : 'Новый целевой показатель'}
      onClose={onClose}
      onSubmit={submit}
      error={save.error}
      testId="indicator-dialog"
      wide
    >
      <div className="field-row">
        <Field id="ind-number" label="№" required error={save.fieldErrors.number} className="narrow">
          <input id="ind-number" value={number} onChange={(e) => setNumber(e.target.value)} maxLength={50} />
        </Field>
        <Field id="ind-unit" label="Единица измерения" error={save.fieldErrors.unit} className="narrow">
          <input
            id="ind-unit"
            value={unit}
            onChange={(e) => setUnit(e.target.value)}
            list="ind-units"
            maxLength={50}
            data-testid="ind-unit"
          />
          <datalist id="ind-units">
            {['%', 'ед.', 'чел.', 'тыс. чел.', 'руб.', 'тыс. руб.', 'баллы'].map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
        </Field>
      </div>
      <Field id="ind-name" label="Наименование показателя" required error={save.fieldErrors.name}>
        <textarea
          id="ind-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          rows={3}
          data-testid="ind-name"
        />
      </Field>
      <div className="field-row">
        <Field id="ind-direction" label="Что считается улучшением">
          <select id="ind-direction" value={direction} onChange={(e) => setDirection(e.target.value as Direction)}>
            {Object.entries(DIRECTION_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </Field>
        <Field id="ind-base" label="Базовое значение" error={save.fieldErrors.baseValue} className="narrow">
          <input id="ind-base" value={baseValue} onChange={(e) => setBaseValue(e.target.value)} inputMode="decimal" />
        </Field>
        <Field id="ind-base-period" label="Базовый период" className="narrow">
          <input
            id="ind-base-period"
            value={basePeriod}
            onChange={(e) => setBasePeriod(e.target.value)}
            placeholder="2019-2021"
            maxLength={50}
          />
        </Field>
      </div>
      <fieldset className="field">
        <legend>Плановые значения по годам</legend>
        <div className="field-row">
          {years.map((y) => (
            <Field key={y} id={`ind-target-${y}`} label={`${y} г.`} className="narrow">
              <input
                id={`ind-target-${y}`}
                value={targets[y] ?? ''}
                onChange={(e) => setTargets({ ...targets, [y]: e.target.value })}
                inputMode="decimal"
                data-testid={`ind-target-${y}`}
              />
            </Field>
          ))}
        </div>
      </fieldset>
      <Field id="ind-responsibles" label="Ответственные организации">
        <OrgMultiPicker
          id="ind-responsibles"
          value={responsibleIds}
          onChange={setResponsibleIds}
          testId="ind-responsibles"
          placeholder="Добавить организацию…"
        />
      </Field>
      <div className="field-row">
        <Field id="ind-breakdown" label="Разбивка" error={save.fieldErrors.breakdown}>
          <select id="ind-breakdown" value={breakdown} onChange={(e) => setBreakdown(e.target.value as Breakdown)}>
            {Object.entries(BREAKDOWN_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </Field>
        <Field id="ind-computation" label="Значение" error={save.fieldErrors.computation}>
          <select
            id="ind-computation"
            value={computation}
            onChange={(e) => setComputation(e.target.value as Computation)}
            data-testid="ind-computation"
          >
            {Object.entries(COMPUTATION_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {computation === 'share' && (
        <div className="field-row">
          {(
            [
              ['ind-numerator', 'Числитель', numeratorId, setNumeratorId],
              ['ind-denominator', 'Знаменатель', denominatorId, setDenominatorId],
            ] as const
          ).map(([id, label, value, set]) => (
            <Field key={id} id={id} label={label}>
              <select
                id={id}
                value={value ?? ''}
                onChange={(e) => set(e.target.value ? Number(e.target.value) : null)}
                data-testid={id}
              >
                <option value="">— выберите показатель —</option>
                {components.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.number}. {o.name}
                  </option>
                ))}
              </select>
            </Field>
          ))}
        </div>
      )}
      <Field id="ind-source" label="Источник данных">
        <input id="ind-source" value={source} onChange={(e) => setSource(e.target.value)} maxLength={2000} />
      </Field>
      <Field id="ind-method" label="Методика расчёта">
        <textarea id="ind-method" value={method} onChange={(e) => setMethod(e.target.value)} rows={2} />
      </Field>
      <FormActions submitLabel="Сохранить" busy={save.busy} onCancel={onClose} submitTestId="ind-save" />
    </FormDialog>
  );
}
