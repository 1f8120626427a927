import { describe, expect, it } from 'vitest';
import { profiles } from './profile.js';
import { acceptsPrintedRate, acceptsPrintedScore, computeExecution, executionRatio, executionScore } from './rate.js';

const national = profiles.national;

describe('executionRatio', () => {
  it('is exact on printed amounts', () => {
    expect(executionRatio(1155600, 916392.88)).toBe(91639288 / 115560000);
  });
  it('is null for a zero or missing budget', () => {
    expect(executionRatio(0, 0)).toBeNull();
    expect(executionRatio(null, 10)).toBeNull();
    expect(executionRatio(10, null)).toBeNull();
  });
});

describe('computeExecution (rules.md §2.4.1)', () => {
  it.each([
    // budget, executed, display rate (ceiling), score — seed forms
    [845900, 843800, 99.76, 9.98],
    [146400, 118108, 80.68, 8.07],
    [539524, 523824, 97.1, 9.71],
    [387167, 348350, 89.98, 9],
    [1200000, 1199900, 100, 10],
    [150000, 1500000, 1000, 10],
    [470000, 11718, 2.5, 0.25],
    [255000, 112322.02, 44.05, 4.4],
    [396000, 0, 0, 0],
  ])('B=%d E=%d → %d%% and %d', (budget, executed, rate, score) => {
    const x = computeExecution(budget, executed, national);
    expect(x.displayRate).toBe(rate);
    expect(x.score).toBe(score);
  });

  it('scores from the unrounded ratio, not the printed rate', () => {
    // 99.9917% prints as 100.00% (ceiling) but scores 10.00 either way; 44.048…% → 4.40, not 4.41
    const x = computeExecution(255000, 112322.02, national);
    expect(x.score).toBe(4.4);
    expect(x.displayRate).toBe(44.05);
  });

  it('caps the score but not the rate', () => {
    const x = computeExecution(150000, 1500000, national);
    expect(x.overExecuted).toBe(true);
    expect(x.exactRate).toBe(1000);
    expect(x.score).toBe(10);
  });

  it('zero budget: rate 0 and score 0 by default, 100% when spent in Zhejiang', () => {
    expect(computeExecution(0, 0, national)).toMatchObject({ ratio: null, displayRate: 0, score: 0, zeroBudget: true });
    expect(computeExecution(0, 500, profiles.zhejiang)).toMatchObject({ ratio: 1, displayRate: 100, score: 10 });
  });

  it('Hubei: weight 20', () => {
    expect(computeExecution(100, 86.19, profiles.hubei).score).toBe(17.24);
  });

  it('Jiangxi: banded 10 / 7 / 5 / 0', () => {
    const j = profiles.jiangxi;
    expect(executionScore(1, j)).toBe(10);
    expect(executionScore(1.2, j)).toBe(10);
    expect(executionScore(0.9999, j)).toBe(7);
    expect(executionScore(0.8, j)).toBe(7);
    expect(executionScore(0.79, j)).toBe(5);
    expect(executionScore(0.6, j)).toBe(5);
    expect(executionScore(0.59, j)).toBe(0);
  });

  it('Putuo sports centre: 86.19% → 8.62, 45.17% → 4.52', () => {
    expect(executionScore(0.8619, national)).toBe(8.62);
    expect(executionScore(0.4517, national)).toBe(4.52);
  });
});

describe('acceptsPrintedRate / acceptsPrintedScore', () => {
  it('accepts ceiling and half-up display rounding', () => {
    const exact = (523824 / 539524) * 100; // 97.0900…
    expect(acceptsPrintedRate(97.1, exact, national)).toBe(true);
    expect(acceptsPrintedRate(97.09, exact, national)).toBe(true);
    expect(acceptsPrintedRate(100, (1199900 / 1200000) * 100, national)).toBe(true);
  });
  it('rejects a rate more than 0.01 pp off', () => {
    expect(acceptsPrintedRate(97.12, (523824 / 539524) * 100, national)).toBe(false);
    expect(acceptsPrintedRate(100, 90, national)).toBe(false);
  });
  it('accepts a score within 0.005', () => {
    expect(acceptsPrintedScore(9.7, 9.7, national)).toBe(true);
    expect(acceptsPrintedScore(9.71, 9.7, national)).toBe(false);
  });
});
