/**
 * What the importer must read back from an exported report, for the round-trip tests
 * (docx.test.ts, xlsx.test.ts). The importer normalises whitespace: one-line fields
 * collapse every run of spaces and line breaks, the execution text keeps its
 * paragraphs.
 */
import type { InterchangeDocument, ItemStatus } from '../domain/importers/interchange.js';
import {
  NO_INFORMATION,
  councilExecutionText,
  councilTitleText,
  figuresText,
  sectionHeading,
  splitParagraphs,
  type ReportModel,
  type ReportRow,
} from './report-model.js';

/**
 * Importer warnings that do not point at the export: the importer's numbering check
 * (interpret.ts) reads «2а» as level [2] and reports «2» followed by «2а» as a jump,
 * though an item inserted with a letter is usual in the genre. Reported to its owner.
 */
export const KNOWN_IMPORTER_WARNINGS = ['Нумерация: после 2 идёт 2а'];

export interface ExpectedItem {
  number: string;
  section: string | null;
  title: string;
  executorsText: string;
  deadlineText: string;
  executionText: string;
  status: ItemStatus | null;
  protocolItem: string;
}

const oneLine = (s: string | undefined) => splitParagraphs(s ?? '').join(' ');
const isoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

function expectedItem(
  model: ReportModel,
  row: ReportRow,
  section: string | null,
  sectionDate: string | null,
): ExpectedItem {
  if (model.form === 'council') {
    const dateLine =
      row.protocolDate && row.protocolDate !== sectionDate
        ? ` (протокол от ${row.protocolDate.slice(8, 10)}.${row.protocolDate.slice(5, 7)}.${row.protocolDate.slice(0, 4)})`
        : '';
    return {
      number: oneLine(row.number),
      section,
      title: oneLine(councilTitleText(row)),
      executorsText: oneLine(row.responsible),
      deadlineText: '', // the council form has no deadline column: the deadline is in the title
      executionText:
        [councilExecutionText(row.execution, row.status), figuresText(row.figures)].filter(Boolean).join('\n') ||
        NO_INFORMATION,
      status: row.status,
      protocolItem: (oneLine(row.protocolItem) + dateLine).trim(),
    };
  }
  return {
    number: oneLine(row.number),
    section,
    title: oneLine(row.title),
    executorsText: oneLine(row.responsible),
    deadlineText: oneLine(row.deadline),
    // An empty cell is written «Информация не представлена», as officials write it.
    executionText:
      [splitParagraphs(row.execution).join('\n'), figuresText(row.figures)].filter(Boolean).join('\n') ||
      NO_INFORMATION,
    status: row.status,
    protocolItem: '',
  };
}

/** Sections and items an import of the exported model must yield. */
export function expectedImport(model: ReportModel): {
  sections: Array<{ number: string; title: string }>;
  items: ExpectedItem[];
} {
  const items: ExpectedItem[] = model.rowsWithoutSection.map((r) => expectedItem(model, r, null, null));
  const sections = model.sections.map((s) => {
    if (model.form === 'council') return { number: s.number, title: oneLine(s.title) };
    // «1. Стратегия…» is read back as number «1» and the title after it.
    const heading = sectionHeading('plan', s);
    return { number: oneLine(s.number), title: heading.slice(oneLine(s.number).length).replace(/^[.)]?\s*/, '') };
  });
  model.sections.forEach((s, i) => {
    const date = model.form === 'council' && isoDate(s.number) ? s.number : null;
    for (const r of s.rows) items.push(expectedItem(model, r, sections[i].number, date));
  });
  return { sections, items };
}

/** The fields of an imported document that the round trip compares. */
export function importedFacts(doc: InterchangeDocument): {
  sections: Array<{ number: string; title: string }>;
  items: ExpectedItem[];
} {
  return {
    sections: doc.sections.map((s) => ({ number: s.number, title: s.title })),
    items: doc.items.map((i) => ({
      number: i.number,
      section: i.section,
      title: i.title,
      executorsText: i.executorsText,
      deadlineText: i.deadlineText,
      executionText: i.executionText,
      status: i.status,
      protocolItem: i.protocolItem,
    })),
  };
}
