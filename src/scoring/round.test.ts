import { describe, expect, it } from 'vitest';
import { roundHalfUp } from '../model/money.js';
import { ceilTo } from '../model/money.js';
import { ceil2, fen, round2 } from './round.js';

describe('round2', () => {
  it('equals money.roundHalfUp(x, 2)', () => {
    const xs = [0, 0.005, 0.015, 0.285, 1.005, 2.675, 9.995, 8.625, 4.4048, 6.666666, 10, -1.005, 123456.785];
    for (let i = 0; i < 2000; i++) xs.push(i / 1000, i / 7, (i * 0.1) / 3);
    for (const x of xs) expect(round2(x), String(x)).toBe(roundHalfUp(x, 2));
  });
  it('ceil2 equals money.ceilTo(x, 2)', () => {
    const xs = [0, 97.09002, 99.99166, 44.04785, 1000, 0.1 + 0.2, 2.5, 97.0900000000002, 97.09000000000001, 12.3456e7];
    for (let i = 0; i < 5000; i++) xs.push((i / 997) * 100, (i * 523824) / 539524);
    for (const x of xs) expect(ceil2(x), String(x)).toBe(ceilTo(x, 2));
  });
  it('fen is exact for 2-decimal amounts', () => {
    expect(fen(916392.88)).toBe(91639288);
    expect(fen(0.29)).toBe(29);
  });
});
