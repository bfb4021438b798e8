/**
 * Demo region for a first look at the product: a dozen organisations with aliases,
 * one user per role, and two plans written in the genre of real regional documents
 * (a plan of measures and a council's instructions). The region and its bodies are
 * fictional.
 */
import type { Database, Queryable } from '../db/database.js';
import { hashPassword } from '../modules/auth/index.js';
import { regenerateControlPoints } from '../modules/obligations/index.js';
import { ensurePeriods } from '../modules/obligations/index.js';

export const DEMO_REGION = 'Северо-Озёрская область';

type OrgSeed = {
  key: string;
  kind: string;
  full: string;
  short: string;
  aliases?: string[];
  parent?: string;
  external?: boolean;
};

const orgs: OrgSeed[] = [
  { key: 'gov', kind: 'region', full: 'Правительство Северо-Озёрской области', short: 'Правительство области' },
  {
    key: 'minsoc',
    kind: 'executive',
    full: 'Министерство социальной защиты населения Северо-Озёрской области',
    short: 'Минсоцзащиты',
    aliases: ['Минсоц', 'министерство социальной защиты'],
    parent: 'gov',
  },
  {
    key: 'minzdrav',
    kind: 'executive',
    full: 'Министерство здравоохранения Северо-Озёрской области',
    short: 'Минздрав',
    parent: 'gov',
  },
  {
    key: 'minobr',
    kind: 'executive',
    full: 'Министерство образования и науки Северо-Озёрской области',
    short: 'Минобрнауки',
    aliases: ['Минобр', 'Минобразования'],
    parent: 'gov',
  },
  {
    key: 'minkult',
    kind: 'executive',
    full: 'Министерство культуры Северо-Озёрской области',
    short: 'Минкультуры',
    aliases: ['Минкульт'],
    parent: 'gov',
  },
  {
    key: 'minsport',
    kind: 'executive',
    full: 'Министерство физической культуры и спорта Северо-Озёрской области',
    short: 'Минспорт',
    parent: 'gov',
  },
  {
    key: 'mineco',
    kind: 'executive',
    full: 'Министерство экономического развития Северо-Озёрской области',
    short: 'Минэкономразвития',
    aliases: ['Минэконом'],
    parent: 'gov',
  },
  {
    key: 'kcson',
    kind: 'institution',
    full: 'Государственное бюджетное учреждение Северо-Озёрской области «Комплексный центр социального обслуживания населения «Берег»»',
    short: 'ГБУ «КЦСОН «Берег»»',
    aliases: ['КЦСОН «Берег»'],
    parent: 'minsoc',
  },
  {
    key: 'rcnko',
    kind: 'institution',
    full: 'Государственное автономное учреждение Северо-Озёрской области «Ресурсный центр поддержки некоммерческих организаций»',
    short: 'ГАУ «Ресурсный центр НКО»',
    aliases: ['Ресурсный центр'],
    parent: 'minsoc',
  },
  {
    key: 'heads',
    kind: 'group',
    full: 'Главы администраций муниципальных районов и городских округов Северо-Озёрской области',
    short: 'Главы администраций МР и ГО',
    aliases: ['органы местного самоуправления', 'ОМСУ'],
  },
  {
    key: 'ozersk',
    kind: 'municipality',
    full: 'Администрация городского округа «Город Озёрск»',
    short: 'Администрация г. Озёрска',
  },
  {
    key: 'op',
    kind: 'council',
    full: 'Общественная палата Северо-Озёрской области',
    short: 'Общественная палата',
    external: true,
  },
  {
    key: 'council',
    kind: 'council',
    full: 'Координационный совет по поддержке социально ориентированных некоммерческих организаций при Губернаторе Северо-Озёрской области',
    short: 'Координационный совет',
    parent: 'gov',
  },
  {
    key: 'members',
    kind: 'group',
    full: 'Члены Координационного совета',
    short: 'Члены Координационного совета',
    parent: 'council',
  },
  {
    key: 'ngo',
    kind: 'ngo',
    full: 'Региональная общественная организация «Озёрский союз добровольцев»',
    short: 'РОО «Озёрский союз добровольцев»',
    external: true,
  },
];

export const DEMO_USERS = [
  { login: 'admin', fullName: 'Администратор системы', role: 'admin', org: 'gov', password: 'demo-admin-2025' },
  {
    login: 'coordinator',
    fullName: 'Иванова Елена Сергеевна',
    role: 'coordinator',
    org: 'minsoc',
    password: 'demo-coord-2025',
  },
  {
    login: 'executor',
    fullName: 'Петров Андрей Викторович',
    role: 'executor',
    org: 'minkult',
    password: 'demo-exec-2025',
  },
  {
    login: 'executor2',
    fullName: 'Смирнова Ольга Николаевна',
    role: 'executor',
    org: 'minzdrav',
    password: 'demo-exec-2025',
  },
  {
    login: 'observer',
    fullName: 'Кузнецов Павел Игоревич',
    role: 'observer',
    org: 'council',
    password: 'demo-observer-2025',
  },
] as const;

type MeasureSeed = {
  n: string;
  title: string;
  lead: string;
  co?: string[];
  deadline: string;
  result?: string;
  status?: string;
  execution?: string;
  protocol?: string;
};

const plan1Sections: { n: string; title: string; measures: MeasureSeed[] }[] = [
  {
    n: '1',
    title: 'Организационные мероприятия',
    measures: [
      {
        n: '1.1',
        title:
          'Формирование и ведение реестра социально ориентированных некоммерческих организаций — получателей поддержки',
        lead: 'minsoc',
        co: ['mineco'],
        deadline: 'постоянно, отчет ежегодно до 25 декабря',
        result: 'Актуальный реестр СО НКО на официальном сайте',
        status: 'done',
        execution:
          'Реестр ведётся в электронном виде, размещён на официальном сайте министерства, обновлён 12.12.2025.',
      },
      {
        n: '1.2',
        title: 'Подготовка ежегодного доклада о состоянии и развитии некоммерческого сектора Северо-Озёрской области',
        lead: 'mineco',
        co: ['minsoc', 'op'],
        deadline: 'ежегодно до 1 июня',
        result: 'Доклад Губернатору области',
      },
      {
        n: '1.3',
        title: 'Проведение рабочих встреч представителей СО НКО и органов местного самоуправления',
        lead: 'heads',
        co: ['rcnko'],
        deadline: 'ежеквартально',
        result: 'Протоколы рабочих встреч',
      },
    ],
  },
  {
    n: '2',
    title: 'Доступ СО НКО к предоставлению услуг в социальной сфере',
    measures: [
      {
        n: '2.1',
        title: 'Внесение изменений в порядок предоставления субсидий СО НКО на оказание социальных услуг',
        lead: 'minsoc',
        deadline: 'II квартал 2025 г.',
        result: 'Постановление Правительства области',
        status: 'done',
        execution: 'Постановление Правительства Северо-Озёрской области от 18.06.2025 № 311-п принято.',
      },
      {
        n: '2.2',
        title: 'Организация культурно-просветительских мероприятий с участием СО НКО в учреждениях культуры',
        lead: 'minkult',
        co: ['heads', 'ngo'],
        deadline: 'не реже 2 раз в год',
        result: 'Не менее 10 мероприятий в год',
      },
      {
        n: '2.3',
        title: 'Привлечение СО НКО к оказанию услуг по профилактике заболеваний и пропаганде здорового образа жизни',
        lead: 'minzdrav',
        co: ['minkult'],
        deadline: 'до 30 ноября 2025 г.',
        result: 'Соглашения с СО НКО',
        status: 'partial',
        execution: 'Заключено 3 соглашения из 5 запланированных.',
      },
      {
        n: '2.4',
        title: 'Проведение независимой оценки качества условий оказания услуг организациями социального обслуживания',
        lead: 'minsoc',
        co: ['kcson', 'op'],
        deadline: 'в течение 10 рабочих дней после поступления информации от Общественного совета',
        result: 'Размещение результатов на bus.gov.ru',
      },
    ],
  },
  {
    n: '3',
    title: 'Информационная и консультационная поддержка',
    measures: [
      {
        n: '3.1',
        title: 'Размещение информации о мерах поддержки СО НКО на официальных сайтах и в социальных сетях',
        lead: 'minsoc',
        co: ['minkult', 'minsport', 'minobr'],
        deadline: 'ежемесячно',
        result: 'Публикации на сайтах',
      },
      {
        n: '3.2',
        title: 'Обучающие семинары для руководителей и сотрудников СО НКО по подготовке заявок на конкурсы грантов',
        lead: 'rcnko',
        deadline: '1 раз в полугодие',
        result: 'Не менее 200 обученных в год',
      },
      {
        n: '3.3',
        title: 'Проведение областного форума некоммерческих организаций «Озёрские инициативы»',
        lead: 'minsoc',
        co: ['op', 'ngo', 'minsport'],
        deadline: 'сентябрь 2026 г.',
        result: 'Резолюция форума',
      },
    ],
  },
];

const councilMeasures: MeasureSeed[] = [
  {
    n: '1',
    protocol: 'пункт 2 вопроса № 1',
    title:
      'Подготовить предложения по расширению перечня социальных услуг, оказываемых негосударственными поставщиками (в срок до 1 сентября 2025 года)',
    lead: 'minsoc',
    deadline: 'до 1 сентября 2025 г.',
    status: 'done',
    execution: 'Предложения направлены в Правительство области письмом от 25.08.2025 № 04-11/2231.',
  },
  {
    n: '2',
    protocol: 'подпункт 1 пункта 3 вопроса № 2',
    title: 'Обеспечить информирование населения о деятельности СО НКО через муниципальные средства массовой информации',
    lead: 'heads',
    co: ['ozersk'],
    deadline: 'постоянно, информацию представлять ежеквартально до 10 числа месяца, следующего за отчетным кварталом',
  },
  {
    n: '3',
    protocol: 'пункт 4 вопроса № 2',
    title:
      'Рассмотреть на заседании Координационного совета итоги рейтинга муниципальных образований по поддержке СО НКО',
    lead: 'members',
    co: ['minsoc'],
    deadline: 'IV квартал 2025 г.',
  },
  {
    n: '4',
    protocol: 'пункт 1 вопроса № 3',
    title: 'Направить в министерство социальной защиты населения информацию о наиболее успешных практиках СО НКО',
    lead: 'minkult',
    co: ['minzdrav', 'minsport'],
    deadline: 'в течение 5 дней после дня проведения заседания',
    status: 'not_done',
  },
];

async function insertMeasures(
  tx: Queryable,
  regionId: number,
  planId: number,
  sectionId: number | null,
  ids: Map<string, number>,
  list: MeasureSeed[],
  start: number,
) {
  let pos = start;
  for (const m of list) {
    const r = await tx.one<{ id: number }>(
      `INSERT INTO measures (region_id, plan_id, section_id, number, title, expected_result, deadline_text, status, execution_text, protocol_item, position)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
      [
        regionId,
        planId,
        sectionId,
        m.n,
        m.title,
        m.result ?? '',
        m.deadline,
        m.status ?? null,
        m.execution ?? '',
        m.protocol ?? '',
        ++pos,
      ],
    );
    const execs = [m.lead, ...(m.co ?? [])];
    for (const [i, key] of execs.entries()) {
      await tx.query(
        `INSERT INTO measure_executors (measure_id, organisation_id, role, position) VALUES ($1,$2,$3,$4)`,
        [r!.id, ids.get(key), i === 0 ? 'lead' : 'co', i],
      );
    }
  }
  return pos;
}

/** True when the database holds no region yet. */
export async function isEmpty(db: Queryable): Promise<boolean> {
  const r = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM regions`);
  return (r?.n ?? 0) === 0;
}

export async function seedDemo(db: Database): Promise<typeof DEMO_USERS> {
  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
  await db.transaction(async (tx) => {
    const region = await tx.one<{ id: number }>(`INSERT INTO regions (name) VALUES ($1) RETURNING id`, [DEMO_REGION]);
    const regionId = region!.id;
    const ids = new Map<string, number>();
    for (const o of orgs) {
      const r = await tx.one<{ id: number }>(
        `INSERT INTO organisations (region_id, parent_id, kind, full_name, short_name, aliases, external) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
        [regionId, o.parent ? ids.get(o.parent) : null, o.kind, o.full, o.short, o.aliases ?? [], o.external ?? false],
      );
      ids.set(o.key, r!.id);
    }
    for (const [i, u] of DEMO_USERS.entries()) {
      await tx.query(
        `INSERT INTO users (region_id, organisation_id, login, full_name, email, role, password_hash) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
        [regionId, ids.get(u.org), u.login, u.fullName, `${u.login}@demo.ispolnenie.local`, u.role, hashes[i]],
      );
    }
    const plan1 = await tx.one<{ id: number }>(
      `INSERT INTO plans (region_id, kind, title, owner_organisation_id, period_from, period_to, approved_by_name, approved_on)
       VALUES ($1,'plan',$2,$3,'2025-01-01','2027-12-31','Н.В. Морозова','2024-12-26') RETURNING id`,
      [
        regionId,
        'План мероприятий по поддержке социально ориентированных некоммерческих организаций в Северо-Озёрской области на 2025–2027 годы',
        ids.get('minsoc'),
      ],
    );
    let pos = 0;
    for (const [i, s] of plan1Sections.entries()) {
      const sec = await tx.one<{ id: number }>(
        `INSERT INTO sections (plan_id, number, title, position) VALUES ($1,$2,$3,$4) RETURNING id`,
        [plan1!.id, s.n, s.title, i + 1],
      );
      pos = await insertMeasures(tx, regionId, plan1!.id, sec!.id, ids, s.measures, pos);
    }
    const plan2 = await tx.one<{ id: number }>(
      `INSERT INTO plans (region_id, kind, title, owner_organisation_id, period_from, period_to)
       VALUES ($1,'council_decisions',$2,$3,'2025-01-01','2025-12-31') RETURNING id`,
      [
        regionId,
        'Поручения Координационного совета по поддержке социально ориентированных некоммерческих организаций при Губернаторе Северо-Озёрской области',
        ids.get('minsoc'),
      ],
    );
    const protocol = await tx.one<{ id: number }>(
      `INSERT INTO sections (plan_id, number, title, position) VALUES ($1,'2025-04-17','Протокол заседания Координационного совета от 17 апреля 2025 года',1) RETURNING id`,
      [plan2!.id],
    );
    await insertMeasures(tx, regionId, plan2!.id, protocol!.id, ids, councilMeasures, 0);
    await seedCouncil(tx, regionId, plan2!.id, protocol!.id, ids);
    for (const id of [plan1!.id, plan2!.id]) {
      await ensurePeriods(tx, id);
      await regenerateControlPoints(tx, { planId: id });
    }
    await tx.query(
      `INSERT INTO audit_events (region_id, action, entity_type, entity_id, source) VALUES ($1,'demo.seed','plan',NULL,'demo')`,
      [regionId],
    );
  });
  return DEMO_USERS;
}

/**
 * The council of the demo (issue 12): its composition (one member replaced during the year),
 * the meeting of 17 April 2025 whose protocol gave the instructions above, held with a quorum,
 * and the next meeting planned, with its agenda — so that the secretary's screens have work.
 */
async function seedCouncil(
  tx: Queryable,
  regionId: number,
  planId: number,
  sectionId: number,
  ids: Map<string, number>,
): Promise<void> {
  const council = await tx.one<{ id: number }>(
    `INSERT INTO councils (region_id, owner_organisation_id, full_name, short_name, kind, act_title, act_number, act_date, meeting_rule, plan_id)
     VALUES ($1,$2,$3,'Координационный совет по СО НКО','coordination','распоряжение Губернатора Северо-Озёрской области','112-р','2024-11-20','1 раз в квартал',$4)
     RETURNING id`,
    [
      regionId,
      ids.get('minsoc'),
      'Координационный совет по поддержке социально ориентированных некоммерческих организаций при Губернаторе Северо-Озёрской области',
      planId,
    ],
  );
  const members: [string, string, string | null, string, string, string | null][] = [
    ['Морозова Н.В.', 'заместитель Губернатора области', 'gov', 'chair', '2024-11-20', null],
    ['Соколов А.П.', 'министр социальной защиты населения области', 'minsoc', 'deputy_chair', '2024-11-20', null],
    ['Лебедева О.А.', 'консультант Минсоцзащиты', 'minsoc', 'secretary', '2024-11-20', null],
    ['Гришин П.С.', 'заместитель министра культуры области', 'minkult', 'member', '2024-11-20', null],
    ['Орлова Т.Н.', 'заместитель министра здравоохранения области', 'minzdrav', 'member', '2024-11-20', '2025-06-30'],
    ['Савельева И.Н.', 'заместитель министра здравоохранения области', 'minzdrav', 'member', '2025-07-01', null],
    ['Яковлев Р.Т.', 'председатель Общественной палаты области', 'op', 'member', '2024-11-20', null],
  ];
  const memberIds: number[] = [];
  for (const [name, position, org, role, from, to] of members) {
    const m = await tx.one<{ id: number }>(
      `INSERT INTO council_members (region_id, council_id, person_name, position, organisation_id, role, from_date, to_date)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [regionId, council!.id, name, position, org ? (ids.get(org) ?? null) : null, role, from, to],
    );
    memberIds.push(m!.id);
  }
  const held = await tx.one<{ id: number }>(
    `INSERT INTO council_meetings (region_id, council_id, number, held_on, start_time, format, place, status, section_id)
     VALUES ($1,$2,'2','2025-04-17','11:00','in_person','Дом Правительства области, зал заседаний','held',$3) RETURNING id`,
    [regionId, council!.id, sectionId],
  );
  await tx.query(
    `INSERT INTO meeting_questions (meeting_id, position, number, title, speakers) VALUES
       ($1, 1, '1', 'О доступе негосударственных организаций к предоставлению социальных услуг', 'Соколов А.П.'),
       ($1, 2, '2', 'Об информационной поддержке социально ориентированных некоммерческих организаций', 'Лебедева О.А.'),
       ($1, 3, '3', 'Об обобщении успешных практик СО НКО', 'Гришин П.С.')`,
    [held!.id],
  );
  // Present: all but the deputy chair and one member — five of six, a quorum.
  await tx.query(`INSERT INTO meeting_attendance (meeting_id, member_id) SELECT $1, unnest($2::int[])`, [
    held!.id,
    [memberIds[0], memberIds[2], memberIds[3], memberIds[4], memberIds[6]],
  ]);
  await tx.query(
    `INSERT INTO instruction_control (measure_id, region_id, council_id, meeting_id, question_number)
     SELECT m.id, $1, $2, $3, coalesce(substring(m.protocol_item FROM 'вопроса № (\\S+)'), '')
     FROM measures m WHERE m.section_id = $4`,
    [regionId, council!.id, held!.id, sectionId],
  );
  const next = await tx.one<{ id: number }>(
    `INSERT INTO council_meetings (region_id, council_id, number, held_on, start_time, format, place, status)
     VALUES ($1,$2,'3','2025-10-16','11:00','video','','planned') RETURNING id`,
    [regionId, council!.id],
  );
  await tx.query(
    `INSERT INTO meeting_questions (meeting_id, position, number, title, speakers) VALUES
       ($1, 1, '1', 'Об исполнении решений Координационного совета от 17 апреля 2025 года', 'Лебедева О.А.'),
       ($1, 2, '2', 'Об итогах рейтинга муниципальных образований по поддержке СО НКО', 'Соколов А.П.')`,
    [next!.id],
  );
}
