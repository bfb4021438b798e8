/**
 * One scoring request as the command line (and later an HTTP route) receives it: a parsed JSON
 * document and, optionally, the edition asked for separately. Resolves the edition, validates,
 * scores — or returns every problem, never a partial result.
 */
import { BUILT_IN_EDITIONS, findEdition } from './editions/index.js';
import { validateScoreInput, type InputIssue, type ScoreInput } from './input.js';
import type { Methodology } from './methodology.js';
import { scoreOrganisations, type OrganisationScore } from './score.js';

export type Resolved = { ok: true; methodology: Methodology; input: ScoreInput } | { ok: false; issues: InputIssue[] };

/**
 * The edition comes from `requested` (the --edition option) or the document's "edition" field;
 * when both are given they must agree.
 */
export function resolveScoreRequest(
  raw: unknown,
  requested?: string,
  editions: readonly Methodology[] = BUILT_IN_EDITIONS,
): Resolved {
  const known = editions.map((e) => e.edition).join(', ');
  const inDocument =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { edition?: unknown }).edition : undefined;
  // A non-string "edition" field is the validator's to report (wrong type), not «missing».
  const documentEdition = typeof inDocument === 'string' ? inDocument : undefined;
  const issues: InputIssue[] = [];
  const name = requested ?? documentEdition;
  if (requested !== undefined && documentEdition !== undefined && documentEdition !== requested) {
    issues.push({
      path: 'edition',
      code: 'edition_mismatch',
      en: `edition: the input says ${JSON.stringify(documentEdition)} but --edition is ${JSON.stringify(requested)}`,
      ru: `Редакция методики в файле («${documentEdition}») не совпадает с запрошенной («${requested}»)`,
    });
  } else if (name === undefined && inDocument === undefined) {
    issues.push({
      path: 'edition',
      code: 'edition_missing',
      en: `edition: not given (use --edition or an "edition" field; known: ${known})`,
      ru: `Не указана редакция методики (известны: ${known})`,
    });
  }
  const methodology = name === undefined ? undefined : findEdition(name, editions);
  if (name !== undefined && !methodology && !issues.length) {
    issues.push({
      path: 'edition',
      code: 'edition_unknown',
      en: `edition: unknown edition ${JSON.stringify(name)} (known: ${known})`,
      ru: `Неизвестная редакция методики «${name}» (известны: ${known})`,
    });
  }
  const validated = validateScoreInput(raw);
  if (!validated.ok) issues.push(...validated.issues);
  if (issues.length || !methodology || !validated.ok) return { ok: false, issues };
  return { ok: true, methodology, input: validated.input };
}

export function scoreRequest(
  raw: unknown,
  requested?: string,
  editions?: readonly Methodology[],
): { ok: true; result: { organisations: OrganisationScore[] } } | { ok: false; issues: InputIssue[] } {
  const r = resolveScoreRequest(raw, requested, editions);
  return r.ok ? { ok: true, result: scoreOrganisations(r.methodology, r.input) } : r;
}
