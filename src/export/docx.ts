/**
 * The consolidated report as a Word document (.docx), written with the `docx` library.
 *
 * Layout of the official form: A4 landscape, Times New Roman 12 (table 11), the title
 * centred and bold, then one table — header row and a row of column numbers 1…N,
 * both repeated at the top of every page; sections (plan) or protocols (council) as
 * bold rows spanning the table; a multi-paragraph execution text stays paragraphs.
 * The footer carries the period, the generation date and «стр. X из Y».
 *
 * The importer (`src/domain/importers`) reads this layout back to the same items:
 * that round trip is tested in docx.test.ts.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import {
  STATUS_COLOURS,
  footerText,
  layoutReport,
  signOffLines,
  splitParagraphs,
  type ReportModel,
  type LayoutRow,
} from './report-model.js';

/** A4 in twentieths of a point (twips), portrait numbers; `orientation` turns the page. */
const A4_SHORT = 11906;
const A4_LONG = 16838;
/** Margins (twips): 2 cm top/bottom/left, 1 cm right — usual for landscape tables. */
const MARGIN = { top: 1134, bottom: 1134, left: 1134, right: 567, header: 567, footer: 567 };
const TABLE_WIDTH = A4_LONG - MARGIN.left - MARGIN.right;

const FONT = 'Times New Roman';
/** Half-points. */
const BODY_SIZE = 24;
const TABLE_SIZE = 22;
const HEADER_FILL = 'F2F2F2';
const SECTION_FILL = 'FAFAFA';

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const TABLE_BORDERS = {
  top: border,
  bottom: border,
  left: border,
  right: border,
  insideHorizontal: border,
  insideVertical: border,
};
const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };

/** Scales relative column weights to whole twips that add up to the table width. */
function columnWidths(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * total));
  widths[widths.length - 1] += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

interface CellText {
  text: string;
  bold?: boolean;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  /** Keep the row with the next one on the same page (a section heading with its first row). */
  keepNext?: boolean;
}

/** Paragraphs of a cell: one per line of the text; an empty cell still needs one paragraph. */
function cellParagraphs({ text, bold, align, keepNext }: CellText): Paragraph[] {
  const lines = splitParagraphs(text);
  if (!lines.length) return [new Paragraph({ children: [] })];
  return lines.map(
    (line) =>
      new Paragraph({
        alignment: align ?? AlignmentType.LEFT,
        spacing: { before: 0, after: 0 },
        keepNext,
        children: [new TextRun({ text: line, bold, size: TABLE_SIZE, font: FONT })],
      }),
  );
}

function headerRows(headers: string[], widths: number[]): TableRow[] {
  const shading = { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL };
  const labels = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: headers.map(
      (h, i) =>
        new TableCell({
          width: { size: widths[i], type: WidthType.DXA },
          verticalAlign: VerticalAlign.CENTER,
          shading,
          children: cellParagraphs({ text: h, bold: true, align: AlignmentType.CENTER }),
        }),
    ),
  });
  // The row of column numbers under the header, as in the official form.
  const numbers = new TableRow({
    tableHeader: true,
    cantSplit: true,
    height: { value: 280, rule: HeightRule.ATLEAST },
    children: headers.map(
      (_, i) =>
        new TableCell({
          width: { size: widths[i], type: WidthType.DXA },
          shading,
          children: cellParagraphs({ text: String(i + 1), align: AlignmentType.CENTER }),
        }),
    ),
  });
  return [labels, numbers];
}

function bodyRow(row: LayoutRow, widths: number[], statusIndex: number): TableRow {
  if (row.kind === 'section') {
    return new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          columnSpan: widths.length,
          width: { size: TABLE_WIDTH, type: WidthType.DXA },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: SECTION_FILL },
          children: cellParagraphs({ text: row.text, bold: true, align: AlignmentType.CENTER, keepNext: true }),
        }),
      ],
    });
  }
  return new TableRow({
    children: row.cells.map((text, i) => {
      const isStatus = i === statusIndex;
      const centred = i === 0 || isStatus;
      return new TableCell({
        width: { size: widths[i], type: WidthType.DXA },
        shading:
          isStatus && row.status
            ? { type: ShadingType.CLEAR, color: 'auto', fill: STATUS_COLOURS[row.status] }
            : undefined,
        verticalAlign: isStatus ? VerticalAlign.CENTER : VerticalAlign.TOP,
        children: cellParagraphs({ text, align: centred ? AlignmentType.CENTER : AlignmentType.LEFT }),
      });
    }),
  });
}

function titleParagraphs(model: ReportModel): Paragraph[] {
  const lines = [
    ...splitParagraphs(model.title).map((t) => ({ t, bold: true })),
    ...splitParagraphs(model.subtitle ?? '').map((t) => ({ t, bold: false })),
  ];
  return lines.map(
    ({ t, bold }, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: i === lines.length - 1 ? 240 : 0 },
        children: [new TextRun({ text: t, bold, size: BODY_SIZE, font: FONT })],
      }),
  );
}

function footer(model: ReportModel): Footer {
  const size = 18;
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({ text: `${footerText(model)} · стр. `, size, font: FONT }),
          new TextRun({ children: [PageNumber.CURRENT], size, font: FONT }),
          new TextRun({ text: ' из ', size, font: FONT }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], size, font: FONT }),
        ],
      }),
    ],
  });
}

/**
 * The sign-off under the table: the position on the left and the name on the right of one
 * line (a right tab stop, not a table, so that reading the document back finds one table),
 * the date under it, and «Исполнитель: …, тел. …» in small print at the end.
 */
function signOffParagraphs(model: ReportModel): Paragraph[] {
  const lines = signOffLines(model);
  if (!lines) return [];
  const run = (text: string, size = BODY_SIZE) => new TextRun({ text, size, font: FONT });
  const out: Paragraph[] = [];
  if (lines.position || lines.name) {
    out.push(
      new Paragraph({
        spacing: { before: 480, after: 0 },
        keepNext: true,
        tabStops: [{ type: TabStopType.RIGHT, position: TABLE_WIDTH }],
        children: [
          run(lines.position),
          new TextRun({ children: [new Tab(), lines.name], size: BODY_SIZE, font: FONT }),
        ],
      }),
    );
    if (lines.date) out.push(new Paragraph({ spacing: { before: 120, after: 0 }, children: [run(lines.date)] }));
  }
  if (lines.prepared)
    out.push(new Paragraph({ spacing: { before: 480, after: 0 }, children: [run(lines.prepared, 20)] }));
  return out;
}

/** The plan's indicator table after the measures: a heading and a plain bordered table. */
function indicatorTableDocx(model: ReportModel): (Paragraph | Table)[] {
  const t = model.indicators;
  if (!t || t.rows.length === 0) return [];
  const weights = t.headers.map((_, i) => (i === 0 ? 3 : i === 1 ? 24 : i === 2 ? 6 : 6));
  const widths = columnWidths(weights, TABLE_WIDTH);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 360, after: 120 },
      keepNext: true,
      children: [new TextRun({ text: t.title, bold: true, size: BODY_SIZE, font: FONT })],
    }),
    new Table({
      width: { size: TABLE_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: TABLE_BORDERS,
      margins: CELL_MARGINS,
      rows: [
        new TableRow({
          tableHeader: true,
          children: t.headers.map(
            (h, i) =>
              new TableCell({
                width: { size: widths[i], type: WidthType.DXA },
                shading: { fill: HEADER_FILL, type: ShadingType.CLEAR, color: 'auto' },
                children: cellParagraphs({ text: h, bold: true, align: AlignmentType.CENTER }),
              }),
          ),
        }),
        ...t.rows.map(
          (r) =>
            new TableRow({
              children: r.map(
                (text, i) =>
                  new TableCell({
                    width: { size: widths[i], type: WidthType.DXA },
                    children: cellParagraphs({ text, align: i === 1 ? AlignmentType.LEFT : AlignmentType.CENTER }),
                  }),
              ),
            }),
        ),
      ],
    }),
  ];
}

/**
 * Builds the consolidated report as .docx bytes.
 * @example
 *   const bytes = await buildReportDocx(model);
 *   (await importDocument(bytes, 'report.docx')).items.length // the model's row count
 */
export async function buildReportDocx(model: ReportModel): Promise<Buffer> {
  const layout = layoutReport(model);
  const widths = columnWidths(
    layout.columns.map((c) => c.weight),
    TABLE_WIDTH,
  );
  const statusIndex = layout.columns.findIndex((c) => c.key === 'status');
  const table = new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: CELL_MARGINS,
    rows: [
      ...headerRows(
        layout.columns.map((c) => c.header),
        widths,
      ),
      ...layout.rows.map((r) => bodyRow(r, widths, statusIndex)),
    ],
  });
  const doc = new Document({
    creator: 'Исполнение',
    lastModifiedBy: 'Исполнение',
    title: splitParagraphs(model.title).join(' '),
    styles: {
      default: {
        document: { run: { font: FONT, size: BODY_SIZE }, paragraph: { spacing: { before: 0, after: 0 } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4_SHORT, height: A4_LONG, orientation: PageOrientation.LANDSCAPE },
            margin: MARGIN,
          },
        },
        footers: { default: footer(model) },
        children: [...titleParagraphs(model), table, ...indicatorTableDocx(model), ...signOffParagraphs(model)],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
