/**
 * Word lists of the rules, as lemmas (normal forms from the morphological dictionary, «ё» as «е»),
 * so that one entry covers every form: «проведено», «проведены», «провели» → «провести».
 * They describe the genre (what a report of work done says), not any one document.
 */
const set = (words: string) => new Set(words.trim().split(/\s+/));

/** Kinds of documents whose number or date is a checkable reference. «исх», «вх» are abbreviations the dictionary lacks. */
export const DOCUMENT_TYPES = set(`
  постановление распоряжение приказ письмо указ закон протокол решение соглашение акт договор контракт
  поручение заключение исх вх исходящий входящий меморандум телеграмма служебный записка уведомление справка
`);

/** Acts of a federal or constitutional level: cited as grounds, not as work done by the executor. */
export const FEDERAL_ACTS = set('закон кодекс конституция указ');

/** Nouns naming institutions: «больница № 11», «лицей № 15» are names, not document numbers. */
export const INSTITUTION_NOUNS = set(`
  больница поликлиника школа лицей гимназия сад детсад колледж техникум диспансер дом отделение корпус кабинет
  участок филиал группа класс маршрут палата площадка учреждение центр интернат клиника лаборатория мфц
`);

/** A verb of these means the words after it are the legal ground of the work. */
export const LEGAL_BASIS =
  /(?:в соответствии с|во исполнение|согласно|на основании|в целях реализации|в рамках реализации|утвержденн[а-я]*|утверждённ[а-я]*|предусмотренн[а-я]*\s+(?:постановлен|распоряжен|приказ|закон))/i;

/** Words of plans and forecasts: what stands next to them has not happened. */
export const PLANNED = set(`
  планировать планироваться запланировать запланированный планируемый плановый предполагать предполагаться
  намечать намечаться наметить намереваться предстоять предстоящий прогнозный прогнозировать ожидаться целевой
  перспектива дальнейший
`);

/** Predicates of a state that a present-tense verb may report with a figure («находятся 9 123 человека»). */
export const STATE_VERBS = set(`
  составлять составить находиться насчитываться насчитывать функционировать действовать работать состоять числиться
  участвовать обучаться получать посещать охватывать охватить входить воспитываться пользоваться
  обслуживаться сопровождаться наблюдаться
`);

/** Nouns that make a figure a result even without a verb («Количество получателей … – 2 318 человек»). */
export const RESULT_NOUNS = set(`
  количество число численность охват итог итого всего сумма объем доля балл показатель значение результат
  общий тираж рост прирост
`);

/** Nouns after a number that do not count things done: durations, ages, frequencies. */
export const NON_COUNT_NOUNS = set(`
  год лето месяц день неделя сутки час минута секунда раз квартал полугодие век возраст этаж номер пункт статья
  часть глава раздел приложение страница строка уровень степень вариант ступень
`);

/** Around a number, these make it a parameter of a measure (sizes, terms, rates), not a result. */
export const PARAMETER_WORDS = set(`
  размер максимальный минимальный предельный ставка лимит рекомендуемый рекомендовать годовой
  стоимость тариф порог
`);

/** Verbs of change: «увеличилось с 820 до 1 105» is a result, though «до» usually marks a limit. */
export const CHANGE_VERBS = set(`
  увеличиться увеличить вырасти возрасти сократиться сократить снизиться снизить уменьшиться уменьшить довести
  достигнуть достичь повыситься повысить
`);

/** Verbs that define parameters («определено 7 жизненных ситуаций», «предусмотрено 53 млн»). */
export const DEFINING_VERBS = set('определить определять предусмотреть предусматривать');

/** Words of the population and setting, not of the work («в городе проживает 1493 человека»). */
export const CONTEXT_WORDS = set('проживать жить проживающий');

/** Words of routine: a present-tense text with these describes how work goes, not what was done. */
export const HABITUAL =
  /(?:ежегодно|ежемесячно|еженедельно|ежедневно|ежеквартально|регулярно|постоянно|по мере|в год(?![а-яё])|в месяц(?![а-яё])|в день(?![а-яё])|в неделю|каждый|каждую|каждое|каждые|как правило)/i;

/** Verbs of making a concrete thing («установлено табло», «открыт пункт проката»). */
export const CREATION_VERBS = set(`
  установить открыть оборудовать оснастить создать построить ввести отремонтировать приобрести закупить
  смонтировать запустить издать выпустить благоустроить открываться
`);

/** Heads that are not concrete things even when «создано … на базе …» («созданы условия», «создана система»). */
export const ABSTRACT_NOUNS = set(`
  работа условие система механизм порядок возможность практика модель взаимодействие деятельность направление
  мера подход среда процесс
`);

/** Nouns of events that may carry a proper name («форум «Добровольцы»», «Дальневосточный форум»). */
export const EVENT_NOUNS = set(`
  форум фестиваль конкурс конференция слет акция выставка турнир чемпионат олимпиада марафон смотр праздник
  концерт спартакиада фестиваль квест флешмоб ярмарка съезд
`);

/** Nouns whose «перенесены» is a transfer of data, not a postponement. */
export const DATA_NOUNS = set('сведение данные запись информация база реестр регистр документ файл');

/** Nouns of events and works whose postponement or cancellation contradicts «Выполнено». */
export const HELD_NOUNS = set(`
  заседание мероприятие семинар форум конкурс фестиваль совещание встреча проведение открытие конференция акция
  выставка смотр праздник обучение срок дата работа ремонт
`);

/** Verbs that, negated, say the measure did not take place. */
export const HELD_VERBS = set(`
  состояться провести проводиться проводить выполнить исполнить реализовать завершить организовать осуществить
  открыть начать утвердить принять заключить
`);

/** Verbs that claim the measure complete («выполнено», «исполнено в полном объеме»). */
export const COMPLETION_VERBS = set('выполнить исполнить завершить реализовать');

/** Verbs of postponing and cancelling. */
export const POSTPONE_VERBS = set('перенести отложить отменить перенос отмена');

/** Why a measure was not done: a «Не выполнено» text with these explains the mark. */
export const EXPLANATION =
  /(?:в связи с|по причине|из-за|ввиду|т\.\s?к\.|так как|поскольку|ожидается|на согласовани|на стадии|в стадии|находится на|не завершен|не проведен|частичн|не в полном объеме|перенесен|продолж[а-я]+ работ|будет|будут|планиру)/i;
