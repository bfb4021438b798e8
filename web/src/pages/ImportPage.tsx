/**
 * Import of a plan, council decisions or an execution report from .docx/.xlsx/.txt:
 * upload → preview as the plan will be saved (header, problems, executors, rows editable
 * in place) → saved as a draft plan; a report may instead be applied onto a plan.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent, type DragEvent, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import {
  api,
  ApiError,
  errorMessage,
  type ExecutorChoice,
  type ImportCommitInput,
  type ImportPreview,
  type ImportUnread,
  type InterchangeItem,
  type OrgRef,
} from '../api';
import { useUser } from '../auth';
import { DeadlineMeaning } from '../components/DeadlineMeaning';
import { OrgPicker } from '../components/OrgPicker';
import { Alert, Field, Loading, PageHeading, describedBy, useTitle } from '../components/ui';
import {
  DOCUMENT_KIND_LABELS,
  MEASURE_STATUS_LABELS,
  ORG_KIND_LABELS,
  PLAN_KIND_LABELS,
  countRu,
  formatDateRu,
  type MeasureStatus,
  type OrgKind,
  type PlanKind,
} from '../format';
import { refreshDirectory, useDirectory, useLoader } from '../hooks';
import {
  PERIOD_SOURCE_HINTS,
  inferPeriod,
  normalizeOrgName,
  parseExecutorLines,
  planKindFor,
  executorWording,
  splitAgreementMarker,
  splitDefinition,
  suggestNewOrganisation,
} from '../import-review';
import { peekInterpretation, useDeadlineInterpretation, useInterpretationsVersion } from '../interpret';
import { ImportColumns, UnreadNotice } from './ImportColumns';
import { ReportApply } from './ReportApply';

const MAX_UPLOAD_MB = 50;
const ACCEPT = '.docx,.xlsx,.txt,.csv,.tsv';
const MEASURE_WORDS = ['мероприятие', 'мероприятия', 'мероприятий'] as const;
const SECTION_WORDS = ['раздел', 'раздела', 'разделов'] as const;
const EXEC_WORDS = ['исполнитель', 'исполнителя', 'исполнителей'] as const;

// ---------------------------------------------------------------------------
// Upload

export function ImportUploadPage() {
  useTitle('Импорт документа');
  const user = useUser();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const upload = async (file: File) => {
    setError(null);
    if (file.size > MAX_UPLOAD_MB * 1024 * 1024) {
      setError(`Файл слишком большой: допускается не более ${MAX_UPLOAD_MB} МБ.`);
      return;
    }
    setBusy(file.name);
    try {
      const preview = await api.uploadImport(file);
      navigate(`/import/${preview.importId}`, { state: { preview } });
    } catch (e) {
      setError(errorMessage(e));
      setBusy(null);
    }
  };

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same file may be chosen again after a fix
    if (file) void upload(file);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files?.[0];
    if (file) void upload(file);
  };

  return (
    <section className="page page-import">
      <nav className="breadcrumbs" aria-label="Навигационная цепочка">
        <Link to="/plans">Планы</Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">Импорт документа</span>
      </nav>
      <div className="page-head">
        <div>
          <PageHeading>Импорт документа</PageHeading>
          <p className="sub">План мероприятий, решения (поручения) совета или отчёт об исполнении — из Word, Excel или текста.</p>
        </div>
      </div>
      {!user.abilities.createPlans ? (
        <Alert kind="info">Импорт документов доступен координаторам и администраторам.</Alert>
      ) : (
        <>
          {error && (
            <Alert testId="import-error">
              {error}
            </Alert>
          )}
          <div
            className={`dropzone ${dragging ? 'dropzone-over' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            aria-busy={Boolean(busy)}
          >
            {busy ? (
              <p className="dropzone-busy" role="status" data-testid="import-busy">
                Разбор документа «{busy}»…
              </p>
            ) : (
              <>
                <p className="dropzone-lead">Перетащите файл сюда или</p>
                <input id="import-file" type="file" accept={ACCEPT} className="file-input" onChange={onChange} data-testid="import-file" aria-describedby="import-file-hint" />
                <label htmlFor="import-file" className="btn btn-primary">
                  Выбрать файл…
                </label>
                <p className="hint" id="import-file-hint">
                  Word (.docx), Excel (.xlsx), текст (.txt, .csv, .tsv) в UTF-8 или Windows-1251; не более {MAX_UPLOAD_MB} МБ.
                  Документ не сохраняется в план, пока вы не проверите его и не нажмёте «Сохранить».
                </p>
              </>
            )}
          </div>
          <ul className="import-steps" aria-label="Как проходит импорт">
            <li>
              <strong>1. Загрузка.</strong> Система находит таблицу мероприятий, реквизиты «УТВЕРЖДАЮ», период и разделы.
            </li>
            <li>
              <strong>2. Проверка.</strong> Незнакомые исполнители, нераспознанные сроки и пустые строки отмечены — исправьте их прямо в таблице.
            </li>
            <li>
              <strong>3. Сохранение.</strong> План сохраняется черновиком со ссылкой на исходный файл; после проверки его утверждают.
            </li>
          </ul>
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------
// Preview

export function ImportPreviewPage() {
  const { importId } = useParams();
  const id = Number(importId);
  const location = useLocation();
  const passed = (location.state as { preview?: ImportPreview | ImportUnread } | null)?.preview;
  // The upload hands its preview over (shown at once), but the stored state is always asked
  // for: after «Назад» from the saved plan the document must not be offered for saving again.
  const preview = useLoader(() => api.importPreview(id), [id]);
  // A reading with the columns a person pointed at replaces the one loaded.
  const [read, setRead] = useState<ImportPreview | null>(null);
  const [remap, setRemap] = useState(false);
  const p = read ?? preview.data ?? (passed?.importId === id && !preview.error ? passed : undefined);
  useTitle(p ? `Импорт: ${p.fileName}` : 'Импорт документа');

  if (!p) {
    return (
      <section className="page">
        <ImportBreadcrumbs />
        {preview.error ? <Alert>{preview.error}</Alert> : <Loading label="Загрузка документа…" />}
      </section>
    );
  }
  if (p.status && p.status !== 'preview' && p.status !== 'unread') {
    return (
      <section className="page">
        <ImportBreadcrumbs fileName={p.fileName} />
        <PageHeading>{p.fileName}</PageHeading>
        <Alert kind="info" testId="import-done">
          {p.status === 'applied' ? 'Этот отчёт уже применён к плану.' : 'Этот документ уже сохранён как план.'} Откройте его в <Link to="/plans">списке планов</Link> или{' '}
          <Link to="/import">загрузите другой файл</Link>.
        </Alert>
      </section>
    );
  }
  const onRead = (r: ImportPreview) => {
    setRead(r);
    setRemap(false);
    window.scrollTo(0, 0);
  };
  if (p.status === 'unread' || remap) return <ImportColumnsPage preview={p} onRead={onRead} onCancel={p.status === 'unread' ? undefined : () => setRemap(false)} />;
  return <ImportReview key={`${p.importId}-${read ? 'read' : 'loaded'}`} preview={p as ImportPreview} onRemap={() => setRemap(true)} />;
}

/** The columns screen: for a document no reading placed, or one a person wants read otherwise. */
function ImportColumnsPage({ preview, onRead, onCancel }: { preview: ImportPreview | ImportUnread; onRead(p: ImportPreview): void; onCancel?: () => void }) {
  const unread = preview.status === 'unread' ? (preview as ImportUnread).unread : null;
  const layout = useLoader(async () => unread?.layout ?? (await api.importLayout(preview.importId)).layout, [preview.importId]);
  return (
    <section className="page page-import-columns">
      <ImportBreadcrumbs fileName={preview.fileName} />
      <div className="page-head">
        <div>
          <div className="doc-kind">Импорт · разметка столбцов</div>
          <PageHeading>Укажите столбцы документа «{preview.fileName}»</PageHeading>
        </div>
        <ImportActions>
          {onCancel && (
            <button type="button" className="btn" onClick={onCancel} data-testid="layout-cancel">
              Вернуться к проверке
            </button>
          )}
        </ImportActions>
      </div>
      {unread ? <UnreadNotice message={unread.message} /> : <Alert kind="info">Документ будет прочитан заново по столбцам, которые вы укажете.</Alert>}
      {layout.error && <Alert>{layout.error}</Alert>}
      {layout.data ? <ImportColumns importId={preview.importId} blocks={layout.data.blocks} onRead={onRead} /> : !layout.error && <Loading label="Загрузка документа…" />}
    </section>
  );
}

/** The page's actions, ending with «Загрузить другой файл». */
function ImportActions({ children }: { children?: ReactNode }) {
  return (
    <div className="page-actions">
      {children}
      <Link to="/import" className="btn">
        Загрузить другой файл
      </Link>
    </div>
  );
}

function ImportBreadcrumbs({ fileName }: { fileName?: string }) {
  return (
    <nav className="breadcrumbs" aria-label="Навигационная цепочка">
      <Link to="/plans">Планы</Link>
      <span aria-hidden="true"> › </span>
      <Link to="/import">Импорт документа</Link>
      {fileName && (
        <>
          <span aria-hidden="true"> › </span>
          <span aria-current="page">{fileName}</span>
        </>
      )}
    </nav>
  );
}

// ---------------------------------------------------------------------------
// Review state

interface EditItem {
  /** Index in document.items: stable across edits. */
  key: number;
  number: string;
  section: string | null;
  title: string;
  executorsText: string;
  deadlineText: string;
  expectedResult: string;
  form: string;
  executionText: string;
  status: MeasureStatus | null;
  protocolItem: string;
  excluded: boolean;
}

type Choice =
  | { type: 'none' }
  | { type: 'org'; id: number; picked?: boolean }
  | { type: 'pick' }
  | { type: 'create'; fullName: string; shortName: string; kind: OrgKind }
  /** The organisation created for another name whose short name this is («Комитет» of «… (далее – Комитет)»). */
  | { type: 'same'; as: string }
  /** Kept on the measure as text: a phrase describing executors, not one organisation. */
  | { type: 'text' };

interface ExecState {
  key: string;
  name: string;
  byAgreement: boolean;
  match: OrgRef | null;
  /** «text» for a phrase describing executors («некоммерческие организации»). */
  suggestion: 'organisation' | 'text';
  /** Found only by the short form in «(далее – …)». */
  byShortForm?: boolean;
  candidates: OrgRef[];
  loading?: boolean;
  error?: string;
  choice: Choice;
}

interface ExecGroup {
  key: string;
  name: string;
  byAgreement: boolean;
  /** Item keys naming it, in order. */
  items: number[];
}

interface Header {
  kind: PlanKind;
  title: string;
  ownerId: number | null;
  periodFrom: string;
  periodTo: string;
  approvedByName: string;
  approvedOn: string;
}

type ProblemKind = 'executor_unknown' | 'deadline_unclear' | 'empty_title' | 'duplicate_number' | 'no_executor' | 'empty_number';

interface LiveProblem {
  kind: ProblemKind;
  item: number | null;
  exec?: string;
  message: string;
  /** Must be fixed before saving. */
  blocking: boolean;
}

const PROBLEM_TAGS: Record<ProblemKind, string> = {
  executor_unknown: 'Исполнитель',
  deadline_unclear: 'Срок',
  empty_title: 'Наименование',
  duplicate_number: 'Номер',
  no_executor: 'Исполнитель',
  empty_number: 'Номер',
};

const resolved = (c: Choice) => c.type === 'org' || c.type === 'create' || c.type === 'text';

/**
 * Groups whose new organisation will carry `g`'s name as its short name and are named
 * earlier in the document: the server then finds `g` by that short name (it has no way
 * to say «the organisation created for X» in executorMap).
 */
function sameTargets(g: ExecGroup, groups: ExecGroup[], execs: Record<string, ExecState>): ExecGroup[] {
  return groups.filter((h) => {
    if (h.key === g.key) return false;
    const c = execs[h.key]?.choice;
    return c?.type === 'create' && normalizeOrgName(c.shortName) === g.key && (h.items[0] ?? Infinity) < (g.items[0] ?? -1);
  });
}

function isResolved(g: ExecGroup, groups: ExecGroup[], execs: Record<string, ExecState>): boolean {
  const c = execs[g.key]?.choice;
  if (!c) return false;
  if (c.type === 'same') return sameTargets(g, groups, execs).some((h) => h.key === c.as);
  return resolved(c);
}

function toEditItem(it: InterchangeItem, key: number): EditItem {
  return {
    key,
    number: it.number,
    section: it.section,
    title: it.title,
    executorsText: it.executors.join('\n'),
    deadlineText: it.deadlineText,
    expectedResult: it.expectedResult,
    form: it.form,
    executionText: it.executionText,
    status: it.status,
    protocolItem: it.protocolItem,
    excluded: false,
  };
}

function groupExecutors(items: EditItem[]): ExecGroup[] {
  const out = new Map<string, ExecGroup>();
  for (const it of items) {
    if (it.excluded) continue;
    for (const raw of parseExecutorLines(it.executorsText)) {
      const { name, byAgreement } = splitAgreementMarker(raw);
      if (!name) continue;
      const key = normalizeOrgName(name);
      if (!key) continue;
      let g = out.get(key);
      if (!g) out.set(key, (g = { key, name, byAgreement, items: [] }));
      if (!g.items.includes(it.key)) g.items.push(it.key);
    }
  }
  return [...out.values()];
}

const orgName = (o: { shortName?: string | null; fullName: string }) => o.shortName || o.fullName;
const stripExtension = (name: string) => name.replace(/\.[a-z0-9]{2,5}$/i, '');

function ImportReview({ preview, onRemap }: { preview: ImportPreview; onRemap?: () => void }) {
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
      out[key] = { key, name: e.name, byAgreement: e.byAgreement, match: e.match, suggestion: e.suggestion ?? executorWording(e.name), byShortForm: e.byShortForm, candidates: e.candidates, choice: e.match ? { type: 'org', id: e.match.id } : { type: 'none' } };
    }
    return out;
  });
  const [rememberAliases, setRememberAliases] = useState(true);
  const [headerErrors, setHeaderErrors] = useState<Record<string, string>>({});
  const [pathErrors, setPathErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const serverUnclear = useMemo(() => new Set(preview.problems.filter((p) => p.kind === 'deadline_unclear' && p.item !== null).map((p) => p.item!)), [preview]);
  const showExecution = useMemo(() => doc.items.some((i) => i.status || i.executionText.trim()), [doc]);
  const showProtocol = header.kind === 'council_decisions' || doc.items.some((i) => i.protocolItem.trim());
  // A report often has no «Ожидаемый результат» at all: no empty column then.
  const showResult = doc.items.some((i) => i.expectedResult.trim()) || !showExecution;

  const groups = useMemo(() => groupExecutors(items), [items]);
  // «… (далее – Минздрав)»: what the document itself says a short name stands for.
  const abbreviations = useMemo(() => new Map(Object.entries(doc.abbreviations ?? {}).map(([k, v]) => [normalizeOrgName(k), v])), [doc]);

  // Names typed in the table that the preview did not know: ask the directory.
  useEffect(() => {
    const missing = groups.filter((g) => !execs[g.key]);
    if (!missing.length) return;
    const t = setTimeout(() => {
      setExecs((old) => {
        const next = { ...old };
        for (const g of missing) if (!next[g.key]) next[g.key] = { key: g.key, name: g.name, byAgreement: g.byAgreement, match: null, suggestion: executorWording(g.name), candidates: [], loading: true, choice: { type: 'none' } };
        return next;
      });
      for (const g of missing) {
        api
          .resolveOrganisation(g.name)
          .then((r) => {
            const ref = (o: OrgRef) => ({ id: o.id, shortName: o.shortName, fullName: o.fullName });
            setExecs((old) => ({
              ...old,
              [g.key]: { ...old[g.key], loading: false, match: r.match ? ref(r.match) : null, candidates: r.candidates.map(ref), choice: old[g.key]?.choice.type !== 'none' ? old[g.key].choice : r.match ? { type: 'org', id: r.match.id } : { type: 'none' } },
            }));
          })
          .catch((e) => setExecs((old) => ({ ...old, [g.key]: { ...old[g.key], loading: false, error: errorMessage(e) } })));
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
  const problems: LiveProblem[] = [];
  const seen = new Map<string, number>();
  for (const it of kept) {
    const n = `№ ${it.number.trim() || '?'}`;
    if (!it.number.trim()) problems.push({ kind: 'empty_number', item: it.key, message: `Строка без номера («${it.title.slice(0, 60)}…»)`, blocking: true });
    if (!it.title.trim()) problems.push({ kind: 'empty_title', item: it.key, message: `${n}: не указано наименование мероприятия`, blocking: true });
    const k = `${it.section ?? ''}|${it.number.trim()}`;
    if (it.number.trim() && seen.has(k)) problems.push({ kind: 'duplicate_number', item: it.key, message: `${n}: номер повторяется в разделе — измените номер или исключите строку`, blocking: true });
    else seen.set(k, it.key);
    if (!isReport && parseExecutorLines(it.executorsText).length === 0) problems.push({ kind: 'no_executor', item: it.key, message: `${n}: не указан ответственный исполнитель`, blocking: false });
    if (understoodOf(it) === false) problems.push({ kind: 'deadline_unclear', item: it.key, message: `${n}: срок «${it.deadlineText.trim()}» не распознан — уточните текст или укажите даты в плане после сохранения`, blocking: false });
  }
  for (const g of groups) {
    const st = execs[g.key];
    if (st && isResolved(g, groups, execs)) continue;
    const hint = st?.candidates.length ? ` Возможно: ${st.candidates.slice(0, 3).map(orgName).join(', ')}.` : '';
    problems.push({ kind: 'executor_unknown', item: g.items[0] ?? null, exec: g.key, message: `Исполнитель «${g.name}» не найден в справочнике.${hint}`, blocking: true });
  }
  problems.sort((a, b) => (a.kind === 'executor_unknown' ? 0 : 1) - (b.kind === 'executor_unknown' ? 0 : 1));
  const blocking = problems.filter((p) => p.blocking);
  const unresolvedGroups = groups.filter((g) => !isResolved(g, groups, execs));
  // Problem kinds per row (an unknown executor marks every row naming it); stable while unchanged.
  const rowProblemPairs: [number, ProblemKind][] = [];
  for (const p of problems) if (p.item !== null && p.kind !== 'executor_unknown') rowProblemPairs.push([p.item, p.kind]);
  for (const g of unresolvedGroups) for (const k of g.items) rowProblemPairs.push([k, 'executor_unknown']);
  const rowProblemsKey = JSON.stringify(rowProblemPairs);
  const rowProblems = useMemo(() => {
    const m = new Map<number, ProblemKind[]>();
    for (const [k, kind] of JSON.parse(rowProblemsKey) as [number, ProblemKind][]) if (!m.get(k)?.includes(kind)) m.set(k, [...(m.get(k) ?? []), kind]);
    return m;
  }, [rowProblemsKey]);

  const setItem = useCallback((key: number, patch: Partial<EditItem>) => {
    setItems((old) => old.map((it) => (it.key === key ? { ...it, ...patch } : it)));
  }, []);
  const setChoice = (key: string, choice: Choice) => setExecs((old) => ({ ...old, [key]: { ...old[key], choice } }));

  const createAllUnknown = () => {
    const byFullName = new Map(dir.items.map((o) => [normalizeOrgName(o.fullName), o.id]));
    const abbreviations = new Map(Object.entries(doc.abbreviations ?? {}).map(([k, v]) => [normalizeOrgName(k), normalizeOrgName(v)]));
    setExecs((old) => {
      const next = { ...old };
      const taken = new Set<string>();
      for (const st of Object.values(next)) if (st.choice.type === 'create') taken.add(normalizeOrgName(st.choice.fullName));
      const todo = groups.filter((g) => !isResolved(g, groups, next));
      const blank = (g: ExecGroup): ExecState => next[g.key] ?? { key: g.key, name: g.name, byAgreement: g.byAgreement, match: null, suggestion: executorWording(g.name), candidates: [], choice: { type: 'none' } };
      // A phrase describing executors («некоммерческие организации», «… с привлечением …»)
      // stays text on the measure: no organisation is made of it.
      for (const g of todo.filter((x) => blank(x).suggestion === 'text')) next[g.key] = { ...blank(g), choice: { type: 'text' } };
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
        const expansion = groups.find((h) => h.key !== g.key && (normalizeOrgName(suggestNewOrganisation(h.name).fullName) === full || h.key === full));
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
    });
  };

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
    const field = p.kind === 'deadline_unclear' ? 'deadline' : p.kind === 'no_executor' ? 'executors' : p.kind === 'empty_title' ? 'title' : 'number';
    focusRow(p.item, field);
  };

  const numberOf = (key: number) => items.find((i) => i.key === key)?.number || '?';

  const validateHeader = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (!header.title.trim()) e.title = 'Укажите наименование плана.';
    if (!header.ownerId) e.ownerOrganisationId = 'Выберите организацию из справочника.';
    if (!header.periodFrom) e.periodFrom = 'Укажите начало периода.';
    if (!header.periodTo) e.periodTo = 'Укажите окончание периода.';
    if (header.periodFrom && header.periodTo && header.periodFrom > header.periodTo) e.periodTo = 'Окончание периода раньше его начала.';
    return e;
  };

  const save = async () => {
    setSaveError(null);
    setPathErrors({});
    const he = validateHeader();
    setHeaderErrors(he);
    if (Object.keys(he).length) {
      setSaveError('Проверьте реквизиты плана.');
      document.getElementById(`imp-${Object.keys(he)[0] === 'ownerOrganisationId' ? 'owner' : Object.keys(he)[0]}`)?.focus();
      return;
    }
    if (kept.length === 0) {
      setSaveError('В документе не осталось мероприятий для сохранения.');
      return;
    }
    if (blocking.length) {
      const unknown = blocking.filter((p) => p.kind === 'executor_unknown').length;
      const parts = [
        unknown && `сопоставьте ${countRu(unknown, EXEC_WORDS)} со справочником (или нажмите «Создать все ненайденные»)`,
        blocking.length - unknown && `исправьте ${blocking.length - unknown} ${blocking.length - unknown === 1 ? 'строку' : 'строк(и)'} таблицы`,
      ].filter(Boolean);
      setSaveError(`Перед сохранением ${parts.join(' и ')}.`);
      goToProblem(blocking[0]);
      return;
    }
    const executorMap: Record<string, ExecutorChoice> = {};
    for (const g of groups) {
      const c = execs[g.key].choice;
      // 'same': left out on purpose — the server finds the name by the new organisation's short name.
      if (c.type === 'org') executorMap[g.name] = { organisationId: c.id };
      else if (c.type === 'text') executorMap[g.name] = { text: true };
      else if (c.type === 'create') executorMap[g.name] = { create: { fullName: c.fullName.trim(), ...(c.shortName.trim() ? { shortName: c.shortName.trim() } : {}), kind: c.kind } };
    }
    const input: ImportCommitInput = {
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
    setBusy(true);
    try {
      const { planId } = await api.commitImport(preview.importId, input);
      void refreshDirectory();
      navigate(`/plans/${planId}`, {
        state: { notice: `Документ «${preview.fileName}» сохранён как черновик плана: ${countRu(kept.length, MEASURE_WORDS)}. Проверьте его и утвердите.` },
      });
    } catch (e) {
      setBusy(false);
      setSaveError(errorMessage(e));
      if (e instanceof ApiError) {
        const byPath = e.pathErrors();
        // items.N.* → the row of the N-th kept item; plan.* → the header fields.
        const mapped: Record<string, string> = {};
        const he2: Record<string, string> = {};
        for (const [path, msg] of Object.entries(byPath)) {
          const m = /^items\.(\d+)\.(\w+)/.exec(path);
          if (m && kept[Number(m[1])]) mapped[`${kept[Number(m[1])].key}.${m[2]}`] = msg;
          const h = /^plan\.(\w+)/.exec(path);
          if (h) he2[h[1]] = msg;
        }
        setPathErrors(mapped);
        setHeaderErrors(he2);
      }
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
            <button type="button" className="btn" onClick={onRemap} title="Если столбцы прочитаны неверно: укажите строку заголовка и что в каждом столбце" data-testid="import-remap">
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
            <input type="radio" name="import-mode" checked={mode === 'report'} onChange={() => setMode('report')} data-testid="import-mode-report" />
            Применить к плану — перенести статусы и информацию об исполнении в действующий план
          </label>
          <label className="radio">
            <input type="radio" name="import-mode" checked={mode === 'plan'} onChange={() => setMode('plan')} data-testid="import-mode-plan" />
            Сохранить как новый план
          </label>
        </fieldset>
      )}

      {mode === 'report' ? (
        <ReportApply preview={preview} />
      ) : (
        <>
          <section className="panel" aria-labelledby="imp-head-h">
            <h2 id="imp-head-h" className="panel-title">
              Реквизиты плана
            </h2>
            <div className="import-header" data-testid="import-header">
              <fieldset className="field">
                <legend>Вид документа</legend>
                <div className="radio-row">
                  {(Object.keys(PLAN_KIND_LABELS) as PlanKind[]).map((k) => (
                    <label key={k} className="radio">
                      <input type="radio" name="imp-kind" checked={header.kind === k} onChange={() => setHeader({ ...header, kind: k })} data-testid={`import-kind-${k}`} />
                      {PLAN_KIND_LABELS[k]}
                    </label>
                  ))}
                </div>
              </fieldset>
              <Field id="imp-title" label="Наименование" error={headerErrors.title} required>
                <textarea
                  id="imp-title"
                  className="autosize"
                  rows={2}
                  value={header.title}
                  onChange={(e) => setHeader({ ...header, title: e.target.value })}
                  aria-describedby={describedBy('imp-title', headerErrors.title)}
                  aria-invalid={headerErrors.title ? true : undefined}
                  data-testid="import-field-title"
                />
              </Field>
              <div className="field-row">
                <Field id="imp-owner" label="Ответственная организация" error={headerErrors.ownerOrganisationId} required className="grow">
                  <OrgPicker
                    id="imp-owner"
                    testId="import-field-owner"
                    value={header.ownerId}
                    onChange={(id) => setHeader({ ...header, ownerId: id })}
                    describedBy={describedBy('imp-owner', headerErrors.ownerOrganisationId)}
                    invalid={Boolean(headerErrors.ownerOrganisationId)}
                    fallbackText={user.organisation ? orgName(user.organisation) : undefined}
                  />
                </Field>
                <Field id="imp-periodFrom" label="Период: с" error={headerErrors.periodFrom} required className="narrow-md">
                  <input
                    id="imp-periodFrom"
                    type="date"
                    value={header.periodFrom}
                    onChange={(e) => {
                      setPeriodTouched(true);
                      setHeader({ ...header, periodFrom: e.target.value });
                    }}
                    aria-describedby="imp-period-source"
                    aria-invalid={headerErrors.periodFrom ? true : undefined}
                    data-testid="import-field-periodFrom"
                  />
                </Field>
                <Field id="imp-periodTo" label="по" error={headerErrors.periodTo} required className="narrow-md">
                  <input
                    id="imp-periodTo"
                    type="date"
                    value={header.periodTo}
                    onChange={(e) => {
                      setPeriodTouched(true);
                      setHeader({ ...header, periodTo: e.target.value });
                    }}
                    aria-describedby="imp-period-source"
                    aria-invalid={headerErrors.periodTo ? true : undefined}
                    data-testid="import-field-periodTo"
                  />
                </Field>
              </div>
              {!periodTouched && (
                <p id="imp-period-source" className={`hint period-source ${period0.source === 'document' ? '' : 'period-guess'}`} data-testid="import-period-source">
                  {PERIOD_SOURCE_HINTS[period0.source]} Сроки мероприятий читаются в пределах этого периода.
                </p>
              )}
              <div className="field-row">
                <Field id="imp-approvedByName" label="«УТВЕРЖДАЮ»: кто" error={headerErrors.approvedByName} className="grow">
                  <input id="imp-approvedByName" value={header.approvedByName} onChange={(e) => setHeader({ ...header, approvedByName: e.target.value })} placeholder="О.А. Петелин" data-testid="import-field-approvedByName" />
                </Field>
                <Field id="imp-approvedOn" label="когда" error={headerErrors.approvedOn} className="narrow-md" hint={header.approvedOn ? formatDateRu(header.approvedOn) : undefined}>
                  <input id="imp-approvedOn" type="date" value={header.approvedOn} onChange={(e) => setHeader({ ...header, approvedOn: e.target.value })} data-testid="import-field-approvedOn" />
                </Field>
              </div>
            </div>
          </section>

          <section className="panel" aria-labelledby="imp-problems-h" data-testid="import-problems">
            <h2 id="imp-problems-h" className="panel-title">
              Проверьте перед сохранением{' '}
              <span className={`count ${blocking.length ? 'count-bad' : problems.length ? 'count-warn' : 'count-ok'}`} data-testid="import-problem-count">
                {problems.length}
              </span>
            </h2>
            {problems.length === 0 ? (
              <p className="ok-line">Замечаний нет — документ готов к сохранению.</p>
            ) : (
              <ul className="problems">
                {problems.map((p, i) => (
                  <li key={`${p.kind}-${p.item}-${p.exec ?? ''}-${i}`} className={`problem ${p.blocking ? 'problem-blocking' : 'problem-warning'}`} data-testid="import-problem" data-kind={p.kind}>
                    <span className="problem-tag">{PROBLEM_TAGS[p.kind]}</span>
                    <span className="problem-text">{p.message}</span>
                    <span className="problem-links">
                      {p.exec && (
                        <button type="button" className="btn-link" onClick={() => focusExec(p.exec!)}>
                          Сопоставить
                        </button>
                      )}
                      {p.item !== null && (
                        <button type="button" className="btn-link" onClick={() => (p.exec ? focusRow(p.item!, 'executors') : goToProblem(p))} data-testid="import-problem-goto">
                          к строке № {numberOf(p.item)}
                        </button>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>

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

          <section className="panel panel-table" aria-labelledby="imp-items-h">
            <h2 id="imp-items-h" className="panel-title">
              {header.kind === 'council_decisions' ? 'Поручения' : 'Мероприятия'} — как будут сохранены{' '}
              <span className="muted small">({countRu(kept.length, MEASURE_WORDS)}; поля можно исправить прямо в таблице)</span>
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

          <div className="savebar" role="region" aria-label="Сохранение плана" data-testid="import-savebar">
            <div className="savebar-status" aria-live="polite">
              {blocking.length ? (
                <span className="savebar-bad">
                  Осталось исправить: {blocking.length}
                  {unresolvedGroups.length > 0 && ` (в т.ч. ${countRu(unresolvedGroups.length, EXEC_WORDS)} не сопоставлено)`}
                </span>
              ) : (
                <span className="savebar-ok">Готово к сохранению</span>
              )}
              <span className="muted">
                {' '}
                · {countRu(kept.length, MEASURE_WORDS)}
                {sections.length > 0 && `, ${countRu(sections.length, SECTION_WORDS)}`}
              </span>
            </div>
            {saveError && (
              <div className="savebar-error" role="alert" data-testid="import-save-error">
                {saveError}
              </div>
            )}
            <div className="savebar-actions">
              <button type="button" className="btn btn-primary" onClick={save} disabled={busy} data-testid="import-save">
                {busy ? 'Сохранение…' : 'Сохранить как черновик плана'}
              </button>
            </div>
          </div>
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------
// Executors: one line per distinct name, with its directory organisation

interface ExecutorsPanelProps {
  groups: ExecGroup[];
  abbreviations: Map<string, string>;
  isResolved(g: ExecGroup): boolean;
  sameOptions(g: ExecGroup): ExecGroup[];
  execs: Record<string, ExecState>;
  itemNumber(key: number): string;
  onChoice(key: string, c: Choice): void;
  onGoToRow(itemKey: number): void;
  onCreateAll(): void;
  unresolvedCount: number;
  rememberAliases: boolean;
  setRememberAliases(v: boolean): void;
}

function ExecutorsPanel({ groups, abbreviations, isResolved: resolvedOf, sameOptions, execs, itemNumber, onChoice, onGoToRow, onCreateAll, unresolvedCount, rememberAliases, setRememberAliases }: ExecutorsPanelProps) {
  // Unresolved first, so the work is at the top; the order stays stable while choosing.
  const order = useMemo(
    () => groups.map((g, i) => ({ g, i })).sort((a, b) => Number(Boolean(execs[a.g.key]?.match)) - Number(Boolean(execs[b.g.key]?.match)) || a.i - b.i),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [groups, Object.values(execs).map((e) => `${e.key}:${e.match?.id ?? ''}`).join('|')],
  );
  return (
    <section className="panel" aria-labelledby="imp-exec-h">
      <div className="panel-head">
        <h2 id="imp-exec-h" className="panel-title">
          Исполнители{' '}
          <span className="muted small">
            ({groups.length - unresolvedCount} из {groups.length} сопоставлены со справочником)
          </span>
        </h2>
        <div className="panel-actions">
          <label className="check" title="Написание из документа станет сокращением выбранной организации, и следующий импорт узнает его сам">
            <input type="checkbox" checked={rememberAliases} onChange={(e) => setRememberAliases(e.target.checked)} data-testid="import-remember-aliases" />
            Запомнить как сокращение
          </label>
          <button type="button" className="btn btn-sm" onClick={onCreateAll} disabled={unresolvedCount === 0} data-testid="import-create-all">
            Создать все ненайденные{unresolvedCount > 0 && ` (${unresolvedCount})`}
          </button>
        </div>
      </div>
      {groups.length === 0 ? (
        <p className="muted">В документе не названы исполнители.</p>
      ) : (
        <table className="grid exec-table cards-on-phone" data-testid="import-executors">
          <thead>
            <tr>
              <th scope="col" className="col-name">
                Как в документе
              </th>
              <th scope="col" className="col-rows">
                Строки
              </th>
              <th scope="col" className="col-choice">
                Организация в справочнике
              </th>
            </tr>
          </thead>
          <tbody>
            {order.map(({ g, i }) => (
              <ExecutorRow
                key={g.key}
                index={i}
                group={g}
                state={execs[g.key]}
                ok={resolvedOf(g)}
                expansion={abbreviations.get(g.key)}
                same={sameOptions(g)}
                execs={execs}
                itemNumber={itemNumber}
                onChoice={(c) => onChoice(g.key, c)}
                onGoToRow={onGoToRow}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface ExecutorRowProps {
  index: number;
  group: ExecGroup;
  state: ExecState | undefined;
  ok: boolean;
  /** The full name the document gives for this short name. */
  expansion?: string;
  same: ExecGroup[];
  execs: Record<string, ExecState>;
  itemNumber(key: number): string;
  onChoice(c: Choice): void;
  onGoToRow(k: number): void;
}

function ExecutorRow({ index, group, state, ok, expansion, same, execs, itemNumber, onChoice, onGoToRow }: ExecutorRowProps) {
  const dir = useDirectory();
  const choice: Choice = state?.choice ?? { type: 'none' };
  const selectId = `exec-choice-${index}`;
  const listed = new Set([state?.match?.id, ...(state?.candidates ?? []).map((c) => c.id)].filter((x): x is number => typeof x === 'number'));
  const value =
    choice.type === 'org' ? (choice.picked && !listed.has(choice.id) ? 'picked' : `org:${choice.id}`) : choice.type === 'same' ? `same:${choice.as}` : choice.type === 'none' ? '' : choice.type;
  const sameList = choice.type === 'same' && !same.some((h) => h.key === choice.as) ? [...same, { key: choice.as, name: execs[choice.as]?.name ?? choice.as, byAgreement: false, items: [] }] : same;
  const pickedOrg = choice.type === 'org' ? dir.byId.get(choice.id) : undefined;
  const label = `Организация для «${group.name}»`;
  // The document's full name for this short form is itself mapped to the same organisation:
  // nothing to check.
  const expansionSame = Boolean(
    expansion && choice.type === 'org' &&
      Object.values(execs).some((e) => e.choice.type === 'org' && e.choice.id === choice.id && e.key !== group.key && splitDefinition(e.name).short !== null && normalizeOrgName(splitDefinition(e.name).name) === normalizeOrgName(expansion)),
  );

  const onSelect = (v: string) => {
    if (v === '') onChoice({ type: 'none' });
    else if (v === 'pick' || v === 'picked') onChoice(choice.type === 'org' && v === 'picked' ? choice : { type: 'pick' });
    else if (v === 'create') onChoice({ type: 'create', ...suggestNewOrganisation(group.name) });
    else if (v === 'text') onChoice({ type: 'text' });
    else if (v.startsWith('org:')) onChoice({ type: 'org', id: Number(v.slice(4)) });
    else if (v.startsWith('same:')) onChoice({ type: 'same', as: v.slice(5) });
  };

  return (
    <tr className={ok ? 'exec-ok' : 'exec-missing'} data-testid="import-exec" data-exec-name={group.name} data-resolved={ok ? 'true' : 'false'}>
      <td className="col-name" data-label="В документе">
        <span className="exec-name">{group.name}</span>
        {group.byAgreement && <span className="muted"> (по согласованию)</span>}
        {expansion && <div className="small muted">в документе — сокращение: «{expansion}»</div>}
        {state?.match && choice.type === 'org' && choice.id === state.match.id && expansion && normalizeOrgName(state.match.fullName) !== normalizeOrgName(expansion) && !expansionSame ? (
          <div className="small exec-check" data-testid="import-exec-check">
            ⚠ найдено «{orgName(state.match)}», но в документе это «{expansion}» — проверьте
          </div>
        ) : state?.match && choice.type === 'org' && choice.id === state.match.id && (state.byShortForm ?? byShortForm(group.name, state.match)) ? (
          <div className="small exec-check" data-testid="import-exec-check">
            ⚠ найдено по сокращению «{splitDefinition(group.name).short}»: в справочнике «{state.match.fullName}» — проверьте
          </div>
        ) : (
          state?.match && <div className="small exec-found">✓ найдено в справочнике</div>
        )}
      </td>
      <td className="col-rows" data-label="Строки">
        {group.items.slice(0, 8).map((k, j) => (
          <span key={k}>
            {j > 0 && ', '}
            <button type="button" className="btn-link" onClick={() => onGoToRow(k)} aria-label={`Перейти к строке № ${itemNumber(k)}`}>
              {itemNumber(k)}
            </button>
          </span>
        ))}
        {group.items.length > 8 && <span className="muted"> и ещё {group.items.length - 8}</span>}
      </td>
      <td className="col-choice" data-label="В справочнике">
        {state?.loading ? (
          <span className="muted">Поиск в справочнике…</span>
        ) : (
          <>
            <label htmlFor={selectId} className="sr-only">
              {label}
            </label>
            <select id={selectId} value={value} onChange={(e) => onSelect(e.target.value)} aria-invalid={!ok || undefined} data-testid="import-exec-choice">
              <option value="">— не сопоставлено: выберите —</option>
              {state?.match && (
                <optgroup label="Найдено в справочнике">
                  <option value={`org:${state.match.id}`}>{orgOption(state.match)}</option>
                </optgroup>
              )}
              {state && state.candidates.filter((c) => c.id !== state.match?.id).length > 0 && (
                <optgroup label="Похожие в справочнике">
                  {state.candidates
                    .filter((c) => c.id !== state.match?.id)
                    .map((c) => (
                      <option key={c.id} value={`org:${c.id}`}>
                        {orgOption(c)}
                      </option>
                    ))}
                </optgroup>
              )}
              {sameList.length > 0 && (
                <optgroup label="Новая организация из этого документа">
                  {sameList.map((h) => (
                    <option key={h.key} value={`same:${h.key}`}>
                      = {h.name.length > 80 ? `${h.name.slice(0, 78)}…` : h.name}
                    </option>
                  ))}
                </optgroup>
              )}
              <optgroup label="Другое">
                {value === 'picked' && pickedOrg && <option value="picked">{orgOption(pickedOrg)}</option>}
                <option value="pick">Другая организация из справочника…</option>
                <option value="create">Создать новую организацию</option>
                <option value="text">Оставить текстом (без организации)</option>
              </optgroup>
            </select>
            {choice.type === 'text' && <div className="hint" data-testid="import-exec-text">Останется в мероприятии текстом, как в документе; организация не создаётся, отчёты с неё не запрашиваются.</div>}
            {choice.type === 'none' && state?.suggestion === 'text' && (
              <div className="hint hint-warn">Похоже на описание исполнителей, а не на организацию: оставьте текстом или выберите организацию.</div>
            )}
            {state?.error && <div className="field-error">{state.error}</div>}
            {(choice.type === 'pick' || (choice.type === 'org' && choice.picked)) && (
              <div className="exec-extra">
                <label htmlFor={`${selectId}-pick`} className="small">
                  Найти в справочнике
                </label>
                <OrgPicker id={`${selectId}-pick`} testId="import-exec-pick" value={choice.type === 'org' ? choice.id : null} onChange={(id) => onChoice(id ? { type: 'org', id, picked: true } : { type: 'pick' })} placeholder="Начните вводить наименование…" />
              </div>
            )}
            {choice.type === 'create' && <CreateOrgFields idBase={selectId} choice={choice} onChange={onChoice} />}
            {choice.type === 'same' && !ok && (
              <div className="field-error">Новая организация «{execs[choice.as]?.name ?? choice.as}» больше не создаётся с кратким наименованием «{group.name}» — выберите заново.</div>
            )}
            {choice.type === 'same' && ok && <div className="hint">Будет найдена по краткому наименованию новой организации.</div>}
          </>
        )}
      </td>
    </tr>
  );
}

/** A name «X (далее – Y)» found by Y while the directory's full name is not X. */
function byShortForm(name: string, org: OrgRef): boolean {
  const { name: full, short } = splitDefinition(name);
  if (!short) return false;
  const known = [org.fullName, org.shortName ?? ''].map(normalizeOrgName);
  return !known.includes(normalizeOrgName(full));
}

function orgOption(o: { shortName?: string | null; fullName: string }): string {
  const full = o.fullName.length > 90 ? `${o.fullName.slice(0, 88)}…` : o.fullName;
  return o.shortName && o.shortName !== o.fullName ? `${o.shortName} — ${full}` : full;
}

function CreateOrgFields({ idBase, choice, onChange }: { idBase: string; choice: Extract<Choice, { type: 'create' }>; onChange(c: Choice): void }) {
  const dir = useDirectory();
  const full = normalizeOrgName(choice.fullName);
  const short = normalizeOrgName(choice.shortName);
  const sameFull = full ? dir.items.find((o) => normalizeOrgName(o.fullName) === full) : undefined;
  // A short name another organisation already answers to makes later documents ambiguous.
  const sameShort = short ? dir.items.find((o) => [o.fullName, o.shortName ?? '', ...o.aliases].some((n) => normalizeOrgName(n) === short)) : undefined;
  return (
    <div className="exec-extra exec-create" data-testid="import-exec-create">
      <div className="field">
        <label htmlFor={`${idBase}-full`}>Полное наименование новой организации</label>
        <textarea
          id={`${idBase}-full`}
          className="autosize"
          rows={1}
          maxLength={500}
          value={choice.fullName}
          onChange={(e) => onChange({ ...choice, fullName: e.target.value })}
          aria-invalid={!choice.fullName.trim() || Boolean(sameFull) || undefined}
        />
        {sameFull && <div className="field-error">Такая организация уже есть в справочнике — выберите её в списке.</div>}
      </div>
      <div className="field-row">
        <div className="field grow">
          <label htmlFor={`${idBase}-short`}>Краткое наименование</label>
          <input id={`${idBase}-short`} maxLength={200} value={choice.shortName} onChange={(e) => onChange({ ...choice, shortName: e.target.value })} placeholder="необязательно" />
          {sameShort && (
            <div className="hint hint-warn">
              Так уже называется «{orgName(sameShort)}»: следующие документы не смогут различить эти организации по краткому наименованию.
            </div>
          )}
        </div>
        <div className="field grow">
          <label htmlFor={`${idBase}-kind`}>Вид</label>
          <select id={`${idBase}-kind`} value={choice.kind} onChange={(e) => onChange({ ...choice, kind: e.target.value as OrgKind })}>
            {(Object.entries(ORG_KIND_LABELS) as [OrgKind, string][]).map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------
// The table as it will be saved

interface ItemsTableProps {
  items: EditItem[];
  sections: { number: string; title: string }[];
  setSectionTitle(index: number, title: string): void;
  setItem(key: number, patch: Partial<EditItem>): void;
  council: boolean;
  showProtocol: boolean;
  showExecution: boolean;
  showResult: boolean;
  rowProblems: Map<number, ProblemKind[]>;
  pathErrors: Record<string, string>;
  execs: Record<string, ExecState>;
  periodFrom: string;
  periodTo: string;
  onGoToExec(key: string): void;
}

function ItemsTable({ items, sections, setSectionTitle, setItem, council, showProtocol, showExecution, showResult, rowProblems, pathErrors, execs, periodFrom, periodTo, onGoToExec }: ItemsTableProps) {
  const columns = 4 + (showProtocol ? 1 : 0) + (showExecution ? 2 : 0) + (showResult ? 1 : 0);
  const bySection = useMemo(() => {
    const known = new Set(sections.map((s) => s.number));
    const groups: { section: { number: string; title: string; index: number } | null; items: EditItem[] }[] = [];
    const loose = items.filter((i) => i.section === null || !known.has(i.section));
    if (loose.length) groups.push({ section: null, items: loose });
    sections.forEach((s, index) => groups.push({ section: { ...s, index }, items: items.filter((i) => i.section === s.number) }));
    return groups;
  }, [items, sections]);

  return (
    <table className={`grid import-table cards-on-phone ${showExecution ? 'with-execution' : ''} ${showProtocol ? 'with-protocol' : ''} ${showResult ? '' : 'no-result'}`} data-testid="import-table">
      <thead>
        <tr>
          <th scope="col" className="col-num">
            № п/п
          </th>
          {showProtocol && (
            <th scope="col" className="col-protocol">
              Пункт протокола
            </th>
          )}
          <th scope="col" className="col-title">
            {council ? 'Содержание поручения' : 'Наименование мероприятия'}
          </th>
          <th scope="col" className="col-exec">
            Исполнители <span className="th-hint">(по одному в строке)</span>
          </th>
          <th scope="col" className="col-deadline">
            Срок исполнения
          </th>
          {showResult && (
            <th scope="col" className="col-result">
              Ожидаемый результат
            </th>
          )}
          {showExecution && (
            <>
              <th scope="col" className="col-status">
                Статус
              </th>
              <th scope="col" className="col-execution">
                Информация об исполнении
              </th>
            </>
          )}
        </tr>
      </thead>
      {bySection.map((g) => (
        <tbody key={g.section ? `s-${g.section.index}` : 'loose'}>
          {(g.section || sections.length > 0) && (
            <tr className="section-row" data-testid={`import-section-${g.section ? g.section.number : 'none'}`}>
              <th scope="colgroup" colSpan={columns}>
                {g.section ? (
                  <div className="section-edit">
                    <span className="section-num">{/^\d{4}-\d{2}-\d{2}$/.test(g.section.number) ? formatDateRu(g.section.number) : `${g.section.number}.`}</span>
                    <label className="sr-only" htmlFor={`is-${g.section.index}`}>
                      Наименование раздела {g.section.number}
                    </label>
                    <textarea id={`is-${g.section.index}`} className="autosize" rows={1} value={g.section.title} onChange={(e) => setSectionTitle(g.section!.index, e.target.value)} />
                  </div>
                ) : (
                  'Без раздела'
                )}
              </th>
            </tr>
          )}
          {g.items.map((it) => (
            <ItemRow
              key={it.key}
              item={it}
              problems={rowProblems.get(it.key)}
              errors={pathErrors}
              setItem={setItem}
              council={council}
              showProtocol={showProtocol}
              showExecution={showExecution}
              showResult={showResult}
              execs={execs}
              periodFrom={periodFrom}
              periodTo={periodTo}
              onGoToExec={onGoToExec}
            />
          ))}
          {g.items.length === 0 && (
            <tr className="empty-row">
              <td colSpan={columns}>В разделе нет мероприятий.</td>
            </tr>
          )}
        </tbody>
      ))}
    </table>
  );
}

interface ItemRowProps {
  item: EditItem;
  problems: ProblemKind[] | undefined;
  errors: Record<string, string>;
  setItem(key: number, patch: Partial<EditItem>): void;
  council: boolean;
  showProtocol: boolean;
  showExecution: boolean;
  showResult: boolean;
  execs: Record<string, ExecState>;
  periodFrom: string;
  periodTo: string;
  onGoToExec(key: string): void;
}

/** Status words short enough for a narrow select. */
const STATUS_SHORT: Record<MeasureStatus, string> = { done: 'Выполнено', partial: 'Частично', not_done: 'Не выполнено', not_due: 'Х (не наступил)' };

const ItemRow = memo(function ItemRow({ item, problems, errors, setItem, council, showProtocol, showExecution, showResult, execs, periodFrom, periodTo, onGoToExec }: ItemRowProps) {
  const k = item.key;
  const id = (f: string) => `ir-${k}-${f}`;
  const has = (p: ProblemKind) => Boolean(problems?.includes(p));
  const err = (f: string) => errors[`${k}.${f}`];
  const set = (patch: Partial<EditItem>) => setItem(k, patch);
  const interp = useDeadlineInterpretation(item.excluded ? null : { text: item.deadlineText, periodFrom: periodFrom || undefined, periodTo: periodTo || undefined });
  const execNames = parseExecutorLines(item.executorsText);
  const n = item.number || '?';
  const rowCls = [item.excluded ? 'row-excluded' : '', problems?.length && !item.excluded ? 'row-problem' : ''].filter(Boolean).join(' ');

  return (
    <tr id={`import-row-${k}`} className={rowCls || undefined} data-testid={`import-row-${item.number}`} data-problems={problems?.join(' ') || undefined}>
      <td className={`col-num ${has('duplicate_number') || has('empty_number') ? 'cell-problem' : ''}`} data-label="№ п/п">
        <input id={id('number')} aria-label={`Номер строки ${n}`} value={item.number} onChange={(e) => set({ number: e.target.value })} disabled={item.excluded} aria-invalid={has('duplicate_number') || has('empty_number') || Boolean(err('number')) || undefined} />
        {has('duplicate_number') && <div className="cell-note">номер повторяется</div>}
        {err('number') && <div className="field-error">{err('number')}</div>}
        <button
          type="button"
          className="btn-link exclude-link"
          onClick={() => set({ excluded: !item.excluded })}
          aria-pressed={item.excluded}
          aria-label={item.excluded ? `Вернуть строку ${n}` : `Исключить строку ${n}`}
          title={item.excluded ? 'Вернуть строку в план' : 'Не сохранять эту строку'}
          data-testid="import-item-exclude"
        >
          {item.excluded ? 'вернуть' : 'исключить'}
        </button>
      </td>
      {showProtocol && (
        <td className="col-protocol" data-label="Пункт протокола">
          <input aria-label={`Пункт протокола, строка ${n}`} value={item.protocolItem} onChange={(e) => set({ protocolItem: e.target.value })} disabled={item.excluded} />
        </td>
      )}
      <td className={`col-title ${has('empty_title') ? 'cell-problem' : ''}`} data-label={council ? 'Поручение' : 'Мероприятие'}>
        <textarea id={id('title')} className="autosize" aria-label={`Наименование, строка ${n}`} rows={2} value={item.title} onChange={(e) => set({ title: e.target.value })} disabled={item.excluded} aria-invalid={has('empty_title') || Boolean(err('title')) || undefined} data-testid="import-item-title" />
        {err('title') && <div className="field-error">{err('title')}</div>}
      </td>
      <td className={`col-exec ${has('no_executor') || has('executor_unknown') ? 'cell-problem' : ''}`} data-label="Исполнители">
        <textarea
          id={id('executors')}
          className="autosize"
          aria-label={`Исполнители, строка ${n} (по одному в строке)`}
          rows={Math.max(1, execNames.length)}
          value={item.executorsText}
          onChange={(e) => set({ executorsText: e.target.value })}
          disabled={item.excluded}
          data-testid="import-item-executors"
        />
        {!item.excluded && execNames.length > 0 && (
          <ul className="exec-marks" aria-label="Сопоставление исполнителей">
            {execNames.map((raw, i) => {
              const { name } = splitAgreementMarker(raw);
              const st = execs[normalizeOrgName(name)];
              const c = st?.choice;
              let text: string;
              let cls: string;
              if (!st || st.loading) {
                text = 'поиск…';
                cls = 'mark-pending';
              } else if (c?.type === 'org') {
                const o = st.match?.id === c.id ? st.match : (st.candidates.find((x) => x.id === c.id) ?? null);
                text = `→ ${o ? orgName(o) : 'выбрано'}`;
                cls = 'mark-ok';
              } else if (c?.type === 'create') {
                text = `+ новая: ${c.shortName || c.fullName}`;
                cls = 'mark-new';
              } else if (c?.type === 'text') {
                text = 'текстом, без организации';
                cls = 'mark-ok';
              } else if (c?.type === 'same') {
                const t = execs[c.as]?.choice;
                text = `+ новая: ${t?.type === 'create' ? t.shortName || t.fullName : '?'}`;
                cls = 'mark-new';
              } else {
                text = 'не сопоставлен';
                cls = 'mark-bad';
              }
              return (
                <li key={i} className={`exec-mark ${cls}`}>
                  <button type="button" className="btn-link" onClick={() => onGoToExec(normalizeOrgName(name))} title={`${name}: перейти к сопоставлению`}>
                    {execNames.length > 1 && <span className="mark-name">{name.length > 28 ? `${name.slice(0, 26)}…` : name}: </span>}
                    {text}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {has('no_executor') && <div className="cell-note">исполнитель не указан</div>}
      </td>
      <td className={`col-deadline ${has('deadline_unclear') ? 'cell-problem' : ''}`} data-label="Срок">
        <textarea
          id={id('deadline')}
          className="autosize"
          rows={1}
          aria-label={`Срок исполнения, строка ${n}`}
          value={item.deadlineText}
          onChange={(e) => set({ deadlineText: e.target.value })}
          disabled={item.excluded}
          aria-describedby={`${id('deadline')}-meaning`}
          aria-invalid={has('deadline_unclear') || undefined}
          data-testid="import-item-deadline"
        />
        {!item.excluded && <DeadlineMeaning id={`${id('deadline')}-meaning`} state={interp} unclearHint="Срок не распознан" compact />}
      </td>
      {showResult && (
        <td className="col-result" data-label="Результат">
          <textarea className="autosize" rows={1} aria-label={`Ожидаемый результат, строка ${n}`} value={item.expectedResult} onChange={(e) => set({ expectedResult: e.target.value })} disabled={item.excluded} />
        </td>
      )}
      {showExecution && (
        <>
          <td className="col-status" data-label="Статус">
            <select aria-label={`Статус, строка ${n}`} value={item.status ?? ''} onChange={(e) => set({ status: (e.target.value || null) as MeasureStatus | null })} disabled={item.excluded}>
              <option value="">—</option>
              {(Object.keys(STATUS_SHORT) as MeasureStatus[]).map((st) => (
                <option key={st} value={st} title={MEASURE_STATUS_LABELS[st]}>
                  {STATUS_SHORT[st]}
                </option>
              ))}
            </select>
          </td>
          <td className="col-execution" data-label="Исполнение">
            <textarea className="autosize clamp-input" rows={2} aria-label={`Информация об исполнении, строка ${n}`} value={item.executionText} onChange={(e) => set({ executionText: e.target.value })} disabled={item.excluded} />
          </td>
        </>
      )}
    </tr>
  );
});

