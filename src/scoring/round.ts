/**
 * Fast path in front of money.roundHalfUp for the hot loops: most scores are already on a
 * 0.01 grid (10, 9.5, 13.5), and those need no toPrecision round trip.
 */
import { ceilTo, roundHalfUp } from '../model/money.js';

/** round_half_up(x, 2), identical to roundHalfUp(x, 2). */
export function round2(x: number): number {
  const s = x * 100;
  const r = Math.round(s);
  // within float noise of the grid: already rounded (no half-way case possible)
  if (s - r < 1e-7 && r - s < 1e-7) return r / 100;
  return roundHalfUp(x, 2);
}

/** ceilTo(x, 2), the Shanghai display rounding of 执行率, with the same fast path. */
export function ceil2(x: number): number {
  const s = x * 100;
  const r = Math.round(s);
  if (s === r) return r / 100;
  // near the grid, or huge: let toPrecision(15) decide what is float noise
  if ((s - r < 1e-7 && r - s < 1e-7) || !(s < 1e6 && s > -1e6)) return ceilTo(x, 2);
  // farther than any toPrecision(15) correction (< 1e-8 here): plain ceiling agrees
  return Math.ceil(s) / 100;
}

/** Integer fen for an amount in yuan (amounts carry at most 2 decimals). */
export function fen(yuan: number): number {
  return Math.round(yuan * 100);
}
