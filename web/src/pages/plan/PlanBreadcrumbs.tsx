/** Планы › the plan. */
import { Link } from 'react-router';

export function PlanBreadcrumbs({ title }: { title?: string }) {
  return (
    <nav className="breadcrumbs" aria-label="Навигационная цепочка">
      <Link to="/plans">Планы</Link>
      {title && (
        <>
          <span aria-hidden="true"> › </span>
          <span aria-current="page">{title}</span>
        </>
      )}
    </nav>
  );
}
