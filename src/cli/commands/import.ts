/**
 * `import [--dry-run] [--format json] FILE` — read a plan, roadmap, execution report or
 * report on council decisions.
 *
 * --dry-run          print what was understood (InterchangeDocument) and save nothing
 * --format json      JSON on stdout (the default and, for now, the only format)
 *
 * Exit codes: 0 read; 1 the document could not be read (Russian message on stderr,
 * English detail after it, no stack trace); 2 bad usage or saving not available.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { isDomainError } from '../../domain/errors.js';
import { importDocument } from '../../domain/importers/read-document.js';
import { saveImported, type SaveOptions } from '../save-imported.js';

const USAGE =
  'Использование: npm run --silent cli -- import [--dry-run] [--format json] [--owner ОРГАНИЗАЦИЯ] [--plan ID --period ПЕРИОД] [--as ЛОГИН] ФАЙЛ\nUsage: import [--dry-run] [--format json] [--owner ORG] [--plan ID --period LABEL] [--as LOGIN] FILE\n';

interface Options {
  dryRun: boolean;
  format: 'json';
  file: string;
  save: SaveOptions;
}

function parseArgs(argv: string[]): Options | string {
  let dryRun = false;
  let format: string = 'json';
  const files: string[] = [];
  const save: SaveOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dry-run') dryRun = true;
    else if (a === '--format') format = argv[++i] ?? '';
    else if (a.startsWith('--format=')) format = a.slice('--format='.length);
    else if (a === '--plan') save.planId = Number(argv[++i]);
    else if (a === '--period') save.period = argv[++i];
    else if (a === '--owner') save.owner = argv[++i];
    else if (a === '--as') save.as = argv[++i];
    else if (a === '--help' || a === '-h') return '';
    else if (a.startsWith('--')) return `Неизвестный параметр ${a} / unknown option ${a}`;
    else files.push(a);
  }
  if (format !== 'json')
    return `Формат вывода «${format}» не поддерживается, есть только json / unsupported --format ${format}`;
  if (files.length !== 1) return 'Укажите один файл / exactly one FILE is required';
  if (save.planId !== undefined && (!Number.isInteger(save.planId) || save.planId <= 0))
    return 'Неверный номер плана в --plan / --plan takes a plan id';
  if (save.planId !== undefined && !save.period)
    return 'Для отчёта укажите отчётный период: --period «I квартал 2025 г.» / --period is required with --plan';
  return { dryRun, format: 'json', file: files[0], save };
}

/**
 * Saves the document into the configured database (DATA_DIR or DATABASE_URL): as a new
 * draft plan, or with --plan ID --period LABEL as an execution report applied to that plan.
 * The last line printed is JSON: {"planId": …}.
 */
async function save(bytes: Uint8Array, file: string, opts: SaveOptions): Promise<number> {
  const result = await saveImported(bytes, basename(file), opts);
  process.stdout.write(JSON.stringify(result) + '\n');
  return 0;
}

export async function run(argv: string[]): Promise<number> {
  const opts = parseArgs(argv);
  if (typeof opts === 'string') {
    process.stderr.write((opts ? opts + '\n' : '') + USAGE);
    return opts ? 2 : 0;
  }
  // `npm run` starts in the package root; a relative path means the caller's directory.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), opts.file);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(
      `Не удалось открыть файл «${opts.file}»${code === 'ENOENT' ? ': файл не найден' : ''}.\n(${code ?? 'error'}: cannot read ${opts.file})\n`,
    );
    return 1;
  }
  try {
    const doc = await importDocument(bytes, basename(opts.file));
    if (!opts.dryRun) return await save(bytes, opts.file, opts.save);
    process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
    return 0;
  } catch (e) {
    if (isDomainError(e)) {
      process.stderr.write(`${e.message}\n(${e.code}: ${e.detail})\n`);
      return 1;
    }
    throw e;
  }
}
