/**
 * `npm run bench -- deadlines [--runs N] [--rounds N] [--no-golden]`
 *
 * Throughput of parseDeadline + expandSchedule (with effective dates) over a realistic mix:
 * the genre fixture test/fixtures/deadlines/phrases.jsonl and, when present, the shared golden
 * file ../shared/golden/deadlines.jsonl (absent on users' clones; the fixture alone is enough).
 * Target: ≥ 20,000 phrases/second.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandSchedule, parseDeadline, type PlanPeriod } from '../src/domain/deadlines/index.js';
import { fmt, option, percentile, timeRuns } from './_stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const TARGET = 20_000;

interface Phrase {
  text: string;
  period: PlanPeriod;
  reference?: string;
}

function readJsonl(path: string): Phrase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Phrase)
    .map(({ text, period, reference }) => ({ text, period, reference }));
}

export async function run(argv: string[]): Promise<void> {
  const runs = option(argv, '--runs', 9);
  const rounds = option(argv, '--rounds', 40);
  const sources: string[] = [];
  const phrases: Phrase[] = [];
  const fixture = join(here, '..', 'test', 'fixtures', 'deadlines', 'phrases.jsonl');
  phrases.push(...readJsonl(fixture));
  sources.push(`fixture ${phrases.length}`);
  const golden = join(here, '..', '..', 'shared', 'golden', 'deadlines.jsonl');
  if (!argv.includes('--no-golden') && existsSync(golden)) {
    const g = readJsonl(golden);
    phrases.push(...g);
    sources.push(`golden ${g.length}`);
  }

  let sink = 0;
  const once = () => {
    for (let r = 0; r < rounds; r++) {
      for (const p of phrases) {
        const e = expandSchedule(parseDeadline(p.text, { period: p.period, reference: p.reference }), p.period);
        sink += e.due.length + e.reports.length;
      }
    }
  };
  const perRun = phrases.length * rounds;
  const ms = await timeRuns(once, runs, 2);
  const median = percentile(ms, 50);
  const worst = ms[ms.length - 1];
  const rate = (perRun / median) * 1000;
  const worstRate = (perRun / worst) * 1000;
  console.log(`deadlines: ${phrases.length} phrases (${sources.join(', ')}), ${rounds} rounds per run, ${runs} runs`);
  console.log(`  run time: median ${fmt(median)}, slowest ${fmt(worst)} for ${perRun} phrases`);
  console.log(
    `  parseDeadline + expandSchedule: ${Math.round(rate).toLocaleString('en-US')} phrases/s (slowest run ${Math.round(worstRate).toLocaleString('en-US')} phrases/s)`,
  );
  console.log(`  target ${TARGET.toLocaleString('en-US')} phrases/s: ${rate >= TARGET ? 'met' : 'NOT MET'}`);
  if (sink < 0) console.log(sink); // keep the work observable
}
