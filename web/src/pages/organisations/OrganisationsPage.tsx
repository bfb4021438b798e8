/** The organisation directory as a tree (by parentId); admins create, edit, delete. */
import { useMemo, useState } from 'react';
import { api, type Organisation, type OrganisationInput } from '../../api';
import { useUser } from '../../auth';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Alert, Loading, PageHeading, useTitle } from '../../components/ui';
import { countRu, orgKindLabel } from '../../format';
import { refreshDirectory, useApiQuery } from '../../hooks';
import { MergeDialog } from './MergeDialog';
import { OrganisationDialog } from './OrganisationDialog';
import { buildTree, descendantsOf, filterTree, type Node } from './org-tree';

export function OrganisationsPage() {
  useTitle('Справочник организаций');
  const user = useUser();
  const canManage = user.abilities.manageDirectory;
  const [includeArchived, setIncludeArchived] = useState(false);
  const list = useApiQuery(['organisations', includeArchived], () => api.organisations({ includeArchived }));
  const [query, setQuery] = useState('');
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const [dialog, setDialog] = useState<
    | { type: 'edit'; org?: Organisation; parentId?: number | null }
    | { type: 'delete'; org: Organisation }
    | { type: 'merge'; org: Organisation }
    | null
  >(null);
  const [notice, setNotice] = useState<string | null>(null);

  const items = list.data?.items ?? [];
  const orgName = (id: number) => {
    const o = items.find((x) => x.id === id);
    return o ? o.shortName || o.fullName : '…';
  };
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
                <button
                  type="button"
                  className="btn-icon tree-toggle"
                  aria-expanded={open}
                  aria-label={`${open ? 'Свернуть' : 'Развернуть'}: ${org.shortName || org.fullName}`}
                  onClick={() => toggle(org.id)}
                >
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
                  {org.mergedIntoId != null && (
                    <span className="muted small"> — объединена с «{orgName(org.mergedIntoId)}»</span>
                  )}
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
                  {children.length > 0 && (
                    <span className="muted small">
                      {countRu(children.length, ['подчинённая', 'подчинённые', 'подчинённых'])}
                    </span>
                  )}
                </div>
              </div>
              {canManage && (
                <div className="row-actions">
                  {/* The accessible name starts with the visible words (WCAG 2.5.3): speech users say what they see. */}
                  <button
                    type="button"
                    className="btn btn-sm btn-ghost"
                    onClick={() => setDialog({ type: 'edit', parentId: org.id })}
                    title="Добавить подчинённую организацию"
                  >
                    + подчинённая<span className="sr-only"> организация: {org.shortName || org.fullName}</span>
                  </button>
                  <button
                    type="button"
                    className="btn btn-sm btn-ghost"
                    onClick={() => setDialog({ type: 'edit', org })}
                    data-testid={`org-edit-${org.id}`}
                    aria-label={`Изменить: ${org.shortName || org.fullName}`}
                  >
                    Изменить
                  </button>
                  {!org.archived && (
                    <button
                      type="button"
                      className="btn btn-sm btn-ghost"
                      onClick={() => setDialog({ type: 'merge', org })}
                      data-testid={`org-merge-${org.id}`}
                    >
                      Объединить<span className="sr-only">: {org.shortName || org.fullName}</span>
                    </button>
                  )}
                  <button
                    type="button"
                    className="btn btn-sm btn-ghost btn-danger-text"
                    onClick={() => setDialog({ type: 'delete', org })}
                    data-testid={`org-delete-${org.id}`}
                    aria-label={`Удалить: ${org.shortName || org.fullName}`}
                  >
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
          <p className="sub">
            Исполнители мероприятий: органы власти, учреждения, муниципальные образования, НКО и группы.
          </p>
        </div>
        {canManage && (
          <div className="page-actions">
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setDialog({ type: 'edit', parentId: null })}
              data-testid="create-organisation"
            >
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
          <input
            id="org-search"
            type="search"
            placeholder="Поиск: Минкульт, администрация, алиас…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="org-search"
          />
          <label className="check">
            <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
            Показать архивные
          </label>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setCollapsed(new Set())}>
            Развернуть все
          </button>
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            onClick={() =>
              setCollapsed(new Set(items.filter((o) => items.some((c) => c.parentId === o.id)).map((o) => o.id)))
            }
          >
            Свернуть все
          </button>
        </div>
        <span className="muted small">
          {list.data && countRu(items.length, ['организация', 'организации', 'организаций'])}
        </span>
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      {list.error && <Alert>{list.error}</Alert>}
      {!list.data && list.loading && <Loading />}
      {list.data && tree.length === 0 && (
        <div className="empty">{searching ? 'Ничего не найдено.' : 'Справочник пуст.'}</div>
      )}
      {tree.length > 0 && <div data-testid="org-tree">{renderNodes(tree, 0)}</div>}

      {dialog?.type === 'edit' && (
        <OrganisationDialog
          org={dialog.org}
          parentId={dialog.parentId}
          exclude={dialog.org ? [...descendantsOf(dialog.org.id, items)] : []}
          onClose={() => setDialog(null)}
          onSubmit={async (input) => {
            if (dialog.org) await api.updateOrganisation(dialog.org.id, { ...input, version: dialog.org.version });
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
            await afterChange(
              `«${r.merged.shortName || r.merged.fullName}» объединена с «${r.organisation.shortName || r.organisation.fullName}»: перешло мероприятий — ${r.moved.measures}, отчётов — ${r.moved.reports}, пользователей — ${r.moved.users}.`,
            );
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
