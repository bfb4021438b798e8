/**
 * `npm run --silent cli -- check-reports`: JSONL execution texts on stdin → JSONL verdicts on stdout,
 * one per input line, in order (issue 15).
 *
 * Input line: `{"id", "title", "executorsText", "executors", "deadline", "status", "period", "text"}`
 * (`status`: done | not_done | partial | not_due | null; `period`: ["YYYY-MM-DD", "YYYY-MM-DD"] or null).
 * Output line: `{"id", "label", "formalExecutors", "statusConflict", "evidence", "reasons"}`.
 * A line that cannot be read gives `{"id", "error": "<English message>"}` (id null when unknown) and
 * the command goes on; it exits 1 at the end if any line failed. Blank lines are skipped.
 * `--details` adds `conflictReason`, evidence offsets (`spans`), `parts` and `rejected`.
 */
import { z } from 'zod';
import { isIsoDate } from '../../domain/calendar/iso-date.js';
import type { SubstanceInput, SubstanceVerdict } from '../../domain/substance/index.js';
import { createSubstanceChecker } from '../../modules/substance/index.js';
import { streamJsonl } from '../jsonl-stream.js';

const USAGE = `Usage: npm run --silent cli -- check-reports [--details] < reports.jsonl

Reads one JSON object per line:
  {"id": "003#2.2", "title": "…", "executorsText": "Минсоц", "executors": ["Минсоц"],
   "deadline": "ежегодно", "status": "done", "period": ["2024-01-01", "2025-12-31"], "text": "Проведено 3 заседания …"}
Writes one JSON verdict per line, in order:
  {"id": "003#2.2", "label": "substantive", "formalExecutors": [], "statusConflict": false,
   "evidence": ["Проведено 3 заседания Совета (13.03.2024 г., …)"], "reasons": ["Есть проверяемые факты …"]}
`;

const isoDate = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');
const Line = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  title: z.string().nullish(),
  executorsText: z.string().nullish(),
  executors: z.array(z.string()).nullish(),
  deadline: z.string().nullish(),
  status: z.enum(['done', 'not_done', 'partial', 'not_due']).nullish(),
  period: z
    .tuple([isoDate, isoDate])
    .refine(([a, b]) => a <= b, 'start must not be after end')
    .nullish(),
  text: z.string(),
});

type Checker = (input: SubstanceInput) => SubstanceVerdict;

/** One input line → one output line (without the newline), and whether it failed. Never throws. */
export function answerLine(line: string, check: Checker, details = false): { out: string; failed: boolean } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (e) {
    return failure(null, `invalid JSON: ${(e as Error).message}`);
  }
  const id = typeof json === 'object' && json !== null && 'id' in json ? String((json as { id: unknown }).id) : null;
  const parsed = Line.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return failure(id, `invalid line: "${issue.path.join('.') || '(root)'}" ${issue.message}`);
  }
  const l = parsed.data;
  try {
    const executors = l.executors ?? (l.executorsText ? l.executorsText.split(/[,;]\s*/) : []);
    const v = check({
      text: l.text,
      title: l.title ?? undefined,
      executors,
      deadline: l.deadline ?? undefined,
      status: l.status ?? null,
      period: l.period ?? null,
    });
    const out: Record<string, unknown> = {
      id: l.id,
      label: v.label,
      formalExecutors: v.formalExecutors,
      statusConflict: v.statusConflict !== null,
      evidence: v.evidence.map((e) => e.text),
      reasons: v.reasons,
    };
    if (details)
      Object.assign(out, {
        conflictReason: v.statusConflict?.reason ?? null,
        spans: v.evidence,
        parts: v.parts,
        rejected: v.rejected,
      });
    return { out: JSON.stringify(out), failed: false };
  } catch (e) {
    return failure(l.id, `check failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function failure(id: string | null, error: string) {
  return { out: JSON.stringify({ id, error }), failed: true };
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const unknown = argv.filter((a) => a !== '--details');
  if (unknown.length) {
    process.stderr.write(`unknown option ${unknown[0]}\n${USAGE}`);
    return 2;
  }
  const check = await createSubstanceChecker();
  const details = argv.includes('--details');
  let failed = 0;
  await streamJsonl((line, lineNo) => {
    const { out, failed: bad } = answerLine(line, check, details);
    if (bad) {
      failed++;
      process.stderr.write(`line ${lineNo}: ${(JSON.parse(out) as { error: string }).error}\n`);
    }
    return out;
  }, 500);
  return failed > 0 ? 1 : 0;
}
