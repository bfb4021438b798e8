/** The preview's problems, recomputed from the edited rows and executor choices on every change. */
import { parseExecutorLines } from '../../import-review';
import { isResolved, orgName, type EditItem, type ExecGroup, type ExecState, type LiveProblem } from './review-state';

/**
 * Blocking problems first (unknown executors lead); `understoodOf` tells whether a row's
 * deadline was read (null while the reading is pending).
 */
export function findProblems(
  kept: EditItem[],
  groups: ExecGroup[],
  execs: Record<string, ExecState>,
  isReport: boolean,
  understoodOf: (it: EditItem) => boolean | null,
): LiveProblem[] {
  const problems: LiveProblem[] = [];
  const seen = new Map<string, number>();
  for (const it of kept) {
    const n = `№ ${it.number.trim() || '?'}`;
    if (!it.number.trim())
      problems.push({
        kind: 'empty_number',
        item: it.key,
        message: `Строка без номера («${it.title.slice(0, 60)}…»)`,
        blocking: true,
      });
    if (!it.title.trim())
      problems.push({
        kind: 'empty_title',
        item: it.key,
        message: `${n}: не указано наименование мероприятия`,
        blocking: true,
      });
    const k = `${it.section ?? ''}|${it.number.trim()}`;
    if (it.number.trim() && seen.has(k))
      problems.push({
        kind: 'duplicate_number',
        item: it.key,
        message: `${n}: номер повторяется в разделе — измените номер или исключите строку`,
        blocking: true,
      });
    else seen.set(k, it.key);
    if (!isReport && parseExecutorLines(it.executorsText).length === 0)
      problems.push({
        kind: 'no_executor',
        item: it.key,
        message: `${n}: не указан ответственный исполнитель`,
        blocking: false,
      });
    if (understoodOf(it) === false)
      problems.push({
        kind: 'deadline_unclear',
        item: it.key,
        message: `${n}: срок «${it.deadlineText.trim()}» не распознан — уточните текст или укажите даты в плане после сохранения`,
        blocking: false,
      });
  }
  for (const g of groups) {
    const st = execs[g.key];
    if (st && isResolved(g, groups, execs)) continue;
    const hint = st?.candidates.length ? ` Возможно: ${st.candidates.slice(0, 3).map(orgName).join(', ')}.` : '';
    problems.push({
      kind: 'executor_unknown',
      item: g.items[0] ?? null,
      exec: g.key,
      message: `Исполнитель «${g.name}» не найден в справочнике.${hint}`,
      blocking: true,
    });
  }
  problems.sort((a, b) => (a.kind === 'executor_unknown' ? 0 : 1) - (b.kind === 'executor_unknown' ? 0 : 1));
  return problems;
}
