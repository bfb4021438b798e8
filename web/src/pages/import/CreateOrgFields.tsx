/** The fields of a new directory organisation proposed for an unknown executor. */
import { ORG_KIND_LABELS, type OrgKind } from '../../format';
import { useDirectory } from '../../hooks';
import { normalizeOrgName } from '../../import-review';
import { orgName, type Choice } from './review-state';

export function CreateOrgFields({
  idBase,
  choice,
  onChange,
}: {
  idBase: string;
  choice: Extract<Choice, { type: 'create' }>;
  onChange(c: Choice): void;
}) {
  const dir = useDirectory();
  const full = normalizeOrgName(choice.fullName);
  const short = normalizeOrgName(choice.shortName);
  const sameFull = full ? dir.items.find((o) => normalizeOrgName(o.fullName) === full) : undefined;
  // A short name another organisation already answers to makes later documents ambiguous.
  const sameShort = short
    ? dir.items.find((o) => [o.fullName, o.shortName ?? '', ...o.aliases].some((n) => normalizeOrgName(n) === short))
    : undefined;
  return (
    <div className="exec-extra exec-create" data-testid="import-exec-create">
      <div className="field">
        <label htmlFor={`${idBase}-full`}>Полное наименование новой организации</label>
        <textarea
          id={`${idBase}-full`}
          className="autosize"
          rows={1}
          maxLength={500}
          value={choice.fullName}
          onChange={(e) => onChange({ ...choice, fullName: e.target.value })}
          aria-invalid={!choice.fullName.trim() || Boolean(sameFull) || undefined}
        />
        {sameFull && (
          <div className="field-error">Такая организация уже есть в справочнике — выберите её в списке.</div>
        )}
      </div>
      <div className="field-row">
        <div className="field grow">
          <label htmlFor={`${idBase}-short`}>Краткое наименование</label>
          <input
            id={`${idBase}-short`}
            maxLength={200}
            value={choice.shortName}
            onChange={(e) => onChange({ ...choice, shortName: e.target.value })}
            placeholder="необязательно"
          />
          {sameShort && (
            <div className="hint hint-warn">
              Так уже называется «{orgName(sameShort)}»: следующие документы не смогут различить эти организации по
              краткому наименованию.
            </div>
          )}
        </div>
        <div className="field grow">
          <label htmlFor={`${idBase}-kind`}>Вид</label>
          <select
            id={`${idBase}-kind`}
            value={choice.kind}
            onChange={(e) => onChange({ ...choice, kind: e.target.value as OrgKind })}
          >
            {(Object.entries(ORG_KIND_LABELS) as [OrgKind, string][]).map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
}
