/**
 * Reads the values file of a rating: CSV with the header `municipality,indicator,value`
 * (issue 13), one value per row.
 *
 * - Bytes in UTF-8 (with or without BOM) or Windows-1251, CRLF or LF (`decodeText`).
 * - Quoted fields per RFC 4180 (names with commas, quotes, line breaks) by csv-parse; a stray
 *   quote inside an unquoted name («Городской округ "Город Озёрск"») is kept as text.
 * - The delimiter is the header's: `,` (the spec), or `;` / tab as Excel in a Russian locale
 *   writes them. The three columns may come in any order; no other column is accepted.
 * - Values: decimal comma or point, a leading minus (also «−»), digit groups separated by
 *   spaces («1 234,5»), an exponent; empty or blank = missing. Anything else is an error.
 *   In a comma-separated file a decimal comma must be quoted («"12,5"»); an unquoted one
 *   splits the row into four fields, and a row whose last two fields are digits is read as
 *   that number (`г. Озёрск,A1,12,5` → 12.5) rather than refused.
 * - Rows with every field blank are skipped.
 *
 * Never throws: returns the records it could read and one issue per problem (with the line),
 * so that the caller reports everything at once and computes nothing from a half-read file.
 */
import { parse } from 'csv-parse/sync';
import { decodeText } from '../importers/text-reader.js';
import type { RatingIssue } from './errors.js';
import type { ValueRecord } from './compute.js';

const COLUMNS = ['municipality', 'indicator', 'value'] as const;

export interface ValuesCsv {
  records: ValueRecord[];
  issues: RatingIssue[];
}

/**
 * @example
 * readValuesCsv('municipality,indicator,value\n"г. Озёрск, ""Северный""",A1,"12,5"\nг. Лесной,A1,\n').records
 * // [{ municipality: 'г. Озёрск, "Северный"', indicator: 'A1', value: 12.5, line: 2 },
 * //  { municipality: 'г. Лесной', indicator: 'A1', value: null, line: 3 }]
 */
export function readValuesCsv(input: string | Uint8Array): ValuesCsv {
  const text = typeof input === 'string' ? decodeText(new TextEncoder().encode(input)).text : decodeText(input).text;
  const issues: RatingIssue[] = [];
  const records: ValueRecord[] = [];
  const headerLine = text.split('\n', 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].find((d) => headerLine.includes(d)) ?? ',';
  let rows: { record: string[]; lines: number }[];
  try {
    // The line each record ends on (csv-parse's running count), kept beside the records.
    const ends: number[] = [];
    const parsed = parse(text, {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record, context) => {
        ends.push(context.lines);
        return record;
      },
    });
    rows = parsed.map((record, i) => ({ record, lines: ends[i] }));
  } catch (e) {
    const err = e as Error & { lines?: number };
    const line = err.lines;
    return {
      records: [],
      issues: [
        {
          path: line ? `line ${line}` : '',
          en: `the CSV cannot be read: ${err.message}`,
          ru: `файл CSV не читается${line ? ` (строка ${line})` : ''}: проверьте кавычки`,
        },
      ],
    };
  }
  if (rows.length === 0) {
    return {
      records,
      issues: [
        {
          path: 'line 1',
          en: 'the file is empty: expected the header municipality,indicator,value',
          ru: 'файл пуст: ожидается строка заголовка municipality,indicator,value',
        },
      ],
    };
  }

  const header = rows[0].record.map((h) => h.trim().toLowerCase());
  const at = COLUMNS.map((c) => header.indexOf(c));
  const extra = header.filter((h) => !(COLUMNS as readonly string[]).includes(h));
  if (at.some((i) => i < 0) || extra.length > 0 || header.length !== COLUMNS.length) {
    issues.push({
      path: 'line 1',
      en: `line 1: the header must be municipality,indicator,value (got ${rows[0].record.join(delimiter)})`,
      ru: `строка 1: заголовок должен быть municipality,indicator,value (указано: ${rows[0].record.join(delimiter)})`,
    });
    return { records, issues };
  }
  const [iM, iI, iV] = at;

  for (const { record, lines } of rows.slice(1)) {
    // csv-parse reports the line a record ends on; a quoted name with line breaks starts earlier.
    const line = lines - record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    if (record.every((f) => f.trim() === '')) continue;
    let fields = record;
    if (fields.length === 4 && iV === 2 && /^\s*[+\-\u2212]?\d+\s*$/.test(fields[2]) && /^\d+\s*$/.test(fields[3])) {
      fields = [fields[0], fields[1], `${fields[2]},${fields[3]}`];
    }
    if (fields.length !== 3) {
      issues.push({
        path: `line ${line}`,
        en: `line ${line}: expected 3 fields (municipality,indicator,value), got ${fields.length}; quote a name that contains the delimiter`,
        ru: `строка ${line}: ожидается 3 поля (municipality,indicator,value), указано ${fields.length}; название с запятой возьмите в кавычки`,
      });
      continue;
    }
    const municipality = fields[iM].trim();
    const indicator = fields[iI].trim();
    const value = parseDecimal(fields[iV]);
    if (value === undefined) {
      issues.push({
        path: `line ${line}`,
        en: `line ${line}: value "${fields[iV].trim()}" for "${municipality}", indicator "${indicator}" is not a number`,
        ru: `строка ${line}: значение «${fields[iV].trim()}» показателя «${indicator}» для «${municipality}» не является числом`,
      });
      continue;
    }
    records.push({ municipality, indicator, value, line });
  }
  return { records, issues };
}

const NUMBER = /^([+-]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d*)(?:[.,](\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * A number as officials type it: decimal comma or point, spaces between digit groups, a
 * typographic minus. Blank → null (missing); not a number → undefined.
 *
 * @example parseDecimal(' 1 234,5 ') // 1234.5
 * @example parseDecimal('−0.25') // -0.25
 * @example parseDecimal('') // null
 * @example parseDecimal('12 %') // undefined
 */
export function parseDecimal(text: string): number | null | undefined {
  const s = text.trim().replace(/\u2212/g, '-');
  if (s === '') return null;
  const m = NUMBER.exec(s);
  if (!m) return undefined;
  const [, sign, int, frac, exp] = m;
  if (int === '' && frac === undefined) return undefined;
  const n = Number(
    `${sign}${int.replace(/[ \u00a0\u202f]/g, '') || '0'}${frac !== undefined ? `.${frac}` : ''}${exp !== undefined ? `e${exp}` : ''}`,
  );
  return Number.isFinite(n) ? n : undefined;
}
