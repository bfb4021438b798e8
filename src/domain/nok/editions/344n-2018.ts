/**
 * Edition «344n-2018»: the Единый порядок расчета показателей (приказ Минтруда России № 344н),
 * as it stood when adopted in 2018. Transcribed from the formula table of
 * ../shared/research/ratings-nok-portal-anchors.md §1(a) and nok-methodology.md §1.4–1.8.
 *
 * Sources named in the confidence fields (ids of nok-methodology.md §0):
 *   S1 — КонсультантПлюс cons_doc_LAW_308521, fragments of the indicator table of the order;
 *   S2 — d-russia.ru news on the *draft* of the order;
 *   S3 — the open-source calculator ruban-mn/model_test (a third party's reading of 344н);
 *   S4 — a regulations registry on GitHub (act metadata only).
 *
 * Two rules are not in any source and are our decisions (tier U, each with its 'decision'):
 *   - a share whose denominator is 0 counts 0 — see ZERO_DENOMINATOR below;
 *   - in the two-part indicators 1.1 and 1.3 that rule applies to each part on its own.
 * The 2.2-absent weights (К2 = 0,5·2.1 + 0,5·2.3) are S3's (tier C), as the research table says.
 */
import type { Confidence, IndicatorRule, Methodology, PairRef } from '../methodology.js';

const S3 = 'S3: ruban-mn/model_test, social-services page (also culture, education, medical pages)';

const fromS3 = (what: string): Confidence => ({ tier: 'C', source: `${S3}: ${what}` });

const WEIGHT_FROM_S3 = fromS3('weights of the criterion formula, identical on every sector page');

/** Survey denominators: S1 section 5 says «ответивших на соответствующий вопрос анкеты». */
const ANSWERED_DENOMINATOR =
  'S1 (section 5): the denominator is «число опрошенных получателей услуг, ответивших на соответствующий вопрос анкеты»';

/**
 * The order as retrieved says nothing about an empty denominator (research: nok-methodology.md
 * §1.8 and open item 7). S3 turns the resulting NaN into 0 ('fillna(0)'), i.e. the organisation
 * gets nothing for a share nobody could earn it on. We keep that reading — no satisfied recipient
 * is 0 % satisfied — for every share. For the two-part indicators 1.1 and 1.3 we apply it to each
 * part separately: the order scores the stand and the site as two equal halves of one indicator,
 * so an unused stand costs the stand's half only. (In S3 a NaN in one half also wipes out the
 * other half; we read that as an artefact of pandas' NaN arithmetic, not as the order's rule.)
 */
const ZERO_DENOMINATOR: Confidence = {
  tier: 'U',
  source: 'nok-methodology.md §1.8 (S3 fillna(0)); 344н fragments (S1) silent',
  decision:
    'A part whose denominator is 0 counts share 0 (no points for it); in 1.1 and 1.3 each of the two equal halves (stand, site) is treated on its own, so the other half still counts.',
};

const ZERO_DENOMINATOR_SHARE = 0;

/** One survey share with a single question: satisfied / answered × 100. */
function surveyShare(ref: PairRef, shortfall: string, empty: string): IndicatorRule['formula'] {
  return { kind: 'share', parts: [{ ref, shortfall, empty }], zeroDenominatorShare: ZERO_DENOMINATOR_SHARE };
}

export const EDITION_344N_2018: Methodology = {
  edition: '344n-2018',
  act: {
    title:
      'Об утверждении Единого порядка расчета показателей, характеризующих общие критерии оценки качества условий оказания услуг организациями в сфере культуры, охраны здоровья, образования, социального обслуживания и федеральными учреждениями медико-социальной экспертизы',
    reference: 'Приказ Минтруда России от 31.05.2018 № 344н',
    officialUrl: 'https://publication.pravo.gov.ru/document/0001201810120032',
    effectiveFrom: '2018-10-23',
    confidence: {
      tier: 'C',
      source:
        'Date 31.05.2018: kushbiblio.ru list of acts (C); publication URL and effective date: S4 registry (C), which gives 30.05.2018 as adoption date — conflict unresolved',
    },
  },
  scale: 100,
  indicators: [
    {
      id: '1.1',
      criterion: '1',
      name: 'Соответствие информации о деятельности организации, размещенной на общедоступных информационных ресурсах (на информационных стендах в помещении организации, на официальном сайте), ее содержанию и порядку (форме), установленным нормативными правовыми актами',
      variable: 'Пинф',
      optional: false,
      formula: {
        kind: 'share',
        parts: [
          {
            ref: 'info.stand',
            shortfall:
              'на стенде размещено {n} из {d} {d|обязательного сведения|обязательных сведений|обязательных сведений}',
            empty: 'для стенда не задано ни одного обязательного сведения',
          },
          {
            ref: 'info.site',
            shortfall:
              'на сайте размещено {n} из {d} {d|обязательного сведения|обязательных сведений|обязательных сведений}',
            empty: 'для сайта не задано ни одного обязательного сведения',
          },
        ],
        zeroDenominatorShare: ZERO_DENOMINATOR_SHARE,
      },
      confidence: {
        formula: {
          tier: 'A',
          source:
            'S1 (section 1): materials present «по отношению к количеству материалов, размещение которых установлено нормативными правовыми актами»; the equal 0,5 halves for stand and site: S3 (C)',
        },
        weight: WEIGHT_FROM_S3,
        zeroDenominator: ZERO_DENOMINATOR,
      },
    },
    {
      id: '1.2',
      criterion: '1',
      name: 'Наличие на официальном сайте информации о дистанционных способах обратной связи и взаимодействия с получателями услуг и их функционирование',
      variable: 'Пдист',
      optional: false,
      formula: {
        kind: 'points',
        ref: 'remoteChannels',
        pointsPerItem: 30,
        cap: 100,
        shortfall: 'дистанционных способов взаимодействия на сайте действует {n} из {need}, нужных для 100 баллов',
      },
      confidence: {
        formula: fromS3('Пдист = Тдист × Сдист, Тдист = 30 points per working channel'),
        weight: WEIGHT_FROM_S3,
        cap: fromS3('Пдист capped at 100 (so four channels are enough)'),
      },
    },
    {
      id: '1.3',
      criterion: '1',
      name: 'Доля получателей услуг, удовлетворенных открытостью, полнотой и доступностью информации о деятельности организации, размещенной на информационных стендах в помещении организации, на официальном сайте',
      variable: 'Поткруд',
      optional: false,
      formula: {
        kind: 'share',
        parts: [
          {
            ref: 'survey.1.3.stand',
            shortfall:
              'информацией на стенде удовлетворены {n} из {d} {d|обращавшегося|обращавшихся|обращавшихся} к ней',
            empty: 'к информации на стенде не обращался никто из опрошенных',
          },
          {
            ref: 'survey.1.3.site',
            shortfall:
              'информацией на сайте удовлетворены {n} из {d} {d|пользовавшегося|пользовавшихся|пользовавшихся} сайтом',
            empty: 'сайтом не пользовался никто из опрошенных',
          },
        ],
        zeroDenominatorShare: ZERO_DENOMINATOR_SHARE,
      },
      confidence: {
        formula: {
          tier: 'C',
          source: `${S3}: Поткруд = 0,5 × (Устенд/Уобщ-стенд + Усайт/Уобщ-сайт) × 100; denominators are the users of the stand / site (questions 1 and 3 of the 675н form, S6)`,
        },
        weight: WEIGHT_FROM_S3,
        zeroDenominator: ZERO_DENOMINATOR,
      },
    },
    {
      id: '2.1',
      criterion: '2',
      name: 'Обеспечение в организации комфортных условий для предоставления услуг',
      variable: 'Пкомф.усл',
      optional: false,
      formula: {
        kind: 'points',
        ref: 'comfortConditions',
        pointsPerItem: 20,
        cap: 100,
        shortfall: 'комфортных условий предоставления услуг обеспечено {n} из {need}, нужных для 100 баллов',
      },
      confidence: {
        formula: fromS3(
          "Пкомф.усл = 20 points per comfort condition present; the list of conditions is set per sector by each ministry's act (S1, section 2)",
        ),
        weight: { tier: 'A', source: 'S1 (section 2): the indicator table gives 2.1 the weight «0,3»' },
        cap: fromS3('capped at 100'),
      },
    },
    {
      id: '2.2',
      criterion: '2',
      name: 'Время ожидания предоставления услуги (доля получателей услуг, которым услуга предоставлена своевременно)',
      variable: 'Пожид',
      optional: true,
      formula: surveyShare(
        'survey.2.2',
        'услуга предоставлена своевременно {n} из {d} {d|ответившего|ответивших|ответивших}',
        'на вопрос о своевременности предоставления услуги не ответил никто из опрошенных',
      ),
      confidence: {
        formula: fromS3(
          'Пожид = Усвоевр / Чобщ × 100 for social services (the medical variant is unreliable and not implemented)',
        ),
        weight: WEIGHT_FROM_S3,
        zeroDenominator: ZERO_DENOMINATOR,
        optional: {
          tier: 'C',
          source: `${S3}: 2.2 used for social services and medicine, not for culture and education; which sectors the order means (footnote <1> of criterion 2) is U`,
          decision:
            'The input says whether 2.2 applies (null = not applicable), so the engine does not decide by sector.',
        },
      },
    },
    {
      id: '2.3',
      criterion: '2',
      name: 'Доля получателей услуг, удовлетворенных комфортностью предоставления услуг',
      variable: 'Пкомфуд',
      optional: false,
      formula: surveyShare(
        'survey.2.3',
        'комфортностью условий предоставления услуг удовлетворены {n} из {d} {d|ответившего|ответивших|ответивших}',
        'на вопрос о комфортности условий не ответил никто из опрошенных',
      ),
      confidence: {
        formula: { tier: 'C', source: `${S3}: Пкомфуд = Укомф / Чобщ × 100; denominator: ${ANSWERED_DENOMINATOR} (A)` },
        weight: WEIGHT_FROM_S3,
        zeroDenominator: ZERO_DENOMINATOR,
      },
    },
    {
      id: '3.1',
      criterion: '3',
      name: 'Оборудование помещений организации и прилегающей к ней территории с учетом доступности для инвалидов',
      variable: 'Поргдост',
      optional: false,
      formula: {
        kind: 'points',
        ref: 'accessOrg',
        pointsPerItem: 20,
        cap: 100,
        shortfall:
          'элементов доступности помещений и территории для инвалидов обеспечено {n} из {need}, нужных для 100 баллов',
      },
      confidence: {
        formula: fromS3('Поргдост = 20 points per item of a 5-item list'),
        weight: WEIGHT_FROM_S3,
        cap: fromS3('capped at 100 on the social and education pages (the culture page forgets the cap — a bug)'),
      },
    },
    {
      id: '3.2',
      criterion: '3',
      name: 'Обеспечение в организации условий доступности, позволяющих инвалидам получать услуги наравне с другими',
      variable: 'Пуслугдост',
      optional: false,
      formula: {
        kind: 'points',
        ref: 'accessServices',
        pointsPerItem: 20,
        cap: 100,
        shortfall:
          'условий, позволяющих инвалидам получать услуги наравне с другими, обеспечено {n} из {need}, нужных для 100 баллов',
      },
      confidence: {
        formula: fromS3('Пуслугдост = 20 points per condition of a 6-item list'),
        weight: WEIGHT_FROM_S3,
        cap: fromS3('capped at 100, reached at five conditions'),
      },
    },
    {
      id: '3.3',
      criterion: '3',
      name: 'Доля получателей услуг, удовлетворенных доступностью услуг для инвалидов',
      variable: 'Пдостуд',
      optional: false,
      formula: surveyShare(
        'survey.3.3',
        'доступностью услуг для инвалидов удовлетворены {n} из {d} {d|опрошенного инвалида|опрошенных инвалидов|опрошенных инвалидов}',
        'среди опрошенных нет инвалидов, ответивших на вопрос о доступности услуг',
      ),
      confidence: {
        formula: fromS3('Пдостуд = Удост / Чинв × 100, «в % от общего числа опрошенных получателей услуг – инвалидов»'),
        weight: WEIGHT_FROM_S3,
        zeroDenominator: ZERO_DENOMINATOR,
      },
    },
    {
      id: '4.1',
      criterion: '4',
      name: 'Доля получателей услуг, удовлетворенных доброжелательностью, вежливостью работников, обеспечивающих первичный контакт и информирование получателя услуги при непосредственном обращении в организацию',
      variable: 'Пперв.контуд',
      optional: false,
      formula: surveyShare(
        'survey.4.1',
        'доброжелательностью и вежливостью работников при первичном обращении удовлетворены {n} из {d} {d|ответившего|ответивших|ответивших}',
        'на вопрос о вежливости работников при первичном обращении не ответил никто из опрошенных',
      ),
      confidence: {
        formula: {
          tier: 'C',
          source: `${S3}: Пперв.контуд = Уперв.конт / Чобщ × 100; denominator: ${ANSWERED_DENOMINATOR} (A)`,
        },
        weight: WEIGHT_FROM_S3,
        zeroDenominator: ZERO_DENOMINATOR,
      },
    },
    {
      id: '4.2',
      criterion: '4',
      name: 'Доля получателей услуг, удовлетворенных доброжелательностью, вежливостью работников, обеспечивающих непосредственное оказание услуги при обращении в организацию',
      variable: 'Показ.услугуд',
      optional: false,
      formula: surveyShare(
        'survey.4.2',
        'доброжелательностью и вежливостью работников, оказывающих услугу, удовлетворены {n} из {d} {d|ответившего|ответивших|ответивших}',
        'на вопрос о вежливости работников, оказывающих услугу, не ответил никто из опрошенных',
      ),
      confidence: {
        formula: {
          tier: 'C',
          source: `${S3}: Показ.услугуд = Уоказ.услуг / Чобщ × 100; denominator: ${ANSWERED_DENOMINATOR} (A)`,
        },
        weight: WEIGHT_FROM_S3,
        zeroDenominator: ZERO_DENOMINATOR,
      },
    },
    {
      id: '4.3',
      criterion: '4',
      name: 'Доля получателей услуг, удовлетворенных доброжелательностью, вежливостью работников организации при использовании дистанционных форм взаимодействия',
      variable: 'Пвежл.дистуд',
      optional: false,
      formula: surveyShare(
        'survey.4.3',
        'вежливостью работников при дистанционном взаимодействии удовлетворены {n} из {d} {d|пользовавшегося|пользовавшихся|пользовавшихся} им',
        'дистанционными способами взаимодействия не пользовался никто из опрошенных',
      ),
      confidence: {
        formula: fromS3(
          'Пвежл.дистуд = Увежл.дист / Чобщ_ус × 100, denominator = respondents who used remote channels',
        ),
        weight: WEIGHT_FROM_S3,
        zeroDenominator: ZERO_DENOMINATOR,
      },
    },
    {
      id: '5.1',
      criterion: '5',
      name: 'Доля получателей услуг, которые готовы рекомендовать организацию родственникам и знакомым',
      variable: 'Преком',
      optional: false,
      formula: surveyShare(
        'survey.5.1',
        'готовы рекомендовать организацию родственникам и знакомым {n} из {d} {d|ответившего|ответивших|ответивших}',
        'на вопрос о готовности рекомендовать организацию не ответил никто из опрошенных',
      ),
      confidence: {
        formula: {
          tier: 'A',
          source:
            'S1 (section 5, formula (5.1)): recipients ready to recommend «по отношению к числу опрошенных получателей услуг, ответивших на соответствующий вопрос анкеты»; × 100: S3 (C)',
        },
        weight: WEIGHT_FROM_S3,
        zeroDenominator: ZERO_DENOMINATOR,
      },
    },
    {
      id: '5.2',
      criterion: '5',
      name: 'Доля получателей услуг, удовлетворенных организационными условиями предоставления услуг',
      variable: 'Порг.услуд',
      optional: false,
      formula: surveyShare(
        'survey.5.2',
        'организационными условиями предоставления услуг удовлетворены {n} из {d} {d|ответившего|ответивших|ответивших}',
        'на вопрос об организационных условиях не ответил никто из опрошенных',
      ),
      confidence: {
        formula: {
          tier: 'A',
          source: `S1 (section 5): definition of 5.2 as a share of respondents; formula: ${S3} (C); footnote <4> of the order unknown (U)`,
        },
        weight: WEIGHT_FROM_S3,
        zeroDenominator: ZERO_DENOMINATOR,
      },
    },
    {
      id: '5.3',
      criterion: '5',
      name: 'Доля получателей услуг, удовлетворенных в целом условиями оказания услуг в организации',
      variable: 'Пуд',
      optional: false,
      formula: surveyShare(
        'survey.5.3',
        'в целом условиями оказания услуг удовлетворены {n} из {d} {d|ответившего|ответивших|ответивших}',
        'на вопрос об удовлетворённости в целом не ответил никто из опрошенных',
      ),
      confidence: {
        formula: { tier: 'C', source: `${S3}: Пуд = Ууд / Чобщ × 100; denominator: ${ANSWERED_DENOMINATOR} (A)` },
        weight: WEIGHT_FROM_S3,
        zeroDenominator: ZERO_DENOMINATOR,
      },
    },
  ],
  criteria: [
    {
      id: '1',
      name: 'Открытость и доступность информации об организации',
      weights: { '1.1': 0.3, '1.2': 0.3, '1.3': 0.4 },
      confidence: fromS3('К1 = 0,3·Пинф + 0,3·Пдист + 0,4·Поткруд'),
      whenAbsent: [],
    },
    {
      id: '2',
      name: 'Комфортность условий предоставления услуг, в том числе время ожидания предоставления услуг',
      weights: { '2.1': 0.3, '2.2': 0.4, '2.3': 0.3 },
      confidence: {
        tier: 'C',
        source: `${S3}: К2 = 0,3·Пкомф.усл + 0,4·Пожид + 0,3·Пкомфуд; the 0,3 of 2.1 is confirmed by S1 (A)`,
      },
      whenAbsent: [
        {
          absent: ['2.2'],
          weights: { '2.1': 0.5, '2.3': 0.5 },
          confidence: {
            tier: 'C',
            source: `${S3} (culture and education pages): К2 = 0,5·Пкомф.усл + 0,5·Пкомфуд when 2.2 is not used; the order's footnote <1> unread (U)`,
          },
        },
      ],
    },
    {
      id: '3',
      name: 'Доступность услуг для инвалидов',
      weights: { '3.1': 0.3, '3.2': 0.4, '3.3': 0.3 },
      confidence: fromS3('К3 = 0,3·Поргдост + 0,4·Пуслугдост + 0,3·Пдостуд'),
      whenAbsent: [],
    },
    {
      id: '4',
      name: 'Доброжелательность, вежливость работников организации',
      weights: { '4.1': 0.4, '4.2': 0.4, '4.3': 0.2 },
      confidence: fromS3('К4 = 0,4·Пперв.контуд + 0,4·Показ.услугуд + 0,2·Пвежл.дистуд'),
      whenAbsent: [],
    },
    {
      id: '5',
      name: 'Удовлетворенность условиями оказания услуг',
      weights: { '5.1': 0.3, '5.2': 0.2, '5.3': 0.5 },
      confidence: fromS3('К5 = 0,3·Преком + 0,2·Порг.услуд + 0,5·Пуд'),
      whenAbsent: [],
    },
  ],
  total: {
    // The plain mean of К1…К5. The draft's 20/20/15/15/30 % (S2, tier B, draft only) is kept out.
    weights: { '1': 0.2, '2': 0.2, '3': 0.2, '4': 0.2, '5': 0.2 },
    confidence: {
      tier: 'C',
      source: `${S3}: Sn = (К1 + К2 + К3 + К4 + К5) / 5; the pre-adoption draft (S2, B) weighted the criteria 20/20/15/15/30 %`,
      decision:
        'Plain mean until the official text is read: the only implementation found uses it, and no source shows the adopted text weighting the criteria.',
    },
  },
  openQuestions: [
    'Read the official text (publication.pravo.gov.ru/document/0001201810120032) and replace every C/U rule with an A quote.',
    'Which sectors use 2.2, and К2 weights when it is absent (footnote <1>).',
    'Treatment of zero denominators (nobody used the stand or the site, no disabled respondents, nobody used remote channels).',
    'Whether the total is the plain mean of К1–К5 or weighted as in the draft (20/20/15/15/30 %).',
    'Content of the 2024 amendment (приказ № 408н, in force from 05.10.2024 per S4): a separate edition once known.',
  ],
};
