/**
 * The document's title among the lines before its table. Copies from legal-information
 * systems and official sites put other text there: the site's boilerplate and navigation,
 * the order that approves the plan, «Список изменяющих документов». The title is the last
 * run of lines that opens with what a document calls itself («ПЛАН», «П Л А Н»,
 * «ДОРОЖНАЯ КАРТА», «ИНФОРМАЦИЯ», «ОТЧЕТ», «ПЕРЕЧЕНЬ» …) and goes on until a part
 * heading, an approval or a note of the legal database.
 */
import { normalizeSpace } from './text-utils.js';

/**
 * Collapses letter-spaced words («П Л А Н» -> «ПЛАН», «П Л А Н   М Е Р О П Р И Я Т И Й»
 * -> «ПЛАН МЕРОПРИЯТИЙ»); other text is left alone.
 * @example collapseLetterSpacing('П Л А Н') // 'ПЛАН'
 */
export function collapseLetterSpacing(line: string): string {
  // Words of a letter-spaced line stand two spaces or more apart; their letters one.
  return line
    .split(/(\s{2,})/)
    .map((part) => part.replace(/(?<![\p{L}.])\p{Lu}(?: \p{Lu}){2,}(?![\p{L}.])/gu, (m) => m.replace(/ /g, '')))
    .join('');
}

/** Words a title opens with (the document calling itself what it is). */
const TITLE_START =
  /^[«"(]*(план(?![а-яё])|планмероприят|дорожн\S* карт|комплекс(н\S*)? (план|мер)|перечень(?![а-яё])|информаци[яи](?![а-яё])|отч[её]т(?![а-яё])|сведения(?![а-яё])|доклад(?![а-яё])|мероприятия(?![а-яё])|государственн\S* программ|подпрограмм|региональн\S* (программ|проект)|программа(?![а-яё])|реестр(?![а-яё])|график(?![а-яё])|об исполнении|о ходе|по исполнению|итоги(?![а-яё])|результаты(?![а-яё]))/i;

/** Lines that end a title: a part heading, an approval, notes of a legal database or a site. */
const TITLE_STOP =
  /^(\(?\s*утв\.|\(?\s*в ред\.|список изменяющих|утвержд|согласован|приложение|(\d{1,2}|[IVXLC]{1,6})[.)]\s+\S|раздел\s|дата (публикации|сохранения|размещения|изменения)|опубликован|размещен[оа]?:|обновлен[оа]?:|просмотр|документ предоставлен|№\s*п\/п|n\s*п\/п)/i;

/** A line naming a document afresh («ИНФОРМАЦИЯ», «План мероприятий …»): a new title begins. */
const NEW_TITLE =
  /^(план|дорожн\S* карт|перечень|информаци[яи]|отч[её]т|сведения|доклад|государственн\S* программ|программа)(?![а-яё])/i;

/**
 * The title, or null when no line reads as the start of one. `lines` are the lines
 * before the table (whitespace as printed).
 * @example findTitle(['Главная', 'П Л А Н', 'мероприятий на 2025 год']) // 'ПЛАН мероприятий на 2025 год'
 */
export function findTitle(lines: string[], skip: (index: number) => boolean = () => false): string | null {
  const norm = lines.map((l) => normalizeSpace(collapseLetterSpacing(l.trim())));
  let best: string[] | null = null;
  for (let i = 0; i < norm.length; i++) {
    if (skip(i) || !TITLE_START.test(norm[i]) || norm[i].length > 400) continue;
    const run = [norm[i]];
    let j = i + 1;
    for (; j < norm.length && run.length < 8; j++) {
      if (skip(j) || TITLE_STOP.test(norm[j]) || !norm[j] || (NEW_TITLE.test(norm[j]) && /^\p{Lu}/u.test(norm[j])))
        break;
      run.push(norm[j]);
    }
    best = run;
    i = j - 1;
  }
  return best ? normalizeSpace(best.join(' ')) : null;
}
