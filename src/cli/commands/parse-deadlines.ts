/**
 * `npm run --silent cli -- parse-deadlines`: JSONL `{"text", "period"}` on stdin →
 * JSONL `{"kind", "due", "reports", "offset"}` on stdout, one answer per input line, in order.
 * A line that cannot be read gives `{"kind":"unspecified","due":[],"reports":[],"offset":null,"error":"…"}`
 * and the command goes on. Blank lines are skipped. Dates are nominal (see the golden rules).
 */
import { isIsoDate } from '../../domain/calendar/iso-date.js';
import { parseDeadline, summarizeForCli, type PlanPeriod } from '../../domain/deadlines/index.js';
import { streamJsonl } from '../jsonl-stream.js';

const USAGE = `Usage: npm run --silent cli -- parse-deadlines [--reference YYYY-MM-DD] < input.jsonl

Reads one JSON object per line: {"text": "ежеквартально", "period": ["2024-01-01", "2025-12-31"]}
(an optional "reference" date resolves «текущего года»). Writes one JSON answer per line:
{"kind": "recurring", "due": ["2024-03-31", …], "reports": [], "offset": null}
`;

/** One input line → one output line (without the newline). Never throws. */
export function answerLine(line: string, defaultReference?: string): string {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (e) {
    return failure(`invalid JSON: ${(e as Error).message}`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return failure('expected an object {"text", "period"}');
  const { text, period, reference } = input as { text?: unknown; period?: unknown; reference?: unknown };
  if (typeof text !== 'string') return failure('"text" must be a string');
  if (
    !Array.isArray(period) ||
    period.length !== 2 ||
    !isIsoDate(period[0]) ||
    !isIsoDate(period[1]) ||
    period[0] > period[1]
  ) {
    return failure('"period" must be ["YYYY-MM-DD", "YYYY-MM-DD"], start not after end');
  }
  const ref = typeof reference === 'string' && isIsoDate(reference) ? reference : defaultReference;
  try {
    const p = [period[0], period[1]] as PlanPeriod;
    const schedule = parseDeadline(text, { period: p, reference: ref });
    return JSON.stringify(summarizeForCli(schedule, p));
  } catch (e) {
    return failure(e instanceof Error ? e.message : String(e));
  }
}

function failure(error: string): string {
  return JSON.stringify({ kind: 'unspecified', due: [], reports: [], offset: null, error });
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  let reference: string | undefined;
  const r = argv.indexOf('--reference');
  if (r >= 0) {
    reference = argv[r + 1];
    if (!isIsoDate(reference)) {
      process.stderr.write(`--reference must be a date YYYY-MM-DD\n${USAGE}`);
      return 2;
    }
  }
  await streamJsonl((line) => answerLine(line, reference));
  return 0;
}
