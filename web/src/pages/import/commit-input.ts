/** What the reviewed preview is saved as (POST /imports/:id/commit), and its errors mapped back. */
import { ApiError, type ExecutorChoice, type ImportCommitInput } from '../../api';
import { parseExecutorLines } from '../../import-review';
import type { EditItem, ExecGroup, ExecState, Header } from './review-state';

export function buildCommitInput(
  header: Header,
  sections: { number: string; title: string }[],
  kept: EditItem[],
  groups: ExecGroup[],
  execs: Record<string, ExecState>,
  rememberAliases: boolean,
): ImportCommitInput {
  const executorMap: Record<string, ExecutorChoice> = {};
  for (const g of groups) {
    const c = execs[g.key].choice;
    // 'same': left out on purpose — the server finds the name by the new organisation's short name.
    if (c.type === 'org') executorMap[g.name] = { organisationId: c.id };
    else if (c.type === 'text') executorMap[g.name] = { text: true };
    else if (c.type === 'create')
      executorMap[g.name] = {
        create: {
          fullName: c.fullName.trim(),
          ...(c.shortName.trim() ? { shortName: c.shortName.trim() } : {}),
          kind: c.kind,
        },
      };
  }
  return {
    plan: {
      kind: header.kind,
      title: header.title.trim(),
      ownerOrganisationId: header.ownerId!,
      periodFrom: header.periodFrom,
      periodTo: header.periodTo,
      approvedByName: header.approvedByName.trim() || null,
      approvedOn: header.approvedOn || null,
    },
    sections: sections.map((s) => ({ number: s.number.trim(), title: s.title.trim() || `Раздел ${s.number}` })),
    items: kept.map((i) => ({
      number: i.number.trim(),
      section: i.section,
      title: i.title.trim(),
      executors: parseExecutorLines(i.executorsText),
      deadlineText: i.deadlineText.trim(),
      expectedResult: i.expectedResult.trim(),
      form: i.form.trim(),
      executionText: i.executionText.trim(),
      status: i.status,
      protocolItem: i.protocolItem.trim(),
    })),
    executorMap,
    rememberAliases,
  };
}

/** The server's field errors: items.N.* → the row of the N-th kept item; plan.* → the header fields. */
export function commitErrors(
  e: unknown,
  kept: EditItem[],
): { rows: Record<string, string>; header: Record<string, string> } {
  if (!(e instanceof ApiError)) return { rows: {}, header: {} };
  const byPath = e.pathErrors();
  const mapped: Record<string, string> = {};
  const he2: Record<string, string> = {};
  for (const [path, msg] of Object.entries(byPath)) {
    const m = /^items\.(\d+)\.(\w+)/.exec(path);
    if (m && kept[Number(m[1])]) mapped[`${kept[Number(m[1])].key}.${m[2]}`] = msg;
    const h = /^plan\.(\w+)/.exec(path);
    if (h) he2[h[1]] = msg;
  }
  return { rows: mapped, header: he2 };
}
