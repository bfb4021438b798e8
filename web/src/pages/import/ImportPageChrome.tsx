/** Breadcrumbs and the action bar shared by the import screens. */
import { type ReactNode } from 'react';
import { Link } from 'react-router';

/** The page's actions, ending with «Загрузить другой файл». */
export function ImportActions({ children }: { children?: ReactNode }) {
  return (
    <div className="page-actions">
      {children}
      <Link to="/import" className="btn">
        Загрузить другой файл
      </Link>
    </div>
  );
}

export function ImportBreadcrumbs({ fileName }: { fileName?: string }) {
  return (
    <nav className="breadcrumbs" aria-label="Навигационная цепочка">
      <Link to="/plans">Планы</Link>
      <span aria-hidden="true"> › </span>
      <Link to="/import">Импорт документа</Link>
      {fileName && (
        <>
          <span aria-hidden="true"> › </span>
          <span aria-current="page">{fileName}</span>
        </>
      )}
    </nav>
  );
}
