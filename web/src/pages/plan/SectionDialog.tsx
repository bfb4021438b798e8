/** Adds or renames a section (a protocol, in council decisions). */
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage, type Section } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Alert, Field, describedBy } from '../../components/ui';

export function SectionDialog({
  section,
  council,
  suggestedNumber,
  onSubmit,
  onClose,
}: {
  section?: Section;
  council: boolean;
  suggestedNumber: string;
  onSubmit(input: { number: string; title: string }): Promise<void>;
  onClose(): void;
}) {
  const [number, setNumber] = useState(section?.number ?? suggestedNumber);
  const [title, setTitle] = useState(section?.title ?? '');
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!number.trim()) local.number = 'Укажите номер.';
    if (!title.trim()) local.title = 'Укажите наименование раздела.';
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit({ number: number.trim(), title: title.trim() });
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setBusy(false);
    }
  };
  return (
    <Dialog title={section ? 'Раздел' : council ? 'Новый протокол' : 'Новый раздел'} onClose={onClose} testId="section-dialog">
      <form onSubmit={submit} noValidate data-testid="section-form">
        {error && <Alert>{error}</Alert>}
        <div className="field-row">
          <Field id="sec-number" label="Номер" error={errors.number} required className="narrow" hint="1, 2… или I, II…">
            <input id="sec-number" data-testid="section-field-number" value={number} onChange={(e) => setNumber(e.target.value)} aria-describedby={describedBy('sec-number', errors.number)} />
          </Field>
          <Field id="sec-title" label="Наименование" error={errors.title} required className="grow">
            <input
              id="sec-title"
              data-testid="section-field-title"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder={council ? 'Протокол заседания Координационного совета от 30 июня 2021 года' : 'Стратегия развития социальной сферы'}
              aria-describedby={describedBy('sec-title', errors.title)}
            />
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="section-submit">
            {section ? 'Сохранить' : 'Добавить'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Отмена
          </button>
        </div>
      </form>
    </Dialog>
  );
}
