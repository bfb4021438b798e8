/**
 * How a person reads what an audit event is about: never a database id («Мероприятие 23»,
 * «Файл 6»), always the plan's short title, the measure's number as printed and its
 * title, the executor, the period. Pure: the service loads the facts, this names them.
 */

const ELLIPSIS = '…';

/**
 * A plan's title short enough for a list or a log line: kept whole when short, else its
 * opening words and its period («… на 2025–2027 годы»), with «(далее – …)» dropped.
 * @example planShortTitle('План мероприятий по поддержке социально ориентированных некоммерческих организаций в Северо-Озёрской области на 2025–2027 годы')
 * // 'План мероприятий по поддержке социально ориентированных… на 2025–2027 годы'
 */
export function planShortTitle(title: string, max = 80): string {
  const clean = title
    .replace(/\s*\(\s*далее\s*[–—-][^)]*\)/giu, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length <= max) return clean;
  const period = /\s(?:на|в)\s(?:период\s)?\d{4}(?:\s?[–—-]\s?\d{4})?\s*(?:годы|год|гг\.?|г\.)?$/u.exec(clean);
  const tail = period ? period[0].trim() : '';
  const room = Math.max(20, max - tail.length - 2);
  const head = cutAtWord(clean.slice(0, period ? period.index : clean.length), room);
  return tail ? `${head}${ELLIPSIS} ${tail}` : `${head}${ELLIPSIS}`;
}

/** The text cut to `room` characters at a word boundary, without a dangling comma or preposition. */
function cutAtWord(text: string, room: number): string {
  if (text.length <= room) return text.trim();
  const cut = text.slice(0, room);
  const space = cut.lastIndexOf(' ');
  const words = (space > room / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/u, '').split(' ');
  // A trailing preposition or conjunction reads as broken: drop it.
  while (words.length > 1 && /^(?:в|во|на|по|с|со|и|или|для|к|о|об|от|из|за|при|до)$/iu.test(words[words.length - 1]))
    words.pop();
  return words.join(' ');
}

/** A measure as printed: «Мероприятие 1.2 «Подготовка доклада…»», «Поручение 3 …». */
export function measureName(m: { number: string; title: string }, planKind: string | null, max = 90): string {
  const word = planKind === 'council_decisions' ? 'Поручение' : 'Мероприятие';
  return `${word} ${m.number} «${cutAtWord(m.title, max)}${m.title.length > max ? ELLIPSIS : ''}»`;
}

export interface AuditFacts {
  entityType: string;
  action: string;
  plan: { id: number; title: string; kind: string } | null;
  measure: { id: number; number: string; title: string } | null;
  /** The report an event on a report is about: whose and for which period. */
  report: { organisation: string; period: string } | null;
  section: { number: string; title: string } | null;
  organisation: string | null;
  user: string | null;
  /** For a file event: the file's name. */
  fileName: string | null;
}

export interface AuditSubject {
  /** What the event is about, in one line: «Отчёт Минкультуры за I квартал 2025 г.». */
  label: string;
  plan: { id: number; shortTitle: string } | null;
  measure: { id: number; name: string } | null;
}

/**
 * Names what an audit event is about.
 * @example describeAuditSubject({ entityType: 'report', report: { organisation: 'Минкультуры', period: 'I квартал 2025 г.' }, … })
 * // { label: 'Отчёт Минкультуры за I квартал 2025 г.', plan: { id: 1, shortTitle: '…' }, measure: { id: 5, name: 'Мероприятие 2.2 «…»' } }
 */
export function describeAuditSubject(f: AuditFacts): AuditSubject {
  const plan = f.plan ? { id: f.plan.id, shortTitle: planShortTitle(f.plan.title) } : null;
  const measure = f.measure ? { id: f.measure.id, name: measureName(f.measure, f.plan?.kind ?? null) } : null;
  let label: string;
  switch (f.entityType) {
    case 'report': {
      const whose = f.report ? `Отчёт ${f.report.organisation} за ${f.report.period}` : 'Отчёт';
      label = f.fileName ? `${whose}: файл «${f.fileName}»` : whose;
      break;
    }
    case 'measure':
      label = f.action.startsWith('extension.')
        ? `${measure?.name ?? 'Мероприятие'}: перенос срока`
        : (measure?.name ?? 'Мероприятие (удалено)');
      break;
    case 'section':
      label = f.section ? `Раздел ${f.section.number}. ${cutAtWord(f.section.title, 90)}` : 'Раздел (удалён)';
      break;
    case 'plan':
      label = plan ? `План «${plan.shortTitle}»` : 'План';
      break;
    case 'organisation':
      label = f.organisation ? `Организация «${f.organisation}»` : 'Организация';
      break;
    case 'user':
      label = f.user ? `Пользователь ${f.user}` : 'Пользователь';
      break;
    case 'session':
      label = f.user ? `Сеанс: ${f.user}` : 'Вход в систему';
      break;
    default:
      label = f.entityType;
  }
  return { label, plan, measure };
}
