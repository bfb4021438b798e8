/** The pieces of the protocol reader, one phrase at a time. */
import { describe, expect, it } from 'vitest';
import { parseTextRendering } from '../text-reader.js';
import { findDativeAddressees } from './addressees.js';
import { findDeadlineInText, readLabelledTerms, tidyTerm } from './decision-terms.js';
import { councilName, findTitleLine, readProtocolHeader } from './protocol-header.js';
import { isSignature, isVoting, matchDecided, parseNumbered, splitSpeakers } from './protocol-markers.js';
import { isProtocolDocument, readProtocol } from './read-protocol.js';
import { isDativeAddresseeStart, isInfinitive } from './russian-words.js';

describe('infinitives and addressees', () => {
  it('tells infinitives from nouns with the same endings', () => {
    for (const w of ['обеспечить', 'провести', 'внести', 'учесть', 'руководствоваться', 'привлечь', 'найти'])
      expect(isInfinitive(w), w).toBe(true);
    for (const w of ['области', 'деятельность', 'власти', 'сеть', 'печать', 'ночь', 'части', 'доступность'])
      expect(isInfinitive(w), w).toBe(false);
  });

  it('recognises addressees in the dative and nothing else', () => {
    const yes = [
      ['Министерству', 'труда'],
      ['органам', 'местного'],
      ['Областному', 'центру'],
      ['Региональной', 'общественной', 'организации'],
      ['Иванову', 'И', 'И'],
      ['Минтруду'],
      ['ГБУ', 'КЦСОН'],
      ['образовательным', 'организациям'],
      ['Секретарю', 'Совета'],
    ];
    for (const w of yes) expect(isDativeAddresseeStart(w), w.join(' ')).toBe(true);
    const no = [
      ['Информацию', 'принять'],
      ['Утвердить', 'план'],
      ['Рабочую', 'группу'],
      ['Доклад', 'Иванова'],
      ['Плану', 'работы'],
      ['Вопрос', 'снять'],
    ];
    for (const w of no) expect(isDativeAddresseeStart(w), w.join(' ')).toBe(false);
  });

  it('takes the addressees as written, up to what they are to do', () => {
    expect(
      findDativeAddressees(
        'Министерству труда и социального развития Омской области (Иванову И.И.) обеспечить приём заявок.',
      ),
    ).toBe('Министерству труда и социального развития Омской области (Иванову И.И.)');
    expect(
      findDativeAddressees(
        'Рекомендовать органам местного самоуправления (далее – ОМСУ), главам поселений: организовать …',
      ),
    ).toBe('органам местного самоуправления (далее – ОМСУ), главам поселений');
    expect(findDativeAddressees('Поручить Минтруду совместно с Минздравом в срок до 1 июня подготовить доклад')).toBe(
      'Минтруду',
    );
    expect(findDativeAddressees('Уполномоченному по правам человека в Омской области рассмотреть обращения')).toBe(
      'Уполномоченному по правам человека в Омской области',
    );
    expect(findDativeAddressees('Общественному совету при Министерстве культуры провести оценку')).toBe(
      'Общественному совету при Министерстве культуры',
    );
    expect(findDativeAddressees('Информацию принять к сведению.')).toBe('');
    expect(findDativeAddressees('Рекомендовать утвердить план.')).toBe('');
    expect(findDativeAddressees('Министерству труда – доклад о ходе работы')).toBe('');
  });
});

describe('deadlines and executors of a decision', () => {
  it('finds the term inside the sentence, keeping its preposition', () => {
    const cases: Array<[string, string]> = [
      ['Минтруду в срок до 1 июня 2024 г. подготовить доклад', 'до 1 июня 2024 г.'],
      ['Доложить о результатах к следующему заседанию Совета.', 'к следующему заседанию Совета'],
      [
        'Направить перечень в течение 5 рабочих дней со дня подписания протокола.',
        'в течение 5 рабочих дней со дня подписания протокола',
      ],
      [
        'Направлять сведения ежеквартально до 10 числа месяца, следующего за отчетным кварталом.',
        'ежеквартально до 10 числа месяца, следующего за отчетным кварталом',
      ],
      ['Провести семинар в III квартале 2024 г. на базе центра', 'в III квартале 2024 г.'],
      ['Не позднее 15.09.2024 представить отчет', 'Не позднее 15.09.2024'],
      [
        'Организовать рейды в период с 20 декабря 2024 г. по 10 января 2025 г.',
        'в период с 20 декабря 2024 г. по 10 января 2025 г.',
      ],
      ['Предусмотреть в 2025 году средства на адаптацию', 'в 2025 году'],
      ['Информацию принять к сведению.', ''],
      ['Обеспечить охват детей в возрасте до 18 лет', ''],
      ['Утвердить перечень организаций для оценки в 2025 году (прилагается).', ''],
      ['Отчет за 2023 год в 2023 году принять к сведению.', ''],
    ];
    for (const [text, want] of cases) expect(findDeadlineInText(text), text).toBe(want);
  });

  it('reads labelled terms on their own line, after the sentence and in brackets', () => {
    expect(readLabelledTerms('Срок: до 1 июня 2024 г. Ответственный: Минтруд.')).toEqual({
      deadline: 'до 1 июня 2024 г.',
      executors: 'Минтруд',
      rest: '',
    });
    expect(readLabelledTerms('Срок исполнения – в течение месяца.').deadline).toBe('в течение месяца');
    expect(readLabelledTerms('СРОК: постоянно').deadline).toBe('постоянно');
    const bracketed = readLabelledTerms(
      'Направить результаты в Минкультуры (ответственный – секретарь Совета; срок – до 25 апреля 2024 г.).',
    );
    expect(bracketed).toMatchObject({ executors: 'секретарь Совета', deadline: 'до 25 апреля 2024 г.' });
    // In brackets the term stays in the decision's text; a sentence of its own leaves it.
    expect(bracketed.rest).toContain('(ответственный');
    expect(readLabelledTerms('Провести семинар. Срок: II квартал 2024 г.')).toMatchObject({
      deadline: 'II квартал 2024 г.',
      rest: 'Провести семинар.',
    });
    expect(readLabelledTerms('Рекомендовать ОМСУ провести семинары; срок – до 1 декабря 2023 г.')).toMatchObject({
      deadline: 'до 1 декабря 2023 г.',
      rest: 'Рекомендовать ОМСУ провести семинары; срок – до 1 декабря 2023 г.',
    });
    expect(readLabelledTerms('Ответственный: Иванов И.И.').executors).toBe('Иванов И.И.');
  });

  it('tidies a term without eating «г.» or initials', () => {
    expect(tidyTerm('до 1 декабря 2024 г.')).toBe('до 1 декабря 2024 г.');
    expect(tidyTerm('постоянно.')).toBe('постоянно');
    expect(tidyTerm('до 25 апреля 2024 г.).')).toBe('до 25 апреля 2024 г.');
  });
});

describe('protocol markers', () => {
  it('knows the decision heading from a vote and from a decision', () => {
    expect(matchDecided('РЕШИЛИ:')).toEqual({ rest: '' });
    expect(matchDecided('По итогам обсуждения решили: 1. Информацию принять к сведению.')).toEqual({
      rest: '1. Информацию принять к сведению.',
    });
    expect(matchDecided('Совет решил:')).toEqual({ rest: '' });
    expect(matchDecided('Решение принято единогласно.')).toBeNull();
    expect(matchDecided('Секретарю направить решение: …')).toBeNull();
    expect(isVoting('Решение принято единогласно.')).toBe(true);
    expect(isVoting('«за» – 12, «против» – нет')).toBe(true);
  });

  it('reads numbers as printed and leaves dates alone', () => {
    expect(parseNumbered('1.1. Информацию принять')).toMatchObject({ number: '1.1', levels: [1, 1], delimiter: '.' });
    expect(parseNumbered('2) обеспечить')).toMatchObject({ number: '2', delimiter: ')' });
    expect(parseNumbered('IV. Разное')).toMatchObject({ number: 'IV', kind: 'roman' });
    expect(parseNumbered('15.03.2024 № 1')).toBeNull();
    expect(parseNumbered('2024 год')).toBeNull();
  });

  it('parts a question from its speakers', () => {
    expect(splitSpeakers('Об итогах года (Иванов И.И., министр труда)')).toEqual({
      title: 'Об итогах года',
      speakers: ['Иванов И.И., министр труда'],
    });
    expect(splitSpeakers('О плане – Белкин Роман Андреевич, министр культуры.')).toEqual({
      title: 'О плане',
      speakers: ['Белкин Роман Андреевич, министр культуры'],
    });
    expect(splitSpeakers('О поддержке СО НКО (далее – НКО).').title).toBe('О поддержке СО НКО (далее – НКО)');
    expect(splitSpeakers('О конкурсе. Докладчик: Петров П.П.')).toEqual({
      title: 'О конкурсе',
      speakers: ['Петров П.П.'],
    });
  });

  it('tells a signature from speech', () => {
    expect(isSignature('Председатель Совета И.И. Иванов', null)).toBe(true);
    expect(isSignature('Секретарь', null)).toBe(true);
    expect(isSignature('Председатель Совета отметил, что работа ведётся.', null)).toBe(false);
    expect(isSignature('Руководитель рабочей группы Г.Е. Панов', ['Руководитель рабочей группы', 'Г.Е. Панов'])).toBe(
      true,
    );
  });
});

describe('protocol header', () => {
  it('puts the council into the nominative', () => {
    expect(
      councilName('ПРОТОКОЛ заседания межведомственной комиссии по делам несовершеннолетних от 15.03.2024 № 2'),
    ).toBe('Межведомственная комиссия по делам несовершеннолетних');
    expect(councilName('заседания рабочей группы по развитию добровольчества')).toBe(
      'Рабочая группа по развитию добровольчества',
    );
    expect(councilName('заочного заседания Общественного совета при Министерстве труда (заочное голосование)')).toBe(
      'Общественный совет при Министерстве труда',
    );
  });

  it('takes the date printed with the number, not the date of an act in the name', () => {
    const lines = [
      'ПРОТОКОЛ',
      'заседания Совета, образованного распоряжением Губернатора от 10.01.2020 № 3-р',
      '15 марта 2024 г.          № 1',
      'г. Омск',
    ];
    const h = readProtocolHeader(lines, findTitleLine(lines), lines.length);
    expect(h).toMatchObject({ number: '1', date: '2024-03-15', place: 'г. Омск' });
    const one = [
      'ПРОТОКОЛ № 3-СО',
      'заседания Общественного совета при Министерстве образования Омской области',
      'от 20.06.2024',
    ];
    expect(readProtocolHeader(one, 0, one.length)).toMatchObject({ number: '3-СО', date: '2024-06-20' });
  });

  it('detects a protocol by its head and layout, not by the word alone', () => {
    const doc = (s: string) => parseTextRendering(s);
    expect(
      isProtocolDocument(doc('П Р О Т О К О Л\nзаседания Совета\n№ 1\nРЕШИЛИ:\n1. Информацию принять к сведению.')),
    ).toBe(true);
    expect(
      isProtocolDocument(
        doc('ИНФОРМАЦИЯ об исполнении решений\nПротокол заседания Совета от 1 октября 2021 года\nРЕШИЛИ:'),
      ),
    ).toBe(false);
    expect(
      isProtocolDocument(doc('Протокол заседания Совета от 1 октября 2021 года\nпункт 5\tОрганизовать рейтинг')),
    ).toBe(false);
  });

  it('reads a protocol whose decisions stand in one block, numbered by question', () => {
    const raw = parseTextRendering(
      [
        'ПРОТОКОЛ',
        'заседания Координационного совета',
        '15.03.2024 № 1',
        'ПОВЕСТКА ДНЯ:',
        '1. О плане работы.',
        '2. О конкурсе грантов.',
        'РЕШИЛИ:',
        '1.1. Утвердить план работы.',
        '2.1. Министерству экономики провести конкурс до 1 июня 2024 г.',
      ].join('\n'),
    );
    const doc = readProtocol(raw);
    expect(doc.items.map((i) => [i.number, i.section, i.executorsText, i.deadlineText])).toEqual([
      ['1.1', '1', '', ''],
      ['2.1', '2', 'Министерству экономики', 'до 1 июня 2024 г.'],
    ]);
  });

  it('keeps sub-points «1)», «2)» inside the decision they follow', () => {
    const raw = parseTextRendering(
      [
        'ПРОТОКОЛ',
        'заседания Координационного совета',
        '№ 3 от 1 октября 2021 года',
        'I. О поддержке СО НКО',
        'РЕШИЛИ:',
        '1. Информацию принять к сведению.',
        '2. Минобразования, Минтруду:',
        '1) обеспечить показ роликов;',
        '2) в срок до 1 мая 2022 года направить предложения.',
        '3. Минтруду провести рейтинг.',
      ].join('\n'),
    );
    const doc = readProtocol(raw);
    expect(doc.items.map((i) => i.number)).toEqual(['1', '2', '3']);
    expect(doc.items[1]).toMatchObject({
      executorsText: 'Минобразования, Минтруду',
      deadlineText: 'до 1 мая 2022 года',
    });
    expect(doc.items[1].title).toBe(
      'Минобразования, Минтруду: 1) обеспечить показ роликов; 2) в срок до 1 мая 2022 года направить предложения.',
    );
  });

  it('takes an agenda question repeated without its number as its heading, and a list in a speech as no question', () => {
    const raw = parseTextRendering(
      [
        'ПРОТОКОЛ № 2',
        'заседания общественного совета при министерстве труда',
        'от 10.02.2025',
        'ПОВЕСТКА ДНЯ:',
        '1. О плане работы общественного совета на 2025 год.',
        '2. О результатах мониторинга качества услуг.',
        'О плане работы общественного совета на 2025 год',
        'РЕШИЛИ:',
        '1. Утвердить план работы на 2025 год.',
        'О результатах мониторинга качества услуг',
        'СЛУШАЛИ: Петрову П.П., которая сообщила:',
        '3. О росте числа жалоб в 2024 году.',
        'РЕШИЛИ:',
        '1. Информацию принять к сведению.',
        '2. Министерству труда устранить недостатки. Срок: до 1 мая 2025 г. Ответственный: Сидоров С.С.',
      ].join('\n'),
    );
    const doc = readProtocol(raw);
    expect(doc.sections.map((x) => x.number)).toEqual(['1', '2']);
    expect(doc.items.map((i) => [i.section, i.number, i.executorsText, i.deadlineText])).toEqual([
      ['1', '1', '', ''],
      ['2', '1', '', ''],
      ['2', '2', 'Сидоров С.С.', 'до 1 мая 2025 г.'],
    ]);
    expect(doc.items[2].title).toBe('Министерству труда устранить недостатки.');
  });
});
