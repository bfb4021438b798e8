/** «Создать все ненайденные»: a choice for every executor the directory does not know. */
import type { Organisation } from '../../api';
import { executorWording, normalizeOrgName, suggestNewOrganisation } from '../../import-review';
import { isResolved, sameTargets, type ExecGroup, type ExecState } from './review-state';

/**
 * The executor states with every unresolved group given a choice: an organisation of the
 * same full name from the directory, a new organisation, the same one as its expansion
 * («… (далее – Комитет)»), or text kept on the measure for descriptive phrases.
 */
export function choicesForAllUnknown(
  old: Record<string, ExecState>,
  groups: ExecGroup[],
  directory: Organisation[],
  docAbbreviations: Record<string, string> | undefined,
): Record<string, ExecState> {
  const byFullName = new Map(directory.map((o) => [normalizeOrgName(o.fullName), o.id]));
  const abbreviations = new Map(
    Object.entries(docAbbreviations ?? {}).map(([k, v]) => [normalizeOrgName(k), normalizeOrgName(v)]),
  );
  const next = { ...old };
  const taken = new Set<string>();
  for (const st of Object.values(next))
    if (st.choice.type === 'create') taken.add(normalizeOrgName(st.choice.fullName));
  const todo = groups.filter((g) => !isResolved(g, groups, next));
  const blank = (g: ExecGroup): ExecState =>
    next[g.key] ?? {
      key: g.key,
      name: g.name,
      byAgreement: g.byAgreement,
      match: null,
      suggestion: executorWording(g.name),
      candidates: [],
      choice: { type: 'none' },
    };
  // A phrase describing executors («некоммерческие организации», «… с привлечением …»)
  // stays text on the measure: no organisation is made of it.
  for (const g of todo.filter((x) => blank(x).suggestion === 'text'))
    next[g.key] = { ...blank(g), choice: { type: 'text' } };
  // Abbreviations defined in the document («… (далее – Комитет)») go last: they follow their full name.
  const isAbbr = (g: ExecGroup) => abbreviations.has(g.key);
  for (const g of todo.filter((x) => !isAbbr(x) && blank(x).suggestion !== 'text')) {
    let sug = suggestNewOrganisation(g.name);
    // Two new organisations may not share a full name, nor copy one in the directory.
    if (taken.has(normalizeOrgName(sug.fullName))) sug = { ...sug, fullName: g.name.slice(0, 500) };
    const existing = byFullName.get(normalizeOrgName(sug.fullName));
    next[g.key] = { ...blank(g), choice: existing ? { type: 'org', id: existing } : { type: 'create', ...sug } };
    taken.add(normalizeOrgName(sug.fullName));
  }
  for (const g of todo.filter((x) => isAbbr(x) && blank(x).suggestion !== 'text')) {
    const full = abbreviations.get(g.key)!;
    const expansion = groups.find(
      (h) => h.key !== g.key && (normalizeOrgName(suggestNewOrganisation(h.name).fullName) === full || h.key === full),
    );
    const ec = expansion ? next[expansion.key]?.choice : undefined;
    if (ec?.type === 'org') {
      next[g.key] = { ...blank(g), choice: { type: 'org', id: ec.id } };
      continue;
    }
    const same = sameTargets(g, groups, next)[0];
    if (same) {
      next[g.key] = { ...blank(g), choice: { type: 'same', as: same.key } };
      continue;
    }
    let sug = suggestNewOrganisation(g.name);
    if (taken.has(normalizeOrgName(sug.fullName))) sug = { ...sug, fullName: g.name.slice(0, 500) };
    next[g.key] = { ...blank(g), choice: { type: 'create', ...sug } };
    taken.add(normalizeOrgName(sug.fullName));
  }
  return next;
}
