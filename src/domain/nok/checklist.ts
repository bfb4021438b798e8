/**
 * The operator's checklist for one organisation: what is on the information stand and the site
 * (against the campaign's lists of required items), the remote-interaction channels, comfort
 * conditions and accessibility for disabled people — and the scoring input built from it with
 * the survey (../input.ts). Pure.
 *
 * The fixed lists are data with their confidence (nok-methodology.md §2, ratings-nok-portal-
 * anchors.md §1(a)): the items behind 1.2, 3.1 and 3.2 are the open-source calculator's reading
 * of 344н (S3, tier C); the comfort conditions of 2.1 are the examples the text of 344н gives
 * (a fragment of the primary text) — the full list is set per sector by each ministry's act
 * (not retrieved), so the lists may be replaced by an edition without code. The required
 * information items of 1.1 depend on sector acts not researched: the campaign lists them.
 */
import { z } from 'zod';
import type { Confidence } from './methodology.js';
import type { OrganisationInput } from './input.js';

export interface ChecklistItem {
  id: string;
  text: string;
}

export interface ChecklistList {
  key: 'remoteChannels' | 'comfortConditions' | 'accessOrg' | 'accessServices';
  indicator: string;
  title: string;
  items: ChecklistItem[];
  confidence: Confidence;
}

const S3: Confidence = { tier: 'C', source: 'S3: ruban-mn/model_test report text (nok-methodology.md §2)' };

export const CHECKLIST_LISTS: readonly ChecklistList[] = [
  {
    key: 'remoteChannels',
    indicator: '1.2',
    title: 'Дистанционные способы взаимодействия (наличие и функционирование)',
    confidence: S3,
    items: [
      { id: 'phone', text: 'Абонентский номер телефона' },
      { id: 'email', text: 'Адрес электронной почты' },
      { id: 'eservice', text: 'Электронные сервисы (форма для подачи электронного обращения, получение консультации)' },
      { id: 'faq', text: 'Раздел официального сайта «Часто задаваемые вопросы»' },
      { id: 'opinion', text: 'Техническая возможность выразить мнение о качестве условий (анкета или ссылка на нее)' },
    ],
  },
  {
    key: 'comfortConditions',
    indicator: '2.1',
    title: 'Комфортные условия предоставления услуг',
    confidence: {
      tier: 'B',
      source: '344н text (fragment quoted in ratings-nok-portal-anchors.md §1(a)): examples of comfort conditions',
      decision: 'The full list is set by each sector ministry; these are the federal examples.',
    },
    items: [
      { id: 'rest_zone', text: 'Комфортная зона отдыха (ожидания), оборудованная соответствующей мебелью' },
      { id: 'navigation', text: 'Наличие и понятность навигации внутри организации' },
      { id: 'water', text: 'Наличие и доступность питьевой воды' },
      { id: 'sanitary_rooms', text: 'Наличие и доступность санитарно-гигиенических помещений' },
      { id: 'sanitary_state', text: 'Санитарное состояние помещений организации' },
      { id: 'transport', text: 'Транспортная доступность (возможность доехать на общественном транспорте, парковка)' },
    ],
  },
  {
    key: 'accessOrg',
    indicator: '3.1',
    title: 'Оборудование помещений и территории с учетом доступности для инвалидов',
    confidence: S3,
    items: [
      { id: 'ramps', text: 'Входные группы, оборудованные пандусами (подъемными платформами)' },
      { id: 'parking', text: 'Выделенные стоянки для автотранспортных средств инвалидов' },
      { id: 'lifts', text: 'Адаптированные лифты, поручни, расширенные дверные проемы' },
      { id: 'wheelchairs', text: 'Сменные кресла-коляски' },
      { id: 'toilets', text: 'Специально оборудованные санитарно-гигиенические помещения' },
    ],
  },
  {
    key: 'accessServices',
    indicator: '3.2',
    title: 'Условия доступности, позволяющие инвалидам получать услуги наравне с другими',
    confidence: S3,
    items: [
      { id: 'duplication', text: 'Дублирование для инвалидов по слуху и зрению звуковой и зрительной информации' },
      { id: 'braille', text: 'Дублирование надписей, знаков и иной информации знаками шрифта Брайля' },
      { id: 'sign_language', text: 'Возможность предоставления услуг сурдопереводчика (тифлосурдопереводчика)' },
      { id: 'site_version', text: 'Альтернативная версия официального сайта для инвалидов по зрению' },
      { id: 'assistance', text: 'Помощь работников, прошедших обучение по сопровождению инвалидов' },
      { id: 'remote_service', text: 'Возможность предоставления услуги в дистанционном режиме или на дому' },
    ],
  },
];

/** What the operator entered: item ids found present, and for the campaign's lists, a flag per item. */
export const checklistSchema = z.strictObject({
  stand: z.array(z.boolean()).max(200),
  site: z.array(z.boolean()).max(200),
  remoteChannels: z.array(z.string().max(40)).max(20),
  comfortConditions: z.array(z.string().max(40)).max(20),
  accessOrg: z.array(z.string().max(40)).max(20),
  accessServices: z.array(z.string().max(40)).max(20),
});
export type Checklist = z.infer<typeof checklistSchema>;

export const EMPTY_CHECKLIST: Checklist = {
  stand: [],
  site: [],
  remoteChannels: [],
  comfortConditions: [],
  accessOrg: [],
  accessServices: [],
};

/** Problems of a checklist against the lists (unknown items, flags not matching the campaign's lists). */
export function checklistProblems(c: Checklist, required: { stand: number; site: number }): string[] {
  const out: string[] = [];
  if (c.stand.length !== required.stand)
    out.push(`Для стенда отмечено ${c.stand.length} сведений, а в перечне кампании их ${required.stand}`);
  if (c.site.length !== required.site)
    out.push(`Для сайта отмечено ${c.site.length} сведений, а в перечне кампании их ${required.site}`);
  for (const list of CHECKLIST_LISTS) {
    const known = new Set(list.items.map((i) => i.id));
    const seen = new Set<string>();
    for (const id of c[list.key]) {
      if (!known.has(id)) out.push(`В перечне «${list.title}» нет пункта «${id}»`);
      if (seen.has(id)) out.push(`Пункт «${id}» отмечен дважды`);
      seen.add(id);
    }
  }
  return out;
}

/** The scoring input (../input.ts) of one organisation from its checklist and survey. */
export function organisationInput(
  org: { id: number; name: string; sector: string },
  c: Checklist,
  survey: OrganisationInput['survey'],
): OrganisationInput {
  const present = (flags: boolean[]) => flags.filter(Boolean).length;
  return {
    id: org.id,
    name: org.name,
    sector: org.sector,
    info: { stand: [present(c.stand), c.stand.length], site: [present(c.site), c.site.length] },
    remoteChannels: c.remoteChannels.length,
    comfortConditions: c.comfortConditions.length,
    accessOrg: c.accessOrg.length,
    accessServices: c.accessServices.length,
    survey,
  };
}
