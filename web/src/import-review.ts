/**
 * Pure helpers of the import preview: executor names keyed the way the server keys them
 * (so every spelling in the document reaches the same choice), a guess of the
 * organisation kind for «Создать новую организацию», the plan period when the document
 * does not state one, and the problems list recomputed live as the user fixes rows.
 */
import type { DocumentKind, InterchangeDocument, OrgKind, PlanKind } from './api';
import { formatDateShort, formatQuarterRu } from './format';

// Keys must be exactly the server's, so the server's pure functions are used, not copies.
export {
  executorWording,
  normalizeOrgName,
  splitAgreementMarker,
  splitDefinition,
} from '../../src/contract/text-rules';

/** One executor per line (names may hold commas: «Министерство по делам молодежи, физической культуры и спорта»). */
export function parseExecutorLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * «Министерство труда и социального развития Омской области (далее – Минтруд)» →
 * full name without the «далее» note, short name «Минтруд».
 */
export function suggestNewOrganisation(name: string): { fullName: string; shortName: string; kind: OrgKind } {
  let fullName = name.trim();
  // «"Региональный ресурсный центр"» quoted as a whole: the quotes are not part of the name.
  const wrapped = /^«(.*)»$/.exec(fullName);
  if (wrapped && (wrapped[1].match(/«/g)?.length ?? 0) === (wrapped[1].match(/»/g)?.length ?? 0))
    fullName = wrapped[1].trim();
  let shortName = '';
  const m = /^(.*?)\s*\(\s*далее\s*[-–—]?\s*([^()]{1,80})\)\s*$/i.exec(fullName);
  if (m && m[1].trim()) {
    fullName = m[1].trim();
    shortName = m[2].trim().replace(/[«»"]/g, '');
  }
  return { fullName: fullName.slice(0, 500), shortName: shortName.slice(0, 200), kind: guessOrgKind(fullName) };
}

/** A first guess of the kind of a new organisation from its name; the user can change it. */
export function guessOrgKind(name: string): OrgKind {
  const n = name.toLowerCase();
  if (
    /(^|\s)(министерств|комитет|департамент|управлени|агентств|служб|инспекци|правительств|мин[а-яё]+)/.test(n) &&
    !/учрежден|центр/.test(n)
  )
    return 'executive';
  if (/администрац|муниципальн|район|городск|округ|поселени|органы местного самоуправления|омсу/.test(n))
    return 'municipality';
  if (
    /учрежден|(^|\s)(гбу|гау|гку|мбу|мку|мау|гбоу|гапоу|огбу)(\s|$)|центр|школ|колледж|библиотек|музей|больниц|поликлиник/.test(
      n,
    )
  )
    return 'institution';
  if (/совет|палат/.test(n)) return 'council';
  if (/рабоч[а-я]+ групп|экспертн[а-я]+ групп|группа/.test(n)) return 'group';
  if (/(^|\s)(ано|нко|роо|оо|фонд|ассоциаци|союз|общественн|некоммерческ|волонт|добровол)/.test(n)) return 'ngo';
  return 'other';
}

/** The plan kind a document is saved as: a report becomes an ordinary plan, a meeting's protocol council instructions. */
export function planKindFor(kind: DocumentKind): PlanKind {
  return kind === 'council_decisions' || kind === 'protocol' ? 'council_decisions' : 'plan';
}

export type PeriodSource = 'document' | 'title' | 'sections' | 'deadlines' | 'approval' | 'default';

export interface InferredPeriod {
  from: string;
  to: string;
  source: PeriodSource;
}

export const PERIOD_SOURCE_HINTS: Record<PeriodSource, string> = {
  document: 'Период указан в документе.',
  title: 'Период взят из наименования документа — проверьте.',
  sections: 'Период определён по датам протоколов — проверьте.',
  deadlines: 'Период в документе не указан и определён по годам в сроках мероприятий — проверьте.',
  approval: 'Период в документе не указан и определён по дате утверждения — проверьте.',
  default: 'Период в документе не указан — укажите его.',
};

/**
 * The plan period: as the document states it, else the years named in the title
 * («на 2022–2024 годы»), else the years of the protocols (council decisions), else the
 * years the deadlines name, else the year after a December approval (plans are approved for the next year) or the year of
 * approval, else `fallbackYear`.
 */
export function inferPeriod(
  doc: Pick<InterchangeDocument, 'period' | 'title' | 'sections' | 'approvedOn' | 'items'>,
  fallbackYear: number,
): InferredPeriod {
  if (doc.period) return { from: doc.period[0], to: doc.period[1], source: 'document' };
  const years = (a: number, b: number, source: PeriodSource): InferredPeriod => ({
    from: `${a}-01-01`,
    to: `${b}-12-31`,
    source,
  });
  const range = /(?:^|\s)(?:на|в)\s+(20\d\d|19\d\d)\s*[-–—]\s*(20\d\d|19\d\d)\s*(?:гг\.?|годы|годах|года)?/i.exec(
    doc.title,
  );
  if (range && Number(range[2]) >= Number(range[1])) return years(Number(range[1]), Number(range[2]), 'title');
  const one = /(?:^|\s)(?:на|в)\s+(20\d\d|19\d\d)\s*(?:г\.|год)/i.exec(doc.title);
  if (one) return years(Number(one[1]), Number(one[1]), 'title');
  const dated = doc.sections
    .map((s) => /^(\d{4})-\d{2}-\d{2}$/.exec(s.number)?.[1])
    .filter(Boolean)
    .map(Number);
  if (dated.length) return years(Math.min(...dated), Math.max(...dated), 'sections');
  // «2023 год», «2023-2030 гг.», «март 2017»: the years the deadlines speak of.
  const named = doc.items.flatMap((i) =>
    [...i.deadlineText.matchAll(/(?<!\d)(19[5-9]\d|20\d\d)(?!\d)/g)].map((m) => Number(m[1])),
  );
  if (named.length) return years(Math.min(...named), Math.max(...named), 'deadlines');
  if (doc.approvedOn) {
    const [y, m] = doc.approvedOn.split('-').map(Number);
    const year = m >= 11 ? y + 1 : y;
    return years(year, year, 'approval');
  }
  return years(fallbackYear, fallbackYear, 'default');
}

/**
 * A period label for an execution report: «I квартал 2025 г.», «2025 г.», or the dates.
 * Taken from the report's title («за I квартал 2025 года») or its period.
 */
export function reportPeriodLabel(doc: Pick<InterchangeDocument, 'period' | 'title'>): string {
  const t =
    /за\s+((?:[IV]+\s+(?:квартал|кв\.?|полугодие)|\d\s+(?:квартал|полугодие)|(?:первое|второе)\s+полугодие|январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь)?\s*(?:20\d\d)\s*(?:г\.|года|год)?)/i.exec(
      doc.title,
    );
  if (t)
    return t[1]
      .replace(/\s*(года|год)$/i, ' г.')
      .replace(/\s+/g, ' ')
      .trim();
  if (!doc.period) return '';
  const [from, to] = doc.period;
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  const lastDay = new Date(ty, tm, 0).getDate();
  if (fd === 1 && td === lastDay && fy === ty) {
    if (fm === 1 && tm === 12) return `${fy} г.`;
    if ((fm - 1) % 3 === 0 && tm === fm + 2)
      return formatQuarterRu({ year: fy, quarter: (fm + 2) / 3 }).replace('кв.', 'квартал');
  }
  if (fd === 1 && fm === 1 && tm === 12 && td === 31) return `${fy}–${ty} гг.`;
  return `с ${formatDateShort(from)} по ${formatDateShort(to)}`;
}
