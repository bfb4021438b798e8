/** The ranked table of a rating with group scores, band and change of rank; a row opens its explanation. */
import { useState } from 'react';
import { UnitBarChart } from '../../components/IndicatorCharts';
import { formatNumberRu } from '../../indicators';
import type { RatingResultRow } from '../../ratings';

export function RatingResults({ rows, groups }: { rows: RatingResultRow[]; groups: { id: string; title: string }[] }) {
  const [open, setOpen] = useState<number | null>(null);
  const shown = rows.find((r) => r.municipalityId === open);
  return (
    <>
      <table className="grid" data-testid="rating-results">
        <thead>
          <tr>
            <th scope="col">Место</th>
            <th scope="col">Муниципальное образование</th>
            <th scope="col">Итог, баллов</th>
            {groups.map((g) => (
              <th key={g.id} scope="col" title={g.title}>
                {g.id}
              </th>
            ))}
            <th scope="col">Категория</th>
            <th scope="col">Изменение места</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.municipalityId} data-testid={`rating-row-${r.rank}`}>
              <td className="num">{r.rank ?? '—'}</td>
              <td>
                <button type="button" className="btn-link" onClick={() => setOpen(r.municipalityId)}>
                  {r.municipality}
                </button>
              </td>
              <td className="num">{formatNumberRu(r.total)}</td>
              {groups.map((g) => (
                <td key={g.id} className="num">
                  {formatNumberRu(r.groups[g.id])}
                </td>
              ))}
              <td>{r.band ?? '—'}</td>
              <td className="num">
                {r.rankChange == null
                  ? '—'
                  : r.rankChange > 0
                    ? `▲ ${r.rankChange}`
                    : r.rankChange < 0
                      ? `▼ ${-r.rankChange}`
                      : '='}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <UnitBarChart
        items={rows.map((r) => ({ name: r.municipality, value: r.total ?? 0 }))}
        unit="баллов"
        testId="rating-chart"
      />
      {shown && (
        <section className="card" data-testid="rating-explanation" aria-live="polite">
          <h3>{shown.municipality}</h3>
          <p>{shown.explanation.text}</p>
          {shown.explanation.groups.map((g) => (
            <div key={g.group}>
              <h4>{g.text}</h4>
              <ul>
                {g.indicators.map((i) => (
                  <li key={i.indicator}>{i.text}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}
    </>
  );
}
