import { describe, expect, it } from 'vitest';
import data from './ru-production-calendar.json';
import {
  ART_112_HOLIDAYS,
  addWorkingDays,
  calendarCovers,
  calendarYear,
  calendarYears,
  countWorkingDays,
  effectiveDueDate,
  isShortDay,
  isSpecialNonWorkingDay,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  statutoryHolidays,
  type CalendarYear,
} from './index.js';
import { epochDayOf, fromEpochDay, toEpochDay, weekdayOf } from './iso-date.js';

const years = (data as unknown as { years: Record<string, CalendarYear> }).years;
const dow = (iso: string) => weekdayOf(toEpochDay(iso));
const isWeekend = (iso: string) => dow(iso) === 0 || dow(iso) === 6;

/** Official totals (5-day week) as published; 2027 had none when the data was compiled. */
const OFFICIAL_WORKING_DAYS: Record<number, number> = {
  2015: 247,
  2016: 247,
  2017: 247,
  2018: 247,
  2019: 247,
  2020: 248,
  2021: 247,
  2022: 247,
  2023: 247,
  2024: 248,
  2025: 247,
  2026: 247,
};

describe('production calendar data', () => {
  it('covers 2015–2027 contiguously', () => {
    expect(calendarYears[0]).toBe(2015);
    expect(calendarYears.at(-1)).toBe(2027);
    expect(calendarYears.length).toBe(13);
  });

  for (const [y, rec] of Object.entries(years)) {
    const year = Number(y);
    describe(y, () => {
      it('recomputes its working-day total: weekdays − holidays + working weekends', () => {
        let weekdays = 0;
        for (let d = epochDayOf(year, 1, 1); d <= epochDayOf(year, 12, 31); d++) if (weekdayOf(d) % 6 !== 0) weekdays++;
        expect(weekdays - rec.holidays.length + rec.workingWeekends.length).toBe(rec.workingDays);
        expect(rec.workingDays * 8 - rec.shortDays.length).toBe(rec.workingHours40);
        if (OFFICIAL_WORKING_DAYS[year]) expect(rec.workingDays).toBe(OFFICIAL_WORKING_DAYS[year]);
      });

      it('agrees with the public functions day by day', () => {
        expect(countWorkingDays(`${y}-01-01`, `${y}-12-31`)).toBe(rec.workingDays);
      });

      it('has holidays on Mon–Fri, working weekends on Sat/Sun, short days that are worked, all sorted and in the year', () => {
        for (const d of rec.holidays) expect(isWeekend(d), d).toBe(false);
        for (const d of rec.workingWeekends) expect(isWeekend(d), d).toBe(true);
        for (const d of rec.shortDays) expect(isWorkingDay(d), d).toBe(true);
        for (const list of [rec.holidays, rec.workingWeekends, rec.shortDays]) {
          expect([...list].sort()).toEqual(list);
          for (const d of list) expect(d.slice(0, 4)).toBe(y);
        }
      });

      it('makes every Art. 112 holiday a day off', () => {
        for (const [m, d] of ART_112_HOLIDAYS) {
          const iso = fromEpochDay(epochDayOf(year, m, d));
          expect(isWorkingDay(iso), iso).toBe(false);
        }
      });

      it('gives a weekend holiday (outside January) its Art. 112 ч. 2 day off, or the decree moves it', () => {
        for (const [m, d] of ART_112_HOLIDAYS) {
          if (m === 1) continue;
          const iso = fromEpochDay(epochDayOf(year, m, d));
          if (!isWeekend(iso)) continue;
          const moved = rec.transfers.some((t) => t.from === iso);
          const next = nextWorkingDayAfterWeekend(iso);
          expect(moved || rec.holidays.includes(next), `${iso} -> ${next}`).toBe(true);
        }
      });

      it('lists transfers that land on a day off and start on a weekend', () => {
        for (const t of rec.transfers) {
          expect(rec.holidays).toContain(t.to);
          expect(isWeekend(t.from), t.from).toBe(true);
          const janHoliday = t.from.slice(5, 7) === '01' && Number(t.from.slice(8)) <= 8;
          const weekendHoliday = ART_112_HOLIDAYS.some(([m, d]) => fromEpochDay(epochDayOf(year, m, d)) === t.from);
          // A transfer moves either a holiday that fell on a weekend, or a plain weekend day,
          // which then becomes a working day.
          if (!janHoliday && !weekendHoliday) expect(rec.workingWeekends).toContain(t.from);
        }
      });
    });
  }
});

/** The first Mon–Fri after a weekend date (for the Art. 112 ч. 2 check). */
function nextWorkingDayAfterWeekend(iso: string): string {
  let d = toEpochDay(iso) + 1;
  while (weekdayOf(d) % 6 === 0) d++;
  return fromEpochDay(d);
}

describe('isWorkingDay: 2023–2026 transfers', () => {
  it.each([
    // 2023, decree № 1505: 01.01 -> 24.02, 08.01 -> 08.05
    ['2023-02-24', false],
    ['2023-05-08', false],
    ['2023-02-22', true],
    ['2023-11-03', true],
    // 2024, decree № 1314: working Saturdays 27.04, 02.11, 28.12; days off 29–30.04, 10.05, 30–31.12
    ['2024-04-27', true],
    ['2024-11-02', true],
    ['2024-12-28', true],
    ['2024-04-29', false],
    ['2024-04-30', false],
    ['2024-05-10', false],
    ['2024-12-30', false],
    ['2024-12-31', false],
    ['2024-01-08', false],
    ['2024-01-09', true],
    // 2025, decree № 1335: 02.05, 08.05, 13.06, 03.11, 31.12 off; 01.11 (Sat) working
    ['2025-05-02', false],
    ['2025-05-08', false],
    ['2025-06-13', false],
    ['2025-11-03', false],
    ['2025-12-31', false],
    ['2025-11-01', true],
    ['2025-02-24', true],
    ['2025-03-10', true],
    // 2026, decree № 1466: 03.01 -> 09.01, 04.01 -> 31.12; 08.03 (Sun) -> 09.03 by Art. 112
    ['2026-01-09', false],
    ['2026-12-31', false],
    ['2026-03-09', false],
    ['2026-01-12', true],
    ['2026-12-30', true],
    ['2026-02-23', false],
    ['2026-05-11', false],
  ] as const)('%s -> %s', (iso, working) => {
    expect(isWorkingDay(iso)).toBe(working);
  });

  it('reads every 2026 transfer from the JSON', () => {
    for (const t of calendarYear(2026)!.transfers) {
      expect(isWorkingDay(t.to)).toBe(false);
      expect(isWorkingDay(t.from)).toBe(false);
    }
    expect(calendarYear(2026)!.workingWeekends).toEqual([]);
  });

  it('marks short days', () => {
    expect(isShortDay('2024-11-02')).toBe(true);
    expect(isShortDay('2024-11-05')).toBe(false);
  });
});

describe('2020–2021 special non-working days', () => {
  it('are flagged but stay working days, so deadlines do not move off them', () => {
    for (const iso of ['2020-04-15', '2020-06-24', '2020-07-01', '2021-05-05', '2021-11-02']) {
      expect(isSpecialNonWorkingDay(iso), iso).toBe(true);
      expect(isWorkingDay(iso), iso).toBe(true);
      expect(effectiveDueDate(iso), iso).toBe(iso);
    }
    expect(isSpecialNonWorkingDay('2024-04-15')).toBe(false);
  });
});

describe('nextWorkingDay / effectiveDueDate (ГК РФ ст. 193)', () => {
  it('keeps a working day', () => {
    expect(nextWorkingDay('2024-04-27')).toBe('2024-04-27');
    expect(effectiveDueDate('2024-12-28')).toBe('2024-12-28');
  });
  it('moves off weekends and holidays to the next working day', () => {
    expect(effectiveDueDate('2024-03-31')).toBe('2024-04-01');
    expect(effectiveDueDate('2024-12-29')).toBe('2025-01-09');
    expect(effectiveDueDate('2025-05-01')).toBe('2025-05-05');
    expect(effectiveDueDate('2025-05-08')).toBe('2025-05-12');
    expect(effectiveDueDate('2026-01-01')).toBe('2026-01-12');
    expect(effectiveDueDate('2025-12-31')).toBe('2026-01-12');
    expect(nextWorkingDay('2024-06-12')).toBe('2024-06-13');
  });
  it('previousWorkingDay goes back instead', () => {
    expect(previousWorkingDay('2024-12-31')).toBe('2024-12-28');
    expect(previousWorkingDay('2025-05-05')).toBe('2025-05-05');
    expect(previousWorkingDay('2025-05-04')).toBe('2025-04-30');
  });
});

describe('addWorkingDays', () => {
  it('never counts the start day', () => {
    expect(addWorkingDays('2024-12-27', 1)).toBe('2024-12-28');
    expect(addWorkingDays('2024-12-28', 1)).toBe('2025-01-09');
    expect(addWorkingDays('2025-04-30', 1)).toBe('2025-05-05');
    expect(addWorkingDays('2025-04-30', 4)).toBe('2025-05-12'); // 05, 06, 07, 12 (08–09 off)
    expect(addWorkingDays('2025-04-30', 5)).toBe('2025-05-13');
    expect(addWorkingDays('2024-04-26', 2)).toBe('2024-05-02');
  });
  it('goes backwards for negative n and is the identity for 0', () => {
    expect(addWorkingDays('2025-01-09', -1)).toBe('2024-12-28');
    expect(addWorkingDays('2024-05-02', -2)).toBe('2024-04-26');
    expect(addWorkingDays('2024-03-31', 0)).toBe('2024-03-31');
  });
  it('agrees with countWorkingDays', () => {
    for (const start of ['2023-12-29', '2024-04-26', '2025-04-30', '2026-12-30']) {
      for (const n of [1, 3, 10, 45]) {
        const end = addWorkingDays(start, n);
        expect(countWorkingDays(addDaysIso(start, 1), end)).toBe(n);
        expect(isWorkingDay(end)).toBe(true);
      }
    }
  });
  it('rejects fractional n and bad dates', () => {
    expect(() => addWorkingDays('2024-01-01', 1.5)).toThrow(RangeError);
    expect(() => isWorkingDay('2024-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('24-02-03')).toThrow(RangeError);
  });
});

const addDaysIso = (iso: string, n: number) => fromEpochDay(toEpochDay(iso) + n);

describe('countWorkingDays', () => {
  it('counts both ends', () => {
    expect(countWorkingDays('2024-04-27', '2024-04-27')).toBe(1);
    expect(countWorkingDays('2024-04-27', '2024-05-03')).toBe(3); // 27.04, 02.05, 03.05
    expect(countWorkingDays('2025-05-01', '2025-05-31')).toBe(18);
    expect(countWorkingDays('2024-05-03', '2024-04-27')).toBe(0);
  });
});

describe('years outside the data', () => {
  it('says so', () => {
    expect(calendarCovers(2024)).toBe(true);
    expect(calendarCovers(2014)).toBe(false);
    expect(calendarCovers(2028)).toBe(false);
    expect(calendarYear(2028)).toBeUndefined();
  });
  it('falls back to weekends and the Labour Code holidays (Art. 112), with their automatic moves', () => {
    expect(isWorkingDay('2028-01-03')).toBe(false); // Monday, новогодние каникулы
    expect(isWorkingDay('2028-01-10')).toBe(true);
    expect(isWorkingDay('2028-01-15')).toBe(false); // Saturday
    expect(isWorkingDay('2028-02-23')).toBe(false);
    expect(isWorkingDay('2028-03-08')).toBe(false);
    // 12.06.2028 is a Monday; 04.11.2028 a Saturday -> 06.11.2028 (Mon) off
    expect(isWorkingDay('2028-06-12')).toBe(false);
    expect(isWorkingDay('2028-11-06')).toBe(false);
    expect(isWorkingDay('2028-11-07')).toBe(true);
    expect(statutoryHolidays(2028).size).toBe(ART_112_HOLIDAYS.length + 1);
    expect(isWorkingDay('2014-12-31')).toBe(true);
    expect(effectiveDueDate('2027-12-31')).toBe('2028-01-10');
  });
});

describe('time zone', () => {
  it('gives the same answers whatever the process time zone', () => {
    const before = process.env.TZ;
    const answers = () => [
      nextWorkingDay('2024-12-29'),
      addWorkingDays('2025-04-30', 5),
      countWorkingDays('2024-01-01', '2024-03-31'),
      isWorkingDay('2024-04-27'),
    ];
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      const east = answers();
      process.env.TZ = 'America/Adak';
      const west = answers();
      expect(east).toEqual(['2025-01-09', '2025-05-13', 57, true]); // Q1 2024: 17 + 20 + 20 working days
      expect(west).toEqual(east);
    } finally {
      process.env.TZ = before;
    }
  });
});
