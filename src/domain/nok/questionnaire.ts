/**
 * The citizens' questionnaire (приказ Минтруда № 675н) as versioned data per sector, its skip
 * logic, the check of one filled-in form, and the survey part of the scoring input built from
 * the forms (../input.ts). Pure: no I/O, no clock.
 *
 * What is known of the form (../shared/research/nok-methodology.md §3, tiers as there):
 * - questions 1–4 and their skips («Нет (переход к вопросу 3)») are quoted from an organisation's
 *   reproduction of the 675н sample form (S6, tier S/B);
 * - the order of the remaining questions and which indicator each feeds are the open-source
 *   calculator's (S3, tier C): social services ask about timeliness (2.2), culture and
 *   education do not;
 * - the wording of questions 5 onward was not retrieved (tier U): ours is the indicator's
 *   definition turned into a yes/no question. `confidence` on each question says which.
 * Every question is yes/no; a question with `askedIf` is asked only after «Да» to that one.
 */
import { z } from 'zod';
import type { Confidence } from './methodology.js';
import type { OrganisationInput, Pair } from './input.js';

export const SECTORS = ['social', 'culture', 'education', 'health'] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_NAMES: Record<Sector, string> = {
  social: 'социальное обслуживание',
  culture: 'культура',
  education: 'образование',
  health: 'охрана здоровья',
};

/** Where a question's answers go in the survey input (../input.ts). */
export type SurveyKey =
  '1.3.stand' | '1.3.site' | '2.2' | '2.3' | '3.3' | '4.1' | '4.2' | '4.3' | '5.1' | '5.2' | '5.3';

export interface Question {
  id: string;
  number: number;
  text: string;
  /** Asked only when the question with this id was answered «Да». */
  askedIf?: string;
  /**
   * A gate («did you use …?») opens the next question; a value question's «Да» counts as
   * satisfied, and those who answered it are the denominator («ответивших на соответствующий
   * вопрос анкеты», 344н, section 5).
   */
  role: 'gate' | 'value';
  feeds: SurveyKey;
  confidence: Confidence;
}

export interface QuestionnaireEdition {
  edition: string;
  sector: Sector;
  title: string;
  intro: string;
  questions: Question[];
}

const S6: Confidence = {
  tier: 'B',
  source: 'S6: an organisation reproducing the 675н sample form (dk-samosdelsky.ru), questions 1–4 verbatim',
};
const OURS: Confidence = {
  tier: 'U',
  source: 'S3 (order and indicator of the question); wording of 675н not retrieved',
  decision: 'Worded from the definition of the indicator the question feeds; replace with the official text.',
};
const S1_5_1: Confidence = {
  tier: 'B',
  source: 'S1 section 5: definition of 5.1.1 («готовы рекомендовать … родственникам и знакомым»); S3 order',
};

/** The questions in S3's order; `timeliness` only where the sector asks it (social, health). */
function questions(timeliness: boolean): Question[] {
  const list: Omit<Question, 'number'>[] = [
    {
      id: 'stand_used',
      text: 'При посещении организации обращались ли Вы к информации о ее деятельности, размещенной на информационных стендах в помещениях организации?',
      role: 'gate',
      feeds: '1.3.stand',
      confidence: S6,
    },
    {
      id: 'stand_satisfied',
      text: 'Удовлетворены ли Вы открытостью, полнотой и доступностью информации о деятельности организации, размещенной на информационных стендах в помещении организации?',
      askedIf: 'stand_used',
      role: 'value',
      feeds: '1.3.stand',
      confidence: S6,
    },
    {
      id: 'site_used',
      text: 'Пользовались ли Вы официальным сайтом организации, чтобы получить информацию о ее деятельности?',
      role: 'gate',
      feeds: '1.3.site',
      confidence: S6,
    },
    {
      id: 'site_satisfied',
      text: 'Удовлетворены ли Вы открытостью, полнотой и доступностью информации о деятельности организации, размещенной на ее официальном сайте?',
      askedIf: 'site_used',
      role: 'value',
      feeds: '1.3.site',
      confidence: S6,
    },
    ...(timeliness
      ? [
          {
            id: 'timely',
            text: 'Своевременно ли Вам была предоставлена услуга (в срок, назначенный при записи или установленный организацией)?',
            role: 'value' as const,
            feeds: '2.2' as const,
            confidence: OURS,
          },
        ]
      : []),
    {
      id: 'comfort',
      text: 'Удовлетворены ли Вы комфортностью условий предоставления услуг в организации (зона ожидания, навигация, питьевая вода, санитарное состояние помещений и т. п.)?',
      role: 'value',
      feeds: '2.3',
      confidence: OURS,
    },
    {
      id: 'disability',
      text: 'Имеете ли Вы (или лицо, представителем которого Вы являетесь) установленную группу инвалидности?',
      role: 'gate',
      feeds: '3.3',
      confidence: OURS,
    },
    {
      id: 'access_satisfied',
      text: 'Удовлетворены ли Вы доступностью предоставления услуг для инвалидов в организации?',
      askedIf: 'disability',
      role: 'value',
      feeds: '3.3',
      confidence: OURS,
    },
    {
      id: 'polite_first',
      text: 'Удовлетворены ли Вы доброжелательностью и вежливостью работников организации, обеспечивающих первичный контакт и информирование (работники справочной, приемного отделения, регистратуры, кассы и т. п.) при непосредственном обращении в организацию?',
      role: 'value',
      feeds: '4.1',
      confidence: OURS,
    },
    {
      id: 'polite_service',
      text: 'Удовлетворены ли Вы доброжелательностью и вежливостью работников организации, обеспечивающих непосредственное оказание услуги, при обращении в организацию?',
      role: 'value',
      feeds: '4.2',
      confidence: OURS,
    },
    {
      id: 'remote_used',
      text: 'Пользовались ли Вы дистанционными способами взаимодействия с организацией (телефон, электронная почта, электронный сервис, раздел «Часто задаваемые вопросы», анкета на сайте)?',
      role: 'gate',
      feeds: '4.3',
      confidence: OURS,
    },
    {
      id: 'remote_polite',
      text: 'Удовлетворены ли Вы доброжелательностью и вежливостью работников организации, с которыми взаимодействовали дистанционно?',
      askedIf: 'remote_used',
      role: 'value',
      feeds: '4.3',
      confidence: OURS,
    },
    {
      id: 'recommend',
      text: 'Готовы ли Вы рекомендовать организацию родственникам и знакомым (или могли бы Вы ее рекомендовать, если бы была возможность выбора организации)?',
      role: 'value',
      feeds: '5.1',
      confidence: S1_5_1,
    },
    {
      id: 'org_conditions',
      text: 'Удовлетворены ли Вы организационными условиями предоставления услуг (графиком работы организации, навигацией внутри организации, наличием и понятностью информации)?',
      role: 'value',
      feeds: '5.2',
      confidence: OURS,
    },
    {
      id: 'overall',
      text: 'Удовлетворены ли Вы в целом условиями оказания услуг в организации?',
      role: 'value',
      feeds: '5.3',
      confidence: OURS,
    },
  ];
  return list.map((q, i) => ({ ...q, number: i + 1 }));
}

const INTRO =
  'Опрос проводится в целях выявления мнения граждан о качестве условий оказания услуг. Ваше мнение позволит улучшить работу организации. Опрос анонимный: фамилию, имя, телефон указывать не нужно, сведения о Вас не собираются.';

const edition = (sector: Sector, timeliness: boolean): QuestionnaireEdition => ({
  edition: '675n-2018',
  sector,
  title: 'Анкета для оценки гражданами качества условий оказания услуг',
  intro: INTRO,
  questions: questions(timeliness),
});

/** Built-in editions: one per sector (S3 asks about timeliness in social services and health only). */
export const QUESTIONNAIRES: readonly QuestionnaireEdition[] = [
  edition('social', true),
  edition('culture', false),
  edition('education', false),
  edition('health', true),
];

export const QUESTIONNAIRE_EDITIONS = ['675n-2018'] as const;

export function findQuestionnaire(editionId: string, sector: Sector): QuestionnaireEdition | undefined {
  return QUESTIONNAIRES.find((q) => q.edition === editionId && q.sector === sector);
}

export type Answer = 'yes' | 'no';
export type Answers = Record<string, Answer>;

export const answersSchema = z.record(z.string().max(40), z.enum(['yes', 'no']));

/** The number of the question a «Нет» skips to, for the form («Нет → к вопросу 3»). */
export function skipTarget(q: QuestionnaireEdition, question: Question): number | null {
  const follower = q.questions.find((x) => x.askedIf === question.id);
  if (!follower) return null;
  const next = q.questions.find((x) => x.number > follower.number && x.askedIf !== question.id);
  return next ? next.number : null;
}

/** The questions a person is asked, given their answers so far. */
export function visibleQuestions(q: QuestionnaireEdition, answers: Answers): Question[] {
  return q.questions.filter((x) => !x.askedIf || answers[x.askedIf] === 'yes');
}

export interface AnswerIssue {
  question: string | null;
  en: string;
  ru: string;
}

/**
 * Problems of one filled-in form: unknown questions, answers to questions that were skipped,
 * an empty form. Unanswered questions are allowed: each share counts those who answered it.
 */
export function answerProblems(q: QuestionnaireEdition, answers: Answers): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const byId = new Map(q.questions.map((x) => [x.id, x]));
  const keys = Object.keys(answers);
  if (keys.length === 0) issues.push({ question: null, en: 'no answers', ru: 'Ответьте хотя бы на один вопрос' });
  for (const id of keys) {
    const question = byId.get(id);
    if (!question) {
      issues.push({ question: id, en: `unknown question ${id}`, ru: `В анкете нет вопроса «${id}»` });
      continue;
    }
    if (question.askedIf && answers[question.askedIf] !== 'yes') {
      const gate = byId.get(question.askedIf)!;
      issues.push({
        question: id,
        en: `question ${id} is asked only after yes to ${gate.id}`,
        ru: `Вопрос ${question.number} задаётся только при ответе «Да» на вопрос ${gate.number}`,
      });
    }
  }
  return issues;
}

/** The survey part of the scoring input from the counted forms (suspicious ones already left out). */
export function surveyFromAnswers(q: QuestionnaireEdition, forms: readonly Answers[]): OrganisationInput['survey'] {
  const pairs = new Map<SurveyKey, Pair>();
  for (const question of q.questions) {
    if (question.role !== 'value') continue;
    let yes = 0;
    let answered = 0;
    for (const f of forms) {
      const a = f[question.id];
      if (a === undefined) continue;
      answered += 1;
      if (a === 'yes') yes += 1;
    }
    pairs.set(question.feeds, [yes, answered]);
  }
  const at = (k: SurveyKey): Pair => pairs.get(k) ?? [0, 0];
  return {
    '1.3': { stand: at('1.3.stand'), site: at('1.3.site') },
    '2.2': pairs.has('2.2') ? at('2.2') : null,
    '2.3': at('2.3'),
    '3.3': at('3.3'),
    '4.1': at('4.1'),
    '4.2': at('4.2'),
    '4.3': at('4.3'),
    '5.1': at('5.1'),
    '5.2': at('5.2'),
    '5.3': at('5.3'),
  };
}
