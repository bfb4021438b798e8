/** Councils of the region with their figures, and «Создать совет» for a coordinator. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useUser } from '../../auth';
import { FormActions, FormDialog, useSubmit } from '../../components/form';
import { Alert, Field, Loading, PageHeading, describedBy, useTitle } from '../../components/ui';
import { COUNCIL_KIND_LABELS, councilsApi, type Council, type CouncilInput } from '../../councils';
import { useApiQuery, useDirectory } from '../../hooks';

export function CouncilsPage() {
  useTitle('Советы');
  const user = useUser();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useApiQuery(['councils'], () => councilsApi.list());
  const mayCreate = user.role === 'admin' || user.role === 'coordinator';
  return (
    <section className="page">
      <div className="page-head">
        <PageHeading>Советы и комиссии</PageHeading>
        <div className="page-actions">
          {mayCreate && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setCreating(true)}
              data-testid="create-council"
            >
              Создать совет
            </button>
          )}
        </div>
      </div>
      {list.error && <Alert>{list.error}</Alert>}
      {!list.data && list.loading && <Loading />}
      {list.data && list.data.items.length === 0 && <div className="empty">Советов пока нет.</div>}
      {list.data && list.data.items.length > 0 && (
        <table className="grid cards-on-phone" data-testid="councils-table">
          <thead>
            <tr>
              <th scope="col" className="col-title">
                Наименование
              </th>
              <th scope="col">Вид</th>
              <th scope="col">Организация</th>
              <th scope="col" className="num">
                Членов
              </th>
              <th scope="col" className="num">
                Заседаний
              </th>
              <th scope="col" className="num">
                На контроле
              </th>
              <th scope="col" className="num">
                Просрочено
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((c) => (
              <tr key={c.id} data-testid="council-row">
                <td className="col-title" data-label="Наименование">
                  <Link to={`/councils/${c.id}`}>{c.fullName}</Link>
                </td>
                <td data-label="Вид">{COUNCIL_KIND_LABELS[c.kind]}</td>
                <td data-label="Организация">{c.ownerName}</td>
                <td className="num" data-label="Членов">
                  {c.figures.members}
                </td>
                <td className="num" data-label="Заседаний">
                  {c.figures.meetings}
                </td>
                <td className="num" data-label="На контроле">
                  {c.figures.onControl}
                </td>
                <td className={`num ${c.figures.overdue ? 'text-danger' : ''}`} data-label="Просрочено">
                  {c.figures.overdue}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && (
        <CouncilDialog
          ownerDefault={user.organisation?.id ?? null}
          onClose={() => setCreating(false)}
          onSaved={(c) => navigate(`/councils/${c.id}`)}
        />
      )}
    </section>
  );
}

/** «Создать совет»: name, kind, owning organisation, the act that set the composition. */
export function CouncilDialog({
  ownerDefault,
  onClose,
  onSaved,
}: {
  ownerDefault: number | null;
  onClose(): void;
  onSaved(c: Council): void;
}) {
  const dir = useDirectory();
  const [v, setV] = useState<CouncilInput>({
    fullName: '',
    shortName: '',
    kind: 'coordination',
    ownerOrganisationId: ownerDefault ?? 0,
    actTitle: '',
    actNumber: '',
    actDate: null,
    quorumRule: 'half',
    meetingRule: '1 раз в квартал',
  });
  const save = useSubmit(async (input: CouncilInput) => onSaved(await councilsApi.create(input)));
  const errors = save.fieldErrors;
  const set = (patch: Partial<CouncilInput>) => setV((x) => ({ ...x, ...patch }));
  const submit = () => {
    const local: Record<string, string> = {};
    if (!v.fullName.trim()) local.fullName = 'Укажите полное наименование совета.';
    if (!v.ownerOrganisationId) local.ownerOrganisationId = 'Выберите организацию.';
    if (save.invalid(local)) return;
    void save.submit({ ...v, actDate: v.actDate || null });
  };
  return (
    <FormDialog title="Новый совет" onClose={onClose} onSubmit={submit} error={save.error} testId="council-dialog" wide>
      <Field id="c-name" label="Полное наименование" error={errors.fullName} required>
        <input
          id="c-name"
          data-testid="council-field-name"
          value={v.fullName}
          onChange={(e) => set({ fullName: e.target.value })}
          placeholder="Координационный совет по поддержке социально ориентированных некоммерческих организаций"
          aria-describedby={describedBy('c-name', errors.fullName)}
        />
      </Field>
      <div className="field-row">
        <Field id="c-short" label="Краткое наименование" className="grow">
          <input id="c-short" value={v.shortName} onChange={(e) => set({ shortName: e.target.value })} />
        </Field>
        <Field id="c-kind" label="Вид" className="grow">
          <select
            id="c-kind"
            data-testid="council-field-kind"
            value={v.kind}
            onChange={(e) => set({ kind: e.target.value as CouncilInput['kind'] })}
          >
            {Object.entries(COUNCIL_KIND_LABELS).map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id="c-owner" label="Организация, при которой создан совет" error={errors.ownerOrganisationId} required>
        <select
          id="c-owner"
          data-testid="council-field-owner"
          value={v.ownerOrganisationId || ''}
          onChange={(e) => set({ ownerOrganisationId: Number(e.target.value) })}
        >
          <option value="">— выберите —</option>
          {dir.items
            .filter((o) => !o.archived)
            .map((o) => (
              <option key={o.id} value={o.id}>
                {o.shortName}
              </option>
            ))}
        </select>
      </Field>
      <div className="field-row">
        <Field id="c-act" label="Акт об утверждении состава" className="grow" hint="постановление Губернатора области">
          <input id="c-act" value={v.actTitle} onChange={(e) => set({ actTitle: e.target.value })} />
        </Field>
        <Field id="c-actno" label="Номер" className="narrow">
          <input id="c-actno" value={v.actNumber} onChange={(e) => set({ actNumber: e.target.value })} />
        </Field>
        <Field id="c-actdate" label="Дата" className="narrow">
          <input
            id="c-actdate"
            type="date"
            value={v.actDate ?? ''}
            onChange={(e) => set({ actDate: e.target.value || null })}
          />
        </Field>
      </div>
      <div className="field-row">
        <Field id="c-quorum" label="Кворум" className="grow">
          <select
            id="c-quorum"
            value={v.quorumRule}
            onChange={(e) => set({ quorumRule: e.target.value as 'half' | 'two_thirds' })}
          >
            <option value="half">более половины членов</option>
            <option value="two_thirds">не менее двух третей членов</option>
          </select>
        </Field>
        <Field id="c-rule" label="Периодичность заседаний" className="grow">
          <input id="c-rule" value={v.meetingRule} onChange={(e) => set({ meetingRule: e.target.value })} />
        </Field>
      </div>
      <FormActions submitLabel="Создать" busy={save.busy} submitTestId="council-submit" onCancel={onClose} />
    </FormDialog>
  );
}
