/**
 * The genre fixture: hand-written phrases with the answers a careful reader gives
 * (test/fixtures/deadlines/phrases.jsonl, same shape and rules as the golden deadlines file).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeadline, summarizeForCli } from './index.js';
import type { Offset, PlanPeriod, TermKind } from './types.js';

interface Row {
  text: string;
  period: PlanPeriod;
  reference?: string;
  kind: TermKind;
  due: string[];
  reports: string[];
  offset?: Offset;
  note?: string;
}

const file = new URL('../../../test/fixtures/deadlines/phrases.jsonl', import.meta.url);
const rows: Row[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Row);
const setOf = (a: string[]) => [...new Set(a)].sort();

describe('genre fixture', () => {
  it('is not empty and covers every kind', () => {
    expect(rows.length).toBeGreaterThan(100);
    expect(new Set(rows.map((r) => r.kind))).toEqual(
      new Set(['date', 'deadline', 'window', 'recurring', 'continuous', 'relative', 'unspecified']),
    );
  });

  it.each(rows.map((r, i) => [i + 1, r.text, r] as const))('#%i %j', (_, __, row) => {
    const out = summarizeForCli(parseDeadline(row.text, { period: row.period, reference: row.reference }), row.period);
    expect({ kind: out.kind, due: setOf(out.due), reports: setOf(out.reports) }).toEqual({
      kind: row.kind,
      due: setOf(row.due),
      reports: setOf(row.reports),
    });
    if (row.offset) expect(out.offset).toEqual(row.offset);
    else expect(out.offset).toBeNull();
  });
});
