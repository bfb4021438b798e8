/**
 * A document reduced to what every source format shares: paragraphs of text and
 * tables of cells, in reading order. Extractors (docx, xlsx, text renderings)
 * produce it; the interpreter turns it into an InterchangeDocument.
 */
export type RawBlock =
  | { type: 'paragraph'; text: string }
  /**
   * rows[r][c] is the cell text (paragraphs joined with '\n'). A horizontally merged
   * cell (gridSpan) appears once, with `spans` telling how many grid columns it covers,
   * so that a section row spanning the table is recognisable.
   */
  | { type: 'table'; rows: RawRow[] };

export interface RawRow {
  cells: string[];
  /** Grid columns covered by each cell; omitted when every cell covers one column. */
  spans?: number[];
}

export interface RawDocument {
  blocks: RawBlock[];
}
