import { describe, expect, it } from 'vitest';
import { measureLabel, shortPlanTitle, stripDefinitions } from './plan-title.js';

describe('stripDefinitions', () => {
  it('removes «(далее – …)» in its spellings, keeping the rest of the sentence', () => {
    expect(
      stripDefinitions(
        'План проведения информационной кампании по поддержке деятельности социально ориентированных некоммерческих организаций (далее-СОНКО) в области оказания социальных услуг',
      ),
    ).toBe(
      'План проведения информационной кампании по поддержке деятельности социально ориентированных некоммерческих организаций в области оказания социальных услуг',
    );
    expect(
      stripDefinitions('решений Координационного совета (далее – Координационный совет), принятых в 2021 году'),
    ).toBe('решений Координационного совета, принятых в 2021 году');
    expect(stripDefinitions('План (далее по тексту: «Дорожная карта»)')).toBe('План');
    expect(stripDefinitions('Стратегия (и далее – Стратегия (в редакции 2023 г.)) края')).toBe('Стратегия края');
  });
  it('leaves other brackets and an unbalanced definition alone', () => {
    expect(stripDefinitions('План мероприятий («дорожная карта») на 2025 год')).toBe(
      'План мероприятий («дорожная карта») на 2025 год',
    );
    expect(stripDefinitions('План (далее – П')).toBe('План (далее – П');
  });
});

describe('shortPlanTitle and measureLabel', () => {
  it('cuts a long title at a word boundary', () => {
    const t = shortPlanTitle(
      'План мероприятий по поддержке социально ориентированных некоммерческих организаций (далее – СО НКО) в Северо-Озёрской области на 2025–2027 годы',
      70,
    );
    expect(t).toBe('План мероприятий по поддержке социально… на 2025–2027 годы');
    expect(
      shortPlanTitle(
        'План мероприятий по реализации положений Регионального социального стандарта в Забайкальском крае',
        60,
      ),
    ).toBe('План мероприятий по реализации положений Регионального…');
    expect(
      shortPlanTitle(
        'План министерства по организации проведения независимой оценки качества на период 2022-2024 годов',
        60,
      ),
    ).toBe('План министерства по организации… на период 2022-2024 годов');
    expect(shortPlanTitle('План на 2025 год')).toBe('План на 2025 год');
  });
  it('names a measure by its printed number', () => {
    expect(measureLabel({ number: '2.1.', title: 'Проведение  форума' })).toBe('№ 2.1. Проведение форума');
    expect(measureLabel({ number: '', title: 'Поручение' })).toBe('Поручение');
  });
});
