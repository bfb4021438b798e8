/**
 * `nok` — the НОК scoring engine without the UI.
 *
 *   nok score   [--edition ID] --input FILE|-   indicators, К1–К5 and total per organisation (JSON, unrounded)
 *   nok explain [--edition ID] --input FILE|-   the shortfalls of each organisation, in Russian, worst first
 *   nok editions                                the methodology editions known, with their sources
 *
 * The edition is --edition or the input's "edition" field (both given: they must agree).
 * Exit codes: 0 done; 1 the input is unreadable or invalid (every problem on stderr, in English
 * and then in Russian; nothing on stdout); 2 bad usage.
 */
import { readFile } from 'node:fs/promises';
import {
  BUILT_IN_EDITIONS,
  explainShortfalls,
  resolveScoreRequest,
  scoreOrganisation,
  type InputIssue,
  type OrganisationScore,
} from '../../domain/nok/index.js';

const USAGE = `Usage: npm run --silent cli -- nok score [--edition ID] --input FILE.json|-
       npm run --silent cli -- nok explain [--edition ID] --input FILE.json|-
       npm run --silent cli -- nok editions
Editions: ${BUILT_IN_EDITIONS.map((e) => e.edition).join(', ')}
`;

/** How many problems are printed before «… and N more». */
const MAX_ISSUES = 50;

interface Options {
  sub: 'score' | 'explain';
  edition?: string;
  input: string;
}

function parseArgs(argv: string[]): Options | 'editions' | 'help' | string {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') return 'help';
  if (sub === 'editions') return rest.length ? `nok editions takes no options, got ${rest[0]}` : 'editions';
  if (sub !== 'score' && sub !== 'explain') return `unknown subcommand ${JSON.stringify(sub)}`;
  let edition: string | undefined;
  let input: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const value = () => inline ?? (rest[i + 1]?.startsWith('--') ? undefined : rest[++i]);
    if (flag === '--edition') edition = value();
    else if (flag === '--input') input = value();
    else if (flag === '--help' || flag === '-h') return 'help';
    else return `unknown option ${a}`;
    if (flag === '--edition' && !edition) return '--edition needs a value';
    if (flag === '--input' && !input) return '--input needs a file name or - for stdin';
  }
  if (input === undefined) return '--input FILE (or - for stdin) is required';
  return { sub, edition, input };
}

async function readInput(file: string): Promise<string> {
  if (file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function printIssues(issues: InputIssue[]): void {
  const shown = issues.slice(0, MAX_ISSUES);
  const more = issues.length - shown.length;
  const tail = more > 0 ? [`... and ${more} more`] : [];
  const en = [...shown.map((i) => `error: ${i.en}`), ...tail];
  const ru = [...shown.map((i) => `  ${i.ru}`), ...(more > 0 ? [`  … и ещё ${more}`] : [])];
  process.stderr.write(`${en.join('\n')}\nОшибки во входных данных:\n${ru.join('\n')}\n`);
}

function editionsSummary() {
  return {
    editions: BUILT_IN_EDITIONS.map((e) => ({
      edition: e.edition,
      act: e.act.reference,
      officialUrl: e.act.officialUrl,
      effectiveFrom: e.act.effectiveFrom,
      confidence: Object.fromEntries(
        e.indicators.map((i) => [
          i.id,
          Object.fromEntries(Object.entries(i.confidence).map(([rule, c]) => [rule, c.tier])),
        ]),
      ),
      openQuestions: e.openQuestions,
    })),
  };
}

export async function run(argv: string[]): Promise<number> {
  const opts = parseArgs(argv);
  if (opts === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (opts === 'editions') {
    process.stdout.write(JSON.stringify(editionsSummary(), null, 2) + '\n');
    return 0;
  }
  if (typeof opts === 'string') {
    process.stderr.write(`error: ${opts}\n${USAGE}`);
    return 2;
  }

  let text: string;
  try {
    text = await readInput(opts.input);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(
      `error: cannot read ${opts.input}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}\nНе удалось прочитать файл «${opts.input}»${code === 'ENOENT' ? ': файл не найден' : ''}.\n`,
    );
    return 1;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    printIssues([
      {
        path: '',
        code: 'invalid_json',
        en: `${opts.input === '-' ? 'stdin' : opts.input} is not valid JSON: ${(e as Error).message}`,
        ru: 'Файл не является корректным JSON',
      },
    ]);
    return 1;
  }

  const request = resolveScoreRequest(raw, opts.edition);
  if (!request.ok) {
    printIssues(request.issues);
    return 1;
  }
  const { methodology, input } = request;
  const scores: OrganisationScore[] = input.organisations.map((o) => scoreOrganisation(methodology, o));
  const out =
    opts.sub === 'score'
      ? { organisations: scores }
      : {
          edition: methodology.edition,
          organisations: input.organisations.map((o, i) => ({
            id: o.id,
            name: o.name,
            total: scores[i].total,
            shortfalls: explainShortfalls(methodology, o, scores[i]),
          })),
        };
  process.stdout.write(JSON.stringify(out) + '\n');
  return 0;
}
