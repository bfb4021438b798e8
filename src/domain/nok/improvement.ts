/**
 * The improvement plan «по устранению недостатков» of one organisation, drafted from its
 * shortfalls (./shortfalls.ts): one measure per indicator that lost points, worst first, with a
 * suggested title, the shortfall in words as the expected result's reason, and a deadline in
 * the year after the assessment. Pure. The ministry edits and approves the draft as any plan.
 *
 * The titles are our wording (no source fixes them; Постановление № 457 on the plans was not
 * retrieved — research open item 6). Deadlines: information and remote channels (criterion 1)
 * by 1 July, the rest by the end of the year — a regional choice, editable in the plan.
 */
import type { Shortfall } from './shortfalls.js';

const TITLES: Record<string, string> = {
  '1.1':
    'Привести информацию о деятельности организации на информационных стендах и официальном сайте в соответствие с установленными требованиями',
  '1.2': 'Обеспечить наличие и функционирование дистанционных способов взаимодействия с получателями услуг',
  '1.3': 'Повысить открытость, полноту и доступность информации о деятельности организации для получателей услуг',
  '2.1': 'Обеспечить комфортные условия предоставления услуг',
  '2.2': 'Обеспечить своевременность предоставления услуг',
  '2.3': 'Повысить удовлетворенность получателей услуг комфортностью условий предоставления услуг',
  '3.1': 'Оборудовать помещения и прилегающую территорию с учетом доступности для инвалидов',
  '3.2': 'Обеспечить условия доступности, позволяющие инвалидам получать услуги наравне с другими',
  '3.3': 'Повысить удовлетворенность получателей услуг — инвалидов доступностью услуг',
  '4.1':
    'Провести обучение работников, обеспечивающих первичный контакт с получателями услуг, по вопросам этики и доброжелательного общения',
  '4.2':
    'Провести обучение работников, непосредственно оказывающих услуги, по вопросам этики и доброжелательного общения',
  '4.3': 'Повысить доброжелательность и вежливость работников при дистанционном взаимодействии',
  '5.1': 'Принять меры по повышению готовности получателей услуг рекомендовать организацию',
  '5.2': 'Улучшить организационные условия предоставления услуг (график работы, навигация)',
  '5.3': 'Принять меры по повышению удовлетворенности получателей услуг условиями оказания услуг',
};

export interface DraftMeasure {
  number: string;
  title: string;
  expectedResult: string;
  deadlineText: string;
}

export function improvementMeasures(shortfalls: readonly Shortfall[], assessmentYear: number): DraftMeasure[] {
  const next = assessmentYear + 1;
  return shortfalls.map((s, i) => ({
    number: String(i + 1),
    title: TITLES[s.indicator] ?? `Устранить недостаток по показателю ${s.indicator}`,
    expectedResult: `Недостаток устранён: ${s.text}`,
    deadlineText: s.criterion === '1' ? `до 1 июля ${next} г.` : `до 31 декабря ${next} г.`,
  }));
}
