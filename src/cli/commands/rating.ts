/**
 * `rating --method METHOD.json --values VALUES.csv [--format json] [--explain]` — computes a
 * rating of municipalities without the UI (issue 13) and prints
 * `{"rows": [{"municipality", "total", "rank", "band", "groups": {id: score}, "points": {id: points}}]}`
 * ordered by rank, then name; numbers unrounded.
 *
 * In `points`, a value missing under `zero` is 0 and one left out under `reweight` is null;
 * in `groups`, a group left out is null; a municipality with no data at all under `reweight`
 * has total, rank and band null and comes last. `--explain` adds `"explanations": {id: text}`
 * to each row: the Russian sentences of the municipality's page.
 *
 * Exit codes: 0 computed; 1 the methodology or the values are invalid (every problem on
 * stderr, in English, then in Russian; nothing on stdout); 2 bad usage or unreadable file.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  checkMethodology,
  checkValues,
  computeRating,
  explainMunicipality,
  readValuesCsv,
  type Methodology,
  type RatingIssue,
  type RatingResult,
} from '../../domain/ratings/index.js';

const USAGE = `Usage: npm run --silent cli -- rating --method METHOD.json --values VALUES.csv [--format json] [--explain]
Использование: rating --method МЕТОДИКА.json --values ЗНАЧЕНИЯ.csv [--format json] [--explain]

VALUES.csv: header municipality,indicator,value; decimal comma or point; empty value = missing.
`;

const MAX_ISSUES_SHOWN = 50;

interface Options {
  method: string;
  values: string;
  explain: boolean;
}

function parseArgs(argv: string[]): Options | string {
  let method = '';
  let values = '';
  let format = 'json';
  let explain = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const take = () => inline ?? argv[++i] ?? '';
    if (flag === '--method') method = take();
    else if (flag === '--values') values = take();
    else if (flag === '--format') format = take();
    else if (flag === '--explain') explain = true;
    else if (flag === '--help' || flag === '-h') return '';
    else return `unknown argument ${a} / неизвестный параметр ${a}`;
  }
  if (format !== 'json')
    return `unsupported --format ${format}: only json / формат «${format}» не поддерживается, есть только json`;
  if (!method) return '--method METHOD.json is required / укажите файл методики: --method';
  if (!values) return '--values VALUES.csv is required / укажите файл значений: --values';
  return { method, values, explain };
}

async function readInput(file: string): Promise<Uint8Array | string> {
  // `npm run` starts in the package root; a relative path means the caller's directory.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return `${file}: cannot read (${code})\nНе удалось открыть файл «${file}»${code === 'ENOENT' ? ': файл не найден' : ''}.\n`;
  }
}

function reportIssues(file: string, issues: RatingIssue[], ru: string): void {
  const shown = issues.slice(0, MAX_ISSUES_SHOWN);
  const more = issues.length - shown.length;
  const en = shown.map((i) => `error: ${file}: ${i.en}`).join('\n');
  const ruLines = shown.map((i) => `  ${i.ru}`).join('\n');
  process.stderr.write(
    `${en}${more > 0 ? `\n… and ${more} more` : ''}\n${ru}:\n${ruLines}${more > 0 ? `\n  … и ещё ${more}` : ''}\n`,
  );
}

/** The CLI's JSON: the spec's fields in the spec's order, plus explanations on request. */
export function presentRating(
  methodology: Methodology,
  result: RatingResult,
  explain: boolean,
): { rows: Record<string, unknown>[] } {
  return {
    rows: result.rows.map((r) => {
      const row: Record<string, unknown> = {
        municipality: r.municipality,
        total: r.total,
        rank: r.rank,
        band: r.band,
        groups: r.groups,
        points: r.points,
      };
      if (explain) {
        const explained = explainMunicipality(methodology, result, r.municipality);
        row.explanations = Object.fromEntries(
          explained.groups.flatMap((g) => g.indicators.map((i) => [i.indicator, i.text])),
        );
      }
      return row;
    }),
  };
}

export async function run(argv: string[]): Promise<number> {
  const opts = parseArgs(argv);
  if (typeof opts === 'string') {
    if (opts) process.stderr.write(`error: ${opts}\n${USAGE}`);
    else process.stdout.write(USAGE);
    return opts ? 2 : 0;
  }
  const [methodBytes, valuesBytes] = await Promise.all([readInput(opts.method), readInput(opts.values)]);
  for (const r of [methodBytes, valuesBytes]) {
    if (typeof r === 'string') {
      process.stderr.write(`error: ${r}`);
      return 2;
    }
  }

  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8').decode(methodBytes as Uint8Array));
  } catch (e) {
    process.stderr.write(
      `error: ${opts.method}: not valid JSON: ${(e as Error).message}\nФайл методики «${opts.method}» не является корректным JSON.\n`,
    );
    return 1;
  }
  const checked = checkMethodology(raw);
  if (!checked.ok) {
    reportIssues(opts.method, checked.issues, 'Методика рейтинга содержит ошибки');
    return 1;
  }
  const methodology = checked.methodology;
  const csv = readValuesCsv(valuesBytes as Uint8Array);
  const lineOf = (i: RatingIssue) => Number(/^line (\d+)/.exec(i.path)?.[1] ?? 0);
  const issues = [...csv.issues, ...checkValues(methodology, csv.records)].sort((a, b) => lineOf(a) - lineOf(b));
  if (issues.length) {
    reportIssues(opts.values, issues, 'Значения показателей содержат ошибки');
    return 1;
  }
  const result = computeRating(methodology, csv.records);
  process.stdout.write(JSON.stringify(presentRating(methodology, result, opts.explain), null, 2) + '\n');
  return 0;
}
