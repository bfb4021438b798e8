/**
 * `npm run bench -- substance [--runs N] [--rounds N] [--no-golden]`
 *
 * Throughput of the report substance check (checkSubstance: segmentation, morphology, facts,
 * executors' parts, status conflict, reasons) over genre texts: the fixtures
 * test/fixtures/substance/{held-out,blind}-input.jsonl and, when present, the shared development set.
 * Target: ≥ 2,000 texts/second.
 *
 * Two figures: **warm** — the word-analysis cache filled, as in a running server or a long CLI
 * stream (the genre's vocabulary is small); **cold** — a fresh cache for every pass, so each
 * distinct word goes through the dictionary once per pass. The dictionary load is timed apart.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Az from 'az';
import { checkSubstance, type SubstanceInput } from '../src/domain/substance/index.js';
import { azMorphology, loadMorphology } from '../src/modules/substance/index.js';
import { fmt, option, percentile, timeRuns } from './_stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const TARGET = 2_000;

function readJsonl(path: string): SubstanceInput[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const r = JSON.parse(l) as SubstanceInput & { id: string };
      return {
        text: r.text,
        title: r.title,
        executors: r.executors,
        deadline: r.deadline,
        status: r.status,
        period: r.period,
      };
    });
}

export async function run(argv: string[]): Promise<void> {
  const runs = option(argv, '--runs', 9);
  const rounds = option(argv, '--rounds', 10);
  const texts: SubstanceInput[] = [];
  const sources: string[] = [];
  for (const name of ['held-out', 'blind']) {
    const t = readJsonl(join(here, '..', 'test', 'fixtures', 'substance', `${name}-input.jsonl`));
    texts.push(...t);
    sources.push(`${name} ${t.length}`);
  }
  const golden = join(here, '..', '..', 'shared', 'golden', 'substance', 'seeds-input.jsonl');
  if (!argv.includes('--no-golden') && existsSync(golden)) {
    const g = readJsonl(golden);
    texts.push(...g);
    sources.push(`development ${g.length}`);
  }
  const chars = texts.reduce((n, t) => n + t.text.length, 0);

  const t0 = performance.now();
  const shared = await loadMorphology();
  const loadMs = performance.now() - t0;

  let sink = 0;
  const pass = (m = shared) => {
    for (const t of texts) sink += checkSubstance(t, m).evidence.length;
  };
  const cpu0 = process.cpuUsage();
  const warm = await timeRuns(
    () => {
      for (let r = 0; r < rounds; r++) pass();
    },
    runs,
    2,
  );
  const cpu = process.cpuUsage(cpu0);
  const cpuRate = Math.round(((runs + 2) * texts.length * rounds) / ((cpu.user + cpu.system) / 1e6));
  const cold = await timeRuns(() => pass(azMorphology(Az)), runs, 1);

  const perWarm = texts.length * rounds;
  const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
  const warmRate = rate(perWarm, percentile(warm, 50));
  const coldRate = rate(texts.length, percentile(cold, 50));
  const en = (n: number) => n.toLocaleString('en-US');
  console.log(
    `substance: ${texts.length} texts (${sources.join(', ')}), ${Math.round(chars / texts.length)} characters on average; ${runs} runs`,
  );
  console.log(`  dictionary load: ${fmt(loadMs)} (once per process)`);
  console.log(
    `  warm cache: ${en(warmRate)} texts/s (median of ${runs} runs of ${perWarm} texts; slowest ${en(rate(perWarm, warm[warm.length - 1]))} texts/s)`,
  );
  console.log(
    `  cold cache: ${en(coldRate)} texts/s (each pass with a fresh word cache; slowest ${en(rate(texts.length, cold[cold.length - 1]))} texts/s)`,
  );
  console.log(
    `  warm cache, per CPU second of this process: ${en(cpuRate)} texts/s (load average ${loadavg()[0].toFixed(1)} on this machine: wall-clock figures fall when others run)`,
  );
  console.log(
    `  target ${en(TARGET)} texts/s: warm ${warmRate >= TARGET ? 'met' : 'NOT MET'} (wall clock), ${cpuRate >= TARGET ? 'met' : 'NOT MET'} (CPU time); cold ${coldRate >= TARGET ? 'met' : 'NOT MET'}`,
  );
  if (sink < 0) console.log(sink);
}
