import { Link } from 'react-router';
import { PageHeading, useTitle } from '../components/ui';

export function NotFoundPage({ message }: { message?: string }) {
  useTitle('Страница не найдена');
  return (
    <section className="page">
      <PageHeading>Страница не найдена</PageHeading>
      <p>{message ?? 'Такой страницы нет или она была перемещена.'}</p>
      <p>
        <Link to="/plans">Перейти к списку планов</Link>
      </p>
    </section>
  );
}
