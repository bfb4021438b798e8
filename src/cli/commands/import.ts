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
import type { InterchangeDocument } from '../../domain/importers/interchange.js';
import { importDocument } from '../../domain/importers/read-document.js';

const USAGE = 'Использование: npm run --silent cli -- import [--dry-run] [--format json] ФАЙЛ\nUsage: import [--dry-run] [--format json] FILE\n';

interface Options { dryRun: boolean; format: 'json'; file: string }

function parseArgs(argv: string[]): Options | string {
  let dryRun = false;
  let format: string = 'json';
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dry-run') dryRun = true;
    else if (a === '--format') format = argv[++i] ?? '';
    else if (a.startsWith('--format=')) format = a.slice('--format='.length);
    else if (a === '--help' || a === '-h') return '';
    else if (a.startsWith('--')) return `Неизвестный параметр ${a} / unknown option ${a}`;
    else files.push(a);
  }
  if (format !== 'json') return `Формат вывода «${format}» не поддерживается, есть только json / unsupported --format ${format}`;
  if (files.length !== 1) return 'Укажите один файл / exactly one FILE is required';
  return { dryRun, format: 'json', file: files[0] };
}

/**
 * Saving the document: another module's job (it needs the database). It slots in here:
 * `return saveImported(doc, file)` once available; until then this reports that it is not.
 */
async function save(_doc: InterchangeDocument, _file: string): Promise<number> {
  process.stderr.write(
    'Сохранение импортированного документа в базу пока недоступно из командной строки; используйте --dry-run для просмотра.\n' +
      'Saving an imported document is not available from the command line yet; use --dry-run to preview.\n',
  );
  return 2;
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
    process.stderr.write(`Не удалось открыть файл «${opts.file}»${code === 'ENOENT' ? ': файл не найден' : ''}.\n(${code ?? 'error'}: cannot read ${opts.file})\n`);
    return 1;
  }
  try {
    const doc = await importDocument(bytes, basename(opts.file));
    if (!opts.dryRun) return await save(doc, opts.file);
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
