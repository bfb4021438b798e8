/**
 * Every seed, written out as the renderings people bring (legal-database text, web-page
 * copy, pipe rows closed by « |»), reads as the seed itself does: the same kind, approval,
 * period, sections, indicators and items. Runs where the shared seeds are present (CI sets
 * SEEDS_DIR); `npm test` alone skips it. (Issue 18: documents nobody here has seen come in
 * these renderings.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InterchangeDocument } from '../src/domain/importers/interchange';
import { importDocument, readDocument } from '../src/domain/importers/read-document';
import { renderText, type TextRendering } from './fixtures/render-text';

const seedsDir = process.env.SEEDS_DIR;
const ws = (s: unknown) =>
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim();

/** What a reading is scored on (../shared/golden/README.md), whitespace aside. */
function essence(d: InterchangeDocument) {
  return {
    kind: d.kind,
    approvedOn: d.approvedOn,
    period: d.period,
    sections: d.sections.map((s) => `${s.number} ${ws(s.title)}`),
    indicators: d.indicators.map((i) => ({ number: i.number, name: ws(i.name), values: i.values })),
    items: d.items.map((i) => [
      i.number,
      i.section,
      ws(i.title),
      ws(i.executorsText),
      i.executors.map(ws),
      ws(i.deadlineText),
      ws(i.expectedResult),
      ws(i.form),
      ws(i.executionText),
      i.status,
      ws(i.protocolItem),
    ]),
  };
}

const RENDERINGS: TextRendering[] = ['legal-db', 'web-copy', 'pipes-terminated'];

describe.skipIf(!seedsDir)('the seeds in every rendering read as the seeds do', () => {
  const seeds = seedsDir
    ? readdirSync(seedsDir)
        .filter((f) => f.endsWith('.txt'))
        .sort()
    : [];
  for (const seed of seeds) {
    for (const [rendering, wrap] of RENDERINGS.flatMap(
      (r) =>
        [
          [r, 0],
          [r, 45],
        ] as const,
    )) {
      it(`${seed} as ${rendering}${wrap ? `, lines wrapped at ${wrap}` : ''}`, async () => {
        const bytes = readFileSync(join(seedsDir!, seed));
        const original = await importDocument(bytes, seed);
        const rendered = await importDocument(
          new TextEncoder().encode(renderText(await readDocument(bytes, seed), rendering, wrap)),
          seed,
        );
        expect(essence(rendered)).toEqual(essence(original));
      });
    }
  }
});
