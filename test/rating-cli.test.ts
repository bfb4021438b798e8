/**
 * `rating` through the real command line: `npm run --silent cli -- rating …` once, and the same
 * entry point (src/cli/index.ts under tsx) for the rest, on the genre fixtures in
 * test/fixtures/ratings/ and on files written here for edge cases and bad input.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const FIX = 'test/fixtures/ratings';
const dir = mkdtempSync(join(tmpdir(), 'isp-rating-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}
const rating = (...args: string[]): Run => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'rating', ...args], {
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const json = (r: Run) => {
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { rows: Row[] };
};
interface Row {
  municipality: string;
  total: number | null;
  rank: number | null;
  band: string | null;
  groups: Record<string, number | null>;
  points: Record<string, number | null>;
  explanations?: Record<string, string>;
}

const issueMethod = JSON.parse(readFileSync(`${FIX}/issue-example.method.json`, 'utf8'));
const SEV = 'Городской округ "Город Северозёрск"';

describe('cli rating: the example methodology of issue 13', () => {
  it('through npm run, prints rows ordered by rank then name, ties sharing a rank («1, 2, 2, 4»)', () => {
    const out = execFileSync(
      'npm',
      [
        'run',
        '--silent',
        'cli',
        '--',
        'rating',
        '--method',
        `${FIX}/issue-example.method.json`,
        '--values',
        `${FIX}/issue-example.values.csv`,
        '--format',
        'json',
      ],
      { encoding: 'utf8' },
    );
    const { rows } = JSON.parse(out) as { rows: Row[] };
    // One group, so total = A = (1·A1 + 2·A2)/3. A1 = min(v/10, 1)·100; A2 down thresholds [[0,100],[5,50],[10,0]].
    // Озёрский: A1 7,5 → 75; A2 0 → 100; (75 + 200)/3 = 91.667 → лидеры
    // Северозёрск: A1 12 → 100; A2 3 → threshold 5 → 50; (100 + 100)/3 = 66.667 → уверенные
    // Сосновский: A1 10.0 → 100; A2 5 → 50; 66.667 — the same total: rank 2 too, after Г… by name
    // Лесногорский: A1 5 → 50; A2 5 → 50; 150/3 = 50 exactly → уверенные (from 50), rank 4
    // Приречный: A1 empty → 0 (zero); A2 4 → 50; 100/3 = 33.333 → первые шаги
    expect(rows.map((r) => [r.municipality, r.rank, r.band])).toEqual([
      ['Озёрский муниципальный район', 1, 'лидеры'],
      [SEV, 2, 'уверенные'],
      ['Сосновский муниципальный район', 2, 'уверенные'],
      ['Лесногорский муниципальный район', 4, 'уверенные'],
      ['Приречный муниципальный округ', 5, 'первые шаги'],
    ]);
    const expected = [275 / 3, 200 / 3, 200 / 3, 50, 100 / 3];
    rows.forEach((r, i) => {
      expect(r.total).toBeCloseTo(expected[i], 9);
      expect(r.groups.A).toBeCloseTo(expected[i], 9);
    });
    expect(rows.map((r) => r.points)).toEqual([
      { A1: 75, A2: 100 },
      { A1: 100, A2: 50 },
      { A1: 100, A2: 50 },
      { A1: 50, A2: 50 },
      { A1: 0, A2: 50 },
    ]);
    expect(Object.keys(rows[0])).toEqual(['municipality', 'total', 'rank', 'band', 'groups', 'points']);
  }, 60_000);

  it('under reweight a missing value leaves the mean (points null) and creates a new tie', () => {
    const method = file('reweight.json', JSON.stringify({ ...issueMethod, missing: 'reweight' }));
    const { rows } = json(
      rating('--method', method, '--values', `${FIX}/issue-example.values.csv`, '--format', 'json'),
    );
    // Приречный: only A2 takes part: (2·50)/2 = 50 — equal to Лесногорский: both rank 4, by name.
    expect(rows.slice(3).map((r) => [r.municipality, r.total, r.rank, r.band, r.points])).toEqual([
      ['Лесногорский муниципальный район', 50, 4, 'уверенные', { A1: 50, A2: 50 }],
      ['Приречный муниципальный округ', 50, 4, 'уверенные', { A1: null, A2: 50 }],
    ]);
  });

  it('reweight with a municipality that gave no data at all: total, rank, band null, listed last', () => {
    const method = file('reweight2.json', JSON.stringify({ ...issueMethod, missing: 'reweight' }));
    const values = file('nodata.csv', 'municipality,indicator,value\nАльфа,A1,5\nАльфа,A2,1\nБета,A1,\nБета,A2,\n');
    const { rows } = json(rating('--method', method, '--values', values));
    expect(rows).toEqual([
      { municipality: 'Альфа', total: 50, rank: 1, band: 'уверенные', groups: { A: 50 }, points: { A1: 50, A2: 50 } },
      {
        municipality: 'Бета',
        total: null,
        rank: null,
        band: null,
        groups: { A: null },
        points: { A1: null, A2: null },
      },
    ]);
  });

  it('one municipality, all equal: every normalisation and both directions', () => {
    const method = file(
      'all.json',
      JSON.stringify({
        title: 'Все способы',
        missing: 'zero',
        groups: [
          { id: 'U', title: 'Рост', weight: 1 },
          { id: 'D', title: 'Снижение', weight: 1 },
        ],
        indicators: [
          { id: 'u1', group: 'U', title: '', unit: '', direction: 'up', normalisation: 'minmax', weight: 1 },
          { id: 'u2', group: 'U', title: '', unit: '', direction: 'up', normalisation: 'best', weight: 1 },
          { id: 'u3', group: 'U', title: '', unit: '', direction: 'up', normalisation: 'binary', weight: 1 },
          { id: 'd1', group: 'D', title: '', unit: '', direction: 'down', normalisation: 'minmax', weight: 1 },
          { id: 'd2', group: 'D', title: '', unit: '', direction: 'down', normalisation: 'best', weight: 1 },
          {
            id: 'd3',
            group: 'D',
            title: '',
            unit: '',
            direction: 'down',
            normalisation: 'target',
            target: 2,
            weight: 1,
          },
        ],
        bands: [
          { from: 100, label: 'высший' },
          { from: 0, label: 'прочие' },
        ],
      }),
    );
    const one = file(
      'one.csv',
      'municipality,indicator,value\nБор,u1,3\nБор,u2,3\nБор,u3,3\nБор,d1,3\nБор,d2,3\nБор,d3,3\n',
    );
    // minmax: max = min → 100; best: 3/3 → 100; binary 3 > 0 → 100; target down: 3 > 2 → 2/3·100 = 66.667
    // U = 100; D = (100 + 100 + 66.667)/3 = 88.889; total = (100 + 88.889)/2 = 94.444
    const { rows } = json(rating('--method', method, '--values', one));
    expect(rows[0]).toMatchObject({ rank: 1, band: 'прочие', points: { u1: 100, u2: 100, u3: 100, d1: 100, d2: 100 } });
    expect(rows[0].points.d3).toBeCloseTo(200 / 3, 9);
    expect(rows[0].total).toBeCloseTo((100 + (200 + 200 / 3) / 3) / 2, 9);
    // All zero: best up max = 0 → 0; best down v = 0 → 100; minmax 100; binary 0; target down 0 ≤ 2 → 100
    const zeros = file(
      'zeros.csv',
      'municipality,indicator,value\n' +
        ['Бор', 'Яр'].flatMap((m) => ['u1', 'u2', 'u3', 'd1', 'd2', 'd3'].map((i) => `${m},${i},0`)).join('\n'),
    );
    const z = json(rating('--method', method, '--values', zeros)).rows;
    expect(z.map((r) => [r.municipality, r.rank])).toEqual([
      ['Бор', 1],
      ['Яр', 1],
    ]);
    expect(z[0].points).toEqual({ u1: 100, u2: 0, u3: 0, d1: 100, d2: 100, d3: 100 });
    expect(z[0].total).toBeCloseTo((100 / 3 + 100) / 2, 9);
  });
});

describe('cli rating: a rating of NGO support in 12 municipalities', () => {
  const args = [
    '--method',
    `${FIX}/nko-support-2024.method.json`,
    '--values',
    `${FIX}/nko-support-2024.values.csv`,
    '--format',
    'json',
  ];

  it('ranks all twelve, with groups and points of every indicator', () => {
    const { rows } = json(rating(...args));
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const r of rows) expect(Object.keys(r.points)).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2']);
    const oz = rows.find((r) => r.municipality === 'Озёрский муниципальный район')!;
    // A3 minmax over present values: min 12,5 (Луговской), max 186,5 (Северозёрск); Ёршинский's empty A3 takes no part.
    // B1 best: max 18,7. B3 minmax: min 6,1, max 34,5. C1 best: max 64.
    const A = (100 + 2 * 68 + ((97.3 - 12.5) / (186.5 - 12.5)) * 100) / 4; // A1 1 → 100, A2 6,8/10 → 68
    const B = (2 * (12 / 18.7) * 100 + 70 + ((22.4 - 6.1) / (34.5 - 6.1)) * 100) / 4; // B2 103 → 70
    const C = ((30 / 64) * 100 + 60) / 2; // C2 18 days → lowest threshold not below: 20 → 60
    expect(oz.groups.A).toBeCloseTo(A, 9);
    expect(oz.groups.B).toBeCloseTo(B, 9);
    expect(oz.groups.C).toBeCloseTo(C, 9);
    expect(oz.total).toBeCloseTo(0.4 * A + 0.35 * B + 0.25 * C, 9); // 64.21
    expect(oz).toMatchObject({ rank: 4, band: 'претендующие на лидерство' });
    // B2 missing under its own `reweight`: left out, B = (2·B1 + B3)/3.
    const el = rows.find((r) => r.municipality === 'Еловский муниципальный округ')!;
    expect(el.points.B2).toBeNull();
    expect(el.groups.B).toBeCloseTo((2 * (8.2 / 18.7) * 100 + ((17.5 - 6.1) / 28.4) * 100) / 3, 9);
    // Under the methodology's `zero`: C2 and A3 missing give 0 points and keep their weight.
    expect(rows.find((r) => r.municipality === 'Вязовский муниципальный район')!.points.C2).toBe(0);
    expect(rows.find((r) => r.municipality === 'Ёршинский муниципальный район')!.points.A3).toBe(0);
    expect(
      rows.find((r) => r.municipality === 'Ключевской муниципальный округ (р.п. Ключи, с. Заозерье)'),
    ).toBeDefined();
    expect(rows[0]).toMatchObject({ municipality: SEV, rank: 1, band: 'лидеры' });
  });

  it('reads the same file with BOM, CRLF and rows in reverse order identically', () => {
    const original = rating(...args).stdout;
    const lines = readFileSync(`${FIX}/nko-support-2024.values.csv`, 'utf8').trim().split('\n');
    const shuffled = [lines[0], ...lines.slice(1).reverse()].join('\r\n') + '\r\n';
    const path = file('bom-crlf.csv', '\uFEFF' + shuffled);
    expect(rating('--method', `${FIX}/nko-support-2024.method.json`, '--values', path).stdout).toBe(original);
  });

  it('--explain adds the Russian sentence of every point', () => {
    const { rows } = json(rating(...args, '--explain'));
    const oz = rows.find((r) => r.municipality === 'Озёрский муниципальный район')!;
    // B1 is worth 0.35 · 2/4 = 17.5 points of the total; 12/18.7 of it = 11.2.
    expect(oz.explanations!.B1).toBe('11,2 из 17,5 балла: 12 СО НКО на 10 тыс. жителей при лучшем 18,7');
    expect(rows.find((r) => r.municipality === 'Еловский муниципальный округ')!.explanations!.B2).toMatch(
      /^не учитывается: нет данных, вес показателя распределён/,
    );
  });
});

describe('cli rating: bad input gets a precise English error, nothing on stdout', () => {
  const method = `${FIX}/issue-example.method.json`;

  it('an unknown indicator', () => {
    const r = rating(
      '--method',
      method,
      '--values',
      file('unknown.csv', 'municipality,indicator,value\nБор,A1,1\nБор,A9,2\nЯр,A9,3\n'),
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      `error: ${join(dir, 'unknown.csv')}: line 3: unknown indicator "A9" (the methodology has A1, A2); also on 1 more row(s): 4`,
    );
    expect(r.stderr).toContain('строка 3: показателя «A9» нет в методике');
  });

  it('a non-number, with its line', () => {
    const r = rating(
      '--method',
      method,
      '--values',
      file('nan.csv', 'municipality,indicator,value\n"Бор, пос.",A1,"двенадцать"\n'),
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/line 2: value "двенадцать" for "Бор, пос\.", indicator "A1" is not a number/);
  });

  it('a duplicate value and a bad header', () => {
    const dup = rating(
      '--method',
      method,
      '--values',
      file('dup.csv', 'municipality,indicator,value\nБор,A1,1\nБор,A1,2\n'),
    );
    expect(dup.status).toBe(1);
    expect(dup.stderr).toMatch(/line 3: a second value for "Бор", indicator "A1" \(first on line 2\)/);
    const header = rating('--method', method, '--values', file('header.csv', 'МО,показатель,значение\nБор,A1,1\n'));
    expect(header.status).toBe(1);
    expect(header.stderr).toMatch(/line 1: the header must be municipality,indicator,value/);
  });

  it('a methodology with weights not positive, an unknown normalisation, thresholds out of order', () => {
    const bad = structuredClone(issueMethod);
    bad.groups[0].weight = 0;
    bad.indicators[0].normalisation = 'rank';
    const r1 = rating(
      '--method',
      file('bad1.json', JSON.stringify(bad)),
      '--values',
      `${FIX}/issue-example.values.csv`,
    );
    expect(r1.status).toBe(1);
    expect(r1.stdout).toBe('');
    expect(r1.stderr).toContain('groups[0].weight: weight must be positive, got 0');
    expect(r1.stderr).toContain(
      'indicators[0].normalisation: unknown normalisation "rank"; expected one of minmax, best, target, thresholds, binary',
    );
    expect(r1.stderr).toContain('Методика рейтинга содержит ошибки');
    const bad2 = structuredClone(issueMethod);
    bad2.indicators[1].thresholds = [
      [0, 100],
      [10, 0],
      [5, 50],
    ];
    const r2 = rating(
      '--method',
      file('bad2.json', JSON.stringify(bad2)),
      '--values',
      `${FIX}/issue-example.values.csv`,
    );
    expect(r2.status).toBe(1);
    expect(r2.stderr).toContain(
      'indicators[1].thresholds[2][0]: thresholds must be in strictly ascending order of value: 5 follows 10',
    );
  });

  it('a methodology that is not JSON, a missing file, missing options', () => {
    const r = rating('--method', file('broken.json', '{"title": '), '--values', `${FIX}/issue-example.values.csv`);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\.json: not valid JSON/);
    const missing = rating('--method', join(dir, 'nope.json'), '--values', `${FIX}/issue-example.values.csv`);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read \(ENOENT\)/);
    const usage = rating('--values', `${FIX}/issue-example.values.csv`);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--method METHOD\.json is required/);
    expect(rating('--method', method, '--values', `${FIX}/issue-example.values.csv`, '--format', 'xml').stderr).toMatch(
      /unsupported --format xml/,
    );
  });
});
