import { api, type ImportPreview, type ImportUnread } from '../../api';
import { Alert, Loading, PageHeading } from '../../components/ui';
import { useApiQuery } from '../../hooks';
import { ImportColumns, UnreadNotice } from './ImportColumns';
import { ImportActions, ImportBreadcrumbs } from './ImportPageChrome';

/** The columns screen: for a document no reading placed, or one a person wants read otherwise. */
export function ImportColumnsPage({
  preview,
  onRead,
  onCancel,
}: {
  preview: ImportPreview | ImportUnread;
  onRead(p: ImportPreview): void;
  onCancel?: () => void;
}) {
  const unread = preview.status === 'unread' ? (preview as ImportUnread).unread : null;
  const layout = useApiQuery(
    ['import', preview.importId, 'layout'],
    async () => unread?.layout ?? (await api.importLayout(preview.importId)).layout,
  );
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
      {unread ? (
        <UnreadNotice message={unread.message} />
      ) : (
        <Alert kind="info">Документ будет прочитан заново по столбцам, которые вы укажете.</Alert>
      )}
      {layout.error && <Alert>{layout.error}</Alert>}
      {layout.data ? (
        <ImportColumns importId={preview.importId} blocks={layout.data.blocks} onRead={onRead} />
      ) : (
        !layout.error && <Loading label="Загрузка документа…" />
      )}
    </section>
  );
}
