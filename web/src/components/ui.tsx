/** Small shared pieces: status badges, breakdown bar, form fields, alerts. */
import { useEffect, useRef, type InputHTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';
import type { OrgRef, StatusCounts } from '../api';
import { MEASURE_STATUS_LABELS, measureStatusLabel, withExternalMark, type MeasureStatus } from '../format';
import { useAuth } from '../auth';
import { useDirectory } from '../hooks';

export function StatusBadge({ status }: { status: MeasureStatus | null | undefined }) {
  const key = status ?? 'none';
  return (
    <span
      className={`status status-${key}`}
      data-status={key}
      title={status === 'not_due' ? MEASURE_STATUS_LABELS.not_due : undefined}
    >
      {status === 'not_due' ? <span aria-hidden="true">Х</span> : status ? measureStatusLabel(status) : '—'}
      {status === 'not_due' && <span className="sr-only">{MEASURE_STATUS_LABELS.not_due}</span>}
      {!status && <span className="sr-only">статус не указан</span>}
    </span>
  );
}

const BREAKDOWN_ORDER: (keyof StatusCounts)[] = ['done', 'partial', 'not_done', 'not_due', 'none'];
const BREAKDOWN_SHORT: Record<keyof StatusCounts, string> = {
  done: 'вып.',
  partial: 'част.',
  not_done: 'не вып.',
  not_due: 'Х',
  none: 'без статуса',
};

/** Compact stacked bar + counts: how many measures are in each status. */
export function StatusBreakdown({ counts, total }: { counts: StatusCounts; total: number }) {
  const sum = BREAKDOWN_ORDER.reduce((s, k) => s + (counts[k] ?? 0), 0) || total || 0;
  const title = BREAKDOWN_ORDER.filter((k) => counts[k])
    .map((k) => `${k === 'none' ? 'Без статуса' : MEASURE_STATUS_LABELS[k as MeasureStatus]}: ${counts[k]}`)
    .join('; ');
  if (!sum) return <span className="muted">—</span>;
  return (
    <div className="breakdown" title={title}>
      <div className="breakdown-bar" aria-hidden="true">
        {BREAKDOWN_ORDER.map((k) =>
          counts[k] ? <span key={k} className={`seg seg-${k}`} style={{ flexGrow: counts[k] }} /> : null,
        )}
      </div>
      <div className="breakdown-legend">
        {BREAKDOWN_ORDER.filter((k) => counts[k]).map((k) => (
          <span key={k} className={`legend legend-${k}`}>
            <span className="dot" aria-hidden="true" />
            {counts[k]}&nbsp;{BREAKDOWN_SHORT[k]}
          </span>
        ))}
      </div>
      <span className="sr-only">{title}</span>
    </div>
  );
}

/** Executors of a measure: the lead in bold, co-executors after it; the user's own organisation marked. */
export function Executors({ lead, co, text = [] }: { lead: OrgRef | null; co: OrgRef[]; text?: string[] }) {
  const dir = useDirectory();
  // Executors look for their own organisation; for coordinators it is everywhere and would only add noise.
  const { user } = useAuth();
  const mine = user?.role === 'executor' ? user.organisation?.id : undefined;
  const name = (o: OrgRef) => withExternalMark(o.shortName || o.fullName, o.external ?? dir.byId.get(o.id)?.external);
  const cls = (o: OrgRef, base = '') => `${base}${o.id === mine ? ' exec-mine' : ''}`.trim() || undefined;
  if (!lead && co.length === 0 && text.length === 0) return <span className="muted">не назначен</span>;
  return (
    <span className="executors">
      {lead && (
        <strong title={lead.fullName} className={cls(lead, 'lead')}>
          {name(lead)}
        </strong>
      )}
      {co.map((o, i) => (
        <span key={o.id}>
          {(lead || i > 0) && ', '}
          <span title={o.fullName} className={cls(o)}>
            {name(o)}
          </span>
        </span>
      ))}
      {text.map((t, i) => (
        <span key={`t${i}`} className="exec-text" title="Указано в документе текстом, без организации в справочнике">
          {(lead || co.length > 0 || i > 0) && ', '}
          {t}
        </span>
      ))}
    </span>
  );
}

export function Alert({
  kind = 'error',
  children,
  testId,
}: {
  kind?: 'error' | 'info' | 'success';
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}

export function Loading({ label = 'Загрузка…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  children: ReactNode;
}

/** Label above the control, hint and the server's message below, linked for screen readers. */
export function Field({ id, label, error, hint, required, className, children }: FieldProps) {
  return (
    <div className={`field ${className ?? ''} ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="req" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {children}
      {hint && !error && (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <div className="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

type TextFieldProps = Omit<FieldProps, 'children'> &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'className' | 'required'> & {
    value: string;
    onChange(value: string): void;
    testId?: string;
  };

/** A Field holding one text input (or date, e-mail…) linked to its message: the markup most forms repeat. */
export function TextField({
  id,
  label,
  error,
  hint,
  required,
  className,
  value,
  onChange,
  testId,
  ...input
}: TextFieldProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint} required={required} className={className}>
      <input
        id={id}
        data-testid={testId}
        {...input}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(id, error)}
      />
    </Field>
  );
}

/** aria-describedby for a Field's control. */
export const describedBy = (id: string, error?: string) => (error ? `${id}-error` : `${id}-hint`);

/** Sets the document title: «<page> — Исполнение». */
export function useTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} — Исполнение` : 'Исполнение';
  }, [title]);
}

/** Moves focus to the page heading after navigation, so screen readers announce it. */
export function PageHeading({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null)
      ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className={className}>
      {children}
    </h1>
  );
}

/** Ctrl/⌘+Enter in a textarea submits its form (plain Enter keeps the new line). */
export function submitOnCtrlEnter(e: KeyboardEvent<HTMLTextAreaElement>) {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    e.currentTarget.form?.requestSubmit();
  }
}
