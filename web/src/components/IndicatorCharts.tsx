/**
 * Charts of an indicator, drawn with Recharts (SVG: prints as it shows): a line of plan and
 * fact over time, and bars of the figures by municipality (organisation) for a year.
 * Numbers and periods read in Russian; every chart has a text caption for screen readers.
 */
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumberRu, periodLabelRu, type PlanFactRow } from '../indicators';

const WIDTH = 640;
const HEIGHT = 280;
const tick = { fontSize: 12 };

/** Plan and fact by year (quarters drawn between years when reported). */
export function PlanFactLineChart({ rows, unit, testId }: { rows: PlanFactRow[]; unit: string; testId?: string }) {
  const data = rows
    .filter((r) => r.quarter === 0)
    .map((r) => ({
      period: periodLabelRu(r.year, 0),
      План: r.planned,
      Факт: r.fact,
      Прогноз: r.fact == null || r.partial ? r.forecast : null,
    }));
  if (data.length === 0) return null;
  return (
    <figure className="chart" data-testid={testId}>
      <LineChart width={WIDTH} height={HEIGHT} data={data} margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="period" tick={tick} />
        <YAxis tick={tick} tickFormatter={(v: number) => formatNumberRu(v)} width={70} />
        <Tooltip formatter={(v) => `${formatNumberRu(Number(v))} ${unit}`.trim()} />
        <Legend />
        <Line
          type="linear"
          dataKey="План"
          stroke="#5b6b7f"
          strokeDasharray="6 4"
          isAnimationActive={false}
          connectNulls
        />
        <Line type="linear" dataKey="Факт" stroke="#1d5fbf" strokeWidth={2} isAnimationActive={false} />
        <Line type="linear" dataKey="Прогноз" stroke="#c0392b" strokeDasharray="2 3" isAnimationActive={false} />
      </LineChart>
      <figcaption className="sr-only">
        {data.map((d) => `${d.period}: план ${formatNumberRu(d.План)}, факт ${formatNumberRu(d.Факт)}`).join('; ')}
      </figcaption>
    </figure>
  );
}

/** The figures of one year by unit, with the target (when the target is per unit it is not drawn). */
export function UnitBarChart({
  items,
  unit,
  target,
  testId,
}: {
  items: { name: string; value: number }[];
  unit: string;
  target?: number | null;
  testId?: string;
}) {
  if (items.length === 0) return null;
  const height = Math.max(HEIGHT, 40 + items.length * 28);
  return (
    <figure className="chart" data-testid={testId}>
      <BarChart
        width={WIDTH}
        height={height}
        data={items.map((i) => ({ name: i.name, Значение: i.value }))}
        layout="vertical"
        margin={{ top: 10, right: 30, bottom: 10, left: 10 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" tick={tick} tickFormatter={(v: number) => formatNumberRu(v)} />
        <YAxis type="category" dataKey="name" tick={tick} width={200} />
        <Tooltip formatter={(v) => `${formatNumberRu(Number(v))} ${unit}`.trim()} />
        <Bar dataKey="Значение" fill="#1d5fbf" isAnimationActive={false} />
        {target != null && <ReferenceLine x={target} stroke="#c0392b" strokeDasharray="4 4" />}
      </BarChart>
      <figcaption className="sr-only">
        {items.map((i) => `${i.name}: ${formatNumberRu(i.value)}`).join('; ')}
      </figcaption>
    </figure>
  );
}
