/**
 * Four social-services organisations of a fictional region (test/fixtures/nok), scored by
 * 344n-2018 and checked against totals worked out by hand as exact fractions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreRequest } from './request.js';
import { explainShortfalls } from './shortfalls.js';
import { EDITION_344N_2018 } from './editions/index.js';
import type { ScoreInput } from './input.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/nok/severo-ozerskaya-social-2025.json', import.meta.url), 'utf8'),
) as ScoreInput;

function scored() {
  const r = scoreRequest(fixture);
  if (!r.ok) throw new Error(r.issues.map((i) => i.en).join('\n'));
  return Object.fromEntries(r.result.organisations.map((o) => [o.id, o]));
}

describe('nok fixture: Северо-Озёрская область, social services', () => {
  const s = scored();

  it('КЦСОН: everything reported, nothing zero', () => {
    const o = s['kcson-ozerny'];
    // 1.1 = 0.5·(16/18 + 17/18)·100 = 275/3; 1.2 = min(100, 5·30) = 100;
    // 1.3 = 0.5·(118/120 + 86/90)·100 = 0.5·(177/180 + 172/180)·100 = 1745/18
    expect(o.indicators['1.1']).toBeCloseTo(275 / 3, 9);
    expect(o.indicators['1.2']).toBe(100);
    expect(o.indicators['1.3']).toBeCloseTo(1745 / 18, 9);
    // К1 = 0.3·275/3 + 0.3·100 + 0.4·1745/18 = 27.5 + 30 + 698/18 = 1733/18
    expect(o.K['1']).toBeCloseTo(1733 / 18, 9);
    // К2 = 0.3·100 + 0.4·(145/150·100) + 0.3·(146/150·100) = 30 + 116/3 + 87.6/3 = 1468/15
    expect(o.K['2']).toBeCloseTo(1468 / 15, 9);
    // К3 = 0.3·80 + 0.4·60 + 0.3·(20/22·100) = 24 + 24 + 300/11 = 828/11
    expect(o.K['3']).toBeCloseTo(828 / 11, 9);
    // К4 = 0.4·(149/150·100) + 0.4·100 + 0.2·(58/60·100) = 119.2/3 + 40 + 58/3 = 1486/15
    expect(o.K['4']).toBeCloseTo(1486 / 15, 9);
    // К5 = 0.3·96 + 0.2·98 + 0.5·(146/150·100) = 28.8 + 19.6 + 146/3 = 1456/15
    expect(o.K['5']).toBeCloseTo(1456 / 15, 9);
    // total = (1733/18 + 1468/15 + 828/11 + 1486/15 + 1456/15)/5 = (19063 + 58212 + 14904)/198/5 = 92179/990
    expect(o.total).toBeCloseTo(92179 / 990, 9);
  });

  it('дом-интернат: caps reached (six accessibility conditions count as five)', () => {
    const o = s['di-sosnovy-bor'];
    expect(o.indicators['3.2']).toBe(100);
    // К3 = 0.3·100 + 0.4·100 + 0.3·(51/54·100) = 70 + 85/3 = 295/3
    expect(o.K['3']).toBeCloseTo(295 / 3, 9);
    // К1 = 0.3·275/3 + 0.3·90 + 0.4·(0.5·(70/72 + 12/16)·100 = 775/9) = 27.5 + 27 + 310/9 = 1601/18
    expect(o.K['1']).toBeCloseTo(1601 / 18, 9);
    // К2 = 30 + (0.4·8000 + 0.3·7900)/82 = 30 + 2785/41; К4 = 40 + 0.4·8100/82 + 18 = 3998/41; К5 = 3890/41
    // total = (1601/18 + 295/3 + (4015 + 3998 + 3890)/41)/5 = (3371/18 + 11903/41)/5 = 352465/738/5 = 70493/738
    expect(o.total).toBeCloseTo(70493 / 738, 9);
  });

  it('СРЦН: no disabled respondents and nobody used remote channels — 3.3 and 4.3 are 0', () => {
    const o = s['srcn-nadezhda'];
    expect(o.indicators['3.3']).toBe(0);
    expect(o.indicators['4.3']).toBe(0);
    // К1 = 0.3·550/9 + 0.3·60 + 0.4·700/9 = 607/9; К2 = 24 + (400 + 288)/11 = 952/11; К3 = 12 + 16 + 0 = 28;
    // К4 = 0.4·(1080 + 1060)/11 = 856/11; К5 = (270 + 200 + 490)/11 = 960/11
    expect(o.K).toEqual({
      1: expect.closeTo(607 / 9, 9),
      2: expect.closeTo(952 / 11, 9),
      3: expect.closeTo(28, 9),
      4: expect.closeTo(856 / 11, 9),
      5: expect.closeTo(960 / 11, 9),
    });
    // total = (607/9 + 2768/11 + 28)/5 = (6677 + 24912 + 2772)/99/5 = 34361/495
    expect(o.total).toBeCloseTo(34361 / 495, 9);
  });

  it('центр социальной адаптации: an empty site and nobody using it', () => {
    const o = s['csa-severoozersk'];
    // 1.1 = 0.5·(9/18 + 0/18)·100 = 25; 1.3 = 0.5·(22/30 + 0)·100 = 110/3
    expect(o.indicators['1.1']).toBeCloseTo(25, 9);
    expect(o.indicators['1.3']).toBeCloseTo(110 / 3, 9);
    // К1 = 7.5 + 9 + 44/3 = 187/6; К2 = 18 + 100/3 + 20 = 214/3; К3 = 6 + 8 + 18 = 32; К4 = 36 + 112/3 = 220/3; К5 = 18 + 16 + 35 = 69
    // total = (187/6 + 214/3 + 32 + 220/3 + 69)/5 = (1661/6)/5 = 1661/30
    expect(o.total).toBeCloseTo(1661 / 30, 9);
    const worst = explainShortfalls(EDITION_344N_2018, fixture.organisations[3])[0];
    // 3.2 = 20: lost 80 × 0.4 × 0.2 = 6.4, more than 1.3's 63⅓ × 0.4 × 0.2 = 5.07
    expect(worst).toMatchObject({ indicator: '3.2', lostInTotal: expect.closeTo(6.4, 9) });
  });
});
