/**
 * Finding an organisation in the directory by the name a document uses for it:
 * full name, short name, or any alias («Минкульт» = «Минкультуры» = «Министерство
 * культуры Забайкальского края»). Pure: the caller passes the directory.
 */
export interface DirectoryEntry {
  id: number;
  fullName: string;
  shortName: string;
  aliases: string[];
}

/** Case, «ё», quotes, punctuation and spacing do not distinguish organisations. */
export function normalizeOrgName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\(\s*по согласованию\s*\)/g, ' ')
    .replace(/[«»"“”„'`]/g, '')
    .replace(/[.,;:()\-–—]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function namesOf(e: DirectoryEntry): string[] {
  return [e.fullName, e.shortName, ...e.aliases].map(normalizeOrgName).filter(Boolean);
}

/** Character trigram similarity (Dice coefficient) between two normalised names. */
function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const grams = (s: string) => {
    const padded = `  ${s} `;
    const out = new Map<string, number>();
    for (let i = 0; i < padded.length - 2; i++) {
      const g = padded.slice(i, i + 3);
      out.set(g, (out.get(g) ?? 0) + 1);
    }
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let common = 0;
  let total = 0;
  for (const [g, n] of ga) {
    total += n;
    common += Math.min(n, gb.get(g) ?? 0);
  }
  for (const n of gb.values()) total += n;
  return total ? (2 * common) / total : 0;
}

export interface OrgMatch<T extends DirectoryEntry> {
  /** The one organisation the name certainly means, or null. */
  match: T | null;
  /** Closest organisations, best first, for a person to choose from. */
  candidates: T[];
}

const DEFINITION_TAIL = /^(.*?)\s*\(\s*(?:и\s+)?далее\s*(?:[-–—:]\s*)?([^()]{1,80})\)\s*$/i;

/**
 * A name with the short form the document defines for it:
 * «Министерство труда Омской области (далее – Минтруд)» -> { name: 'Министерство труда Омской области', short: 'Минтруд' }.
 * The tail is the document's own note, not part of the organisation's name.
 * @example splitDefinition('Комитет по делам молодёжи (далее - Комитет)') // { name: 'Комитет по делам молодёжи', short: 'Комитет' }
 */
export function splitDefinition(name: string): { name: string; short: string | null } {
  const m = DEFINITION_TAIL.exec(name.trim());
  if (!m || !m[1].trim()) return { name: name.trim(), short: null };
  return { name: m[1].trim(), short: m[2].replace(/[«»"]/g, '').trim() || null };
}

/**
 * @example matchOrganisation('Минкульт', directory).match?.shortName // 'Минкультуры'
 * @example matchOrganisation('Министерство культуры края (далее – Минкульт)', directory).match?.shortName // 'Минкультуры'
 */
export function matchOrganisation<T extends DirectoryEntry>(name: string, directory: T[], limit = 5): OrgMatch<T> {
  // «… (далее – Минкульт)»: the full name first, then the short form the document gives it.
  const { name: full, short } = splitDefinition(name);
  if (short) {
    const byFull = matchName(full, directory, limit);
    if (byFull.match) return byFull;
    const byShort = matchName(short, directory, limit);
    if (byShort.match) return byShort;
    return { match: null, candidates: [...new Set([...byFull.candidates, ...byShort.candidates])].slice(0, limit) };
  }
  return matchName(name, directory, limit);
}

function matchName<T extends DirectoryEntry>(name: string, directory: T[], limit: number): OrgMatch<T> {
  const n = normalizeOrgName(name);
  if (!n) return { match: null, candidates: [] };
  const exact = directory.filter((e) => namesOf(e).includes(n));
  if (exact.length === 1) return { match: exact[0], candidates: exact };
  // An abbreviation cut short («Минкульт» for «Минкультуры») is a prefix of one name;
  // accept it only when it points to exactly one organisation and is not too short.
  const prefixed =
    n.length >= 5 && !n.includes(' ')
      ? directory.filter((e) => namesOf(e).some((x) => !x.includes(' ') && x.startsWith(n)))
      : [];
  if (exact.length === 0 && prefixed.length === 1) return { match: prefixed[0], candidates: prefixed };
  const scored = directory
    .map((e) => ({ e, s: Math.max(...namesOf(e).map((x) => similarity(n, x))) }))
    .filter((x) => x.s >= 0.3)
    .sort((a, b) => b.s - a.s)
    .slice(0, limit)
    .map((x) => x.e);
  const candidates = [...new Set([...exact, ...prefixed, ...scored])].slice(0, limit);
  return { match: null, candidates };
}
