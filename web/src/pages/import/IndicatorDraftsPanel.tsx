/**
 * The document's target indicators in the import preview, as they will be kept: number, name,
 * unit, what counts as better, the base value and the planned values by year, each editable;
 * a row can be left out.
 */
import {
  DIRECTION_LABELS,
  formatNumberRu,
  parseNumberRu,
  periodLabelRu,
  type Direction,
  type IndicatorDraft,
} from '../../indicators';

export type DraftRow = IndicatorDraft & { keep: boolean };

const numText = (v: number | null) => (v == null ? '' : formatNumberRu(v).replace(/\s/g, ''));

export function IndicatorDraftsPanel({ rows, onChange }: { rows: DraftRow[]; onChange(rows: DraftRow[]): void }) {
  const periods = [
    ...new Map(
      rows.flatMap((r) => r.targets.map((t) => [`${t.year}:${t.quarter}`, { year: t.year, quarter: t.quarter }])),
    ).values(),
  ].sort((a, b) => a.year - b.year || a.quarter - b.quarter);
  const set = (i: number, patch: Partial<DraftRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const setTarget = (i: number, year: number, quarter: number, text: string) => {
    const r = rows[i];
    const value = parseNumberRu(text);
    const others = r.targets.filter((t) => !(t.year === year && t.quarter === quarter));
    const targets = text.trim()
      ? [...others, { year, quarter, value, valueText: value == null ? text.trim() : '' }]
      : others;
    set(i, { targets: targets.sort((a, b) => a.year - b.year || a.quarter - b.quarter) });
  };
  return (
    <section className="panel panel-table" aria-labelledby="imp-indicators-h" data-testid="import-indicators">
      <h2 id="imp-indicators-h" className="panel-title">
        Целевые показатели — как будут сохранены{' '}
        <span className="muted small">(единицу измерения, базовое и плановые значения можно исправить)</span>
      </h2>
      <div className="table-scroll">
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">Сохранить</th>
              <th scope="col">№</th>
              <th scope="col">Наименование</th>
              <th scope="col">Ед. изм.</th>
              <th scope="col">Улучшение</th>
              <th scope="col">Базовое значение</th>
              <th scope="col">Базовый период</th>
              {periods.map((p) => (
                <th key={`${p.year}:${p.quarter}`} scope="col">
                  {periodLabelRu(p.year, p.quarter)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} data-testid={`import-indicator-${i}`}>
                <td>
                  <input
                    type="checkbox"
                    checked={r.keep}
                    onChange={(e) => set(i, { keep: e.target.checked })}
                    aria-label={`Сохранить показатель ${r.number}`}
                  />
                </td>
                <td>
                  <input
                    className="input-narrow"
                    value={r.number}
                    onChange={(e) => set(i, { number: e.target.value })}
                    aria-label="Номер показателя"
                    size={4}
                  />
                </td>
                <td>
                  <textarea
                    value={r.name}
                    onChange={(e) => set(i, { name: e.target.value })}
                    aria-label={`Наименование показателя ${r.number}`}
                    rows={3}
                    cols={40}
                  />
                </td>
                <td>
                  <input
                    value={r.unit}
                    onChange={(e) => set(i, { unit: e.target.value })}
                    aria-label={`Единица измерения показателя ${r.number}`}
                    size={8}
                    data-testid={`import-indicator-unit-${i}`}
                  />
                </td>
                <td>
                  <select
                    value={r.direction}
                    onChange={(e) => set(i, { direction: e.target.value as Direction })}
                    aria-label={`Что считается улучшением, показатель ${r.number}`}
                  >
                    {Object.entries(DIRECTION_LABELS).map(([k, v]) => (
                      <option key={k} value={k}>
                        {v}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    defaultValue={numText(r.baseValue)}
                    onBlur={(e) => set(i, { baseValue: parseNumberRu(e.target.value) })}
                    aria-label={`Базовое значение показателя ${r.number}`}
                    size={7}
                    inputMode="decimal"
                  />
                </td>
                <td>
                  <input
                    value={r.basePeriod}
                    onChange={(e) => set(i, { basePeriod: e.target.value })}
                    aria-label={`Базовый период показателя ${r.number}`}
                    size={9}
                  />
                </td>
                {periods.map((p) => {
                  const t = r.targets.find((x) => x.year === p.year && x.quarter === p.quarter);
                  return (
                    <td key={`${p.year}:${p.quarter}`}>
                      <input
                        defaultValue={t ? (t.value != null ? numText(t.value) : t.valueText) : ''}
                        onBlur={(e) => setTarget(i, p.year, p.quarter, e.target.value)}
                        aria-label={`План на ${periodLabelRu(p.year, p.quarter)}, показатель ${r.number}`}
                        size={7}
                        inputMode="decimal"
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
