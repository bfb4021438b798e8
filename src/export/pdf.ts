/**
 * The consolidated report as PDF, laid out with pdfmake: the same table as the .docx
 * — A4 landscape, title centred and bold, header and column-number rows repeated on
 * every page, sections/protocols spanning the table, status cells filled by status,
 * «стр. X из Y» in the footer.
 *
 * Font: DejaVu Serif (a Times-like serif with full Cyrillic), shipped in
 * assets/fonts/ (licence beside it); Debian's fonts-dejavu-core is the fallback. The
 * fonts are handed to pdfmake from memory and its URL and local-file access is
 * switched off, so a document can make it read nothing else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pdfmake from 'pdfmake';
import { PATHS } from '../paths.js';
import {
  STATUS_COLOURS,
  footerText,
  layoutReport,
  signOffLines,
  splitParagraphs,
  type ReportModel,
} from './report-model.js';

/** Where the DejaVu Serif files are looked for, in order. */
export const FONT_DIRS = [PATHS.fonts, '/usr/share/fonts/truetype/dejavu/'];
const FONT_FILES = { normal: 'DejaVuSerif.ttf', bold: 'DejaVuSerif-Bold.ttf' } as const;
const FAMILY = 'DejaVuSerif';
const VFS_PREFIX = 'ispolnenie-export/';

let fontsLoaded = false;

/** Reads the font files once into pdfmake's in-memory file system. */
function ensureFonts(): void {
  if (fontsLoaded) return;
  for (const file of Object.values(FONT_FILES)) {
    let bytes: Buffer | undefined;
    for (const dir of FONT_DIRS) {
      try {
        bytes = readFileSync(join(dir, file));
        break;
      } catch {
        // try the next directory
      }
    }
    if (!bytes) throw new Error(`PDF export: font ${file} not found in ${FONT_DIRS.join(', ')}`);
    pdfmake.virtualfs.writeFileSync(VFS_PREFIX + file, bytes);
  }
  fontsLoaded = true;
}

/** A4 landscape in points, and margins: 2 cm left/top/bottom, 1 cm right. */
const PAGE = { width: 841.89, height: 595.28 };
const MARGINS: [number, number, number, number] = [56.7, 42.5, 28.35, 42.5];
const TABLE_WIDTH = PAGE.width - MARGINS[0] - MARGINS[2];
/** Points. DejaVu Serif runs wider than Times New Roman: 9.5 pt here sets about as much per line as Times 11. */
const TABLE_SIZE = 9.5;
const TITLE_SIZE = 12;
/** pdfmake adds `padding` on both sides of each cell (table layout below). */
const CELL_PADDING_X = 3;

const hex = (rgb: string) => `#${rgb}`;

/**
 * Builds the consolidated report as PDF bytes.
 * @example
 *   const bytes = await buildReportPdf(model);
 *   bytes.subarray(0, 4).toString() // '%PDF'
 */
export async function buildReportPdf(model: ReportModel): Promise<Buffer> {
  ensureFonts();
  const layout = layoutReport(model);
  const n = layout.columns.length;
  const weightSum = layout.columns.reduce((s, c) => s + c.weight, 0);
  // pdfmake widths exclude padding and the vertical rules.
  const inner = TABLE_WIDTH - n * 2 * CELL_PADDING_X - (n + 1) * 0.5;
  const widths = layout.columns.map((c) => (c.weight / weightSum) * inner);
  const statusIndex = layout.columns.findIndex((c) => c.key === 'status');

  const header = [
    layout.columns.map((c) => ({ text: c.header, bold: true, alignment: 'center', fillColor: '#F2F2F2' })),
    layout.columns.map((_, i) => ({ text: String(i + 1), alignment: 'center', fillColor: '#F2F2F2' })),
  ];
  const body: object[][] = [...header];
  for (const row of layout.rows) {
    if (row.kind === 'section') {
      body.push([
        { text: row.text, colSpan: n, bold: true, alignment: 'center', fillColor: '#FAFAFA' },
        ...Array.from({ length: n - 1 }, () => ({})),
      ]);
      continue;
    }
    body.push(
      row.cells.map((text, i) => {
        const isStatus = i === statusIndex;
        return {
          text: splitParagraphs(text).join('\n'),
          alignment: i === 0 || isStatus ? 'center' : 'left',
          ...(isStatus && row.status ? { fillColor: hex(STATUS_COLOURS[row.status]) } : {}),
        };
      }),
    );
  }

  const sign = signOffLines(model);
  const signOff: object[] = [];
  if (sign && (sign.position || sign.name)) {
    signOff.push({
      columns: [
        { text: sign.position, width: '*' },
        { text: sign.name, width: 'auto', alignment: 'right' },
      ],
      fontSize: TITLE_SIZE - 1,
      margin: [0, 24, 0, 0],
      unbreakable: true,
    });
    if (sign.date) signOff.push({ text: sign.date, fontSize: TITLE_SIZE - 1, margin: [0, 6, 0, 0] });
  }
  if (sign?.prepared) signOff.push({ text: sign.prepared, fontSize: 8.5, margin: [0, 24, 0, 0] });

  const titleLines = splitParagraphs(model.title);
  const subtitleLines = splitParagraphs(model.subtitle ?? '');
  const footer = footerText(model);
  const docDefinition = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: MARGINS,
    info: {
      title: titleLines.join(' '),
      creator: 'Исполнение',
      producer: 'Исполнение (pdfmake)',
      // The generation date, not the clock: the bytes stay a function of the model.
      creationDate: /^\d{4}-\d{2}-\d{2}/.test(model.generatedOn)
        ? new Date(model.generatedOn.slice(0, 10) + 'T00:00:00Z')
        : new Date(0),
    },
    defaultStyle: { font: FAMILY, fontSize: TABLE_SIZE, lineHeight: 1.05 },
    footer: (currentPage: number, pageCount: number) => ({
      text: `${footer} · стр. ${currentPage} из ${pageCount}`,
      alignment: 'right',
      fontSize: 7.5,
      margin: [MARGINS[0], 14, MARGINS[2], 0],
    }),
    content: [
      ...titleLines.map((t) => ({ text: t, bold: true, fontSize: TITLE_SIZE, alignment: 'center' })),
      ...subtitleLines.map((t) => ({ text: t, fontSize: TITLE_SIZE - 1, alignment: 'center' })),
      { text: '', margin: [0, 0, 0, 8] },
      {
        table: { headerRows: 2, widths, body },
        layout: {
          hLineWidth: () => 0.5,
          vLineWidth: () => 0.5,
          paddingLeft: () => CELL_PADDING_X,
          paddingRight: () => CELL_PADDING_X,
          paddingTop: () => 2,
          paddingBottom: () => 2,
        },
      },
      ...signOff,
    ],
  };

  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  pdfmake.setFonts({
    [FAMILY]: {
      normal: VFS_PREFIX + FONT_FILES.normal,
      bold: VFS_PREFIX + FONT_FILES.bold,
      italics: VFS_PREFIX + FONT_FILES.normal,
      bolditalics: VFS_PREFIX + FONT_FILES.bold,
    },
  });
  return pdfmake.createPdf(docDefinition).getBuffer();
}
