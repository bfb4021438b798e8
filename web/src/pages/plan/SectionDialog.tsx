/** Adds or renames a section (a protocol, in council decisions). */
import { useState } from 'react';
import type { Section } from '../../api';
import { FormActions, FormDialog, useSubmit } from '../../components/form';
import { Field, describedBy } from '../../components/ui';

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
  const save = useSubmit(onSubmit);
  const errors = save.fieldErrors;
  const submit = () => {
    const local: Record<string, string> = {};
    if (!number.trim()) local.number = 'Укажите номер.';
    if (!title.trim()) local.title = 'Укажите наименование раздела.';
    if (save.invalid(local)) return;
    void save.submit({ number: number.trim(), title: title.trim() });
  };
  return (
    <FormDialog
      title={section ? 'Раздел' : council ? 'Новый протокол' : 'Новый раздел'}
      onClose={onClose}
      onSubmit={submit}
      error={save.error}
      testId="section-dialog"
      formTestId="section-form"
    >
      <div className="field-row">
        <Field id="sec-number" label="Номер" error={errors.number} required className="narrow" hint="1, 2… или I, II…">
          <input
            id="sec-number"
            data-testid="section-field-number"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            aria-describedby={describedBy('sec-number', errors.number)}
          />
        </Field>
        <Field id="sec-title" label="Наименование" error={errors.title} required className="grow">
          <input
            id="sec-title"
            data-testid="section-field-title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder={
              council
                ? 'Протокол заседания Координационного совета от 30 июня 2021 года'
                : 'Стратегия развития социальной сферы'
            }
            aria-describedby={describedBy('sec-title', errors.title)}
          />
        </Field>
      </div>
      <FormActions
        submitLabel={section ? 'Сохранить' : 'Добавить'}
        busy={save.busy}
        submitTestId="section-submit"
        onCancel={onClose}
      />
    </FormDialog>
  );
}
