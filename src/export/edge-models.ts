/**
 * Report models that exercise the corners of the layout (rows outside sections,
 * Roman section numbers, item numbers with letters and ranges, characters XML must
 * escape or cannot carry, a row longer than a page), for the round-trip tests.
 */
import type { ReportModel } from './report-model.js';

const LONG_PARAGRAPH =
  'В рамках мероприятия проведены выездные проверки учреждений социального обслуживания, по итогам которых подготовлены рекомендации по улучшению условий оказания услуг, ' +
  'включая обеспечение доступности для маломобильных групп населения, информирование получателей услуг и сокращение сроков ожидания.';

export function edgePlanModel(): ReportModel {
  return {
    form: 'plan',
    title:
      'Информация об исполнении плана мероприятий («дорожной карты») по повышению доступности услуг\nв Заречной области за 2025 год',
    generatedOn: '2026-01-20',
    rowsWithoutSection: [
      {
        number: '1',
        title: 'Утверждение состава рабочей группы & порядка её работы <проект>',
        responsible: 'Минсоцразвития',
        deadline: 'январь 2025 г.',
        execution: 'Приказ Минсоцразвития от 15.01.2025 № 12-од «О рабочей группе» (размещен на сайте "minsoc").',
        status: 'done',
      },
    ],
    sections: [
      {
        number: 'I',
        title: 'Организационные мероприятия',
        rows: [
          {
            number: '2',
            title: 'Разработка\u0007 регламента\tмежведомственного взаимодействия',
            responsible: 'Минсоцразвития,\nМинздрав',
            deadline: 'до 1 марта\r\n2025 г.',
            execution:
              'Минсоцразвития:  проект регламента разработан.\r\n\r\nМинздрав: замечания направлены 20.02.2025.',
            status: 'partial',
          },
          {
            number: '2а',
            title: 'Согласование регламента с органами местного самоуправления',
            responsible: 'органы местного самоуправления (по согласованию)',
            deadline: 'II квартал 2025 г.',
            execution: 'Х',
            status: 'not_due',
          },
          {
            number: '3.1–3.4',
            title: 'Проведение обучающих семинаров для специалистов (четыре семинара по отдельному графику)',
            responsible: 'Ресурсный центр поддержки НКО (по согласованию)',
            deadline: 'ежеквартально',
            execution: 'Проведено 4 семинара, обучено 112 специалистов.',
            status: 'done',
          },
        ],
      },
      {
        number: 'II',
        title: 'II. Мониторинг и контроль',
        rows: [
          {
            number: '4',
            title: 'Мониторинг доступности объектов социальной инфраструктуры',
            responsible: 'Минсоцразвития, Минстрой',
            deadline: 'постоянно',
            // Several pages in one cell: the row breaks across pages.
            execution: Array.from({ length: 40 }, (_, i) => `${i + 1}) ${LONG_PARAGRAPH}`).join('\n'),
            status: 'not_done',
          },
        ],
      },
    ],
  };
}

export function edgeCouncilModel(): ReportModel {
  return {
    form: 'council',
    title: 'Информация об исполнении поручений Совета при Губернаторе Заречной области по вопросам социальной политики',
    generatedOn: '2025-12-01',
    rowsWithoutSection: [
      {
        number: '1',
        protocolItem: 'пункт 1',
        protocolDate: '2024-12-20',
        title: 'Подготовить доклад о ходе реализации регионального проекта',
        responsible: 'Минсоцразвития',
        deadline: '',
        execution: 'Доклад представлен на заседании Совета 14 марта 2025 года.',
        status: 'done',
      },
    ],
    sections: [
      {
        number: '2025-03-14',
        title: 'Протокол заседания Совета от 14 марта 2025 года № 1',
        rows: [
          {
            number: '2',
            protocolItem: 'подпункт 1\nпункта 2',
            protocolDate: '2025-03-14',
            title: 'Обеспечить размещение информации о мерах поддержки на портале «Навигатор»',
            responsible: 'Минцифры, Минсоцразвития',
            deadline: 'до 1 июня 2025 года',
            execution: 'Выполнено. Информация размещена, ссылка: https://navigator.zarechye.example/?a=1&b=2',
            status: 'done',
          },
          {
            number: '3',
            protocolItem: 'пункт 3',
            protocolDate: '2024-12-20',
            title: 'Рассмотреть вопрос о расширении перечня получателей социальных услуг',
            responsible: 'Члены Совета',
            deadline: '',
            execution: '',
            status: null,
          },
        ],
      },
    ],
  };
}
