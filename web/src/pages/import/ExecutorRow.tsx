/** One executor name of the document and the organisation it will be saved as. */
import { type OrgRef } from '../../api';
import { OrgPicker } from '../../components/OrgPicker';
import { useDirectory } from '../../hooks';
import { normalizeOrgName, splitDefinition, suggestNewOrganisation } from '../../import-review';
import { CreateOrgFields } from './CreateOrgFields';
import { orgName, type Choice, type ExecGroup, type ExecState } from './review-state';

interface ExecutorRowProps {
  index: number;
  group: ExecGroup;
  state: ExecState | undefined;
  ok: boolean;
  /** The full name the document gives for this short name. */
  expansion?: string;
  same: ExecGroup[];
  execs: Record<string, ExecState>;
  itemNumber(key: number): string;
  onChoice(c: Choice): void;
  onGoToRow(k: number): void;
}

export function ExecutorRow({
  index,
  group,
  state,
  ok,
  expansion,
  same,
  execs,
  itemNumber,
  onChoice,
  onGoToRow,
}: ExecutorRowProps) {
  const dir = useDirectory();
  const choice: Choice = state?.choice ?? { type: 'none' };
  const selectId = `exec-choice-${index}`;
  const listed = new Set(
    [state?.match?.id, ...(state?.candidates ?? []).map((c) => c.id)].filter((x): x is number => typeof x === 'number'),
  );
  const value =
    choice.type === 'org'
      ? choice.picked && !listed.has(choice.id)
        ? 'picked'
        : `org:${choice.id}`
      : choice.type === 'same'
        ? `same:${choice.as}`
        : choice.type === 'none'
          ? ''
          : choice.type;
  const sameList =
    choice.type === 'same' && !same.some((h) => h.key === choice.as)
      ? [...same, { key: choice.as, name: execs[choice.as]?.name ?? choice.as, byAgreement: false, items: [] }]
      : same;
  const pickedOrg = choice.type === 'org' ? dir.byId.get(choice.id) : undefined;
  const label = `Организация для «${group.name}»`;
  // The document's full name for this short form is itself mapped to the same organisation:
  // nothing to check.
  const expansionSame = Boolean(
    expansion &&
    choice.type === 'org' &&
    Object.values(execs).some(
      (e) =>
        e.choice.type === 'org' &&
        e.choice.id === choice.id &&
        e.key !== group.key &&
        splitDefinition(e.name).short !== null &&
        normalizeOrgName(splitDefinition(e.name).name) === normalizeOrgName(expansion),
    ),
  );

  const onSelect = (v: string) => {
    if (v === '') onChoice({ type: 'none' });
    else if (v === 'pick' || v === 'picked')
      onChoice(choice.type === 'org' && v === 'picked' ? choice : { type: 'pick' });
    else if (v === 'create') onChoice({ type: 'create', ...suggestNewOrganisation(group.name) });
    else if (v === 'text') onChoice({ type: 'text' });
    else if (v.startsWith('org:')) onChoice({ type: 'org', id: Number(v.slice(4)) });
    else if (v.startsWith('same:')) onChoice({ type: 'same', as: v.slice(5) });
  };

  return (
    <tr
      className={ok ? 'exec-ok' : 'exec-missing'}
      data-testid="import-exec"
      data-exec-name={group.name}
      data-resolved={ok ? 'true' : 'false'}
    >
      <td className="col-name" data-label="В документе">
        <span className="exec-name">{group.name}</span>
        {group.byAgreement && <span className="muted"> (по согласованию)</span>}
        {expansion && <div className="small muted">в документе — сокращение: «{expansion}»</div>}
        {state?.match &&
        choice.type === 'org' &&
        choice.id === state.match.id &&
        expansion &&
        normalizeOrgName(state.match.fullName) !== normalizeOrgName(expansion) &&
        !expansionSame ? (
          <div className="small exec-check" data-testid="import-exec-check">
            ⚠ найдено «{orgName(state.match)}», но в документе это «{expansion}» — проверьте
          </div>
        ) : state?.match &&
          choice.type === 'org' &&
          choice.id === state.match.id &&
          (state.byShortForm ?? byShortForm(group.name, state.match)) ? (
          <div className="small exec-check" data-testid="import-exec-check">
            ⚠ найдено по сокращению «{splitDefinition(group.name).short}»: в справочнике «{state.match.fullName}» —
            проверьте
          </div>
        ) : (
          state?.match && <div className="small exec-found">✓ найдено в справочнике</div>
        )}
      </td>
      <td className="col-rows" data-label="Строки">
        {group.items.slice(0, 8).map((k, j) => (
          <span key={k}>
            {j > 0 && ', '}
            <button
              type="button"
              className="btn-link"
              onClick={() => onGoToRow(k)}
              aria-label={`Перейти к строке № ${itemNumber(k)}`}
            >
              {itemNumber(k)}
            </button>
          </span>
        ))}
        {group.items.length > 8 && <span className="muted"> и ещё {group.items.length - 8}</span>}
      </td>
      <td className="col-choice" data-label="В справочнике">
        {state?.loading ? (
          <span className="muted">Поиск в справочнике…</span>
        ) : (
          <>
            <label htmlFor={selectId} className="sr-only">
              {label}
            </label>
            <select
              id={selectId}
              value={value}
              onChange={(e) => onSelect(e.target.value)}
              aria-invalid={!ok || undefined}
              data-testid="import-exec-choice"
            >
              <option value="">— не сопоставлено: выберите —</option>
              {state?.match && (
                <optgroup label="Найдено в справочнике">
                  <option value={`org:${state.match.id}`}>{orgOption(state.match)}</option>
                </optgroup>
              )}
              {state && state.candidates.filter((c) => c.id !== state.match?.id).length > 0 && (
                <optgroup label="Похожие в справочнике">
                  {state.candidates
                    .filter((c) => c.id !== state.match?.id)
                    .map((c) => (
                      <option key={c.id} value={`org:${c.id}`}>
                        {orgOption(c)}
                      </option>
                    ))}
                </optgroup>
              )}
              {sameList.length > 0 && (
                <optgroup label="Новая организация из этого документа">
                  {sameList.map((h) => (
                    <option key={h.key} value={`same:${h.key}`}>
                      = {h.name.length > 80 ? `${h.name.slice(0, 78)}…` : h.name}
                    </option>
                  ))}
                </optgroup>
              )}
              <optgroup label="Другое">
                {value === 'picked' && pickedOrg && <option value="picked">{orgOption(pickedOrg)}</option>}
                <option value="pick">Другая организация из справочника…</option>
                <option value="create">Создать новую организацию</option>
                <option value="text">Оставить текстом (без организации)</option>
              </optgroup>
            </select>
            {choice.type === 'text' && (
              <div className="hint" data-testid="import-exec-text">
                Останется в мероприятии текстом, как в документе; организация не создаётся, отчёты с неё не
                запрашиваются.
              </div>
            )}
            {choice.type === 'none' && state?.suggestion === 'text' && (
              <div className="hint hint-warn">
                Похоже на описание исполнителей, а не на организацию: оставьте текстом или выберите организацию.
              </div>
            )}
            {state?.error && <div className="field-error">{state.error}</div>}
            {(choice.type === 'pick' || (choice.type === 'org' && choice.picked)) && (
              <div className="exec-extra">
                <label htmlFor={`${selectId}-pick`} className="small">
                  Найти в справочнике
                </label>
                <OrgPicker
                  id={`${selectId}-pick`}
                  testId="import-exec-pick"
                  value={choice.type === 'org' ? choice.id : null}
                  onChange={(id) => onChoice(id ? { type: 'org', id, picked: true } : { type: 'pick' })}
                  placeholder="Начните вводить наименование…"
                />
              </div>
            )}
            {choice.type === 'create' && <CreateOrgFields idBase={selectId} choice={choice} onChange={onChoice} />}
            {choice.type === 'same' && !ok && (
              <div className="field-error">
                Новая организация «{execs[choice.as]?.name ?? choice.as}» больше не создаётся с кратким наименованием «
                {group.name}» — выберите заново.
              </div>
            )}
            {choice.type === 'same' && ok && (
              <div className="hint">Будет найдена по краткому наименованию новой организации.</div>
            )}
          </>
        )}
      </td>
    </tr>
  );
}

/** A name «X (далее – Y)» found by Y while the directory's full name is not X. */
function byShortForm(name: string, org: OrgRef): boolean {
  const { name: full, short } = splitDefinition(name);
  if (!short) return false;
  const known = [org.fullName, org.shortName ?? ''].map(normalizeOrgName);
  return !known.includes(normalizeOrgName(full));
}

function orgOption(o: { shortName?: string | null; fullName: string }): string {
  const full = o.fullName.length > 90 ? `${o.fullName.slice(0, 88)}…` : o.fullName;
  return o.shortName && o.shortName !== o.fullName ? `${o.shortName} — ${full}` : full;
}
