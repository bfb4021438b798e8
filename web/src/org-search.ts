/**
 * Type-ahead matching over the organisation directory: full name, short name and
 * aliases, plus the bureaucratic abbreviations people type («Минкульт» finds
 * «Министерство культуры Забайкальского края» even without an alias). Pure.
 */

export interface SearchableOrg {
  id: number;
  fullName: string;
  shortName?: string | null;
  aliases?: string[] | null;
}

/** Lower case, «ё» as «е», quotes and punctuation as spaces, single spaces. */
export function normaliseName(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'“”„()[\],.;:–—\-/\\]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * True when `query` (no spaces) splits into pieces, each a prefix of a successive
 * word of `name`: «минкульт» = «мин|культ» → «министерство культуры».
 * Every piece but the last has at least 3 letters; the first word must match.
 */
export function matchesAbbreviation(query: string, name: string): boolean {
  const q = normaliseName(query).replace(/\s+/g, '');
  const words = normaliseName(name).split(' ').filter(Boolean);
  if (q.length < 3 || words.length === 0) return false;
  const memo = new Map<string, boolean>();
  const go = (qi: number, wi: number, first: boolean): boolean => {
    if (qi === q.length) return true;
    if (wi >= words.length) return false;
    const key = `${qi}:${wi}:${first}`;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    let ok = false;
    const word = words[wi];
    // take a prefix of this word
    for (let len = Math.min(word.length, q.length - qi); len >= 1 && !ok; len--) {
      if (word.slice(0, len) !== q.slice(qi, qi + len)) continue;
      const isLast = qi + len === q.length;
      if (len < 3 && !isLast) continue;
      ok = go(qi + len, wi + 1, false);
    }
    // or skip this word (not the first one)
    if (!ok && !first) ok = go(qi, wi + 1, false);
    memo.set(key, ok);
    return ok;
  };
  return go(0, 0, true);
}

/**
 * Scores how well an organisation matches what was typed; 0 means no match.
 * Higher is better: exact short name or alias, then prefixes, then all words found
 * anywhere, then abbreviations.
 */
export function scoreOrganisation(query: string, org: SearchableOrg): number {
  const q = normaliseName(query);
  if (!q) return 1;
  const full = normaliseName(org.fullName);
  const names = [org.shortName ?? '', ...(org.aliases ?? [])].map(normaliseName).filter(Boolean);
  if (names.includes(q) || full === q) return 100;
  if (names.some((n) => n.startsWith(q))) return 80;
  if (full.startsWith(q)) return 70;
  const tokens = q.split(' ');
  const haystacks = [full, ...names];
  const allTokensIn = (h: string) => tokens.every((t) => h.includes(t));
  if (haystacks.some((h) => h.split(' ').some((w) => w.startsWith(tokens[0])) && allTokensIn(h))) return 60;
  if (haystacks.some(allTokensIn)) return 40;
  if (tokens.length === 1 && [org.fullName, ...names].some((n) => matchesAbbreviation(q, n))) return 30;
  return 0;
}

/**
 * Filters and ranks organisations for a query; ties keep the input order (which the
 * API already sorts by Russian collation).
 */
export function searchOrganisations<T extends SearchableOrg>(query: string, orgs: readonly T[], limit = 50): T[] {
  return orgs
    .map((org, i) => ({ org, i, score: scoreOrganisation(query, org) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.org);
}
