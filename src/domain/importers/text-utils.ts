/** Small text helpers shared by the importer modules. */

/** Collapses every run of whitespace (including line breaks and NBSP) to one space and trims. */
export const normalizeSpace = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * Whitespace-normalises a multi-paragraph text but keeps its paragraph breaks:
 * spaces collapse inside each line, empty lines disappear.
 */
export const normalizeParagraphs = (s: string): string => s.split('\n').map(normalizeSpace).filter(Boolean).join('\n');

/** Lower case with «ё» folded to «е», for matching labels. */
export const foldCase = (s: string): string => s.toLowerCase().replace(/ё/g, 'е');

/** Whether the string holds at least one letter or digit. */
export const hasContent = (s: string): boolean => /[\p{L}\p{N}]/u.test(s);
