/** The organisation directory as a tree (by parentId); admins create, edit, delete. */
import { useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api, ApiError, errorMessage, type Organisation, type OrganisationInput } from '../api';
import { useUser } from '../auth';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { OrgPicker } from '../components/OrgPicker';
import { Alert, Field, Loading, PageHeading, describedBy, useTitle } from '../components/ui';
import { ORG_KIND_LABELS, countRu, orgKindLabel, type OrgKind } from '../format';
import { refreshDirectory, useDirectory, useLoader } from '../hooks';
import { scoreOrganisation } from '../org-search';
import { workspace, type MergeResult } from '../workspace';

interface Node {
  org: Organisation;
  children: Node[];
}

/** Builds the forest; an organisation whose parent is missing becomes a root. */
function buildTree(items: Organisation[]): Node[] {
  const nodes = new Map(items.map((o) => [o.id, { org: o, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const n of nodes.values()) {
    const parent = n.org.parentId !== null ? nodes.get(n.org.parentId) : undefined;
    if (parent && parent !== n) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

/** Keeps nodes that match, and the ancestors leading to them. */
function filterTree(nodes: Node[], query: string): Node[] {
  if (!query.trim()) return nodes;
  const out: Node[] = [];
  for (const n of nodes) {
    const children = filterTree(n.children, query);
    if (children.length || scoreOrganisation(query, n.org) > 0) out.push({ org: n.org, children });
  }
  return out;
}

function descendantsOf(id: number, items: Organisation[]): Set<number> {
  const out = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of items) {
      if (o.parentId !== null && out.has(o.parentId) && !out.has(o.id)) {
        out.add(o.id);
        grew = true;
      }
    }
  }
  return out;
}

export function OrganisationsPage() {
  useTitle('Справочник организаций');
  const user = useUser();
  const canManage = user.abilities.manageDirectory;
  const [includeArchived, setIncludeArchived] = useState(false);
  const list = useLoader(() => api.organisations({ includeArchived }), [includeArchived]);
  const [query, setQuery] = useState('');
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const [dialog, setDialog] = useState<{ type: 'edit'; org?: Organisation; parentId?: number | null } | { type: 'delete'; org: Organisation } | { type: 'merge'; org: Organisation } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const items = list.data?.items ?? [];
  const orgName = (id: number) => { const o = items.find((x) => x.id === id); return o ? o.shortName || o.fullName : '…'; };
  const tree = useMemo(() => filterTree(buildTree(items), query), [items, query]);
  const searching = Boolean(query.trim());

  const afterChange = async (text: string) => {
    setNotice(text);
    await Promise.all([list.reload(), refreshDirectory()]);
  };

  const toggle = (id: number) =>
    setCollapsed((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const renderNodes = (nodes: Node[], level: number) => (
    <ul className={level === 0 ? 'tree' : 'tree-children'} role={level === 0 ? 'list' : undefined}>
      {nodes.map(({ org, children }) => {
        const open = searching || !collapsed.has(org.id);
        return (
          <li key={org.id} className="tree-item" data-testid={`org-${org.id}`}>
            <div className={`tree-row ${org.archived ? 'row-archived' : ''}`}>
              {children.length > 0 ? (
                <button type="button" className="btn-icon tree-toggle" aria-expanded={open} aria-label={`${open ? 'Свернуть' : 'Развернуть'}: ${org.shortName || org.fullName}`} onClick={() => toggle(org.id)}>
                  {open ? '▾' : '▸'}
                </button>
              ) : (
                <span className="tree-toggle-spacer" aria-hidden="true" />
              )}
              <div className="tree-main">
                <div className="org-name">
                  {org.fullName}
                  {org.external && <span className="external"> (по согласованию)</span>}
                  {org.archived && <span className="pill pill-archived">в архиве</span>}
                  {org.mergedIntoId != null && <span className="muted small"> — объединена с «{orgName(org.mergedIntoId)}»</span>}
                </div>
                <div className="org-meta">
                  <span className={`kind kind-org-${org.kind}`}>{orgKindLabel(org.kind)}</span>
                  {org.shortName && <span className="org-short">{org.shortName}</span>}
                  {org.aliases.length > 0 && (
                    <ul className="chips chips-static" aria-label="Другие написания">
                      {org.aliases.map((a) => (
                        <li key={a} className="chip">
                          {a}
                        </li>
                      ))}
                    </ul>
                  )}
                  {children.length > 0 && <span className="muted small">{countRu(children.length, ['подчинённая', 'подчинённые', 'подчинённых'])}</span>}
                </div>
              </div>
              {canManage && (
                <div className="row-actions">
                  {/* The accessible name starts with the visible words (WCAG 2.5.3): speech users say what they see. */}
                  <button type="button" className="btn btn-sm btn-ghost" onClick={() => setDialog({ type: 'edit', parentId: org.id })} title="Добавить подчинённую организацию">
                    + подчинённая<span className="sr-only"> организация: {org.shortName || org.fullName}</span>
                  </button>
                  <button type="button" className="btn btn-sm btn-ghost" onClick={() => setDialog({ type: 'edit', org })} data-testid={`org-edit-${org.id}`} aria-label={`Изменить: ${org.shortName || org.fullName}`}>
                    Изменить
                  </button>
                  {!org.archived && (
                    <button type="button" className="btn btn-sm btn-ghost" onClick={() => setDialog({ type: 'merge', org })} data-testid={`org-merge-${org.id}`}>
                      Объединить<span className="sr-only">: {org.shortName || org.fullName}</span>
                    </button>
                  )}
                  <button type="button" className="btn btn-sm btn-ghost btn-danger-text" onClick={() => setDialog({ type: 'delete', org })} data-testid={`org-delete-${org.id}`} aria-label={`Удалить: ${org.shortName || org.fullName}`}>
                    Удалить
                  </button>
                </div>
              )}
            </div>
            {children.length > 0 && open && renderNodes(children, level + 1)}
          </li>
        );
      })}
    </ul>
  );

  return (
    <section className="page">
      <div className="page-head">
        <div>
          <PageHeading>Справочник организаций</PageHeading>
          <p className="sub">Исполнители мероприятий: органы власти, учреждения, муниципальные образования, НКО и группы.</p>
        </div>
        {canManage && (
          <div className="page-actions">
            <button type="button" className="btn btn-primary" onClick={() => setDialog({ type: 'edit', parentId: null })} data-testid="create-organisation">
              Добавить организацию
            </button>
          </div>
        )}
      </div>
      <div className="toolbar">
        <div className="toolbar-group toolbar-filters">
          <label htmlFor="org-search" className="sr-only">
            Поиск организации
          </label>
          <input id="org-search" type="search" placeholder="Поиск: Минкульт, администрация, алиас…" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="org-search" />
          <label className="check">
            <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
            Показать архивные
          </label>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setCollapsed(new Set())}>
            Развернуть все
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setCollapsed(new Set(items.filter((o) => items.some((c) => c.parentId === o.id)).map((o) => o.id)))}>
            Свернуть все
          </button>
        </div>
        <span className="muted small">{list.data && countRu(items.length, ['организация', 'организации', 'организаций'])}</span>
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      {list.error && <Alert>{list.error}</Alert>}
      {!list.data && list.loading && <Loading />}
      {list.data && tree.length === 0 && <div className="empty">{searching ? 'Ничего не найдено.' : 'Справочник пуст.'}</div>}
      {tree.length > 0 && <div data-testid="org-tree">{renderNodes(tree, 0)}</div>}

      {dialog?.type === 'edit' && (
        <OrganisationDialog
          org={dialog.org}
          parentId={dialog.parentId}
          exclude={dialog.org ? [...descendantsOf(dialog.org.id, items)] : []}
          onClose={() => setDialog(null)}
          onSubmit={async (input) => {
            if (dialog.org) await api.updateOrganisation(dialog.org.id, input);
            else await api.createOrganisation(input as OrganisationInput);
            setDialog(null);
            await afterChange(dialog.org ? 'Организация изменена.' : 'Организация добавлена.');
          }}
        />
      )}
      {dialog?.type === 'merge' && (
        <MergeDialog
          org={dialog.org}
          onClose={() => setDialog(null)}
          onMerged={async (r) => {
            setDialog(null);
            await afterChange(`«${r.merged.shortName || r.merged.fullName}» объединена с «${r.organisation.shortName || r.organisation.fullName}»: перешло мероприятий — ${r.moved.measures}, отчётов — ${r.moved.reports}, пользователей — ${r.moved.users}.`);
          }}
        />
      )}
      {dialog?.type === 'delete' && (
        <ConfirmDialog
          title="Удалить организацию?"
          message={<p>«{dialog.org.fullName}» будет удалена из справочника.</p>}
          confirmLabel="Удалить"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.deleteOrganisation(dialog.org.id);
            await afterChange('Организация удалена.');
          }}
        />
      )}
    </section>
  );
}

function OrganisationDialog({
  org,
  parentId: initialParent,
  exclude,
  onSubmit,
  onClose,
}: {
  org?: Organisation;
  parentId?: number | null;
  exclude: number[];
  onSubmit(input: Partial<OrganisationInput>): Promise<void>;
  onClose(): void;
}) {
  const [fullName, setFullName] = useState(org?.fullName ?? '');
  const [shortName, setShortName] = useState(org?.shortName ?? '');
  const [aliases, setAliases] = useState<string[]>(org?.aliases ?? []);
  const [aliasDraft, setAliasDraft] = useState('');
  const [kind, setKind] = useState<OrgKind>(org?.kind ?? 'executive');
  const [parentId, setParentId] = useState<number | null>(org ? org.parentId : (initialParent ?? null));
  const [external, setExternal] = useState(org?.external ?? false);
  const [headPosition, setHeadPosition] = useState(org?.headPosition ?? '');
  const [headName, setHeadName] = useState(org?.headName ?? '');
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const addAlias = () => {
    const a = aliasDraft.trim();
    if (a && !aliases.includes(a)) setAliases([...aliases, a]);
    setAliasDraft('');
  };

  const onAliasKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if ((e.key === 'Enter' || e.key === ',') && aliasDraft.trim()) {
      e.preventDefault();
      addAlias();
    } else if (e.key === 'Backspace' && !aliasDraft && aliases.length) {
      setAliases(aliases.slice(0, -1));
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!fullName.trim()) {
      setErrors({ fullName: 'Укажите полное наименование.' });
      return;
    }
    if (parentId !== null && exclude.includes(parentId)) {
      setErrors({ parentId: 'Организация не может подчиняться себе или своей подчинённой.' });
      return;
    }
    const pending = aliasDraft.trim() && !aliases.includes(aliasDraft.trim()) ? [...aliases, aliasDraft.trim()] : aliases;
    const input: OrganisationInput = { fullName: fullName.trim(), shortName: shortName.trim(), aliases: pending, kind, parentId, external, headPosition: headPosition.trim(), headName: headName.trim() };
    let body: Partial<OrganisationInput> = input;
    if (org) {
      const patch: Partial<OrganisationInput> = {};
      if (input.fullName !== org.fullName) patch.fullName = input.fullName;
      if ((input.shortName ?? '') !== (org.shortName ?? '')) patch.shortName = input.shortName;
      if (JSON.stringify(input.aliases) !== JSON.stringify(org.aliases)) patch.aliases = input.aliases;
      if (input.kind !== org.kind) patch.kind = input.kind;
      if (input.parentId !== org.parentId) patch.parentId = input.parentId;
      if (input.external !== org.external) patch.external = input.external;
      if (input.headPosition !== (org.headPosition ?? '')) patch.headPosition = input.headPosition;
      if (input.headName !== (org.headName ?? '')) patch.headName = input.headName;
      if (!Object.keys(patch).length) {
        onClose();
        return;
      }
      body = patch;
    }
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      await onSubmit(body);
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setBusy(false);
    }
  };

  return (
    <Dialog title={org ? 'Организация' : 'Новая организация'} onClose={onClose} testId="org-dialog">
      <form onSubmit={submit} noValidate data-testid="org-form">
        {error && <Alert testId="org-form-error">{error}</Alert>}
        <Field id="org-fullName" label="Полное наименование" error={errors.fullName} required>
          <input id="org-fullName" data-testid="org-field-fullName" value={fullName} onChange={(e) => setFullName(e.target.value)} aria-describedby={describedBy('org-fullName', errors.fullName)} placeholder="Министерство культуры …" />
        </Field>
        <div className="field-row">
          <Field id="org-shortName" label="Краткое наименование" error={errors.shortName} className="grow">
            <input id="org-shortName" data-testid="org-field-shortName" value={shortName} onChange={(e) => setShortName(e.target.value)} placeholder="Минкультуры" />
          </Field>
          <Field id="org-kind" label="Вид" error={errors.kind} className="grow">
            <select id="org-kind" data-testid="org-field-kind" value={kind} onChange={(e) => setKind(e.target.value as OrgKind)}>
              {(Object.entries(ORG_KIND_LABELS) as [OrgKind, string][]).map(([k, l]) => (
                <option key={k} value={k}>
                  {l}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field id="org-aliases" label="Другие написания (как пишут в документах)" error={errors.aliases} hint="Введите и нажмите Enter: «Минкульт», «МК ЗК»…">
          <div className="chip-input">
            {aliases.length > 0 && (
              <ul className="chips" aria-label="Другие написания">
                {aliases.map((a) => (
                  <li key={a} className="chip">
                    {a}
                    <button type="button" className="chip-remove" aria-label={`Убрать: ${a}`} onClick={() => setAliases(aliases.filter((x) => x !== a))}>
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <input id="org-aliases" data-testid="org-field-aliases" value={aliasDraft} onChange={(e) => setAliasDraft(e.target.value)} onKeyDown={onAliasKey} onBlur={addAlias} aria-describedby={describedBy('org-aliases', errors.aliases)} />
          </div>
        </Field>
        <Field id="org-parent" label="Вышестоящая организация" error={errors.parentId}>
          <OrgPicker id="org-parent" testId="org-field-parent" exclude={exclude} value={parentId} onChange={setParentId} placeholder="Нет (верхний уровень)" describedBy={describedBy('org-parent', errors.parentId)} invalid={Boolean(errors.parentId)} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={external} onChange={(e) => setExternal(e.target.checked)} data-testid="org-field-external" />
          Не входит в систему органов исполнительной власти региона — в документах отмечается «(по согласованию)»
        </label>
        <fieldset className="org-head">
          <legend>Руководитель — подписывает сводные отчёты по планам организации</legend>
          <div className="field-row">
            <Field id="org-headPosition" label="Должность" error={errors.headPosition} className="grow">
              <input id="org-headPosition" data-testid="org-field-headPosition" value={headPosition} maxLength={300} onChange={(e) => setHeadPosition(e.target.value)} placeholder="Министр культуры …" />
            </Field>
            <Field id="org-headName" label="Инициалы и фамилия" error={errors.headName} className="grow">
              <input id="org-headName" data-testid="org-field-headName" value={headName} maxLength={200} onChange={(e) => setHeadName(e.target.value)} placeholder="И.И. Иванов" />
            </Field>
          </div>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="org-submit">
            {org ? 'Сохранить' : 'Добавить'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Отмена
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * Merging two entries of the directory: the user picks the other entry and which one
 * stays; «Проверить» runs the merge without keeping it and shows what would move; the
 * server refuses (and says why) when both organisations wrote a report for the same
 * measure and period.
 */
function MergeDialog({ org, onClose, onMerged }: { org: Organisation; onClose(): void; onMerged(r: MergeResult): Promise<void> }) {
  const [otherId, setOtherId] = useState<number | null>(null);
  const [keepOther, setKeepOther] = useState(true);
  const [preview, setPreview] = useState<MergeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dir = useDirectory();
  const other = otherId !== null ? dir.byId.get(otherId) : undefined;
  const name = (o: Organisation | undefined) => (o ? o.shortName || o.fullName : '…');
  const [survivor, merged] = keepOther ? [other, org] : [org, other];

  const run = async (dryRun: boolean) => {
    if (!survivor || !merged) { setError('Выберите вторую организацию.'); return; }
    setBusy(true);
    setError(null);
    try {
      const r = await workspace.merge(survivor.id, merged.id, dryRun);
      if (dryRun) setPreview(r);
      else await onMerged(r);
    } catch (e) {
      setError(errorMessage(e));
      setPreview(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Объединить «${name(org)}» с другой организацией`} onClose={onClose} testId="merge-dialog">
      <form onSubmit={(e) => { e.preventDefault(); void run(!preview); }} noValidate>
        <p className="small">Мероприятия (ответственный исполнитель и соисполнители), отчёты, пользователи, планы и подчинённые организации перейдут к оставшейся организации; наименования второй станут её другими написаниями, а сама она останется в архиве.</p>
        {error && <Alert testId="merge-error">{error}</Alert>}
        <Field id="merge-other" label="Вторая организация" required>
          <OrgPicker id="merge-other" testId="merge-other" exclude={[org.id]} value={otherId} onChange={(v) => { setOtherId(v); setPreview(null); }} placeholder="Начните вводить наименование" />
        </Field>
        {other && (
          <fieldset className="radio-row">
            <legend>Какая остаётся</legend>
            <label className="radio"><input type="radio" name="merge-keep" checked={keepOther} onChange={() => { setKeepOther(true); setPreview(null); }} data-testid="merge-keep-other" /> «{name(other)}»</label>
            <label className="radio"><input type="radio" name="merge-keep" checked={!keepOther} onChange={() => { setKeepOther(false); setPreview(null); }} data-testid="merge-keep-this" /> «{name(org)}»</label>
          </fieldset>
        )}
        {preview && (
          <div className="alert alert-info" role="status" data-testid="merge-preview">
            <p>К «{name(survivor)}» перейдут: мероприятий — {preview.moved.measures}{preview.moved.shared ? ` (в ${preview.moved.shared} обе указаны исполнителями — останется одна запись)` : ''}, отчётов — {preview.moved.reports}, пользователей — {preview.moved.users}, планов — {preview.moved.plans}, подчинённых организаций — {preview.moved.children}.</p>
            <p>Другие написания после объединения: {preview.organisation.aliases.length ? preview.organisation.aliases.map((a) => `«${a}»`).join(', ') : 'нет'}.</p>
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className={preview ? 'btn btn-primary' : 'btn'} disabled={busy || !other} data-testid={preview ? 'merge-confirm' : 'merge-check'}>
            {preview ? 'Объединить' : 'Проверить'}
          </button>
          <button type="button" className="btn" onClick={onClose}>Отмена</button>
        </div>
      </form>
    </Dialog>
  );
}
