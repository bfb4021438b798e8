/**
 * The preview of an uploaded document as it will be saved: plan header, live problems,
 * executors matched to the directory, rows editable in place; saved as a draft plan, or
 * (for an execution report) applied onto a plan instead.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, errorMessage, type ImportCommitInput, type ImportPreview, type OrgRef } from '../../api';
import { useUser } from '../../auth';
import { PageHeading } from '../../components/ui';
import { DOCUMENT_KIND_LABELS, countRu } from '../../format';
import { useDirectory, useWrite } from '../../hooks';
import { inferPeriod, normalizeOrgName, planKindFor, executorWording } from '../../import-review';
import { peekInterpretation, useInterpretationsVersion } from '../../interpret';
import { ReportApply } from './ReportApply';
import { ExecutorsPanel } from './ExecutorsPanel';
import { ImportActions, ImportBreadcrumbs } from './ImportPageChrome';
import { ItemsTable } from './ItemsTable';
import { ImportSaveBar } from './ImportSaveBar';
import { PlanHeaderPanel } from './PlanHeaderPanel';
import { ProblemsPanel } from './ProblemsPanel';
import { IndicatorDraftsPanel, type DraftRow } from './IndicatorDraftsPanel';
import { buildCommitInput, commitErrors } from './commit-input';
import { choicesForAllUnknown } from './create-all-unknown';
import { findProblems } from './review-problems';
import {
  EXEC_WORDS,
  MEASURE_WORDS,
  SECTION_WORDS,
  groupExecutors,
  isResolved,
  sameTargets,
  stripExtension,
  toEditItem,
  type Choice,
  type EditItem,
  type ExecState,
  type Header,
  type LiveProblem,
  type ProblemKind,
} from './review-state';

export function ImportReview({ preview, onRemap }: { preview: ImportPreview; onRemap?: () => void }) {
  const user = useUser();
  const navigate = useNavigate();
  const dir = useDirectory();
  const doc = preview.document;
  const isReport = doc.kind === 'report';
  const council = doc.kind === 'council_decisions';
  const [mode, setMode] = useState<'plan' | 'report'>(isReport ? 'report' : 'plan');

  const period0 = useMemo(() => inferPeriod(doc, new Date().getFullYear()), [doc]);
  const [header, setHeader] = useState<Header>(() => ({
    kind: planKindFor(doc.kind),
    title: doc.title.trim() || stripExtension(preview.fileName),
    ownerId: user.organisation?.id ?? null,
    periodFrom: period0.from,
    periodTo: period0.to,
    approvedByName: doc.approvedByName ?? '',
    approvedOn: doc.approvedOn ?? '',
  }));
  const [periodTouched, setPeriodTouched] = useState(false);
  const [sections, setSections] = useState(() => doc.sections.map((s) => ({ ...s })));
  const [items, setItems] = useState<EditItem[]>(() => doc.items.map(toEditItem));
  const [execs, setExecs] = useState<Record<string, ExecState>>(() => {
    const out: Record<string, ExecState> = {};
    for (const e of preview.executors) {
      const key = normalizeOrgName(e.name);
      out[key] = {
        key,
        name: e.name,
        byAgreement: e.byAgreement,
        match: e.match,
        suggestion: e.suggestion ?? executorWording(e.name),
        byShortForm: e.byShortForm,
        candidates: e.candidates,
        choice: e.match ? { type: 'org', id: e.match.id } : { type: 'none' },
      };
    }
    return out;
  });
  const [rememberAliases, setRememberAliases] = useState(true);
  const [indicatorRows, setIndicatorRows] = useState<DraftRow[]>(() =>
    (preview.indicatorDrafts ?? []).map((d) => ({ ...d, keep: true })),
  );
  const [headerErrors, setHeaderErrors] = useState<Record<string, string>>({});
  const [pathErrors, setPathErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Saving may add organisations to the directory (the unknown executors).
  const commit = useWrite((input: ImportCommitInput) => api.commitImport(preview.importId, input), { directory: true });

  const serverUnclear = useMemo(
    () => new Set(preview.problems.filter((p) => p.kind === 'deadline_unclear' && p.item !== null).map((p) => p.item!)),
    [preview],
  );
  const showExecution = useMemo(() => doc.items.some((i) => i.status || i.executionText.trim()), [doc]);
  const showProtocol = header.kind === 'council_decisions' || doc.items.some((i) => i.protocolItem.trim());
  // A report often has no «Ожидаемый результат» at all: no empty column then.
  const showResult = doc.items.some((i) => i.expectedResult.trim()) || !showExecution;

  const groups = useMemo(() => groupExecutors(items), [items]);
  // «… (далее – Минздрав)»: what the document itself says a short name stands for.
  const abbreviations = useMemo(
    () => new Map(Object.entries(doc.abbreviations ?? {}).map(([k, v]) => [normalizeOrgName(k), v])),
    [doc],
  );

  // Names typed in the table that the preview did not know: ask the directory.
  useEffect(() => {
    const missing = groups.filter((g) => !execs[g.key]);
    if (!missing.length) return;
    const t = setTimeout(() => {
      setExecs((old) => {
        const next = { ...old };
        for (const g of missing)
          if (!next[g.key])
            next[g.key] = {
              key: g.key,
              name: g.name,
              byAgreement: g.byAgreement,
              match: null,
              suggestion: executorWording(g.name),
              candidates: [],
              loading: true,
              choice: { type: 'none' },
            };
        return next;
      });
      for (const g of missing) {
        api
          .resolveOrganisation(g.name)
          .then((r) => {
            const ref = (o: OrgRef) => ({ id: o.id, shortName: o.shortName, fullName: o.fullName });
            setExecs((old) => ({
              ...old,
              [g.key]: {
                ...old[g.key],
                loading: false,
                match: r.match ? ref(r.match) : null,
                candidates: r.candidates.map(ref),
                choice:
                  old[g.key]?.choice.type !== 'none'
                    ? old[g.key].choice
                    : r.match
                      ? { type: 'org', id: r.match.id }
                      : { type: 'none' },
              },
            }));
          })
          .catch((e) =>
            setExecs((old) => ({ ...old, [g.key]: { ...old[g.key], loading: false, error: errorMessage(e) } })),
          );
      }
    }, 400);
    return () => clearTimeout(t);
  }, [groups, execs]);

  const periodQuery = { periodFrom: header.periodFrom || undefined, periodTo: header.periodTo || undefined };
  useInterpretationsVersion(); // re-read the problems when a deadline reading arrives
  const understoodOf = (it: EditItem): boolean | null => {
    if (!it.deadlineText.trim()) return true;
    const st = peekInterpretation({ text: it.deadlineText, ...periodQuery });
    if (st.status === 'done') return st.data.understood;
    if (it.deadlineText === doc.items[it.key]?.deadlineText) return !serverUnclear.has(it.key);
    return null;
  };

  // Problems, recomputed as the user fixes things.
  const kept = items.filter((i) => !i.excluded);
  const problems = findProblems(kept, groups, execs, isReport, understoodOf);
  const blocking = problems.filter((p) => p.blocking);
  const unresolvedGroups = groups.filter((g) => !isResolved(g, groups, execs));
  // Problem kinds per row (an unknown executor marks every row naming it); stable while unchanged.
  const rowProblemPairs: [number, ProblemKind][] = [];
  for (const p of problems)
    if (p.item !== null && p.kind !== 'executor_unknown') rowProblemPairs.push([p.item, p.kind]);
  for (const g of unresolvedGroups) for (const k of g.items) rowProblemPairs.push([k, 'executor_unknown']);
  const rowProblemsKey = JSON.stringify(rowProblemPairs);
  const rowProblems = useMemo(() => {
    const m = new Map<number, ProblemKind[]>();
    for (const [k, kind] of JSON.parse(rowProblemsKey) as [number, ProblemKind][])
      if (!m.get(k)?.includes(kind)) m.set(k, [...(m.get(k) ?? []), kind]);
    return m;
  }, [rowProblemsKey]);

  const setItem = useCallback((key: number, patch: Partial<EditItem>) => {
    setItems((old) => old.map((it) => (it.key === key ? { ...it, ...patch } : it)));
  }, []);
  const setChoice = (key: string, choice: Choice) => setExecs((old) => ({ ...old, [key]: { ...old[key], choice } }));

  const createAllUnknown = () => setExecs((old) => choicesForAllUnknown(old, groups, dir.items, doc.abbreviations));

  const focusRow = (itemKey: number, field: string) => {
    const row = document.getElementById(`import-row-${itemKey}`);
    row?.scrollIntoView({ block: 'center' });
    const el = document.getElementById(`ir-${itemKey}-${field}`) as HTMLElement | null;
    el?.focus({ preventScroll: true });
  };
  const groupsRef = useRef(groups);
  groupsRef.current = groups;
  // Stable: the memoised rows keep it across keystrokes.
  const focusExec = useCallback((key: string) => {
    const i = groupsRef.current.findIndex((g) => g.key === key);
    const el = document.getElementById(`exec-choice-${i}`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus({ preventScroll: true });
  }, []);
  const goToProblem = (p: LiveProblem) => {
    if (p.exec) return focusExec(p.exec);
    if (p.item === null) return;
    const field =
      p.kind === 'deadline_unclear'
        ? 'deadline'
        : p.kind === 'no_executor'
          ? 'executors'
          : p.kind === 'empty_title'
            ? 'title'
            : 'number';
    focusRow(p.item, field);
  };

  const numberOf = (key: number) => items.find((i) => i.key === key)?.number || '?';

  const validateHeader = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (!header.title.trim()) e.title = 'Укажите наименование плана.';
    if (!header.ownerId) e.ownerOrganisationId = 'Выберите организацию из справочника.';
    if (!header.periodFrom) e.periodFrom = 'Укажите начало периода.';
    if (!header.periodTo) e.periodTo = 'Укажите окончание периода.';
    if (header.periodFrom && header.periodTo && header.periodFrom > header.periodTo)
      e.periodTo = 'Окончание периода раньше его начала.';
    return e;
  };

  const save = async () => {
    setSaveError(null);
    setPathErrors({});
    const he = validateHeader();
    setHeaderErrors(he);
    if (Object.keys(he).length) {
      setSaveError('Проверьте реквизиты плана.');
      document
        .getElementById(`imp-${Object.keys(he)[0] === 'ownerOrganisationId' ? 'owner' : Object.keys(he)[0]}`)
        ?.focus();
      return;
    }
    if (kept.length === 0) {
      setSaveError('В документе не осталось мероприятий для сохранения.');
      return;
    }
    if (blocking.length) {
      const unknown = blocking.filter((p) => p.kind === 'executor_unknown').length;
      const parts = [
        unknown &&
          `сопоставьте ${countRu(unknown, EXEC_WORDS)} со справочником (или нажмите «Создать все ненайденные»)`,
        blocking.length - unknown &&
          `исправьте ${blocking.length - unknown} ${blocking.length - unknown === 1 ? 'строку' : 'строк(и)'} таблицы`,
      ].filter(Boolean);
      setSaveError(`Перед сохранением ${parts.join(' и ')}.`);
      goToProblem(blocking[0]);
      return;
    }
    const input = {
      ...buildCommitInput(header, sections, kept, groups, execs, rememberAliases),
      indicators: indicatorRows.filter((r) => r.keep).map(({ keep: _keep, ...d }) => d),
    };
    setBusy(true);
    try {
      const { planId } = await commit.run(input);
      navigate(`/plans/${planId}`, {
        state: {
          notice: `Документ «${preview.fileName}» сохранён как черновик плана: ${countRu(kept.length, MEASURE_WORDS)}. Проверьте его и утвердите.`,
        },
      });
    } catch (e) {
      setBusy(false);
      setSaveError(errorMessage(e));
      const errors = commitErrors(e, kept);
      setPathErrors(errors.rows);
      setHeaderErrors(errors.header);
    }
  };

  const docSummary = [
    countRu(doc.items.length, MEASURE_WORDS),
    doc.sections.length ? countRu(doc.sections.length, SECTION_WORDS) : null,
    countRu(preview.executors.length, EXEC_WORDS),
  ].filter(Boolean);

  return (
    <section className="page page-import-review">
      <ImportBreadcrumbs fileName={preview.fileName} />
      <div className="page-head">
        <div>
          <div className="doc-kind">Импорт · {DOCUMENT_KIND_LABELS[doc.kind] ?? doc.kind}</div>
          <PageHeading>Проверка документа «{preview.fileName}»</PageHeading>
          <p className="sub" data-testid="import-summary">
            Распознано: {docSummary.join(', ')}.{' '}
            <a href={api.fileUrl(preview.fileId)} download>
              Исходный файл
            </a>
          </p>
        </div>
        <ImportActions>
          {onRemap && (
            <button
              type="button"
              className="btn"
              onClick={onRemap}
              title="Если столбцы прочитаны неверно: укажите строку заголовка и что в каждом столбце"
              data-testid="import-remap"
            >
              Указать столбцы вручную
            </button>
          )}
        </ImportActions>
      </div>

      {doc.warnings.length > 0 && (
        <div className="alert alert-warning" role="status" data-testid="import-warnings">
          <strong>Замечания при чтении документа:</strong>
          <ul className="plain">
            {doc.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      )}

      {isReport && (
        <fieldset className="mode-switch" data-testid="import-mode">
          <legend>Это отчёт об исполнении. Что с ним сделать?</legend>
          <label className="radio">
            <input
              type="radio"
              name="import-mode"
              checked={mode === 'report'}
              onChange={() => setMode('report')}
              data-testid="import-mode-report"
            />
            Применить к плану — перенести статусы и информацию об исполнении в действующий план
          </label>
          <label className="radio">
            <input
              type="radio"
              name="import-mode"
              checked={mode === 'plan'}
              onChange={() => setMode('plan')}
              data-testid="import-mode-plan"
            />
            Сохранить как новый план
          </label>
        </fieldset>
      )}

      {mode === 'report' ? (
        <ReportApply preview={preview} />
      ) : (
        <>
          <PlanHeaderPanel
            header={header}
            setHeader={setHeader}
            headerErrors={headerErrors}
            period0={period0}
            periodTouched={periodTouched}
            setPeriodTouched={setPeriodTouched}
          />

          <ProblemsPanel
            problems={problems}
            blockingCount={blocking.length}
            numberOf={numberOf}
            focusExec={focusExec}
            focusRow={focusRow}
            goToProblem={goToProblem}
          />

          <ExecutorsPanel
            groups={groups}
            abbreviations={abbreviations}
            isResolved={(g) => isResolved(g, groups, execs)}
            sameOptions={(g) => sameTargets(g, groups, execs)}
            execs={execs}
            itemNumber={numberOf}
            onChoice={setChoice}
            onGoToRow={(k) => focusRow(k, 'executors')}
            onCreateAll={createAllUnknown}
            unresolvedCount={unresolvedGroups.length}
            rememberAliases={rememberAliases}
            setRememberAliases={setRememberAliases}
          />

          {indicatorRows.length > 0 && <IndicatorDraftsPanel rows={indicatorRows} onChange={setIndicatorRows} />}

          <section className="panel panel-table" aria-labelledby="imp-items-h">
            <h2 id="imp-items-h" className="panel-title">
              {header.kind === 'council_decisions' ? 'Поручения' : 'Мероприятия'} — как будут сохранены{' '}
              <span className="muted small">
                ({countRu(kept.length, MEASURE_WORDS)}; поля можно исправить прямо в таблице)
              </span>
            </h2>
            <ItemsTable
              items={items}
              sections={sections}
              setSectionTitle={(i, title) => setSections((old) => old.map((s, j) => (j === i ? { ...s, title } : s)))}
              setItem={setItem}
              council={header.kind === 'council_decisions' || council}
              showProtocol={showProtocol}
              showExecution={showExecution}
              showResult={showResult && header.kind !== 'council_decisions'}
              rowProblems={rowProblems}
              pathErrors={pathErrors}
              execs={execs}
              periodFrom={header.periodFrom}
              periodTo={header.periodTo}
              onGoToExec={focusExec}
            />
          </section>

          <ImportSaveBar
            blockingCount={blocking.length}
            unresolvedCount={unresolvedGroups.length}
            keptCount={kept.length}
            sectionCount={sections.length}
            saveError={saveError}
            busy={busy}
            onSave={save}
          />
        </>
      )}
    </section>
  );
}
