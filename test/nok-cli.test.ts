/**
 * `npm run --silent cli -- nok …` through the real command: a file, stdin, and the refusals
 * (nonzero exit, the problems on stderr, nothing on stdout).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const FIXTURE = 'test/fixtures/nok/severo-ozerskaya-social-2025.json';
const dir = mkdtempSync(join(tmpdir(), 'isp-nok-cli-'));

function nok(args: string[], stdin?: string) {
  const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'nok', ...args], {
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeInput(name: string, doc: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

const organisation = (id: string, survey22: [number, number] | null) => ({
  id,
  name: 'ГБУК «Озёрский районный дом культуры»',
  sector: 'культура',
  info: { stand: [10, 20], site: [15, 20] },
  remoteChannels: 2,
  comfortConditions: 3,
  accessOrg: 1,
  accessServices: 6,
  survey: {
    '1.3': { stand: [0, 0], site: [9, 10] },
    '2.2': survey22,
    '2.3': [40, 50],
    '3.3': [0, 0],
    '4.1': [45, 50],
    '4.2': [50, 50],
    '4.3': [3, 4],
    '5.1': [35, 50],
    '5.2': [40, 50],
    '5.3': [45, 50],
  },
});

describe('cli nok score', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints indicators, К1–К5 and the total of every organisation, unrounded', () => {
    const r = nok(['score', '--edition', '344n-2018', '--input', FIXTURE]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.organisations.map((o: { id: string }) => o.id)).toEqual([
      'kcson-ozerny',
      'di-sosnovy-bor',
      'srcn-nadezhda',
      'csa-severoozersk',
    ]);
    expect(Object.keys(out.organisations[0])).toEqual(['id', 'indicators', 'K', 'total']);
    expect(Object.keys(out.organisations[0].K)).toEqual(['1', '2', '3', '4', '5']);
    // Worked out by hand in src/domain/nok/fixture.test.ts: 92179/990 and 1661/30.
    expect(out.organisations[0].total).toBeCloseTo(92179 / 990, 9);
    expect(out.organisations[3].total).toBeCloseTo(1661 / 30, 9);
  }, 60_000);

  it('reads stdin with --input -, and leaves 2.2 out when it is null', () => {
    const doc = { edition: '344n-2018', organisations: [organisation('dk-1', null), organisation('dk-2', [30, 50])] };
    const r = nok(['score', '--input', '-'], JSON.stringify(doc));
    expect(r.status).toBe(0);
    const [a, b] = JSON.parse(r.stdout).organisations;
    // 1.1 = 0.5·(10/20 + 15/20)·100 = 62.5; 1.2 = 60; 1.3 = 0.5·(0 + 9/10)·100 = 45 (nobody used the stand)
    // К1 = 0.3·62.5 + 0.3·60 + 0.4·45 = 18.75 + 18 + 18 = 54.75
    expect(a.indicators['1.1']).toBeCloseTo(62.5, 9);
    expect(a.indicators['1.3']).toBeCloseTo(45, 9);
    expect(a.K['1']).toBeCloseTo(54.75, 9);
    // 2.2 null: 2.1 = 60, 2.3 = 80, К2 = 0.5·60 + 0.5·80 = 70
    expect('2.2' in a.indicators).toBe(false);
    expect(a.K['2']).toBeCloseTo(70, 9);
    // 2.2 = 30/50·100 = 60: К2 = 0.3·60 + 0.4·60 + 0.3·80 = 18 + 24 + 24 = 66
    expect(b.indicators['2.2']).toBeCloseTo(60, 9);
    expect(b.K['2']).toBeCloseTo(66, 9);
    // К3 = 0.3·20 + 0.4·100 + 0.3·0 = 46; К4 = 0.4·90 + 0.4·100 + 0.2·75 = 91; К5 = 0.3·70 + 0.2·80 + 0.5·90 = 82
    // total (2.2 null) = (54.75 + 70 + 46 + 91 + 82)/5 = 343.75/5 = 68.75
    expect(a.total).toBeCloseTo(68.75, 9);
    // total (2.2 = 60) = (54.75 + 66 + 46 + 91 + 82)/5 = 339.75/5 = 67.95
    expect(b.total).toBeCloseTo(67.95, 9);
  }, 60_000);

  it('refuses bad numbers with a nonzero exit, precise English and Russian on stderr, nothing on stdout', () => {
    const bad = organisation('dk-1', null);
    bad.survey['4.3'] = [5, 4];
    bad.remoteChannels = -2;
    (bad.info as { stand: number[] }).stand = [21, 20];
    const r = nok([
      'score',
      '--edition',
      '344n-2018',
      '--input',
      writeInput('bad.json', { edition: '344n-2018', organisations: [bad] }),
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'error: organisations[0] (id "dk-1").info.stand: present (21) is greater than required (20)',
    );
    expect(r.stderr).toContain('error: organisations[0] (id "dk-1").remoteChannels: must not be negative, got -2');
    expect(r.stderr).toContain(
      'error: organisations[0] (id "dk-1").survey["4.3"]: satisfied (5) is greater than remote users (4)',
    );
    expect(r.stderr).toContain('удовлетворённых (5) больше, чем пользовавшихся дистанционными способами (4)');
  }, 60_000);

  it('refuses an unknown edition, a conflicting one, invalid JSON and a missing file', () => {
    const unknown = nok(['score', '--edition', '344n-2030', '--input', FIXTURE]);
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/edition: the input says "344n-2018" but --edition is "344n-2030"/);
    const unknownInFile = nok(['score', '--input', writeInput('e.json', { edition: '344n-2030', organisations: [] })]);
    expect(unknownInFile.status).toBe(1);
    expect(unknownInFile.stderr).toMatch(/error: edition: unknown edition "344n-2030" \(known: 344n-2018\)/);
    expect(unknownInFile.stderr).toMatch(/Неизвестная редакция методики «344n-2030»/);
    const notJson = nok(['score', '--edition', '344n-2018', '--input', '-'], '{"organisations": [');
    expect(notJson.status).toBe(1);
    expect(notJson.stdout).toBe('');
    expect(notJson.stderr).toMatch(/^error: stdin is not valid JSON/);
    const missing = nok(['score', '--edition', '344n-2018', '--input', join(dir, 'nope.json')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json: no such file/);
  }, 60_000);

  it('explains bad usage with exit 2', () => {
    expect(nok(['score', '--edition', '344n-2018']).status).toBe(2);
    expect(nok(['rate', '--input', FIXTURE]).stderr).toMatch(/unknown subcommand "rate"/);
    expect(nok(['score', '--input', FIXTURE, '--round']).stderr).toMatch(/unknown option --round/);
  }, 60_000);
});

describe('cli nok explain and editions', () => {
  it("lists each organisation's shortfalls in Russian, worst first", () => {
    const r = nok(['explain', '--input', FIXTURE]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const csa = out.organisations.find((o: { id: string }) => o.id === 'csa-severoozersk');
    expect(csa.shortfalls[0].text).toBe(
      '3.2 — условий, позволяющих инвалидам получать услуги наравне с другими, обеспечено 1 из 5, нужных для 100 баллов (20 баллов)',
    );
    expect(csa.shortfalls.map((s: { text: string }) => s.text)).toContain(
      '1.3 — информацией на стенде удовлетворены 22 из 30 обращавшихся к ней; сайтом не пользовался никто из опрошенных (36,67 балла)',
    );
  }, 60_000);

  it('lists the editions with their sources and confidence', () => {
    const r = nok(['editions']);
    expect(r.status).toBe(0);
    const { editions } = JSON.parse(r.stdout);
    expect(editions).toEqual([
      expect.objectContaining({ edition: '344n-2018', act: 'Приказ Минтруда России от 31.05.2018 № 344н' }),
    ]);
    expect(editions[0].confidence['2.1']).toEqual({ formula: 'C', weight: 'A', cap: 'C' });
  }, 60_000);
});
