/**
 * Merging two entries of the directory that name one organisation (imports create
 * near-duplicates: «Минсоцзащиты» and «Министерство социальной защиты населения …»).
 * The pure rules; the service moves the rows in one transaction.
 */
import { normalizeOrgName, type DirectoryEntry } from './match-organisation.js';

/**
 * The surviving entry's aliases after the merge: its own, then the merged one's names and
 * aliases, each spelling once (as `normalizeOrgName` compares them) and none repeating the
 * survivor's own full or short name — so that documents using either name keep matching.
 * @example mergedAliases({ id: 1, fullName: 'Министерство культуры края', shortName: 'Минкультуры', aliases: ['Минкульт'] },
 *   { id: 2, fullName: 'Министерство культуры', shortName: 'МК', aliases: ['минкульт'] })
 * // ['Минкульт', 'Министерство культуры', 'МК']
 */
export function mergedAliases(survivor: DirectoryEntry, merged: DirectoryEntry): string[] {
  const taken = new Set([survivor.fullName, survivor.shortName].map(normalizeOrgName));
  const out: string[] = [];
  for (const name of [...survivor.aliases, merged.fullName, merged.shortName, ...merged.aliases]) {
    const t = name.replace(/\s+/g, ' ').trim();
    const key = normalizeOrgName(t);
    if (!key || taken.has(key)) continue;
    taken.add(key);
    out.push(t);
  }
  return out;
}

/** Both were executors of one measure: the survivor keeps one place, lead if either was. */
export function mergedRole(a: 'lead' | 'co', b: 'lead' | 'co'): 'lead' | 'co' {
  return a === 'lead' || b === 'lead' ? 'lead' : 'co';
}
