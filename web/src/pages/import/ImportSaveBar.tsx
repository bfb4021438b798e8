/** The sticky bar under the preview: what is left to fix, the save error, the save button. */
import { countRu } from '../../format';
import { EXEC_WORDS, MEASURE_WORDS, SECTION_WORDS } from './review-state';

interface ImportSaveBarProps {
  blockingCount: number;
  unresolvedCount: number;
  keptCount: number;
  sectionCount: number;
  saveError: string | null;
  busy: boolean;
  onSave(): void;
}

export function ImportSaveBar({
  blockingCount,
  unresolvedCount,
  keptCount,
  sectionCount,
  saveError,
  busy,
  onSave,
}: ImportSaveBarProps) {
  return (
    <div className="savebar" role="region" aria-label="Сохранение плана" data-testid="import-savebar">
      <div className="savebar-status" aria-live="polite">
        {blockingCount ? (
          <span className="savebar-bad">
            Осталось исправить: {blockingCount}
            {unresolvedCount > 0 && ` (в т.ч. ${countRu(unresolvedCount, EXEC_WORDS)} не сопоставлено)`}
          </span>
        ) : (
          <span className="savebar-ok">Готово к сохранению</span>
        )}
        <span className="muted">
          {' '}
          · {countRu(keptCount, MEASURE_WORDS)}
          {sectionCount > 0 && `, ${countRu(sectionCount, SECTION_WORDS)}`}
        </span>
      </div>
      {saveError && (
        <div className="savebar-error" role="alert" data-testid="import-save-error">
          {saveError}
        </div>
      )}
      <div className="savebar-actions">
        <button type="button" className="btn btn-primary" onClick={onSave} disabled={busy} data-testid="import-save">
          {busy ? 'Сохранение…' : 'Сохранить как черновик плана'}
        </button>
      </div>
    </div>
  );
}
