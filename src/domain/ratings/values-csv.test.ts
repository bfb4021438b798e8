import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseDecimal, readValuesCsv } from './values-csv.js';

describe('parseDecimal', () => {
  it('reads decimal comma or point, signs, digit groups, exponents', () => {
    expect(parseDecimal('12,5')).toBe(12.5);
    expect(parseDecimal('12.5')).toBe(12.5);
    expect(parseDecimal(' 7 ')).toBe(7);
    expect(parseDecimal('-3,25')).toBe(-3.25);
    expect(parseDecimal('−3,25')).toBe(-3.25); // typographic minus
    expect(parseDecimal('+4')).toBe(4);
    expect(parseDecimal(',5')).toBe(0.5);
    expect(parseDecimal('1 234 567,8')).toBe(1234567.8);
    expect(parseDecimal('1\u00a0234,5')).toBe(1234.5);
    expect(parseDecimal('1,5e3')).toBe(1500);
    expect(parseDecimal('0')).toBe(0);
  });
  it('blank is missing (null)', () => {
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('   ')).toBeNull();
  });
  it('anything else is not a number (undefined)', () => {
    for (const s of [
      'abc',
      '12 %',
      '1.234,5',
      '12,',
      '1 23',
      '1e999',
      '-',
      'NaN',
      'Infinity',
      '0x10',
      '12,5,3',
      'н/д',
    ]) {
      expect(parseDecimal(s), s).toBeUndefined();
    }
  });
});

describe('readValuesCsv', () => {
  it('reads quoted names with commas and doubled quotes, decimal commas, empty values, BOM and CRLF', () => {
    const text =
      '\uFEFFmunicipality,indicator,value\r\n"Каменский район, г. Каменск",A1,"12,5"\r\n"Городской округ ""Город Северозёрск""",A1,3.5\r\nОзёрский район,A1,\r\n';
    expect(readValuesCsv(text)).toEqual({
      records: [
        { municipality: 'Каменский район, г. Каменск', indicator: 'A1', value: 12.5, line: 2 },
        { municipality: 'Городской округ "Город Северозёрск"', indicator: 'A1', value: 3.5, line: 3 },
        { municipality: 'Озёрский район', indicator: 'A1', value: null, line: 4 },
      ],
      issues: [],
    });
  });

  it('keeps a stray quote inside an unquoted name, skips blank rows, counts lines of multi-line names', () => {
    const text =
      'municipality,indicator,value\nГородской округ "Лесной",B1,2\n\n,,\n"Муниципальный округ\n«Приозёрный»",B1,4\nЛуговой район,B1,5\n';
    const { records, issues } = readValuesCsv(text);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.municipality, r.value, r.line])).toEqual([
      ['Городской округ "Лесной"', 2, 2],
      ['Муниципальный округ\n«Приозёрный»', 4, 5],
      ['Луговой район', 5, 7],
    ]);
  });

  it('columns in any order, header case and spaces ignored; semicolon and tab files as Excel writes them', () => {
    expect(readValuesCsv('Value, Indicator ,MUNICIPALITY\n1,A1,Бор\n').records).toEqual([
      { municipality: 'Бор', indicator: 'A1', value: 1, line: 2 },
    ]);
    expect(readValuesCsv('municipality;indicator;value\nБор, пос.;A1;12,5\n').records).toEqual([
      { municipality: 'Бор, пос.', indicator: 'A1', value: 12.5, line: 2 },
    ]);
    expect(readValuesCsv('municipality\tindicator\tvalue\nБор\tA1\t2\n').records[0].value).toBe(2);
  });

  it('reads Windows-1251 bytes', () => {
    const bytes = new Uint8Array(iconv.encode('municipality,indicator,value\nОзёрский район,A1,"0,75"\n', 'win1251'));
    expect(readValuesCsv(bytes).records).toEqual([
      { municipality: 'Озёрский район', indicator: 'A1', value: 0.75, line: 2 },
    ]);
  });

  it('an unquoted decimal comma (four fields, digits at the end) is read as that number', () => {
    expect(
      readValuesCsv('municipality,indicator,value\nБор,A1,12,5\nЯр,A1,-0,25\n').records.map((r) => r.value),
    ).toEqual([12.5, -0.25]);
  });

  it('names the line of every non-number and wrong field count, and reads the rest', () => {
    const { records, issues } = readValuesCsv(
      'municipality,indicator,value\nБор,A1,abc\nЯр,A1,5\nЛес,A1,1,2,3\n"Луг, с.",A1,12 %\n',
    );
    expect(records.map((r) => r.municipality)).toEqual(['Яр']);
    expect(issues.map((i) => i.en)).toEqual([
      'line 2: value "abc" for "Бор", indicator "A1" is not a number',
      'line 4: expected 3 fields (municipality,indicator,value), got 5; quote a name that contains the delimiter',
      'line 5: value "12 %" for "Луг, с.", indicator "A1" is not a number',
    ]);
    expect(issues[0].ru).toBe('строка 2: значение «abc» показателя «A1» для «Бор» не является числом');
  });

  it('refuses a wrong header, an empty file and an unclosed quote', () => {
    expect(readValuesCsv('name,indicator,value\nБор,A1,1\n').issues.map((i) => i.en)).toEqual([
      'line 1: the header must be municipality,indicator,value (got name,indicator,value)',
    ]);
    expect(readValuesCsv('municipality,indicator,value,comment\n').issues[0].en).toMatch(/header must be/);
    expect(readValuesCsv('').issues[0].en).toBe('the file is empty: expected the header municipality,indicator,value');
    const broken = readValuesCsv('municipality,indicator,value\n"Бор,A1,1\n');
    expect(broken.records).toEqual([]);
    expect(broken.issues[0].en).toMatch(/^the CSV cannot be read: Quote Not Closed/);
  });
});
