import { describe, expect, it } from 'vitest';
import { describeAuditSubject, measureName, planShortTitle, type AuditFacts } from './subject';

describe('naming what an audit event is about', () => {
  it('shortens a long plan title to its opening words and its period, dropping «(далее – …)»', () => {
    expect(
      planShortTitle(
        'План мероприятий по поддержке социально ориентированных некоммерческих организаций в Северо-Озёрской области на 2025–2027 годы',
      ),
    ).toBe('План мероприятий по поддержке социально ориентированных… на 2025–2027 годы');
    expect(planShortTitle('План мероприятий («дорожная карта») (далее – План)')).toBe(
      'План мероприятий («дорожная карта»)',
    );
    expect(
      planShortTitle(
        'Поручения Координационного совета по поддержке социально ориентированных некоммерческих организаций при Губернаторе Северо-Озёрской области',
      ),
    ).toMatch(/^Поручения Координационного совета по поддержке социально ориентированных…$/);
    // No dangling preposition before the ellipsis.
    expect(
      planShortTitle(
        'План мероприятий по развитию системы долговременного ухода за гражданами пожилого возраста и инвалидами в 2026 году',
        60,
      ),
    ).not.toMatch(/\s(?:и|в|за|по)…/);
  });
  it('names a measure by its printed number and title, an instruction as such', () => {
    expect(measureName({ number: '2.1', title: 'Форум' }, 'plan')).toBe('Мероприятие 2.1 «Форум»');
    expect(measureName({ number: '3', title: 'Рассмотреть итоги' }, 'council_decisions')).toBe(
      'Поручение 3 «Рассмотреть итоги»',
    );
  });
  it('names reports by executor and period, files by name, never by id', () => {
    const base: AuditFacts = {
      entityType: 'report',
      action: 'report.submit',
      plan: { id: 1, title: 'План на 2025 год', kind: 'plan' },
      measure: { id: 75, number: '2.2', title: 'Выставки' },
      report: { organisation: 'Минкультуры', period: 'I квартал 2025 г.' },
      section: null,
      organisation: null,
      user: null,
      fileName: null,
    };
    expect(describeAuditSubject(base)).toEqual({
      label: 'Отчёт Минкультуры за I квартал 2025 г.',
      plan: { id: 1, shortTitle: 'План на 2025 год' },
      measure: { id: 75, name: 'Мероприятие 2.2 «Выставки»' },
    });
    expect(describeAuditSubject({ ...base, action: 'report.attachment_added', fileName: 'акт.pdf' }).label).toBe(
      'Отчёт Минкультуры за I квартал 2025 г.: файл «акт.pdf»',
    );
    expect(
      describeAuditSubject({ ...base, entityType: 'measure', action: 'extension.approve', report: null }).label,
    ).toBe('Мероприятие 2.2 «Выставки»: перенос срока');
    expect(
      describeAuditSubject({
        ...base,
        entityType: 'section',
        measure: null,
        report: null,
        section: { number: '2', title: 'Доступ СО НКО' },
      }).label,
    ).toBe('Раздел 2. Доступ СО НКО');
  });
});
