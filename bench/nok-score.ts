/**
 * `npm run bench -- nok-score [--orgs N] [--runs N] [--no-cli]`
 *
 * The НОК scoring engine on a region-sized campaign (default 5,000 organisations, a generated
 * mix with zero denominators, caps and 2.2 absent for a third): in process — JSON parse +
 * validation + scoring + JSON output, scoring alone, the Russian shortfall lists — and once
 * end to end through `npm run --silent cli -- nok score` (process start included).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EDITION_344N_2018,
  explainShortfalls,
  scoreOrganisation,
  scoreRequest,
  validateScoreInput,
  type ScoreInput,
} from '../src/domain/nok/index.js';
import { prng } from '../src/export/sample-models.js';
import { fmt, percentile, timeRuns } from './_stats.js';

function option(argv: string[], name: string, dflt: number): number {
  const i = argv.indexOf(name);
  const v = i >= 0 ? Number(argv[i + 1]) : dflt;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : dflt;
}

function campaign(n: number): ScoreInput {
  const rnd = prng(14); // deterministic, so that runs are comparable
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const share = (whole: number): [number, number] => [Math.min(whole, Math.round(whole * (0.6 + rnd() * 0.45))), whole];
  const sectors = ['социальное обслуживание', 'культура', 'образование', 'охрана здоровья'];
  return {
    edition: '344n-2018',
    organisations: Array.from({ length: n }, (_, i) => {
      const sector = sectors[i % sectors.length];
      const respondents = int(20, 400);
      return {
        id: `org-${i + 1}`,
        name: `Организация № ${i + 1}`,
        sector,
        info: { stand: share(18), site: share(int(18, 40)) },
        remoteChannels: int(0, 6),
        comfortConditions: int(0, 6),
        accessOrg: int(0, 5),
        accessServices: int(0, 6),
        survey: {
          '1.3': { stand: share(int(0, respondents)), site: share(int(0, respondents)) },
          '2.2': sector === 'культура' || sector === 'образование' ? null : share(respondents),
          '2.3': share(respondents),
          '3.3': share(int(0, 30)),
          '4.1': share(respondents),
          '4.2': share(respondents),
          '4.3': share(int(0, 60)),
          '5.1': share(respondents),
          '5.2': share(respondents),
          '5.3': share(respondents),
        },
      };
    }),
  };
}

export async function run(argv: string[]): Promise<void> {
  const n = option(argv, '--orgs', 5_000);
  const runs = option(argv, '--runs', 15);
  const input = campaign(n);
  const text = JSON.stringify(input);
  const validated = validateScoreInput(input);
  if (!validated.ok) throw new Error(`generated input is invalid: ${validated.issues[0].en}`);
  let sink = 0;

  const pipeline = await timeRuns(() => {
    const r = scoreRequest(JSON.parse(text));
    if (!r.ok) throw new Error('refused');
    sink += JSON.stringify(r.result).length;
  }, runs);
  const scoring = await timeRuns(() => {
    for (const o of validated.input.organisations) sink += scoreOrganisation(EDITION_344N_2018, o).total;
  }, runs);
  const explaining = await timeRuns(
    () => {
      for (const o of validated.input.organisations) sink += explainShortfalls(EDITION_344N_2018, o).length;
    },
    Math.max(3, Math.floor(runs / 3)),
  );

  const perSecond = (ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');
  console.log(
    `nok-score: ${n.toLocaleString('en-US')} organisations (${(text.length / 1e6).toFixed(1)} MB of JSON), ${runs} runs, medians:`,
  );
  console.log(
    `  parse + validate + score + JSON out: ${fmt(percentile(pipeline, 50))} (${perSecond(percentile(pipeline, 50))} organisations/s; slowest ${fmt(pipeline.at(-1)!)})`,
  );
  console.log(
    `  scoring alone:                       ${fmt(percentile(scoring, 50))} (${perSecond(percentile(scoring, 50))} organisations/s)`,
  );
  console.log(
    `  shortfalls in Russian:               ${fmt(percentile(explaining, 50))} (${perSecond(percentile(explaining, 50))} organisations/s)`,
  );

  if (!argv.includes('--no-cli')) {
    const dir = mkdtempSync(join(tmpdir(), 'nok-bench-'));
    try {
      const file = join(dir, 'campaign.json');
      writeFileSync(file, text);
      const t = performance.now();
      const r = spawnSync(
        'npm',
        ['run', '--silent', 'cli', '--', 'nok', 'score', '--edition', '344n-2018', '--input', file],
        { encoding: 'utf8', maxBuffer: 1 << 28 },
      );
      const ms = performance.now() - t;
      if (r.status !== 0) throw new Error(`cli failed: ${r.stderr}`);
      const count = (JSON.parse(r.stdout) as { organisations: unknown[] }).organisations.length;
      console.log(
        `  end to end, npm run cli -- nok score: ${fmt(ms)} for ${count.toLocaleString('en-US')} organisations (process start included)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (sink < 0) console.log(sink); // keep the work observable
}
