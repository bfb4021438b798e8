/** /import/:id — the stored preview: the review, the columns screen, or «already saved». */
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, type ImportPreview, type ImportUnread } from '../../api';
import { Alert, Loading, PageHeading, useTitle } from '../../components/ui';
import { useApiQuery } from '../../hooks';
import { ImportColumnsPage } from './ImportColumnsPage';
import { ImportBreadcrumbs } from './ImportPageChrome';
import { ImportReview } from './ImportReview';

export function ImportPreviewPage() {
  const { importId } = useParams();
  const id = Number(importId);
  const location = useLocation();
  const passed = (location.state as { preview?: ImportPreview | ImportUnread } | null)?.preview;
  // The upload hands its preview over (shown at once), but the stored state is always asked
  // for: after «Назад» from the saved plan the document must not be offered for saving again.
  const preview = useApiQuery(['import', id], () => api.importPreview(id));
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
          {p.status === 'applied' ? 'Этот отчёт уже применён к плану.' : 'Этот документ уже сохранён как план.'}{' '}
          Откройте его в <Link to="/plans">списке планов</Link> или <Link to="/import">загрузите другой файл</Link>.
        </Alert>
      </section>
    );
  }
  const onRead = (r: ImportPreview) => {
    setRead(r);
    setRemap(false);
    window.scrollTo(0, 0);
  };
  if (p.status === 'unread' || remap)
    return (
      <ImportColumnsPage
        preview={p}
        onRead={onRead}
        onCancel={p.status === 'unread' ? undefined : () => setRemap(false)}
      />
    );
  return (
    <ImportReview
      key={`${p.importId}-${read ? 'read' : 'loaded'}`}
      preview={p as ImportPreview}
      onRemap={() => setRemap(true)}
    />
  );
}
