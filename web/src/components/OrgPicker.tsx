/**
 * Organisation pickers with type-ahead over the shared directory (ARIA combobox):
 * full name, short name, aliases and abbreviations all match. Arrow keys move,
 * Enter picks, Escape closes the list (not the surrounding dialog).
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Organisation } from '../api';
import { orgKindLabel } from '../format';
import { useDirectory } from '../hooks';
import { searchOrganisations } from '../org-search';

/** Short name when there is one, else the full name; plus «(по согласованию)». */
export function orgLabel(
  org: { shortName?: string | null; fullName: string } | null | undefined,
  external?: boolean,
): string {
  if (!org) return '';
  const name = org.shortName || org.fullName;
  return external ? `${name} (по согласованию)` : name;
}

interface ComboProps {
  inputId: string;
  testId?: string;
  placeholder?: string;
  exclude?: number[];
  describedBy?: string;
  invalid?: boolean;
  /** Text the input shows when not being edited. */
  text: string;
  onPick(org: Organisation): void;
  onClearText?(): void;
  onBackspaceEmpty?(): void;
}

function Combo({
  inputId,
  testId,
  placeholder,
  exclude,
  describedBy,
  invalid,
  text,
  onPick,
  onClearText,
  onBackspaceEmpty,
}: ComboProps) {
  const dir = useDirectory();
  const listId = useId();
  const [query, setQuery] = useState<string | null>(null); // null = not editing
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  const results = useMemo(() => {
    const pool = exclude?.length ? dir.items.filter((o) => !exclude.includes(o.id)) : dir.items;
    return searchOrganisations(query ?? '', pool, 40);
  }, [dir.items, query, exclude]);

  const pick = (org: Organisation) => {
    onPick(org);
    setQuery(null);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
      } else setActive((a) => Math.min(a + 1, results.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      if (open && results[active]) {
        e.preventDefault();
        pick(results[active]);
      }
    } else if (e.key === 'Escape') {
      if (open || query !== null) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
        setQuery(null);
      }
    } else if (e.key === 'Backspace' && (query ?? '') === '' && onBackspaceEmpty) {
      onBackspaceEmpty();
    }
  };

  const activeId = open && results[active] ? `${listId}-${results[active].id}` : undefined;

  return (
    <div className="combo">
      <input
        ref={inputRef}
        id={inputId}
        data-testid={testId}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        placeholder={
          placeholder ?? (dir.loaded ? 'Начните вводить: Минкульт, Администрация…' : 'Справочник загружается…')
        }
        value={query ?? text}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
          if (e.target.value === '') onClearText?.();
        }}
        onFocus={(e) => e.target.select()}
        onClick={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setQuery(null);
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul id={listId} role="listbox" className="combo-list" aria-label="Организации">
          {results.length === 0 && <li className="combo-empty">{dir.error ?? 'Ничего не найдено'}</li>}
          {results.map((o, i) => (
            <li
              key={o.id}
              id={`${listId}-${o.id}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'combo-option active' : 'combo-option'}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(o)}
            >
              <span className="combo-name">
                {o.shortName || o.fullName}
                {o.external && <span className="muted"> (по согласованию)</span>}
              </span>
              <span className="combo-sub">
                {o.shortName ? o.fullName : ''}
                {o.aliases.length > 0 && <> · {o.aliases.join(', ')}</>}
                {' · '}
                {orgKindLabel(o.kind)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface SinglePickerProps {
  id: string;
  value: number | null;
  onChange(id: number | null): void;
  testId?: string;
  describedBy?: string;
  invalid?: boolean;
  placeholder?: string;
  /** Fallback text when the selected organisation is not in the directory (e.g. archived). */
  fallbackText?: string;
  exclude?: number[];
}

export function OrgPicker({
  id,
  value,
  onChange,
  testId,
  describedBy,
  invalid,
  placeholder,
  fallbackText,
  exclude,
}: SinglePickerProps) {
  const dir = useDirectory();
  const selected = value !== null ? dir.byId.get(value) : undefined;
  const text = selected ? orgLabel(selected, selected.external) : value !== null ? (fallbackText ?? `#${value}`) : '';
  return (
    <div className="picker-single">
      <Combo
        inputId={id}
        testId={testId}
        describedBy={describedBy}
        invalid={invalid}
        placeholder={placeholder}
        exclude={exclude}
        text={text}
        onPick={(o) => onChange(o.id)}
        onClearText={() => onChange(null)}
      />
      {selected && selected.shortName && (
        <div className="picker-hint" title={selected.fullName}>
          {selected.fullName}
        </div>
      )}
    </div>
  );
}

interface MultiPickerProps {
  id: string;
  value: number[];
  onChange(ids: number[]): void;
  testId?: string;
  describedBy?: string;
  invalid?: boolean;
  exclude?: number[];
  fallbackNames?: Record<number, string>;
  placeholder?: string;
}

export function OrgMultiPicker({
  id,
  value,
  onChange,
  testId,
  describedBy,
  invalid,
  exclude,
  fallbackNames,
  placeholder = 'Добавить соисполнителя…',
}: MultiPickerProps) {
  const dir = useDirectory();
  const excluded = useMemo(() => [...value, ...(exclude ?? [])], [value, exclude]);
  return (
    <div className="picker-multi" data-testid={testId ? `${testId}-chips` : undefined}>
      {value.length > 0 && (
        <ul className="chips" aria-label="Выбранные организации">
          {value.map((orgId) => {
            const o = dir.byId.get(orgId);
            const label = o ? orgLabel(o, o.external) : (fallbackNames?.[orgId] ?? `#${orgId}`);
            return (
              <li key={orgId} className="chip" title={o?.fullName}>
                {label}
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Убрать: ${label}`}
                  onClick={() => onChange(value.filter((x) => x !== orgId))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <Combo
        inputId={id}
        testId={testId}
        describedBy={describedBy}
        invalid={invalid}
        placeholder={placeholder}
        exclude={excluded}
        text=""
        onPick={(o) => onChange([...value, o.id])}
        onBackspaceEmpty={() => value.length && onChange(value.slice(0, -1))}
      />
    </div>
  );
}
