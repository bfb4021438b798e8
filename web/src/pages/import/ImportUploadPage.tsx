/**
 * Import of a plan, council decisions or an execution report from .docx/.xlsx/.txt:
 * upload → preview as the plan will be saved (header, problems, executors, rows editable
 * in place) → saved as a draft plan; a report may instead be applied onto a plan.
 */
import { useState, type ChangeEvent, type DragEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, errorMessage } from '../../api';
import { useUser } from '../../auth';
import { Alert, PageHeading, useTitle } from '../../components/ui';

const MAX_UPLOAD_MB = 50;
const ACCEPT = '.docx,.xlsx,.txt,.csv,.tsv';
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
          <p className="sub">
            План мероприятий, решения (поручения) совета или отчёт об исполнении — из Word, Excel или текста.
          </p>
        </div>
      </div>
      {!user.abilities.createPlans ? (
        <Alert kind="info">Импорт документов доступен координаторам и администраторам.</Alert>
      ) : (
        <>
          {error && <Alert testId="import-error">{error}</Alert>}
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
                <input
                  id="import-file"
                  type="file"
                  accept={ACCEPT}
                  className="file-input"
                  onChange={onChange}
                  data-testid="import-file"
                  aria-describedby="import-file-hint"
                />
                <label htmlFor="import-file" className="btn btn-primary">
                  Выбрать файл…
                </label>
                <p className="hint" id="import-file-hint">
                  Word (.docx), Excel (.xlsx), текст (.txt, .csv, .tsv) в UTF-8 или Windows-1251; не более{' '}
                  {MAX_UPLOAD_MB} МБ. Документ не сохраняется в план, пока вы не проверите его и не нажмёте «Сохранить».
                </p>
              </>
            )}
          </div>
          <ul className="import-steps" aria-label="Как проходит импорт">
            <li>
              <strong>1. Загрузка.</strong> Система находит таблицу мероприятий, реквизиты «УТВЕРЖДАЮ», период и
              разделы.
            </li>
            <li>
              <strong>2. Проверка.</strong> Незнакомые исполнители, нераспознанные сроки и пустые строки отмечены —
              исправьте их прямо в таблице.
            </li>
            <li>
              <strong>3. Сохранение.</strong> План сохраняется черновиком со ссылкой на исходный файл; после проверки
              его утверждают.
            </li>
          </ul>
        </>
      )}
    </section>
  );
}
