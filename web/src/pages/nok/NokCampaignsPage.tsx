/** НОК campaigns: the list, and the form of a new campaign for the ministry's coordinators. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../api';
import { useUser } from '../../auth';
import { Alert, Field, Loading, PageHeading, useTitle } from '../../components/ui';
import { formatDateRu } from '../../format';
import { useApiQuery, useDirectory } from '../../hooks';
import { SECTOR_LABELS, nokApi, type NokSector } from '../../nok-api';

export function NokCampaignsPage() {
  useTitle('Независимая оценка качества');
  const user = useUser();
  const [creating, setCreating] = useState(false);
  const list = useApiQuery(['nok', 'campaigns'], () => nokApi.campaigns());
  const mayCreate = user.role === 'admin' || user.role === 'coordinator';
  return (
    <section className="page">
      <div className="page-head">
        <PageHeading>Независимая оценка качества условий оказания услуг</PageHeading>
        <div className="page-actions">
          {mayCreate && !creating && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setCreating(true)}
              data-testid="nok-create"
            >
              Новая кампания
            </button>
          )}
        </div>
      </div>
      {creating && <CampaignForm onCancel={() => setCreating(false)} />}
      {list.error && <Alert>{list.error}</Alert>}
      {!list.data && list.loading && <Loading />}
      {list.data && list.data.items.length === 0 && <div className="empty">Кампаний независимой оценки пока нет.</div>}
      {list.data && list.data.items.length > 0 && (
        <table className="grid cards-on-phone" data-testid="nok-campaigns">
          <thead>
            <tr>
              <th>Кампания</th>
              <th>Сфера</th>
              <th>Оператор</th>
              <th>Сбор анкет</th>
              <th>Результаты</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/nok/${c.id}`}>{c.title}</Link>
                </td>
                <td>{SECTOR_LABELS[c.sector]}</td>
                <td>{c.operator.name}</td>
                <td>
                  {formatDateRu(c.startsOn)} — {formatDateRu(c.endsOn)}
                  {c.status === 'closed' && ' (завершён)'}
                </td>
                <td>{c.publishedAt ? `опубликованы ${formatDateRu(c.publishedAt)}` : 'не опубликованы'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

function CampaignForm({ onCancel }: { onCancel: () => void }) {
  const user = useUser();
  const navigate = useNavigate();
  const directory = useDirectory();
  const year = new Date().getFullYear();
  const [form, setForm] = useState({
    year: String(year),
    sector: 'social' as NokSector,
    title: `Независимая оценка качества условий оказания услуг, ${year} год`,
    ownerOrganisationId: user.organisation?.id ?? 0,
    operatorOrganisationId: 0,
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    standItems: '',
    siteItems: '',
  });
  const [staff, setStaff] = useState<number[]>([]);
  const [orgs, setOrgs] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const staffList = useApiQuery(
    ['nok', 'staff', form.operatorOrganisationId],
    () => nokApi.operatorStaff(form.operatorOrganisationId),
    { enabled: form.operatorOrganisationId > 0 },
  );
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: k.endsWith('Id') ? Number(e.target.value) : e.target.value });
  const candidates = directory.items.filter((o) => !o.archived && (o.kind === 'institution' || o.kind === 'ngo'));

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const c = await nokApi.createCampaign({
        year: Number(form.year),
        sector: form.sector,
        title: form.title,
        ownerOrganisationId: form.ownerOrganisationId,
        operatorOrganisationId: form.operatorOrganisationId,
        staffUserIds: staff,
        startsOn: form.startsOn,
        endsOn: form.endsOn,
        standItems: lines(form.standItems),
        siteItems: lines(form.siteItems),
        organisations: Object.entries(orgs).map(([id, planned]) => ({
          organisationId: Number(id),
          plannedRespondents: Number(planned) || 0,
        })),
      });
      navigate(`/nok/${c.id}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={save} data-testid="nok-campaign-form">
      <h2>Новая кампания</h2>
      <div className="form-row">
        <Field id="nok-year" label="Год" required>
          <input id="nok-year" type="number" value={form.year} onChange={set('year')} min={2000} max={2100} />
        </Field>
        <Field id="nok-sector" label="Сфера" required>
          <select id="nok-sector" value={form.sector} onChange={set('sector')}>
            {Object.entries(SECTOR_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id="nok-title" label="Название" required>
        <input id="nok-title" value={form.title} onChange={set('title')} />
      </Field>
      <div className="form-row">
        <Field id="nok-owner" label="Уполномоченный орган" required>
          <select id="nok-owner" value={form.ownerOrganisationId} onChange={set('ownerOrganisationId')}>
            <option value={0}>—</option>
            {directory.items
              .filter((o) => o.kind === 'executive' && !o.archived)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.shortName}
                </option>
              ))}
          </select>
        </Field>
        <Field id="nok-operator" label="Организация-оператор" required>
          <select
            id="nok-operator"
            value={form.operatorOrganisationId}
            onChange={(e) => {
              setStaff([]);
              set('operatorOrganisationId')(e);
            }}
          >
            <option value={0}>—</option>
            {directory.items
              .filter((o) => !o.archived)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.shortName}
                </option>
              ))}
          </select>
        </Field>
      </div>
      {staffList.data && (
        <fieldset className="field">
          <legend>Сотрудники оператора</legend>
          {staffList.data.items.length === 0 && <p className="hint">У организации нет пользователей.</p>}
          {staffList.data.items.map((u) => (
            <label key={u.id} className="check">
              <input
                type="checkbox"
                checked={staff.includes(u.id)}
                onChange={(e) => setStaff(e.target.checked ? [...staff, u.id] : staff.filter((x) => x !== u.id))}
              />
              {u.fullName}
            </label>
          ))}
        </fieldset>
      )}
      <div className="form-row">
        <Field id="nok-from" label="Сбор анкет с" required>
          <input id="nok-from" type="date" value={form.startsOn} onChange={set('startsOn')} />
        </Field>
        <Field id="nok-to" label="по" required>
          <input id="nok-to" type="date" value={form.endsOn} onChange={set('endsOn')} />
        </Field>
      </div>
      <Field
        id="nok-stand"
        label="Обязательные сведения на информационном стенде"
        hint="По одному на строке; перечень устанавливается отраслевыми нормативными актами."
      >
        <textarea id="nok-stand" rows={4} value={form.standItems} onChange={set('standItems')} />
      </Field>
      <Field id="nok-site" label="Обязательные сведения на официальном сайте" hint="По одному на строке.">
        <textarea id="nok-site" rows={4} value={form.siteItems} onChange={set('siteItems')} />
      </Field>
      <fieldset className="field">
        <legend>Оцениваемые организации и число респондентов</legend>
        {candidates.map((o) => (
          <div key={o.id} className="form-row">
            <label className="check">
              <input
                type="checkbox"
                checked={o.id in orgs}
                data-testid={`nok-org-${o.id}`}
                onChange={(e) => {
                  const next = { ...orgs };
                  if (e.target.checked) next[o.id] = '30';
                  else delete next[o.id];
                  setOrgs(next);
                }}
              />
              {o.shortName}
            </label>
            {o.id in orgs && (
              <input
                type="number"
                min={0}
                aria-label={`Планируемое число респондентов: ${o.shortName}`}
                value={orgs[o.id]}
                onChange={(e) => setOrgs({ ...orgs, [o.id]: e.target.value })}
              />
            )}
          </div>
        ))}
      </fieldset>
      {error && <Alert>{error}</Alert>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="nok-campaign-save">
          Создать кампанию
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Отмена
        </button>
      </div>
    </form>
  );
}
