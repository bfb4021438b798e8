/**
 * The A4 poster for the organisation's stand (issue 14): the QR code the server made, the
 * short link, and — not printed — the snippet that embeds the questionnaire in the
 * organisation's own site. «Печать» gives the poster alone on one A4 page (or a PDF).
 */
import { Link, useParams } from 'react-router';
import { Alert, Loading, useTitle } from '../../components/ui';
import { useApiQuery } from '../../hooks';
import { nokApi } from '../../nok-api';
import '../../nok.css';

export function NokPosterPage() {
  const id = Number(useParams().assessmentId);
  const links = useApiQuery(['nok', 'links', id], () => nokApi.links(id));
  useTitle(links.data ? `Плакат: ${links.data.organisation}` : 'Плакат');
  if (links.error) return <Alert>{links.error}</Alert>;
  if (!links.data) return <Loading />;
  const l = links.data;
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(l.qrSvg)}`;
  return (
    <section className="page">
      <div className="nok-no-print page-head">
        <Link to={`/nok/assessments/${id}`}>← {l.organisation}</Link>
        <button type="button" className="btn btn-primary" onClick={() => window.print()} data-testid="nok-print">
          Печать плаката (A4)
        </button>
      </div>
      <article className="nok-poster" data-testid="nok-poster">
        <h1>Оцените качество условий оказания услуг</h1>
        <p className="nok-poster-org">{l.organisation}</p>
        <p>Наведите камеру телефона на код и ответьте на вопросы анкеты. Это займёт 3–5 минут, анкета анонимная.</p>
        <img src={qr} alt={`QR-код ссылки на анкету: ${l.url}`} data-testid="nok-qr" />
        <p>или откройте ссылку</p>
        <p className="nok-poster-link" data-testid="nok-short-link">
          {l.url}
        </p>
        <p>{l.campaign}</p>
      </article>
      <div className="nok-no-print">
        <h2>Анкета на сайте организации</h2>
        <p>Вставьте этот фрагмент в страницу официального сайта (сайт должен работать по https):</p>
        <textarea className="nok-snippet" readOnly rows={3} value={l.embedHtml} data-testid="nok-embed" />
      </div>
    </section>
  );
}
