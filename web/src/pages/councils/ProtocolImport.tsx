/**
 * A meeting's protocol: upload (DOCX or text), the decisions as read — each can be fixed —
 * and the executors mapped to the directory; «Сохранить поручения» makes them instructions
 * under control, bound to the meeting.
 */
import { useState } from 'react';
import { api, errorMessage, type ExecutorChoice, type ImportPreview } from '../../api';
import { Alert } from '../../components/ui';
import { councilsApi, type MeetingDetail } from '../../councils';
import { useDirectory, useWrite } from '../../hooks';

type Item = ImportPreview['document']['items'][number];

export function ProtocolImport({ meeting }: { meeting: MeetingDetail }) {
  const dir = useDirectory();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = useWrite(() =>
    councilsApi.saveProtocol(meeting.id, {
      version: meeting.version,
      importId: preview!.importId,
      questions: preview!.document.sections.map((s) => ({ number: s.number, title: s.title })),
      items: items.map((i) => ({
        number: i.number,
        section: i.section,
        title: i.title,
        executors: i.executors,
        deadlineText: i.deadlineText,
      })),
      executorMap: Object.fromEntries(
        Object.entries(choices).map(([name, c]): [string, ExecutorChoice] => [
          name,
          c === 'text' ? { text: true } : { organisationId: Number(c) },
        ]),
      ),
    }),
  );

  const upload = async (file: File) => {
    setError(null);
    setBusy(true);
    try {
      const p = await api.uploadImport(file);
      if (!p.document || p.document.kind !== 'protocol') {
        setError(
          p.document
            ? 'Документ прочитан, но это не протокол заседания: загрузите протокол.'
            : 'Документ не удалось прочитать как протокол: проверьте файл (DOCX или текст).',
        );
        return;
      }
      const ok = p as ImportPreview;
      setPreview(ok);
      setItems(ok.document.items);
      setChoices(
        Object.fromEntries(
          ok.executors.map((e) => [
            e.name,
            e.match ? String(e.match.id) : e.candidates[0] ? String(e.candidates[0].id) : 'text',
          ]),
        ),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!preview)
    return (
      <div data-testid="protocol-upload">
        {error && <Alert>{error}</Alert>}
        <label className="btn">
          {busy ? 'Чтение…' : 'Загрузить протокол (DOCX или текст)'}
          <input
            type="file"
            hidden
            accept=".docx,.txt,.xlsx"
            data-testid="protocol-file"
            onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])}
          />
        </label>
      </div>
    );

  const m = preview.document.meeting;
  return (
    <div data-testid="protocol-preview">
      <p className="muted">
        Прочитано: {preview.fileName}
        {m && ` — протокол № ${m.number ?? '?'} от ${m.date ?? '?'}`}. Решений: {items.length}.
        {m?.date && m.date !== meeting.date && <strong> Дата в протоколе не совпадает с датой заседания.</strong>}
      </p>
      {error && <Alert>{error}</Alert>}
      <table className="grid cards-on-phone">
        <thead>
          <tr>
            <th scope="col">Вопрос</th>
            <th scope="col">Пункт</th>
            <th scope="col" className="col-title">
              Решение
            </th>
            <th scope="col">Исполнители</th>
            <th scope="col">Срок</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i, k) => (
            <tr key={k} data-testid="decision-row">
              <td data-label="Вопрос">{i.section}</td>
              <td data-label="Пункт">{i.number}</td>
              <td className="col-title" data-label="Решение">
                <textarea
                  aria-label={`Решение ${i.number}`}
                  data-testid="decision-title"
                  rows={3}
                  value={i.title}
                  onChange={(e) => setItems((xs) => xs.map((x, j) => (j === k ? { ...x, title: e.target.value } : x)))}
                />
              </td>
              <td data-label="Исполнители">{i.executors.join('; ') || '—'}</td>
              <td data-label="Срок">
                <input
                  aria-label={`Срок ${i.number}`}
                  value={i.deadlineText}
                  onChange={(e) =>
                    setItems((xs) => xs.map((x, j) => (j === k ? { ...x, deadlineText: e.target.value } : x)))
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.executors.length > 0 && (
        <>
          <h3>Исполнители в справочнике</h3>
          <table className="grid cards-on-phone" data-testid="executor-mapping">
            <tbody>
              {preview.executors.map((e) => (
                <tr key={e.name}>
                  <td>{e.name}</td>
                  <td>
                    <select
                      aria-label={`Организация для «${e.name}»`}
                      data-testid="executor-choice"
                      value={choices[e.name] ?? 'text'}
                      onChange={(ev) => setChoices((c) => ({ ...c, [e.name]: ev.target.value }))}
                    >
                      <option value="text">оставить текстом</option>
                      {dir.items
                        .filter((o) => !o.archived)
                        .map((o) => (
                          <option key={o.id} value={o.id}>
                            {o.shortName}
                          </option>
                        ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="page-actions">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="protocol-save"
          disabled={save.busy}
          onClick={() => save.run().catch((e) => setError(errorMessage(e)))}
        >
          Сохранить поручения
        </button>
      </p>
    </div>
  );
}
