import { useState } from 'react';
import { errorMessage, type Organisation } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormActions } from '../../components/form';
import { OrgPicker } from '../../components/OrgPicker';
import { Alert, Field } from '../../components/ui';
import { useDirectory } from '../../hooks';
import { workspace, type MergeResult } from '../../workspace';

/**
 * Merging two entries of the directory: the user picks the other entry and which one
 * stays; «Проверить» runs the merge without keeping it and shows what would move; the
 * server refuses (and says why) when both organisations wrote a report for the same
 * measure and period.
 */
export function MergeDialog({
  org,
  onClose,
  onMerged,
}: {
  org: Organisation;
  onClose(): void;
  onMerged(r: MergeResult): Promise<void>;
}) {
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
    if (!survivor || !merged) {
      setError('Выберите вторую организацию.');
      return;
    }
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
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(!preview);
        }}
        noValidate
      >
        <p className="small">
          Мероприятия (ответственный исполнитель и соисполнители), отчёты, пользователи, планы и подчинённые организации
          перейдут к оставшейся организации; наименования второй станут её другими написаниями, а сама она останется в
          архиве.
        </p>
        {error && <Alert testId="merge-error">{error}</Alert>}
        <Field id="merge-other" label="Вторая организация" required>
          <OrgPicker
            id="merge-other"
            testId="merge-other"
            exclude={[org.id]}
            value={otherId}
            onChange={(v) => {
              setOtherId(v);
              setPreview(null);
            }}
            placeholder="Начните вводить наименование"
          />
        </Field>
        {other && (
          <fieldset className="radio-row">
            <legend>Какая остаётся</legend>
            <label className="radio">
              <input
                type="radio"
                name="merge-keep"
                checked={keepOther}
                onChange={() => {
                  setKeepOther(true);
                  setPreview(null);
                }}
                data-testid="merge-keep-other"
              />{' '}
              «{name(other)}»
            </label>
            <label className="radio">
              <input
                type="radio"
                name="merge-keep"
                checked={!keepOther}
                onChange={() => {
                  setKeepOther(false);
                  setPreview(null);
                }}
                data-testid="merge-keep-this"
              />{' '}
              «{name(org)}»
            </label>
          </fieldset>
        )}
        {preview && (
          <div className="alert alert-info" role="status" data-testid="merge-preview">
            <p>
              К «{name(survivor)}» перейдут: мероприятий — {preview.moved.measures}
              {preview.moved.shared
                ? ` (в ${preview.moved.shared} обе указаны исполнителями — останется одна запись)`
                : ''}
              , отчётов — {preview.moved.reports}, пользователей — {preview.moved.users}, планов — {preview.moved.plans}
              , подчинённых организаций — {preview.moved.children}.
            </p>
            <p>
              Другие написания после объединения:{' '}
              {preview.organisation.aliases.length
                ? preview.organisation.aliases.map((a) => `«${a}»`).join(', ')
                : 'нет'}
              .
            </p>
          </div>
        )}
        <FormActions
          submitLabel={preview ? 'Объединить' : 'Проверить'}
          submitClassName={preview ? 'btn btn-primary' : 'btn'}
          busy={busy}
          disabled={!other}
          submitTestId={preview ? 'merge-confirm' : 'merge-check'}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
