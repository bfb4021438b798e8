/**
 * `npm run --silent cli -- check-reports` through the real command: JSONL in, one verdict a line out,
 * in order; a bad line gets an error verdict in English and the stream goes on.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const run = (input: string, ...args: string[]) =>
  spawnSync('npm', ['run', '--silent', 'cli', '--', 'check-reports', ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
const line = (o: Record<string, unknown>) =>
  JSON.stringify({
    title: 'Проведение заседаний Совета',
    executorsText: 'Минсоц',
    executors: ['Минсоц'],
    deadline: 'ежеквартально',
    status: 'done',
    period: ['2024-01-01', '2024-12-31'],
    ...o,
  });

describe('check-reports', () => {
  it('answers each line in order, with error lines that do not stop the stream', () => {
    const input = [
      line({ id: 'a', text: 'Проведено 3 заседания Совета (13.03.2024 г., 01.10.2024 г. и 03.12.2024 г.).' }),
      '{not json',
      '',
      line({ id: 'b', text: 'Работа ведется на постоянной основе.' }),
      line({ id: 'c', period: ['2024-12-31', '2024-01-01'], text: 'x' }),
      JSON.stringify({ id: 'd', text: 42 }),
      line({
        id: 'e',
        status: null,
        executors: ['Минсоц', 'Минобр'],
        text: 'Минсоц: проведено 6 приемов, принято 214 обращений.\nМинобр: информация размещена на сайте.',
      }),
    ].join('\n');
    const r = run(input);
    expect(r.status).toBe(1);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', null, 'b', 'c', 'd', 'e']);
    expect(out[0]).toMatchObject({ label: 'substantive', formalExecutors: [], statusConflict: false });
    expect(out[0].evidence[0]).toContain('Проведено 3 заседания');
    expect(out[0].reasons[0]).toMatch(/Есть проверяемые факты/);
    expect(out[1].error).toMatch(/^invalid JSON/);
    expect(out[2]).toEqual({
      id: 'b',
      label: 'formal',
      formalExecutors: [],
      statusConflict: false,
      evidence: [],
      reasons: expect.arrayContaining([
        'В тексте нет ни цифр, ни дат, ни реквизитов документов — отчёт может быть возвращён',
      ]),
    });
    expect(out[3].error).toMatch(/"period" start must not be after end/);
    expect(out[4].error).toMatch(/"text"/);
    expect(out[5]).toMatchObject({ label: 'partial', formalExecutors: ['Минобр'], statusConflict: true });
    expect(r.stderr).toMatch(/line 2: invalid JSON/);
  }, 60_000);

  it('adds offsets and parts with --details, and exits 0 when every line is good', () => {
    const text = 'Приказом министерства от 14.03.2024 № 112-од утвержден порядок.';
    const r = run(line({ id: 'x', text }), '--details');
    expect(r.status).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v.spans[0]).toMatchObject({ kind: 'document' });
    expect(text.slice(v.spans[0].start, v.spans[0].end)).toBe(v.spans[0].text);
    expect(v.conflictReason).toBeNull();
  }, 60_000);

  it('scores the genre fixture the way the shared scorer reads it (ids in order, evidence inside the text)', () => {
    const input = readFileSync('test/fixtures/substance/blind-input.jsonl', 'utf8');
    const r = run(input);
    expect(r.status).toBe(0);
    const ins = input
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const outs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(outs.map((o) => o.id)).toEqual(ins.map((i) => i.id));
    outs.forEach((o, i) => {
      for (const e of o.evidence) expect(ins[i].text).toContain(e);
    });
  }, 60_000);

  it('rejects unknown options', () => {
    const r = run('', '--frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option --frobnicate/);
  }, 60_000);
});
