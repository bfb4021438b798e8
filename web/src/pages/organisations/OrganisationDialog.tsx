/** Adds or edits a directory entry: names, other spellings, kind, parent, head who signs. */
import { useState, type KeyboardEvent } from 'react';
import { type Organisation, type OrganisationInput } from '../../api';
import { OrgPicker } from '../../components/OrgPicker';
import { TextField, Field, describedBy } from '../../components/ui';
import { ORG_KIND_LABELS, type OrgKind } from '../../format';
import { FormActions, FormDialog, useSubmit } from '../../components/form';

export function OrganisationDialog({
  org,
  parentId: initialParent,
  exclude,
  onSubmit,
  onClose,
}: {
  org?: Organisation;
  parentId?: number | null;
  exclude: number[];
  onSubmit(input: Partial<OrganisationInput>): Promise<void>;
  onClose(): void;
}) {
  const [fullName, setFullName] = useState(org?.fullName ?? '');
  const [shortName, setShortName] = useState(org?.shortName ?? '');
  const [aliases, setAliases] = useState<string[]>(org?.aliases ?? []);
  const [aliasDraft, setAliasDraft] = useState('');
  const [kind, setKind] = useState<OrgKind>(org?.kind ?? 'executive');
  const [parentId, setParentId] = useState<number | null>(org ? org.parentId : (initialParent ?? null));
  const [external, setExternal] = useState(org?.external ?? false);
  const [headPosition, setHeadPosition] = useState(org?.headPosition ?? '');
  const [headName, setHeadName] = useState(org?.headName ?? '');
  const save = useSubmit(onSubmit, { directory: true });
  const errors = save.fieldErrors;

  const addAlias = () => {
    const a = aliasDraft.trim();
    if (a && !aliases.includes(a)) setAliases([...aliases, a]);
    setAliasDraft('');
  };

  const onAliasKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if ((e.key === 'Enter' || e.key === ',') && aliasDraft.trim()) {
      e.preventDefault();
      addAlias();
    } else if (e.key === 'Backspace' && !aliasDraft && aliases.length) {
      setAliases(aliases.slice(0, -1));
    }
  };

  const submit = () => {
    if (save.invalid(!fullName.trim() ? { fullName: 'Укажите полное наименование.' } : {})) return;
    if (
      save.invalid(
        parentId !== null && exclude.includes(parentId)
          ? { parentId: 'Организация не может подчиняться себе или своей подчинённой.' }
          : {},
      )
    )
      return;
    const pending =
      aliasDraft.trim() && !aliases.includes(aliasDraft.trim()) ? [...aliases, aliasDraft.trim()] : aliases;
    const input: OrganisationInput = {
      fullName: fullName.trim(),
      shortName: shortName.trim(),
      aliases: pending,
      kind,
      parentId,
      external,
      headPosition: headPosition.trim(),
      headName: headName.trim(),
    };
    let body: Partial<OrganisationInput> = input;
    if (org) {
      const patch: Partial<OrganisationInput> = {};
      if (input.fullName !== org.fullName) patch.fullName = input.fullName;
      if ((input.shortName ?? '') !== (org.shortName ?? '')) patch.shortName = input.shortName;
      if (JSON.stringify(input.aliases) !== JSON.stringify(org.aliases)) patch.aliases = input.aliases;
      if (input.kind !== org.kind) patch.kind = input.kind;
      if (input.parentId !== org.parentId) patch.parentId = input.parentId;
      if (input.external !== org.external) patch.external = input.external;
      if (input.headPosition !== (org.headPosition ?? '')) patch.headPosition = input.headPosition;
      if (input.headName !== (org.headName ?? '')) patch.headName = input.headName;
      if (!Object.keys(patch).length) {
        onClose();
        return;
      }
      body = patch;
    }
    void save.submit(body);
  };

  return (
    <FormDialog
      title={org ? 'Организация' : 'Новая организация'}
      onClose={onClose}
      onSubmit={submit}
      error={save.error}
      errorTestId="org-form-error"
      formTestId="org-form"
      testId="org-dialog"
    >
      <TextField
        id="org-fullName"
        label="Полное наименование"
        error={errors.fullName}
        required
        testId="org-field-fullName"
        placeholder="Министерство культуры …"
        value={fullName}
        onChange={setFullName}
      />
      <div className="field-row">
        <TextField
          id="org-shortName"
          label="Краткое наименование"
          error={errors.shortName}
          className="grow"
          testId="org-field-shortName"
          placeholder="Минкультуры"
          value={shortName}
          onChange={setShortName}
        />
        <Field id="org-kind" label="Вид" error={errors.kind} className="grow">
          <select
            id="org-kind"
            data-testid="org-field-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as OrgKind)}
          >
            {(Object.entries(ORG_KIND_LABELS) as [OrgKind, string][]).map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field
        id="org-aliases"
        label="Другие написания (как пишут в документах)"
        error={errors.aliases}
        hint="Введите и нажмите Enter: «Минкульт», «МК ЗК»…"
      >
        <div className="chip-input">
          {aliases.length > 0 && (
            <ul className="chips" aria-label="Другие написания">
              {aliases.map((a) => (
                <li key={a} className="chip">
                  {a}
                  <button
                    type="button"
                    className="chip-remove"
                    aria-label={`Убрать: ${a}`}
                    onClick={() => setAliases(aliases.filter((x) => x !== a))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <input
            id="org-aliases"
            data-testid="org-field-aliases"
            value={aliasDraft}
            onChange={(e) => setAliasDraft(e.target.value)}
            onKeyDown={onAliasKey}
            onBlur={addAlias}
            aria-describedby={describedBy('org-aliases', errors.aliases)}
          />
        </div>
      </Field>
      <Field id="org-parent" label="Вышестоящая организация" error={errors.parentId}>
        <OrgPicker
          id="org-parent"
          testId="org-field-parent"
          exclude={exclude}
          value={parentId}
          onChange={setParentId}
          placeholder="Нет (верхний уровень)"
          describedBy={describedBy('org-parent', errors.parentId)}
          invalid={Boolean(errors.parentId)}
        />
      </Field>
      <label className="check">
        <input
          type="checkbox"
          checked={external}
          onChange={(e) => setExternal(e.target.checked)}
          data-testid="org-field-external"
        />
        Не входит в систему органов исполнительной власти региона — в документах отмечается «(по согласованию)»
      </label>
      <fieldset className="org-head">
        <legend>Руководитель — подписывает сводные отчёты по планам организации</legend>
        <div className="field-row">
          <TextField
            id="org-headPosition"
            label="Должность"
            error={errors.headPosition}
            className="grow"
            testId="org-field-headPosition"
            maxLength={300}
            placeholder="Министр культуры …"
            value={headPosition}
            onChange={setHeadPosition}
          />
          <TextField
            id="org-headName"
            label="Инициалы и фамилия"
            error={errors.headName}
            className="grow"
            testId="org-field-headName"
            maxLength={200}
            placeholder="И.И. Иванов"
            value={headName}
            onChange={setHeadName}
          />
        </div>
      </fieldset>
      <FormActions
        submitLabel={org ? 'Сохранить' : 'Добавить'}
        busy={save.busy}
        submitTestId="org-submit"
        onCancel={onClose}
      />
    </FormDialog>
  );
}
