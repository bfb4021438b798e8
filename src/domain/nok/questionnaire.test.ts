import { describe, expect, it } from 'vitest';
import { EDITION_344N_2018 } from './editions/index.js';
import { EMPTY_CHECKLIST, checklistProblems, organisationInput } from './checklist.js';
import { scoreOrganisation } from './score.js';
import {
  answerProblems,
  findQuestionnaire,
  skipTarget,
  surveyFromAnswers,
  visibleQuestions,
  type Answers,
} from './questionnaire.js';

const social = findQuestionnaire('675n-2018', 'social')!;
const culture = findQuestionnaire('675n-2018', 'culture')!;

describe('the 675н questionnaire as data', () => {
  it('numbers the questions and skips as the sample form does («Нет → к вопросу 3»)', () => {
    expect(social.questions.slice(0, 4).map((q) => q.number)).toEqual([1, 2, 3, 4]);
    expect(skipTarget(social, social.questions[0])).toBe(3);
    expect(skipTarget(social, social.questions[2])).toBe(5);
    expect(skipTarget(social, social.questions[1])).toBeNull();
    // Culture has no timeliness question (2.2 absent): one question fewer.
    expect(social.questions).toHaveLength(15);
    expect(culture.questions).toHaveLength(14);
    expect(culture.questions.some((q) => q.feeds === '2.2')).toBe(false);
  });

  it('asks the follow-up only after «Да», and refuses answers to skipped or unknown questions', () => {
    expect(visibleQuestions(social, { stand_used: 'no' }).map((q) => q.id)).not.toContain('stand_satisfied');
    expect(visibleQuestions(social, { stand_used: 'yes' }).map((q) => q.id)).toContain('stand_satisfied');
    expect(answerProblems(social, { stand_used: 'no', stand_satisfied: 'yes' })[0].ru).toBe(
      'Вопрос 2 задаётся только при ответе «Да» на вопрос 1',
    );
    expect(answerProblems(social, { nope: 'yes' })[0].ru).toMatch(/нет вопроса/);
    expect(answerProblems(social, {})[0].ru).toMatch(/хотя бы на один/);
    expect(answerProblems(social, { stand_used: 'yes', stand_satisfied: 'no', overall: 'yes' })).toEqual([]);
  });

  it('counts each share over those who answered its question; 2.2 is null where not asked', () => {
    const forms: Answers[] = [
      { stand_used: 'yes', stand_satisfied: 'yes', disability: 'yes', access_satisfied: 'no', overall: 'yes' },
      { stand_used: 'yes', stand_satisfied: 'no', disability: 'no', overall: 'no', timely: 'yes' },
      { stand_used: 'no', overall: 'yes' },
    ];
    const s = surveyFromAnswers(social, forms);
    expect(s['1.3'].stand).toEqual([1, 2]);
    expect(s['1.3'].site).toEqual([0, 0]);
    expect(s['3.3']).toEqual([0, 1]);
    expect(s['5.3']).toEqual([2, 3]);
    expect(s['2.2']).toEqual([1, 1]);
    expect(surveyFromAnswers(culture, forms)['2.2']).toBeNull();
  });

  it('feeds the engine: a checklist and forms give the scores of the edition', () => {
    const c = {
      ...EMPTY_CHECKLIST,
      stand: [true, true, false, true],
      site: [true, false],
      remoteChannels: ['phone', 'email', 'faq', 'opinion'],
      comfortConditions: ['water', 'navigation'],
      accessOrg: ['ramps'],
      accessServices: ['braille', 'assistance', 'site_version', 'duplication', 'sign_language', 'remote_service'],
    };
    expect(checklistProblems(c, { stand: 4, site: 2 })).toEqual([]);
    expect(checklistProblems({ ...c, accessOrg: ['ramps', 'ramps', 'x'] }, { stand: 3, site: 2 })).toHaveLength(3);
    const everyoneYes: Answers = Object.fromEntries(culture.questions.map((q) => [q.id, 'yes']));
    const input = organisationInput(
      { id: 7, name: 'Музей', sector: 'culture' },
      c,
      surveyFromAnswers(culture, [everyoneYes]),
    );
    const s = scoreOrganisation(EDITION_344N_2018, input);
    expect(s.indicators['1.1']).toBeCloseTo(0.5 * (3 / 4 + 1 / 2) * 100, 9);
    expect(s.indicators['1.2']).toBe(100);
    expect(s.indicators['2.1']).toBe(40);
    expect(s.indicators['3.1']).toBe(20);
    expect(s.indicators['3.2']).toBe(100);
    expect(s.indicators['2.2']).toBeUndefined();
    expect(s.K['2']).toBeCloseTo(0.5 * 40 + 0.5 * 100, 9);
  });
});
